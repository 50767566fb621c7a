"""The production profile: `make run-prod` (python -m bot.production).

    nginx (public :SIGNPOST_HTTP_PORT, internal :SIGNPOST_INTERNAL_PORT)
      ├─ web app ×SIGNPOST_WEB_REPLICAS         (/, /static, /api/*)
      ├─ Rasa ×SIGNPOST_RASA_REPLICAS            (socket.io sticky; social webhooks; REST internal only)
      └─ action server ×SIGNPOST_ACTIONS_REPLICAS (internal only: Rasa's action endpoint)
    PostgreSQL tracker store, Redis lock store (endpoints.prod.yml), retention purge every day.

Everything is configured by environment variables (VARIABLES below, also in the README): the same
names are used by deploy/docker-compose.yml and deploy/k8s. ProductionStack extends bot.stack.Stack,
so tests and the load test start the very same topology on free ports.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Optional

from . import proxy
from .limits import TRUE
from .modelcheck import verify
from .stack import ROOT, Stack, latest_model, supervise

# name: (default, meaning). Defaults are for this machine; deploy/ sets its own.
VARIABLES = {
    "SIGNPOST_MODEL": ("newest models/signpost-*.tar.gz", "model to serve; must be in models/ with "
                       "a matching .sha256 written by `make train`"),
    "SIGNPOST_HTTP_HOST": ("127.0.0.1", "public listen address of nginx (0.0.0.0 behind a TLS "
                           "terminator / load balancer)"),
    "SIGNPOST_HTTP_PORT": ("8080", "public port of nginx"),
    "SIGNPOST_INTERNAL_PORT": ("8081", "loopback-only nginx port: web app -> Rasa REST, Rasa -> "
                               "action servers"),
    "SIGNPOST_PORT_BASE": ("15000", "first of the loopback ports of the processes behind nginx "
                           "(Rasa base+5+i, actions base+55+i, web base+80+i)"),
    "SIGNPOST_RASA_REPLICAS": ("2", "Rasa server processes"),
    "SIGNPOST_ACTIONS_REPLICAS": ("2", "action server processes"),
    "SIGNPOST_WEB_REPLICAS": ("1", "web app processes"),
    "SIGNPOST_PG_HOST": ("127.0.0.1", "PostgreSQL host (tracker store)"),
    "SIGNPOST_PG_PORT": ("5432", "PostgreSQL port"),
    "SIGNPOST_PG_DB": ("signpost", "PostgreSQL database; created at start if missing"),
    "SIGNPOST_PG_USER": ("postgres", "PostgreSQL user"),
    "SIGNPOST_PG_PASSWORD": ("", "PostgreSQL password"),
    "SIGNPOST_REDIS_HOST": ("127.0.0.1", "Redis host (lock store)"),
    "SIGNPOST_REDIS_PORT": ("6379", "Redis port"),
    "SIGNPOST_REDIS_DB": ("1", "Redis database number"),
    "SIGNPOST_REDIS_PASSWORD": ("", "Redis password"),
    "SIGNPOST_REDIS_PREFIX": ("signpost", "prefix of Signpost's lock keys (letters and digits)"),
    "SIGNPOST_ACTION_URL": ("http://127.0.0.1:$SIGNPOST_INTERNAL_PORT/webhook",
                            "Rasa's action endpoint (set by run-prod; a Service URL in Kubernetes)"),
    "SIGNPOST_ACTION_TIMEOUT": ("4", "seconds before an action call gives up (Rasa's default: 300)"),
    "SIGNPOST_RATE_LIMITS": ("1", "per-IP (nginx) and per-sender (bot.limits) rate limits; `make "
                             "run` leaves them off"),
    "SIGNPOST_SENDER_PER_MINUTE": ("20", "messages per minute per conversation, sustained"),
    "SIGNPOST_SENDER_BURST": ("8", "messages a conversation may send at once"),
    "SIGNPOST_IP_RATE": ("10r/s", "nginx requests per second per client address"),
    "SIGNPOST_IP_BURST": ("40", "nginx burst per client address before 429"),
    "SIGNPOST_RASA_JWT_SECRET": ("(unset)", "if set, Rasa's HTTP API is enabled on the loopback "
                                 "ports only, and every call needs a JWT signed with it"),
    "SIGNPOST_HSTS": ("1", "send Strict-Transport-Security from the web app (serve over HTTPS)"),
    "SIGNPOST_RETENTION_DAYS": ("30", "conversations older than this are purged"),
    "SIGNPOST_RETENTION_EVERY_HOURS": ("24", "how often run-prod purges (0: never; use the cron "
                                       "line, systemd timer or Kubernetes CronJob instead)"),
    "SIGNPOST_LOG_DIR": ("var/log/prod", "one log file per process, and nginx's access log "
                         "(method, path, status, timing: no bodies, no query strings) and error log"),
    "SIGNPOST_SESSION_SECRET": ("(random per start)", "signs chat session tokens (the web app issues "
                                "them, Rasa's socket.io channel checks them); set 32+ characters so "
                                "sessions survive a restart"),
    "SQL_POOL_SIZE": ("50", "Rasa's PostgreSQL connection pool per process (Rasa's own variable)"),
    "SQL_MAX_OVERFLOW": ("100", "Rasa's extra PostgreSQL connections per process"),
    "SANIC_REQUEST_MAX_SIZE": ("65536 (Rasa, web), 1048576 (actions)",
                               "largest request body a Sanic process accepts"),
}


def setting(name: str, env: Optional[dict] = None) -> str:
    env = os.environ if env is None else env
    default = VARIABLES[name][0]
    return env.get(name) or ("" if default.startswith("(") else default)


class ProductionStack(Stack):
    """Several Rasa and action servers and the web app behind nginx, on PostgreSQL and Redis."""

    def __init__(self, model: Optional[str] = None, env: Optional[dict] = None,
                 log_dir: Optional[Path] = None, run_dir: Optional[Path] = None) -> None:
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
        }
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
            action_timeout=float(cfg["SIGNPOST_ACTION_TIMEOUT"]))
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
            cmd = [sys.executable, "-m", "bot.rasa_server", "run", "--model", self.model,
                   "-i", "127.0.0.1", "--port", str(port), "--credentials", self.credentials,
                   "--endpoints", str(ROOT / "endpoints.prod.yml"), "--cors", *self.cors]
            if self.jwt_secret:
                cmd += ["--enable-api", "--jwt-secret", self.jwt_secret, "--jwt-method", "HS256"]
            cmds[f"rasa-{i}"] = cmd
        for i, port in enumerate(self.actions_ports, 1):
            cmds[f"actions-{i}"] = [sys.executable, "-m", "bot.action_server", "--port", str(port)]
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

    def prepare(self) -> None:
        """Checks that must pass before anything starts: model checksum, nginx config, database."""
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

    def start(self, timeout: float = 240) -> "ProductionStack":
        self.prepare()
        return super().start(timeout)


def pg_connect(env: dict, db: Optional[str] = None):
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
    from . import retention
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

    return supervise(stack, lambda seconds: (
        f"\nSignpost (production profile) is up in {seconds:.0f} s:\n"
        f"  public     {stack.public_url}/   (chat page, /api/*, /socket.io/, social webhooks)\n"
        f"  internal   {stack.internal_url}   (REST channel, action endpoint; loopback only)\n"
        f"  processes  {', '.join(stack.procs)}\n  logs       {stack.log_dir}\n"
        "Ctrl-C stops everything.\n"), tick=purge_when_due)

if __name__ == "__main__":
    sys.exit(main())
