"""nginx in front of Signpost: the one public door, rendered from a template.

Used by the production profile (bot.runtime.production, `make run-prod`, tests/prod) with a generated config
in a temporary folder and nginx as a child process, and by deploy/ (docker-compose, Kubernetes),
whose nginx.conf is rendered from the same function (tests check it is up to date).

Public server (SIGNPOST_HTTP_PORT):
  /                  -> web app (chat page, /static, /embed.js, /api/session, /api/chat)
  /socket.io/        -> web app's socket.io relay, sticky by client address (ip_hash)
  /webhooks/<social>/webhook -> Rasa (Messenger, Telegram, Twilio: each checks its own signature)
  /webhooks/* other  -> 404: the REST channel trusts the sender id it is given, so it stays internal
  anything of Rasa's HTTP API (/status, /model, /conversations/...) is never routed.
Internal server (loopback or cluster network only):
  /webhooks/rest/    -> Rasa, least connections (state is in PostgreSQL, locks in Redis): web app
  /socket.io/        -> Rasa's socket.io channel (the web app's relay), least connections. The relay
                        is websocket-only, so a socket.io session is one connection to one Rasa.
  /webhook           -> action servers: Rasa's action endpoint, retried once on another server
Behind a load balancer every request comes from the balancer's address, so per-IP limits would put
every resident in one bucket: real_ip_from (SIGNPOST_REAL_IP_FROM; deploy/: real_ip.conf) names the
balancer's addresses, and nginx then takes the client address from real_ip_header
(SIGNPOST_REAL_IP_HEADER, default X-Forwarded-For), skipping trusted hops (real_ip_recursive).
Limits: per-IP request rate (limit_req -> 429 + Retry-After) and connections when rate limits are on;
64 KB bodies (413 before anything reaches Sanic); short timeouts; no version in the Server header;
every error is a short JSON answer that points to 999/101, never an nginx page or a stack trace.

Load shedding: at most `max_inflight` chat turns (public /api/chat and the social webhooks) are
inside the stack at once; the next one is answered at once with 503, `Retry-After` and the same
polite JSON (limit_conn on one shared counter), so latency stays bounded and no request waits
until a timeout or finds nginx out of connections. The figure comes from measurement
(reports/load_prod.md): capacity x the latency we accept. worker_connections is sized far above
what max_inflight and idle keep-alive clients can use (each turn holds up to four nginx
connections: client, web app, web app -> internal, internal -> Rasa).

Keep-alive: nginx drops an idle upstream connection after UPSTREAM_KEEPALIVE_S, well before the
Sanic apps do (bot.settings.APP_KEEPALIVE_S), so nginx never reuses a connection the app is
closing (which would be a 502).
"""
from __future__ import annotations

import ipaddress
import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from bot.settings import UPSTREAM_KEEPALIVE_S

DEFAULT_WEBHOOKS = ("facebook", "messenger", "telegram", "twilio", "whatsapp",
                    "twilio_sms", "twilio_whatsapp")
SORRY = ("Sorry, Signpost is busy or unavailable right now: please try again in a moment. If anyone "
         "is in danger or a crime is happening, call 999. Otherwise call Wiltshire Police on 101, "
         "or see https://www.wiltshire.police.uk")
ERRORS = {
    400: "Sorry, I couldn't read that request.",
    404: "Not found.",
    405: "Not allowed.",
    408: "The request took too long to arrive. Please try again.",
    413: "That message is too large. Please send a shorter message.",
    414: "That address is too long.",
    429: ("You're sending messages faster than I can answer. Please wait a moment and try again. "
          "If anyone is in danger, call 999 now."),
    431: "Request headers too large.",
    500: SORRY, 502: SORRY, 503: SORRY, 504: SORRY,
}
RETRY_AFTER = 2
HEADER_NAME = re.compile(r"^[A-Za-z0-9-]{1,64}$")


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx")
                                          if Path(p).is_file()), None)


@dataclass
class ProxyConfig:
    listen: str                      # public: "127.0.0.1:8080" or "80"
    internal_listen: str             # internal: "127.0.0.1:8081" (never published)
    rasa: list                       # ["127.0.0.1:5005", ...] or ["rasa-1:5005", ...]
    actions: list
    web: list
    prefix: str                      # pid, logs, temp folders
    errors_dir: str                  # where error_page JSON files live
    rate_limits: bool = True
    ip_rate: str = "10r/s"
    ip_burst: int = 40
    ip_connections: int = 40
    max_inflight: int = 512          # chat turns inside the stack at once; more get 503 at once
    worker_connections: int = 16384
    max_body: str = "64k"
    internal_max_body: str = "1m"    # Rasa -> action server carries the tracker
    action_timeout: float = 4.0
    rasa_timeout: float = 15.0
    webhooks: tuple = DEFAULT_WEBHOOKS
    worker_processes: str = "1"
    daemon: bool = False
    access_log: bool = True
    extra_http: list = field(default_factory=list)
    log_dir: str | None = None    # nginx-access.log, nginx-error.log (default: prefix);
                                     # "stdout" for containers
    real_ip_from: tuple = ()         # the load balancer's addresses / CIDR ranges (trusted hops)
    real_ip_header: str = "X-Forwarded-For"
    real_ip_include: str | None = None   # deploy/: a file of set_real_ip_from lines the operator fills

    def real_ip(self) -> list:
        """The realip lines of the http block (validated: they come from the environment)."""
        if self.real_ip_from and not HEADER_NAME.match(self.real_ip_header):
            raise ValueError(f"not a header name: {self.real_ip_header!r}")
        lines = [f"set_real_ip_from {ipaddress.ip_network(c, strict=False)};"
                 for c in self.real_ip_from]
        if lines:
            lines += [f"real_ip_header {self.real_ip_header};", "real_ip_recursive on;"]
        if self.real_ip_include:
            lines.append(f"include {self.real_ip_include};")
        return lines

    # ------------------------------------------------------------------------------------------
    def render(self) -> str:
        # A server is skipped for 5 s after 3 failures in a row (connection refused when a
        # replica is down): one odd request can never take a healthy server out.
        def servers(addrs, extra=" max_fails=3 fail_timeout=5s"):
            return "\n".join(f"        server {a}{extra};" for a in addrs)

        def fallbacks(addrs):
            # The same servers again as backups that are never marked failed. A replica that
            # refused a connection (still loading its model, or restarting) is skipped for
            # fail_timeout; if the other dies inside that window, nginx would answer 502 with a
            # replica that is up by now. The backups are tried only when every primary is marked
            # failed (measured: 502 for ~5 s without them, none with them).
            return "\n".join(f"        server {a} backup max_fails=0;" for a in addrs)

        limit = (f"        limit_req zone=signpost_perip burst={self.ip_burst} nodelay;\n"
                 f"        limit_conn signpost_conn {self.ip_connections};\n"
                 if self.rate_limits else "        # rate limits off (SIGNPOST_RATE_LIMITS=0)\n")
        hooks = "|".join(sorted(set(self.webhooks)))
        error_pages = "\n".join(f"        error_page {code} /_signpost_error/{code}.json;"
                                for code in sorted(ERRORS))
        p = self.prefix.rstrip("/")
        logs = (self.log_dir or self.prefix).rstrip("/")
        access_file, error_file = f"{logs}/nginx-access.log", f"{logs}/nginx-error.log"
        if self.log_dir == "stdout":     # containers: the platform collects stdout/stderr
            access_file, error_file = "/dev/stdout", "/dev/stderr"
        access = (f"access_log {access_file} signpost;" if self.access_log
                  else "access_log off;")
        shed = (f"            limit_conn signpost_busy {self.max_inflight};\n"
                "            limit_conn_status 503;")
        return f"""# Generated by bot/runtime/proxy.py: do not edit by hand (deploy/ copies are checked).
worker_processes {self.worker_processes};
worker_rlimit_nofile {self.worker_connections * 2};
pid {p}/nginx.pid;
error_log {error_file} warn;
{"" if self.daemon else "daemon off;"}
events {{
    worker_connections {self.worker_connections};
}}
http {{
    server_tokens off;                 # "Server: nginx", no version
    types {{ application/json json; text/html html; }}
    default_type application/octet-stream;
    sendfile on;
    # No message text and no query strings in the log: method, path, status, timing only.
    log_format signpost '$remote_addr [$time_iso8601] "$request_method $uri" $status '
                        '$body_bytes_sent $request_time "$upstream_addr" $upstream_status';
    {access}
    client_body_temp_path {p}/client_body;
    proxy_temp_path {p}/proxy;
    fastcgi_temp_path {p}/fastcgi;
    uwsgi_temp_path {p}/uwsgi;
    scgi_temp_path {p}/scgi;

    client_max_body_size {self.max_body};
    client_body_buffer_size {self.max_body};
    client_header_buffer_size 2k;
    large_client_header_buffers 4 8k;
    client_header_timeout 10s;
    client_body_timeout 10s;
    send_timeout 15s;
    keepalive_timeout 30s;
    reset_timedout_connection on;

    limit_req_zone $binary_remote_addr zone=signpost_perip:10m rate={self.ip_rate};
    limit_conn_zone $binary_remote_addr zone=signpost_conn:10m;
    limit_conn_zone $server_port zone=signpost_busy:1m;     # one counter: turns in flight
    limit_req_status 429;
    limit_conn_status 429;
    limit_req_log_level warn;

    map $http_upgrade $signpost_connection {{
        default upgrade;
        ''      '';
    }}

    # Rasa servers: any one can serve any conversation (tracker in PostgreSQL, lock in Redis).
    upstream signpost_rasa {{
        least_conn;
{servers(self.rasa)}
{fallbacks(self.rasa)}
        keepalive 32;
        keepalive_timeout {UPSTREAM_KEEPALIVE_S}s;
    }}
    # socket.io from the web app's relay: websocket-only, so a session is one connection to one
    # Rasa and needs no stickiness. Every relay connection comes from the web app's address, so
    # ip_hash would put every widget on one Rasa: least connections spreads them.
    upstream signpost_rasa_socketio {{
        least_conn;
{servers(self.rasa)}
{fallbacks(self.rasa)}
    }}
    # A failed action server is skipped for 2 s only, so answers return to normal soon after
    # it is back (when every server is marked failed nginx answers 502 until one is retried).
    upstream signpost_actions {{
        least_conn;
{servers(self.actions, " max_fails=1 fail_timeout=2s")}
{fallbacks(self.actions)}
        keepalive 32;
        keepalive_timeout {UPSTREAM_KEEPALIVE_S}s;
    }}
    upstream signpost_web {{
        least_conn;
{servers(self.web)}
        keepalive 32;
        keepalive_timeout {UPSTREAM_KEEPALIVE_S}s;
    }}
    upstream signpost_web_sticky {{
        ip_hash;
{servers(self.web)}
    }}

    proxy_http_version 1.1;
    proxy_set_header Host $host;
    proxy_set_header X-Real-IP $remote_addr;
    proxy_set_header X-Forwarded-For $remote_addr;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection $signpost_connection;
    proxy_connect_timeout 2s;
    proxy_send_timeout 10s;
    proxy_read_timeout {self.rasa_timeout:g}s;
    # Upstream answers pass through as they are (the apps answer politely); the error pages
    # below are nginx's own: 413, 429, 502/503/504 when no upstream answers.
    proxy_next_upstream error timeout;
    # every primary, then every backup (the same servers, see fallbacks): a dead primary and a
    # dead backup must not use up the tries before the live one is reached
    proxy_next_upstream_tries {2 * max(len(self.rasa), len(self.actions), 1)};
    proxy_hide_header X-Powered-By;
{chr(10).join("    " + line for line in [*self.real_ip(), *self.extra_http])}

    # ---- public ------------------------------------------------------------------------------
    server {{
        listen {self.listen} default_server;
        server_name _;
{error_pages}
{limit}
        location ^~ /_signpost_error/ {{
            internal;
            root {self.errors_dir};
            add_header Retry-After {RETRY_AFTER} always;
            add_header Cache-Control "no-store" always;
            add_header X-Content-Type-Options nosniff always;
        }}
        location / {{
            proxy_pass http://signpost_web;
        }}
        location = /api/chat {{
{shed}
            proxy_pass http://signpost_web;
            proxy_next_upstream error non_idempotent;   # see the internal /webhooks/rest/
        }}
        location /socket.io/ {{
            proxy_pass http://signpost_web_sticky;
            proxy_read_timeout 120s;
        }}
        location ~ ^/webhooks/({hooks})/webhook$ {{
{shed}
            proxy_pass http://signpost_rasa;
        }}
        location /webhooks/ {{
            return 404;
        }}
        location = /nginx-health {{
            access_log off;
            return 200 '{{"status": "ok"}}';
        }}
    }}

    # ---- internal: loopback / cluster network only, never published -------------------------
    server {{
        listen {self.internal_listen};
        server_name _;
        client_max_body_size {self.internal_max_body};
        client_body_buffer_size {self.internal_max_body};
{error_pages}
        location ^~ /_signpost_error/ {{
            internal;
            root {self.errors_dir};
            add_header Retry-After {RETRY_AFTER} always;
        }}
        # A POST that meets a connection error (typically a kept-alive connection to a replica
        # that was just killed: the kernel answers RST, nothing was processed) is tried on the
        # other replica; a timeout is not (the turn may still be running there).
        location /webhooks/rest/ {{
            proxy_pass http://signpost_rasa;
            proxy_next_upstream error non_idempotent;
        }}
        location /socket.io/ {{
            proxy_pass http://signpost_rasa_socketio;
            proxy_read_timeout 120s;
        }}
        # Rasa's action endpoint. Actions are pure functions of the tracker, so a retry on the
        # other action server after an error or timeout is safe (hence non_idempotent).
        location = /webhook {{
            proxy_pass http://signpost_actions;
            proxy_read_timeout {max(1.0, self.action_timeout / 2):g}s;
            proxy_next_upstream error timeout non_idempotent;
            proxy_next_upstream_timeout {self.action_timeout:g}s;
        }}
        location = /nginx-health {{
            access_log off;
            return 200 '{{"status": "ok"}}';
        }}
        location / {{
            return 404;
        }}
    }}
}}
"""

    def write(self, folder: Path) -> Path:
        """Write nginx.conf and the error pages; return the config path."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        write_error_pages(Path(self.errors_dir))
        conf = folder / "nginx.conf"
        conf.write_text(self.render())
        return conf


def error_body(code: int) -> str:
    text = ERRORS[code]
    return json.dumps({"error": text, "messages": [{"text": text}]}) + "\n"


def write_error_pages(folder: Path) -> None:
    target = folder / "_signpost_error"
    target.mkdir(parents=True, exist_ok=True)
    for code in ERRORS:
        (target / f"{code}.json").write_text(error_body(code))


def check_config(conf: Path, prefix: Path) -> None:
    """`nginx -t` on a generated config; raises RuntimeError with nginx's message."""
    binary = nginx_binary()
    if not binary:
        raise RuntimeError("nginx is not installed: run `make nginx` (apt-get install nginx)")
    result = subprocess.run([binary, "-t", "-q", "-p", str(prefix), "-e", str(prefix / "error.log"),
                             "-c", str(conf)], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"nginx config rejected: {result.stderr.strip()}")


def command(conf: Path, prefix: Path, log_dir: Path | None = None) -> list:
    error_log = Path(log_dir or prefix) / "nginx-error.log"
    return [nginx_binary() or "nginx", "-p", str(prefix), "-e", str(error_log), "-c", str(conf)]


def parse_cidrs(text: str) -> tuple:
    """"10.0.0.0/8, 192.0.2.7" -> ("10.0.0.0/8", "192.0.2.7/32"); ValueError names a bad entry."""
    out = []
    for item in (text or "").replace(";", ",").split(","):
        if item.strip():
            try:
                out.append(str(ipaddress.ip_network(item.strip(), strict=False)))
            except ValueError:
                raise ValueError(f"not an address or CIDR range: {item.strip()!r}") from None
    return tuple(out)


# deploy/: the pid file and temp folders live in /tmp/nginx (a tmpfs / emptyDir in the manifests,
# so nginx runs on a read-only root filesystem), the config and error pages in /etc/nginx/signpost,
# and real_ip.conf beside them holds the balancer's range (the operator's file).
DEPLOY_DIR = "/etc/nginx/signpost"


def compose_config() -> ProxyConfig:
    """The nginx of deploy/docker-compose.yml (official nginx image, service names as hosts)."""
    return ProxyConfig(listen="8080", internal_listen="8081",
                       rasa=["rasa-1:5005", "rasa-2:5005"],
                       actions=["actions-1:5055", "actions-2:5055"], web=["web:8000"],
                       prefix="/tmp/nginx", errors_dir=f"{DEPLOY_DIR}/errors",
                       worker_processes="auto", daemon=True, log_dir="stdout",
                       real_ip_include=f"{DEPLOY_DIR}/real_ip.conf")


def kubernetes_config() -> ProxyConfig:
    """The nginx of deploy/k8s (signpost-nginx behind the Gateway; Services as hosts)."""
    return ProxyConfig(listen="8080", internal_listen="8081", rasa=["signpost-rasa:5005"],
                       actions=["signpost-actions:5055"], web=["signpost-web:8000"],
                       prefix="/tmp/nginx", errors_dir=f"{DEPLOY_DIR}/errors",
                       worker_processes="auto", daemon=True, log_dir="stdout",
                       real_ip_include=f"{DEPLOY_DIR}/real_ip.conf")


def write_deploy(folder: Path, cfg: ProxyConfig | None = None) -> None:
    """Render nginx.conf and the error pages into `folder` (deploy/nginx: compose_config();
    deploy/k8s/nginx: kubernetes_config()); tests check both are up to date."""
    cfg = cfg or compose_config()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nginx.conf").write_text(cfg.render())
    write_error_pages(folder / "errors")


if __name__ == "__main__":
    write_deploy(Path("deploy/nginx"), compose_config())
    write_deploy(Path("deploy/k8s/nginx"), kubernetes_config())
