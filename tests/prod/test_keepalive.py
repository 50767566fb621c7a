"""Idle keep-alive: every client gives up an idle connection before the server does, in every
profile, so no request meets a socket the server is closing (a 502 through nginx)."""
import re
import socket
import time

from bot.settings import APP_KEEPALIVE_S, UPSTREAM_KEEPALIVE_S
from tests.prod.client import Resident, routes


def get(sock, path):
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None                       # the server closed the idle connection
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))
    while len(rest) < length:
        rest += sock.recv(65536)
    return int(head.split()[1])


def test_apps_keep_idle_connections_longer_than_clients(prod):
    """Each Sanic process (web, Rasa, actions) still answers on a connection idle for longer
    than Sanic's own 5 s default."""
    targets = {"web": (prod.web_ports[0], "/health"), "rasa": (prod.rasa_ports[0], "/"),
               "actions": (prod.actions_ports[0], "/health")}
    socks = {}
    for name, (port, path) in targets.items():
        socks[name] = socket.create_connection(("127.0.0.1", port), timeout=10)
        assert get(socks[name], path) == 200, name
    time.sleep(7)
    for name, (_port, path) in targets.items():
        assert get(socks[name], path) == 200, f"{name} closed an idle keep-alive connection"
        socks[name].close()


def test_nginx_drops_idle_upstream_connections_first(prod):
    conf = (prod.run_dir / "nginx.conf").read_text()
    pools = re.findall(r"upstream (\w+) \{(.*?)\}", conf, re.S)
    for name, body in pools:
        if "keepalive " in body:
            timeout = re.search(r"keepalive_timeout (\d+)s;", body)
            assert timeout, name
            assert int(timeout.group(1)) == UPSTREAM_KEEPALIVE_S < APP_KEEPALIVE_S, name
    # and through nginx, after the pools have been idle a while, answers are normal
    r = Resident(prod.public_url)
    assert routes(r.say("fly tipping in Calne"))
    time.sleep(7)
    assert routes(r.say("graffiti on the bus shelter in Calne"))
