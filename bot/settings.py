"""Settings read from the environment: the production profile's variables and their defaults.

The lowest layer: it imports nothing from Signpost, so every package may read its settings here.
VARIABLES is the one list of production variables (README "Running in production", deploy/ files
use the same names).
"""
from __future__ import annotations

import os
from collections.abc import Mapping

TRUE = {"1", "true", "yes", "on"}

# Idle keep-alive, in seconds: a client must give up an idle connection before the server does,
# or it may reuse one the server is closing (a 502 through nginx, an error in aiohttp). The Sanic
# apps (web, Rasa, actions) keep idle connections APP_KEEPALIVE_S (Sanic's own default is 5 s);
# nginx's upstream pools and the web app's aiohttp pool drop them after UPSTREAM_KEEPALIVE_S.
APP_KEEPALIVE_S = 75
UPSTREAM_KEEPALIVE_S = 60


def env_flag(name: str, default: bool = False) -> bool:
    """True when the variable holds 1/true/yes/on (any case), `default` when it is unset."""
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in TRUE


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
    "SIGNPOST_WEB_REPLICAS": ("2", "web app processes (two, so one can die without a gap)"),
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
    "SIGNPOST_RATE_LIMITS": ("1", "per-IP (nginx) and per-sender (bot.channels.limits) rate limits; `make "
                             "run` leaves them off"),
    "SIGNPOST_SENDER_PER_MINUTE": ("20", "messages per minute per conversation, sustained"),
    "SIGNPOST_SENDER_BURST": ("8", "messages a conversation may send at once"),
    "SIGNPOST_IP_RATE": ("10r/s", "nginx requests per second per client address"),
    "SIGNPOST_IP_BURST": ("40", "nginx burst per client address before 429"),
    "SIGNPOST_TURN_SLOTS": ("16", "chat turns one web app process (chat API) or one Rasa process "
                            "(socket.io) runs at once (load shedding)"),
    "SIGNPOST_TURN_WAIT": ("1", "seconds a chat turn may wait for a slot; then 503 + Retry-After "
                           "(socket.io: the busy message as the reply)"),
    "SIGNPOST_TURN_TARGET": ("1", "seconds a chat turn should take: slower turns shrink the number "
                             "run at once (bot/channels/admission.py)"),
    "SIGNPOST_MAX_INFLIGHT": ("512", "ceiling on chat turns inside the stack at once (nginx, all "
                              "public chat paths); the next gets 503 + Retry-After at once"),
    "SIGNPOST_SHARED_STATE": ("redis in production, else memory", "where per-conversation rate "
                              "limits, platform re-delivery checks and the social channels' "
                              "once-a-minute \"slow down\" reply live (bot.channels.limits)"),
    "SIGNPOST_REDELIVERY_IN_PROGRESS_S": ("30", "seconds a social channel's delivery stays "
                                          "\"in progress\" (bot.channels.limits): a re-delivery "
                                          "meanwhile gets 503 + Retry-After; if the replica "
                                          "answering it died, the next one is answered. Must "
                                          "outlast the longest turn"),
    "SIGNPOST_REAL_IP_FROM": ("(none)", "the load balancer's addresses or CIDR ranges in front of "
                              "nginx, comma-separated: nginx then limits by the client address "
                              "in SIGNPOST_REAL_IP_HEADER instead of the balancer's"),
    "SIGNPOST_REAL_IP_HEADER": ("X-Forwarded-For", "header the trusted balancer puts the client "
                                "address in (X-Forwarded-For, X-Real-IP, ...)"),
    "SIGNPOST_RASA_JWT_SECRET": ("(unset)", "if set, Rasa's HTTP API is enabled on the loopback "
                                 "ports only, and every call needs a JWT signed with it"),
    "SIGNPOST_HSTS": ("1", "send Strict-Transport-Security from the web app (serve over HTTPS)"),
    "SIGNPOST_RETENTION_DAYS": ("30", "conversations older than this are purged"),
    "SIGNPOST_RETENTION_EVERY_HOURS": ("24", "how often run-prod purges (0: never; use the cron "
                                       "line, systemd timer or Kubernetes CronJob instead)"),
    "SIGNPOST_LOG_DIR": ("var/log/prod", "one log file per process, and nginx's access log "
                         "(method, path, status, timing: no bodies, no query strings) and error log"),
    "SIGNPOST_RUN_DIR": ("var/run/prod", "the supervisor's status.json (pid, state and restarts of "
                         "each process) and `hold` file (names of processes to keep stopped)"),
    "SIGNPOST_SESSION_SECRET": ("(random per start)", "signs chat session tokens (the web app issues "
                                "them, Rasa's socket.io channel checks them); set 32+ characters so "
                                "sessions survive a restart"),
    "SQL_POOL_SIZE": ("50", "Rasa's PostgreSQL connection pool per process (Rasa's own variable)"),
    "SQL_MAX_OVERFLOW": ("100", "Rasa's extra PostgreSQL connections per process"),
    "SANIC_REQUEST_MAX_SIZE": ("65536 (Rasa, web), 1048576 (actions)",
                               "largest request body a Sanic process accepts"),
}


def setting(name: str, env: Mapping[str, str] | None = None) -> str:
    """The variable from `env` (default os.environ), else its default ("" for "(…)" defaults)."""
    env = os.environ if env is None else env
    default = VARIABLES[name][0]
    return env.get(name) or ("" if default.startswith("(") else default)


# ---- secrets ---------------------------------------------------------------------------------
# Every variable that holds a secret. Each must be random and private; a value that was ever
# printed in an example file, a manifest or a README is public, so start-up refuses it.
SECRET_VARIABLES = (
    "SIGNPOST_SESSION_SECRET", "SIGNPOST_PG_PASSWORD", "SIGNPOST_REDIS_PASSWORD",
    "SIGNPOST_SENDER_KEY", "SIGNPOST_INSIGHTS_TOKEN", "SIGNPOST_RASA_JWT_SECRET",
    "SIGNPOST_MESSENGER_APP_SECRET", "SIGNPOST_MESSENGER_VERIFY_TOKEN",
    "SIGNPOST_MESSENGER_PAGE_TOKEN", "SIGNPOST_TELEGRAM_TOKEN", "SIGNPOST_TELEGRAM_SECRET_TOKEN",
    "SIGNPOST_TWILIO_AUTH_TOKEN",
)
# Words that mark a value as a placeholder, compared after lower-casing and dropping "-", "_",
# "." and spaces (so "Change_Me", "change-me-to-32-or-more-random-characters" and "CHANGEME" all
# match). Random values (secrets.token_urlsafe, `make secrets`) never contain them in practice.
PLACEHOLDER_WORDS = ("changeme", "replaceme", "placeholder", "example", "yoursecret",
                     "secretkey", "password", "notsecret", "insecure", "dummy", "default",
                     "randomcharacters", "setme", "fillme")
MIN_DISTINCT_CHARACTERS = 8


def placeholder_reason(value: str) -> str | None:
    """Why `value` cannot be a real secret (a placeholder word, or too few distinct characters to
    be random), or None when it may be one. Empty values are not judged here (unset = feature off
    or a per-process random secret, as each setting documents)."""
    if not value:
        return None
    folded = "".join(c for c in value.lower() if c not in "-_. ")
    for word in PLACEHOLDER_WORDS:
        if word in folded:
            return f"it looks like a placeholder (contains {word!r})"
    if len(set(value)) < MIN_DISTINCT_CHARACTERS:
        return f"it has fewer than {MIN_DISTINCT_CHARACTERS} distinct characters (not random)"
    return None


def placeholder_secrets(env: dict | None = None) -> dict:
    """{variable: reason} for every secret variable in `env` (default os.environ) that holds a
    placeholder. The reasons never quote the value."""
    values: Mapping[str, str] = os.environ if env is None else env
    found = {}
    for name in SECRET_VARIABLES:
        reason = placeholder_reason(values.get(name, ""))
        if reason:
            found[name] = reason
    return found


def production(env: dict | None = None) -> bool:
    """True in the production profile (SIGNPOST_ENV=production, as run-prod and deploy/ set)."""
    values: Mapping[str, str] = os.environ if env is None else env
    return (values.get("SIGNPOST_ENV") or values.get("SIGNPOST_PROFILE") or "").lower() == "production"


def refuse_placeholder_secrets(process: str, env: dict | None = None) -> None:
    """Start-up check of every production process: exit with status 3, naming each variable (never
    its value) on stderr, if any secret holds a placeholder. Outside production it does nothing
    (tests and `make run` choose their own values)."""
    if not production(env):
        return
    bad = placeholder_secrets(env)
    if bad:
        import sys
        for name, reason in bad.items():
            print(f"Signpost: refusing to start {process}: {name} is not a real secret: {reason}. "
                  f"Generate one with `make secrets`.", file=sys.stderr)
        sys.exit(3)
