"""Server-issued, HMAC-signed chat session tokens.

Rasa's REST and socket.io channels trust whatever sender id the client sends, so a browser must
never choose its own: the web app issues a token, and every call (REST proxy, socket.io channel)
verifies it before a message reaches Rasa. A token is

    v1.<sender id>.<issued, unix seconds>.<HMAC-SHA256 of the rest, base64url>

and the sender id Rasa stores is the random middle part only. The secret is SIGNPOST_SESSION_SECRET;
when it is unset each process makes a random one (so tokens stop verifying after a restart and the
widget quietly asks for a new session). bot.runtime.stack.Stack sets one shared secret for the processes it
starts, so the web app and the Rasa socket.io channel agree.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import re
import secrets
import time

from bot.settings import placeholder_reason

logger = logging.getLogger(__name__)

ENV = "SIGNPOST_SESSION_SECRET"
VERSION = "v1"
MAX_AGE_S = 12 * 3600          # a browser tab's session; Rasa's own session expires sooner
MAX_TOKEN_CHARS = 128
_SENDER = re.compile(r"^[A-Za-z0-9_-]{24}$")
_process_secret: bytes | None = None


def secret_from_env() -> bytes:
    """The configured secret, or one random secret for the life of this process."""
    global _process_secret
    value = os.environ.get(ENV, "")
    if value:
        if len(value) < 32:
            raise ValueError(f"{ENV} must be at least 32 characters")
        reason = placeholder_reason(value)
        if reason:   # a published example value would let anyone sign session tokens
            raise ValueError(f"{ENV} is not a real secret: {reason}; generate one (`make secrets`)")
        return value.encode()
    if _process_secret is None:
        logger.warning("%s is not set: using a random secret for this process only", ENV)
        _process_secret = secrets.token_bytes(32)
    return _process_secret


def _sign(secret: bytes, body: str) -> str:
    mac = hmac.new(secret, f"signpost-session|{body}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


class Sessions:
    def __init__(self, secret: bytes | None = None, max_age_s: int = MAX_AGE_S) -> None:
        self.secret = secret if secret is not None else secret_from_env()
        self.max_age_s = max_age_s

    def issue(self, now: float | None = None, sender: str | None = None) -> str:
        sender = sender or secrets.token_urlsafe(18)          # 24 characters, 144 random bits
        if not _SENDER.match(sender):
            raise ValueError("not a sender id this module issued")
        body = f"{VERSION}.{sender}.{int(now if now is not None else time.time())}"
        return f"{body}.{_sign(self.secret, body)}"

    def verify(self, token, now: float | None = None) -> str | None:
        """The sender id if the token is ours, well formed and not expired; else None."""
        if not isinstance(token, str) or len(token) > MAX_TOKEN_CHARS:
            return None
        parts = token.split(".")
        if len(parts) != 4 or parts[0] != VERSION or not _SENDER.match(parts[1]) \
                or not re.fullmatch(r"[0-9]{1,12}", parts[2]):
            return None
        body = ".".join(parts[:3])
        if not hmac.compare_digest(_sign(self.secret, body), parts[3]):
            return None
        age = (now if now is not None else time.time()) - int(parts[2])
        if not -60 <= age <= self.max_age_s:
            return None
        return parts[1]
