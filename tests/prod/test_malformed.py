"""Malformed HTTP on every public path of `make run-prod`: a 4xx (where HTTP itself asks for
another code: 501 for a transfer coding nobody implements, RFC 9112 §6.1, and 505 for an HTTP
major version nobody speaks, RFC 9110 §15.6.6), no traceback in any log, and no healthy server
taken out of nginx's rotation by it (bot/web/sanic_guards.py, the web app's /socket.io/ check)."""
import socket
import time
from pathlib import Path

import pytest

from tests.prod.client import Resident, new_ip, routes

PATHS = ["/", "/api/chat", "/api/session", "/socket.io/", "/static/chat.css", "/embed.js",
         "/privacy", "/insights", "/webhooks/telegram/webhook", "/webhooks/facebook/webhook",
         "/webhooks/twilio/webhook"]


def raw(port: int, data: bytes, source: str) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10,
                                  source_address=(source, 0)) as s:
        s.sendall(data)
        out = b""
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                out += chunk
        except TimeoutError:
            pass
    return out


def malformed(path: str) -> dict:
    p = path.encode()
    end = b"Host: signpost.example\r\nConnection: close\r\n\r\n"
    return {
        "invalid utf-8 in path": b"GET " + p + b"\xff\xfe HTTP/1.1\r\n" + end,
        "truncated utf-8 in path": b"GET " + p + b"\xc3( HTTP/1.1\r\n" + end,
        "percent-encoded invalid utf-8": b"GET " + p + b"%ff%c3%28 HTTP/1.1\r\n" + end,
        "invalid utf-8 in query": b"GET " + p + b"?q=\xff\xfe HTTP/1.1\r\n" + end,
        "socket.io without upgrade": b"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n" + end,
        "socket.io polling": b"GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\n" + end,
        "websocket upgrade without key": (b"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                                          b"Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                          b"Host: signpost.example\r\n\r\n"),
        "two content lengths": (b"POST " + p + b" HTTP/1.1\r\nContent-Length: 5\r\n"
                                b"Content-Length: 6\r\n" + end + b"hello"),
        "unknown transfer coding": (b"POST " + p + b" HTTP/1.1\r\nTransfer-Encoding: gzip\r\n"
                                    + end),
        "bad chunk": (b"POST " + p + b" HTTP/1.1\r\nTransfer-Encoding: chunked\r\n"
                      b"Content-Type: application/json\r\n" + end + b"zz\r\nhello\r\n0\r\n\r\n"),
        "unknown method": b"BREW " + p + b" HTTP/1.1\r\n" + end,
        "no host": b"GET " + p + b" HTTP/1.1\r\nConnection: close\r\n\r\n",
        "bad version": b"GET " + p + b" HTTP/7.3\r\n" + end,
        "space in header name": b"GET " + p + b" HTTP/1.1\r\nX Bad: 1\r\n" + end,
        "nul in path": b"GET " + p + b"\x00 HTTP/1.1\r\n" + end,
    }


HTTP_ASKS = {(501, "unknown transfer coding"), (505, "bad version")}


def status_of(answer: bytes) -> int:
    return int(answer.split(b"\r\n", 1)[0].split()[1])


def tracebacks(log_dir: Path) -> int:
    return sum(f.read_text(errors="replace").count("Traceback") for f in Path(log_dir).glob("*.log"))


@pytest.mark.parametrize("path", PATHS)
def test_malformed_requests_get_a_4xx_and_no_traceback(prod, path):
    before = tracebacks(prod.log_dir)
    seen = {}
    for name, data in malformed(path).items():
        answer = raw(prod.public_port, data, new_ip())
        status_line = answer.split(b"\r\n", 1)[0]
        assert status_line.startswith(b"HTTP/1.1 "), (name, answer[:200])
        status = int(status_line.split()[1])
        seen[name] = status
        assert 400 <= status < 500 or (status, name) in HTTP_ASKS, (path, name, status,
                                                                   answer[:300])
        assert b"Traceback" not in answer and b"sanic" not in answer.lower()
    # Bytes outside ASCII in a header value (obs-text) are legal: the same answer as without
    clean = b"GET " + path.encode() + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
    assert status_of(raw(prod.public_port, clean + b"X-Note: \xff\xfe\r\n\r\n", new_ip())) \
        == status_of(raw(prod.public_port, clean + b"\r\n", new_ip()))
    # HTTP/0.9 has no status line at all (nginx still speaks it): no internals in the body
    answer = raw(prod.public_port, b"GET " + path.encode() + b"\r\n", new_ip())
    assert b"Traceback" not in answer and b"sanic" not in answer.lower()
    time.sleep(0.5)                                  # let the processes write their logs
    assert tracebacks(prod.log_dir) == before, seen
    # and every server is still in rotation: ordinary conversations go on at once
    for _ in range(4):
        r = Resident(prod.public_url)
        assert routes(r.say("fly tipping in Calne"))
