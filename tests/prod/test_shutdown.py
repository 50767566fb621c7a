"""Stopping completes whatever signals arrive: `make run` and `make run-prod` get two SIGTERMs
0.3 s apart (an operator pressing Ctrl-C twice, make passing a signal on, a service manager
escalating) and nothing is left running or holding a port."""
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.runtime.stack import ROOT, free_port, latest_model
from tests.prod.conftest import SupervisedProduction, stack_env


def descendants(pid: int) -> set:
    """Every process below `pid` (children of children too), from /proc."""
    found, todo = set(), [pid]
    while todo:
        p = todo.pop()
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                kids = (task / "children").read_text().split()
            except OSError:
                continue
            for k in map(int, kids):
                if k not in found:
                    found.add(k)
                    todo.append(k)
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:    # a zombie is dead
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_listening(ports, proc, timeout=240):
    deadline = time.time() + timeout
    while not all(listening(p) for p in ports):
        assert proc.poll() is None and time.time() < deadline, "did not start"
        time.sleep(0.5)


@pytest.mark.parametrize("signals", [(signal.SIGTERM, signal.SIGTERM),
                                     (signal.SIGINT, signal.SIGTERM)], ids=["term-term", "int-term"])
def test_make_run_stops_completely_on_two_signals(tmp_path, signals):
    ports = [free_port(), free_port(), free_port()]
    proc = subprocess.Popen([sys.executable, "-m", "bot.runtime.run", "--model",
                             os.environ.get("SIGNPOST_MODEL") or latest_model(),
                             "--rasa-port", str(ports[0]), "--actions-port", str(ports[1]),
                             "--web-port", str(ports[2])], cwd=ROOT,
                            stdout=open(tmp_path / "run.log", "wb"), stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        wait_listening(ports, proc)
        time.sleep(1)
        children = descendants(proc.pid)
        assert len(children) >= 3
        os.killpg(proc.pid, signals[0])          # what make does: the whole process group
        time.sleep(0.3)
        os.killpg(proc.pid, signals[1])
        assert proc.wait(40) == 0
        deadline = time.time() + 5
        while any(alive(c) for c in children) and time.time() < deadline:
            time.sleep(0.1)
        assert not [c for c in children if alive(c)], (tmp_path / "run.log").read_text()[-2000:]
        assert not [p for p in ports if listening(p)]
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)


def test_run_prod_stops_completely_on_two_sigterms(tmp_path, pg_db, redis_prefix):
    prod = SupervisedProduction(tmp_path, stack_env(pg_db, redis_prefix))
    prod.start()
    try:
        pids = [p["pid"] for p in prod.status()["processes"].values()]
        everything = set(pids) | {d for p in pids for d in descendants(p)}
        ports = [prod.public_port, prod.internal_port, *prod.rasa_ports, *prod.actions_ports,
                 *prod.web_ports]
        prod.proc.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        prod.proc.send_signal(signal.SIGTERM)
        assert prod.proc.wait(40) == 0
        deadline = time.time() + 5
        while any(alive(p) for p in everything) and time.time() < deadline:
            time.sleep(0.1)
        assert not [p for p in everything if alive(p)], prod.supervisor_log()
        assert not [p for p in ports if listening(p)]
        assert {p["state"] for p in prod.status()["processes"].values()} == {"stopped"}
    finally:
        prod.stop(signal.SIGKILL)
