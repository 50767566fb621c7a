"""Start and stop Signpost's processes: Rasa server, action server, web app.

Used by `make run` (bot.runtime.run), the end-to-end tests and the benchmark, so all three run the very
same commands. Ports and the SQLite file are parameters, so tests never collide with a running
`make run`. The production profile (bot.runtime.production.ProductionStack) extends this class with more
processes behind nginx.

Every profile gets the same guards: Rasa starts through bot.runtime.rasa_server (bounded action timeout,
model checksum in production), and Sanic's 100 MB default body size never applies
(SANIC_REQUEST_MAX_SIZE, per process, see REQUEST_MAX_SIZE).
"""
from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


# Sanic reads SANIC_REQUEST_MAX_SIZE from the environment when an app is created. Rasa only takes
# small JSON messages; the action server receives whole trackers from Rasa (internal only), so it
# gets more room.
REQUEST_MAX_SIZE = {"rasa": 64 * 1024, "actions": 1024 * 1024, "web": 64 * 1024}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _quickstart_endpoint(section: str) -> dict | None:
    """One section of endpoints.yml (what `make run` uses), or None if it is missing or unreadable."""
    try:
        value = (yaml.safe_load((ROOT / "endpoints.yml").read_text()) or {}).get(section)
    except (OSError, yaml.YAMLError, AttributeError):
        return None
    return value if isinstance(value, dict) else None


def quickstart_tracker_store(db: str) -> dict:
    """The tracker store `make run` uses (endpoints.yml), on another SQLite file, so tests and the
    benchmark run the same store class; plain `type: SQL` if endpoints.yml has no SQLite store."""
    store = _quickstart_endpoint("tracker_store")
    if store is None or store.get("dialect") != "sqlite" or not store.get("type"):
        store = {"type": "SQL", "dialect": "sqlite"}
    return {**store, "db": db}


def quickstart_action_endpoint(port: int) -> dict:
    """endpoints.yml's action endpoint (its options, e.g. enable_selective_domain) on `port`."""
    return {**(_quickstart_endpoint("action_endpoint") or {}),
            "url": f"http://127.0.0.1:{port}/webhook"}


def latest_model() -> str:
    models = sorted((ROOT / "models").glob("signpost-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise FileNotFoundError("no trained model in models/: run `make train`")
    return str(models[-1])


class Stack:
    def __init__(self, model: str | None = None, rasa_port: int = 5005,
                 actions_port: int = 5055, web_port: int = 8000,
                 endpoints: dict | None = None, credentials: str = "credentials.yml",
                 tracker_db: str = "var/signpost.db", env: dict | None = None,
                 log_dir: Path | None = None, web: bool = True,
                 cors: list | None = None) -> None:
        self.model = model or latest_model()
        self.rasa_port, self.actions_port, self.web_port = rasa_port, actions_port, web_port
        self.credentials, self.tracker_db, self.web = credentials, tracker_db, web
        self.endpoints = endpoints or {
            "action_endpoint": quickstart_action_endpoint(actions_port),
            "tracker_store": quickstart_tracker_store(tracker_db),
        }
        self.env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3",
                    **(env or {})}
        # One session-signing secret for the web app and Rasa's socket.io channel (bot.channels.sessions).
        if not self.env.get("SIGNPOST_SESSION_SECRET"):
            self.env["SIGNPOST_SESSION_SECRET"] = secrets.token_urlsafe(32)
        self.log_dir = log_dir
        self.cors = cors or [f"http://127.0.0.1:{web_port}", f"http://localhost:{web_port}"]
        self.procs: dict = {}
        self._tmp = tempfile.TemporaryDirectory(prefix="signpost-")

    # -- urls ----------------------------------------------------------------------------------
    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    @property
    def rest_url(self) -> str:
        return f"{self.rasa_url}/webhooks/rest/webhook"

    # -- processes -----------------------------------------------------------------------------
    def commands(self) -> dict:
        endpoints = Path(self._tmp.name) / "endpoints.yml"
        endpoints.write_text(yaml.safe_dump(self.endpoints))
        cmds = {
            "actions": [sys.executable, "-m", "bot.runtime.action_server", "--port", str(self.actions_port)],
            "rasa": [sys.executable, "-m", "bot.runtime.rasa_server", "run", "--model", self.model,
                     "-i", "127.0.0.1",
                     "--port", str(self.rasa_port), "--credentials", self.credentials,
                     "--endpoints", str(endpoints), "--cors", *self.cors],
        }
        if self.web:
            cmds["web"] = [sys.executable, "-m", "bot.web", "--port", str(self.web_port),
                           "--rasa-url", self.rasa_url]
        return cmds

    def start_one(self, name: str) -> None:
        cmd = self.commands()[name]
        out = None
        if self.log_dir:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            out = open(self.log_dir / f"{name}.log", "ab")
        self.procs[name] = subprocess.Popen(cmd, cwd=ROOT, env=self.env_for(name), stdout=out,
                                            stderr=subprocess.STDOUT if out else None,
                                            start_new_session=True)

    def env_for(self, name: str) -> dict:
        """The environment of one process: the stack's, plus its Sanic body-size limit."""
        kind = name.split("-")[0]
        env = dict(self.env)
        if kind in REQUEST_MAX_SIZE:
            env.setdefault("SANIC_REQUEST_MAX_SIZE", str(REQUEST_MAX_SIZE[kind]))
        if kind == "rasa":
            # glibc gives each thread that allocates its own arena; Rasa's thread pools then hold
            # tens of MB of freed memory. Two arenas (measured, README "Speed") keep RSS down.
            env.setdefault("MALLOC_ARENA_MAX", "2")
            # glibc raises its mmap threshold after each large free, so later buffers of messages
            # of every length stay in the heap; a fixed 128 KB keeps them returning to the system
            # (300 distinct real-voice messages: +64 MB instead of +76 MB, README "Speed")
            env.setdefault("MALLOC_MMAP_THRESHOLD_", "131072")
            # the sentence embedding's TensorFlow graph on one thread: throughput, not latency
            env.setdefault("TF_NUM_INTRAOP_THREADS", "1")
            env.setdefault("TF_NUM_INTEROP_THREADS", "1")
        return env

    def prepare(self) -> None:
        """What must exist before any process starts (ProductionStack adds its checks)."""
        (ROOT / "var").mkdir(exist_ok=True)

    def start(self, timeout: float = 180) -> Stack:
        self.prepare()
        for name in self.commands():
            self.start_one(name)
        if not self.wait_ready(timeout):
            self.stop()
            raise RuntimeError("Signpost did not start: see the logs above")
        return self

    def health_urls(self) -> dict:
        urls = {"rasa": f"{self.rasa_url}/", "actions": f"http://127.0.0.1:{self.actions_port}/health"}
        if self.web:
            urls["web"] = f"{self.web_url}/health"
        return urls

    def wait_ready(self, timeout: float = 180, names=None) -> bool:
        deadline = time.time() + timeout
        pending = dict((n, u) for n, u in self.health_urls().items() if not names or n in names)
        watched = [p for n, p in self.procs.items() if not names or n in names]
        while pending and time.time() < deadline:
            if any(p.poll() is not None for p in watched):
                return False
            for name, url in list(pending.items()):
                try:
                    with urllib.request.urlopen(url, timeout=2):
                        pending.pop(name)
                except OSError:
                    pass
            time.sleep(0.2)
        return not pending

    def stop_one(self, name: str, sig: int = signal.SIGTERM, timeout: float = 10) -> None:
        proc = self.procs.get(name)
        if proc is None or proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    def stop(self) -> None:
        for name in list(self.procs):
            self.stop_one(name)

    def __enter__(self) -> Stack:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
        self._tmp.cleanup()


def supervise(stack: Stack, banner, tick=None, status_file=None, hold_file=None) -> int:
    """Run the stack under bot.runtime.supervisor.Supervisor until SIGTERM/SIGINT/SIGHUP: a dead
    process is restarted with back-off while the rest keep serving, and every process is stopped
    however many signals arrive. Used by `make run` and `make run-prod`."""
    from bot.runtime.supervisor import Supervisor
    return Supervisor(stack, banner, tick, status_file=status_file, hold_file=hold_file).run()
