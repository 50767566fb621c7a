"""The production topology (bot.runtime.production.ProductionStack) on free ports, for tests/prod.

Run by `make test-prod` (SIGNPOST_PROD_TESTS=1); `make test` skips this folder. Test data is
isolated: a PostgreSQL database of its own (signpost_test_<random>, dropped afterwards) and a Redis
database number other than 0 with a random key prefix.
"""
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

if not os.environ.get("SIGNPOST_PROD_TESTS"):
    collect_ignore_glob = ["test_*.py"]

from bot.runtime.stack import ROOT, free_port  # noqa: E402

REDIS_DB = 7
JWT_SECRET = secrets.token_urlsafe(32)


def pg(dbname="postgres", autocommit=True):
    import psycopg2
    conn = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname=dbname,
                            connect_timeout=5)
    conn.autocommit = autocommit
    return conn


def wait_for_pg(timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            pg().close()
            return True
        except Exception:  # noqa: BLE001
            time.sleep(0.5)
    return False


@pytest.fixture(scope="session")
def pg_db():
    name = f"signpost_test_{secrets.token_hex(4)}"
    conn = pg()
    with conn.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()
    yield name
    wait_for_pg()
    conn = pg()
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


@pytest.fixture(scope="session")
def redis_prefix():
    prefix = f"sptest{secrets.token_hex(4)}"
    yield prefix
    import redis
    try:
        r = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB, socket_timeout=5)
        keys = list(r.scan_iter(f"{prefix}*"))
        if keys:
            r.delete(*keys)
    except redis.RedisError:
        pass


def stack_env(pg_db, redis_prefix, **extra):
    return {
        "SIGNPOST_HTTP_PORT": str(free_port()), "SIGNPOST_INTERNAL_PORT": str(free_port()),
        "SIGNPOST_RASA_PORTS": f"{free_port()},{free_port()}",
        "SIGNPOST_ACTIONS_PORTS": f"{free_port()},{free_port()}",
        "SIGNPOST_WEB_PORTS": f"{free_port()},{free_port()}",
        "SIGNPOST_PG_DB": pg_db, "SIGNPOST_REDIS_DB": str(REDIS_DB),
        "SIGNPOST_REDIS_PREFIX": redis_prefix, "SIGNPOST_RATE_LIMITS": "1",
        "SIGNPOST_RASA_JWT_SECRET": JWT_SECRET, "SIGNPOST_RETENTION_EVERY_HOURS": "0",
        "LOG_LEVEL": "INFO", **extra,
    }


class SupervisedProduction:
    """`make run-prod` itself (python -m bot.runtime.production: the supervisor, nginx, 2 Rasa,
    2 action servers, the web app) as a child process, on free ports. Faults are injected the way
    an operator would: signals to the pids the supervisor reports in its status file."""

    def __init__(self, tmp: Path, env: dict) -> None:
        from bot.runtime.production import ProductionStack
        self.tmp = tmp
        self.env = {**os.environ, **env, "SIGNPOST_RUN_DIR": str(tmp / "run"),
                    "SIGNPOST_LOG_DIR": str(tmp / "logs")}
        self.model = os.environ.get("SIGNPOST_MODEL") or None
        # the same layout the child computes from the same variables: ports and URLs only
        self.layout = ProductionStack(self.model, env=self.env, log_dir=tmp / "logs")
        self.model = self.layout.model
        self.status_file = tmp / "run" / "status.json"
        self.hold_file = tmp / "run" / "hold"
        self.proc = None

    def __getattr__(self, name):          # public_url, rest_url, rasa_ports, rasa_url_of, ...
        return getattr(self.layout, name)

    @property
    def log_dir(self) -> Path:
        return self.tmp / "logs"

    @property
    def run_dir(self) -> Path:
        return Path(self.status()["info"]["nginx_dir"])

    def start(self, timeout: float = 240) -> "SupervisedProduction":
        self.log = open(self.tmp / "supervisor.log", "ab")
        self.proc = subprocess.Popen([sys.executable, "-m", "bot.runtime.production",
                                      "--model", self.model], cwd=ROOT, env=self.env,
                                     stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            assert self.proc.poll() is None, self.supervisor_log()
            st = self.status(missing_ok=True)
            if st and st["processes"] and all(p["state"] == "ready"
                                                for p in st["processes"].values()):
                return self
            time.sleep(0.3)
        raise AssertionError("production profile not ready:\n" + self.supervisor_log())

    def supervisor_log(self) -> str:
        return (self.tmp / "supervisor.log").read_text(errors="replace")[-4000:]

    def status(self, missing_ok: bool = False) -> dict | None:
        try:
            return json.loads(self.status_file.read_text())
        except (OSError, ValueError):
            if missing_ok:
                return None
            raise

    def process(self, name: str) -> dict:
        return self.status()["processes"][name]

    def pid(self, name: str) -> int:
        pid = self.process(name)["pid"]
        assert pid, (name, self.process(name))
        return pid

    def kill(self, name: str, sig: int = signal.SIGKILL) -> float:
        """Signal one process (the supervisor is not told); returns the time it was sent."""
        os.kill(self.pid(name), sig)
        return time.time()

    def wait_ready(self, name: str, timeout: float = 120, after: float = 0.0) -> float:
        """Wait until `name` is ready again (ready_at > after); returns that time."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            p = self.process(name)
            if p["state"] == "ready" and (p["ready_at"] or 0) > after:
                return p["ready_at"]
            time.sleep(0.2)
        raise AssertionError(f"{name} not back: {self.process(name)}\n{self.supervisor_log()}")

    def hold(self, *names: str) -> None:
        """Keep these processes stopped (the supervisor's hold file) until release()."""
        self.hold_file.parent.mkdir(parents=True, exist_ok=True)
        self.hold_file.write_text("\n".join(names) + "\n")
        deadline = time.time() + 30
        while not all(self.process(n)["state"] == "held" for n in names):
            assert time.time() < deadline, self.status()
            time.sleep(0.1)

    def release(self, timeout: float = 120) -> None:
        held = [n for n, p in self.status()["processes"].items() if p["state"] == "held"]
        self.hold_file.write_text("")
        started = time.time() - 1
        for name in held:
            self.wait_ready(name, timeout, after=started)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60) -> int:
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else 0
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        finally:
            if self.proc.poll() is None:
                os.killpg(self.proc.pid, signal.SIGKILL)
            for p in (self.status(missing_ok=True) or {}).get("processes", {}).values():
                if p.get("pid"):                    # never leave a child behind
                    try:
                        os.killpg(p["pid"], signal.SIGKILL)
                    except (ProcessLookupError, PermissionError):
                        pass


@pytest.fixture(scope="session")
def prod(tmp_path_factory, pg_db, redis_prefix):
    prod = SupervisedProduction(tmp_path_factory.mktemp("prod"), stack_env(pg_db, redis_prefix))
    prod.start()
    yield prod
    code = prod.stop()
    status = prod.status()
    for name, p in status["processes"].items():   # nothing left running after a stop
        assert p["state"] == "stopped", (name, p)
    assert code == 0, prod.supervisor_log()


@pytest.fixture()
def events(pg_db):
    """events(sender) -> [(id, type_name, intent_name, action_name, data)] in PostgreSQL."""
    def _events(sender):
        conn = pg(pg_db)
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT id, type_name, intent_name, action_name, data FROM events "
                            "WHERE sender_id = %s ORDER BY id", (sender,))
                return cur.fetchall()
        finally:
            conn.close()
    return _events


