"""The production profile: `make run-prod` (python -m bot.runtime.production).

    nginx (public :SIGNPOST_HTTP_PORT, internal :SIGNPOST_INTERNAL_PORT)
      ├─ web app ×SIGNPOST_WEB_REPLICAS         (/, /static, /api/*)
      ├─ Rasa ×SIGNPOST_RASA_REPLICAS            (socket.io sticky; social webhooks; REST internal only)
      └─ action server ×SIGNPOST_ACTIONS_REPLICAS (internal only: Rasa's action endpoint)
    PostgreSQL tracker store, Redis lock store (endpoints.prod.yml), retention purge every day.

Everything is configured by environment variables (VARIABLES below, also in the README): the same
names are used by deploy/docker-compose.yml and deploy/k8s. ProductionStack extends bot.runtime.stack.Stack,
so tests and the load test start the very same topology on free ports.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Literal, overload
from urllib.parse import quote

from bot.runtime import proxy
from bot.runtime.modelcheck import verify
from bot.runtime.stack import ROOT, Stack, latest_model, supervise
from bot.settings import TRUE, VARIABLES, setting


def analytics_url(cfg: dict) -> str:
    """postgresql://user@host:port/db of the tracker store's settings (no password)."""
    user = quote(cfg["SIGNPOST_PG_USER"], safe="")
    return (f"postgresql://{user}@{cfg['SIGNPOST_PG_HOST']}:{cfg['SIGNPOST_PG_PORT']}/"
            f"{quote(cfg['SIGNPOST_PG_DB'], safe='')}")


class ProductionStack(Stack):
    """Several Rasa and action servers and the web app behind nginx, on PostgreSQL and Redis."""

    log_dir: Path   # always set here (SIGNPOST_LOG_DIR by default); a plain Stack may have none

    def __init__(self, model: str | None = None, env: dict | None = None,
                 log_dir: Path | None = None, run_dir: Path | None = None) -> None:
        base = {**os.environ, **(env or {})}
        cfg = {name: setting(name, base) for name in VARIABLES if not name.startswith(("SANIC",))}
        self.public_host = cfg["SIGNPOST_HTTP_HOST"]
        self.public_port = int(cfg["SIGNPOST_HTTP_PORT"])
        self.internal_port = int(cfg["SIGNPOST_INTERNAL_PORT"])
        port_base = int(cfg["SIGNPOST_PORT_BASE"])
        self.rasa_ports = [port_base + 5 + i for i in range(int(cfg["SIGNPOST_RASA_REPLICAS"]))]
        self.actions_ports = [port_base + 55 + i
                              for i in range(int(cfg["SIGNPOST_ACTIONS_REPLICAS"]))]
        self.web_ports = [port_base + 80 + i for i in range(int(cfg["SIGNPOST_WEB_REPLICAS"]))]
        if base.get("SIGNPOST_RASA_PORTS"):  # tests: explicit free ports
            self.rasa_ports = [int(p) for p in base["SIGNPOST_RASA_PORTS"].split(",")]
            self.actions_ports = [int(p) for p in base["SIGNPOST_ACTIONS_PORTS"].split(",")]
            self.web_ports = [int(p) for p in base["SIGNPOST_WEB_PORTS"].split(",")]
        internal = f"http://127.0.0.1:{self.internal_port}"
        child_env = {
            **{k: v for k, v in cfg.items() if k != "SIGNPOST_MODEL"},
            "SIGNPOST_ACTION_URL": base.get("SIGNPOST_ACTION_URL") or f"{internal}/webhook",
            "SIGNPOST_REQUIRE_MODEL_CHECKSUM": "1",
            "SIGNPOST_ENV": "production",
            "SQL_POOL_SIZE": cfg["SQL_POOL_SIZE"], "SQL_MAX_OVERFLOW": cfg["SQL_MAX_OVERFLOW"],
            # Anonymous outcomes go to the conversations' PostgreSQL, as in deploy/: libpq
            # takes the password from PGPASSWORD, so it is never part of a URL or a log line.
            "SIGNPOST_ANALYTICS_URL": base.get("SIGNPOST_ANALYTICS_URL") or analytics_url(cfg),
        }
        if cfg["SIGNPOST_PG_PASSWORD"]:
            child_env["PGPASSWORD"] = cfg["SIGNPOST_PG_PASSWORD"]
        log_dir = log_dir or (ROOT / cfg["SIGNPOST_LOG_DIR"])
        super().__init__(model or base.get("SIGNPOST_MODEL") or None,
                         rasa_port=self.rasa_ports[0], actions_port=self.actions_ports[0],
                         web_port=self.web_ports[0], env={**(env or {}), **child_env},
                         log_dir=log_dir, web=True,
                         cors=[f"http://{self.public_host}:{self.public_port}"])
        self.cfg = cfg
        self.jwt_secret = cfg["SIGNPOST_RASA_JWT_SECRET"]
        self.run_dir = Path(run_dir or self._tmp.name) / "nginx"
        self.proxy = proxy.ProxyConfig(
            listen=f"{self.public_host}:{self.public_port}",
            internal_listen=f"127.0.0.1:{self.internal_port}",
            rasa=[f"127.0.0.1:{p}" for p in self.rasa_ports],
            actions=[f"127.0.0.1:{p}" for p in self.actions_ports],
            web=[f"127.0.0.1:{p}" for p in self.web_ports],
            prefix=str(self.run_dir), errors_dir=str(self.run_dir / "errors"),
            log_dir=str(self.log_dir),
            rate_limits=cfg["SIGNPOST_RATE_LIMITS"].strip().lower() in TRUE,
            ip_rate=cfg["SIGNPOST_IP_RATE"], ip_burst=int(cfg["SIGNPOST_IP_BURST"]),
            max_inflight=int(cfg["SIGNPOST_MAX_INFLIGHT"]),
            action_timeout=float(cfg["SIGNPOST_ACTION_TIMEOUT"]),
            real_ip_from=proxy.parse_cidrs(cfg["SIGNPOST_REAL_IP_FROM"]),
            real_ip_header=cfg["SIGNPOST_REAL_IP_HEADER"])
        self.env["SIGNPOST_RATE_LIMITS"] = "1" if self.proxy.rate_limits else "0"

    # -- urls ----------------------------------------------------------------------------------
    @property
    def public_url(self) -> str:
        return f"http://{self.public_host}:{self.public_port}"

    @property
    def internal_url(self) -> str:
        return f"http://127.0.0.1:{self.internal_port}"

    @property
    def rest_url(self) -> str:  # the internal REST channel, through nginx
        return f"{self.internal_url}/webhooks/rest/webhook"

    def rasa_url_of(self, i: int) -> str:
        return f"http://127.0.0.1:{self.rasa_ports[i]}"

    # -- processes -----------------------------------------------------------------------------
    def commands(self) -> dict:
        cmds = {}
        for i, port in enumerate(self.rasa_ports, 1):
            cmd = [sys.executable, "-m", "bot.runtime.rasa_server", "run", "--model", self.model,
                   "-i", "127.0.0.1", "--port", str(port), "--credentials", self.credentials,
                   "--endpoints", str(ROOT / "endpoints.prod.yml"), "--cors", *self.cors]
            if self.jwt_secret:
                cmd += ["--enable-api", "--jwt-secret", self.jwt_secret, "--jwt-method", "HS256"]
            cmds[f"rasa-{i}"] = cmd
        for i, port in enumerate(self.actions_ports, 1):
            cmds[f"actions-{i}"] = [sys.executable, "-m", "bot.runtime.action_server", "--port", str(port)]
        for i, port in enumerate(self.web_ports, 1):
            cmds[f"web-{i}"] = [sys.executable, "-m", "bot.web", "--port", str(port),
                                "--rasa-url", self.internal_url]
        cmds["nginx"] = proxy.command(self.run_dir / "nginx.conf", self.run_dir, self.log_dir)
        return cmds

    def health_urls(self) -> dict:
        urls = {f"rasa-{i}": f"http://127.0.0.1:{p}/" for i, p in enumerate(self.rasa_ports, 1)}
        urls.update({f"actions-{i}": f"http://127.0.0.1:{p}/health"
                     for i, p in enumerate(self.actions_ports, 1)})
        urls.update({f"web-{i}": f"http://127.0.0.1:{p}/health"
                     for i, p in enumerate(self.web_ports, 1)})
        urls["nginx"] = f"{self.internal_url}/nginx-health"
        return urls

    def describe(self) -> dict:
        """Where things are, for the supervisor's status file."""
        return {"public_url": self.public_url, "internal_url": self.internal_url,
                "nginx_dir": str(self.run_dir), "log_dir": str(self.log_dir)}

    def prepare(self) -> None:
        """Checks that must pass before anything starts: model checksum, nginx config, database."""
        super().prepare()
        verify(self.model)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        # nginx workers run as `nobody` when started by root: they must reach the error pages.
        os.chmod(self.run_dir, 0o755)
        if Path(self._tmp.name) in self.run_dir.parents:
            os.chmod(self._tmp.name, 0o755)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        conf = self.proxy.write(self.run_dir)
        proxy.check_config(conf, self.run_dir)
        ensure_database(self.env)

    def start(self, timeout: float = 240) -> ProductionStack:
        super().start(timeout)
        return self


class SupervisedProduction:
    """`make run-prod` itself (python -m bot.runtime.production: the supervisor, nginx, 2 Rasa,
    2 action servers, 2 web apps) as a child process, configured by `env` (ports, databases), with
    its run and log folders under `tmp`. Used by tests/prod and the load test (`make load-prod`),
    so both exercise exactly what `make run-prod` runs. Faults are injected as an operator would:
    signals to the pids the supervisor reports in its status file."""

    def __init__(self, tmp: Path, env: dict) -> None:
        from bot.runtime.production import ProductionStack
        self.tmp = tmp
        self.env = {**os.environ, **env, "SIGNPOST_RUN_DIR": str(tmp / "run"),
                    "SIGNPOST_LOG_DIR": str(tmp / "logs")}
        model = os.environ.get("SIGNPOST_MODEL") or None
        # the same layout the child computes from the same variables: ports and URLs only
        self.layout = ProductionStack(model, env=self.env, log_dir=tmp / "logs")
        self.model = self.layout.model
        self.status_file = tmp / "run" / "status.json"
        self.hold_file = tmp / "run" / "hold"
        self.proc: subprocess.Popen | None = None

    def __getattr__(self, name):          # public_url, rest_url, rasa_ports, rasa_url_of, ...
        return getattr(self.layout, name)

    @property
    def log_dir(self) -> Path:
        return self.tmp / "logs"

    @property
    def run_dir(self) -> Path:
        return Path(self.status()["info"]["nginx_dir"])

    def start(self, timeout: float = 240) -> SupervisedProduction:
        self.log = open(self.tmp / "supervisor.log", "ab")
        self.proc = proc = subprocess.Popen([sys.executable, "-m", "bot.runtime.production",
                                             "--model", self.model], cwd=ROOT, env=self.env,
                                            stdout=self.log, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(self.supervisor_log())
            st = self.status(missing_ok=True)
            if st and st["processes"] and all(p["state"] == "ready"
                                                for p in st["processes"].values()):
                return self
            time.sleep(0.3)
        raise RuntimeError("production profile not ready:\n" + self.supervisor_log())

    def supervisor_log(self) -> str:
        return (self.tmp / "supervisor.log").read_text(errors="replace")[-4000:]

    @overload
    def status(self, missing_ok: Literal[False] = False) -> dict: ...
    @overload
    def status(self, missing_ok: bool) -> dict | None: ...

    def status(self, missing_ok: bool = False) -> dict | None:
        """The supervisor's status file; None if it is missing or unreadable and missing_ok."""
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
        if not pid:
            raise LookupError(f"{name} is not running: {self.process(name)}")
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
        raise TimeoutError(f"{name} not back: {self.process(name)}\n{self.supervisor_log()}")

    def hold(self, *names: str) -> None:
        """Keep these processes stopped (the supervisor's hold file) until release()."""
        self.hold_file.parent.mkdir(parents=True, exist_ok=True)
        self.hold_file.write_text("\n".join(names) + "\n")
        deadline = time.time() + 30
        while not all(self.process(n)["state"] == "held" for n in names):
            if time.time() > deadline:
                raise TimeoutError(str(self.status()))
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


def pg_connect(env: dict, db: str | None = None):
    import psycopg2
    return psycopg2.connect(host=setting("SIGNPOST_PG_HOST", env),
                            port=int(setting("SIGNPOST_PG_PORT", env)),
                            user=setting("SIGNPOST_PG_USER", env),
                            password=setting("SIGNPOST_PG_PASSWORD", env) or None,
                            dbname=db or setting("SIGNPOST_PG_DB", env), connect_timeout=5)


def ensure_database(env: dict) -> None:
    """Create the tracker database if it is missing (several Rasa processes racing to create it
    would fail), and its `events` table is then created by Rasa itself."""
    name = setting("SIGNPOST_PG_DB", env)
    try:
        pg_connect(env).close()
        return
    except Exception:  # noqa: BLE001 - missing database; any other problem shows up just below
        pass
    conn = pg_connect(env, db="postgres")
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            if not cur.fetchone():
                from psycopg2 import sql
                cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        conn.close()


def describe() -> str:
    width = max(map(len, VARIABLES))
    return "\n".join(f"  {name:<{width}}  {default!s:<14} {meaning}"
                     for name, (default, meaning) in VARIABLES.items())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter,
                                     epilog="Environment variables:\n" + describe())
    parser.add_argument("--model", default=None)
    parser.add_argument("--check", action="store_true",
                        help="verify the model and the nginx config, then exit")
    args = parser.parse_args(argv)
    stack = ProductionStack(args.model or os.environ.get("SIGNPOST_MODEL") or latest_model())
    if args.check:
        stack.prepare()
        print(f"ok: model {Path(stack.model).name} verified, nginx config valid")
        return 0
    from bot.privacy import retention
    every = float(stack.cfg["SIGNPOST_RETENTION_EVERY_HOURS"]) * 3600
    next_purge = [time.time() + 5 if every > 0 else float("inf")]

    def purge_when_due() -> None:
        if time.time() < next_purge[0]:
            return
        try:
            n = retention.purge_from_env(stack.env)
            print(f"retention: purged {n} events older than "
                  f"{stack.cfg['SIGNPOST_RETENTION_DAYS']} days", flush=True)
        except Exception as exc:  # noqa: BLE001 - retry at the next interval
            print(f"retention: purge failed ({type(exc).__name__}); will retry",
                  file=sys.stderr, flush=True)
        next_purge[0] = time.time() + every

    run_dir = ROOT / stack.cfg["SIGNPOST_RUN_DIR"]
    return supervise(stack, lambda seconds: (
        f"\nSignpost (production profile) is up in {seconds:.0f} s:\n"
        f"  public     {stack.public_url}/   (chat page, /api/*, /socket.io/, social webhooks)\n"
        f"  internal   {stack.internal_url}   (REST channel, action endpoint; loopback only)\n"
        f"  processes  {', '.join(stack.procs)}\n  logs       {stack.log_dir}\n"
        f"  status     {run_dir / 'status.json'}\n"
        "A process that dies is restarted; Ctrl-C stops everything.\n"), tick=purge_when_due,
        status_file=run_dir / "status.json", hold_file=run_dir / "hold")

if __name__ == "__main__":
    sys.exit(main())
