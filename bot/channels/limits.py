"""Per-key rate limits (a token bucket per sender), shared by every channel.

Configuration, read from the environment once per process:

    SIGNPOST_RATE_LIMITS        "1"/"on" to switch limits on; off by default, so `make run`, the
                                tests and the benchmark on loopback are never throttled. The
                                production profile (`make run-prod`, deploy/) switches them on.
    SIGNPOST_SENDER_PER_MINUTE  messages a sender may send per minute, sustained (default 20)
    SIGNPOST_SENDER_BURST       messages a sender may send at once before the rate applies (default 8)

A limited sender is answered with HTTP 429 and `Retry-After` (whole seconds). The table of buckets is
bounded (least recently used senders are forgotten first), so a flood of new sender ids cannot grow
memory without limit; per-IP limits are nginx's job (bot/runtime/proxy.py).

Shared state. With several Rasa replicas (the production profile), a per-process table would give a
flood one allowance per replica, and a platform re-delivery landing on the other replica would be
answered twice. So where the state lives is chosen once per process (SIGNPOST_SHARED_STATE):
"redis" (the default when SIGNPOST_ENV=production) keeps the buckets and the re-delivery keys in
Redis (SIGNPOST_REDIS_HOST/_PORT/_DB/_PASSWORD/_PREFIX, the lock store's), shared by every
replica; "memory" (the default otherwise, `make run`) keeps them in the process. Every channel
calls the same things, whatever the store: `sender_limiter().check(key)`,
`redelivery_guard(name).first_time(key)` and, for the social channels, which tell a limited
sender so once a minute rather than on every message (each one may be a paid SMS),
`limited_notice().first_time(sender)`. If Redis is away, limits and re-delivery checks let
messages through (logged): a resident is never refused because a counter is unavailable, and
the conversation itself then fails politely on the lock store.

The Redis bucket is one short Lua script (atomic; Redis's own clock, so replicas agree; the key
expires when the bucket would be full again). No rate-limit library is used: `limits` needs
packaging>=21 and Rasa 3.6 pins packaging 20.9 (requirements.txt).
"""
from __future__ import annotations

import logging
import math
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

from bot.settings import env_flag

logger = logging.getLogger(__name__)

RATE_LIMITED = ("You're sending messages faster than I can answer. Please wait a moment and try "
                "again. If anyone is in danger, call 999 now.")



class TokenBucketLimiter:
    """`check(key)` -> None when allowed, else the seconds to wait before the next try."""

    def __init__(self, per_minute: float, burst: int, max_keys: int = 100_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute <= 0 or burst < 1:
            raise ValueError("per_minute must be > 0 and burst >= 1")
        self.rate = per_minute / 60.0      # tokens per second
        self.burst = float(burst)
        self.max_keys = max_keys
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def check(self, key: str) -> int | None:
        now = self.clock()
        with self._lock:
            tokens, seen = self._buckets.pop(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - seen) * self.rate)
            if tokens >= 1.0:
                retry = None
                tokens -= 1.0
            else:
                retry = max(1, math.ceil((1.0 - tokens) / self.rate))
            self._buckets[key] = (tokens, now)
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
        return retry

    def __len__(self) -> int:
        return len(self._buckets)


class NoLimit:
    def check(self, key: str) -> int | None:
        return None


# KEYS[1] bucket; ARGV: rate (tokens/s), burst. Returns -1 when allowed, else seconds to wait.
_BUCKET_LUA = """
local now = redis.call('TIME')
local t = tonumber(now[1]) + tonumber(now[2]) / 1e6
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'seen')
local tokens, seen = tonumber(b[1]), tonumber(b[2])
if tokens == nil then tokens, seen = burst, t end
tokens = math.min(burst, tokens + math.max(0, t - seen) * rate)
local wait = -1
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'seen', tostring(t))
redis.call('EXPIRE', KEYS[1], math.ceil((burst - tokens) / rate) + 1)
return wait
"""


def redis_client():
    """A Redis client from the SIGNPOST_REDIS_* settings (the lock store's), short timeouts."""
    import redis

    from bot.settings import setting
    return redis.Redis(host=setting("SIGNPOST_REDIS_HOST"), port=int(setting("SIGNPOST_REDIS_PORT")),
                       db=int(setting("SIGNPOST_REDIS_DB")),
                       password=setting("SIGNPOST_REDIS_PASSWORD") or None,
                       socket_timeout=0.5, socket_connect_timeout=0.5)


def redis_prefix() -> str:
    from bot.settings import setting
    return f"{setting('SIGNPOST_REDIS_PREFIX')}:limits:"


class RedisTokenBucketLimiter:
    """The same token bucket as TokenBucketLimiter, kept in Redis and shared by every process."""

    def __init__(self, per_minute: float, burst: int, client=None, prefix: str | None = None) -> None:
        if per_minute <= 0 or burst < 1:
            raise ValueError("per_minute must be > 0 and burst >= 1")
        self.rate, self.burst = per_minute / 60.0, int(burst)
        self.client = client or redis_client()
        self.prefix = (prefix if prefix is not None else redis_prefix()) + "sender:"
        self._script = self.client.register_script(_BUCKET_LUA)

    def check(self, key: str) -> int | None:
        try:
            wait = int(self._script(keys=[self.prefix + key], args=[self.rate, self.burst]))
        except Exception as exc:  # noqa: BLE001 - Redis away: let the message through
            logger.warning("rate limit store unavailable (%s): not limiting", type(exc).__name__)
            return None
        return None if wait < 0 else max(1, wait)


class MemoryRedeliveryGuard:
    """`first_time(key)`: True the first time a key is seen within `ttl` seconds (bounded)."""

    def __init__(self, ttl: float = 3600, max_items: int = 20_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl, self.max_items, self.clock = ttl, max_items, clock
        self._seen: OrderedDict[Hashable, float] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, key: Hashable) -> bool:
        now = self.clock()
        with self._lock:
            expires = self._seen.get(key)
            if expires is not None and expires > now:
                return False
            self._seen.pop(key, None)
            self._seen[key] = now + self.ttl
            while len(self._seen) > self.max_items:
                self._seen.popitem(last=False)
            return True


class RedisRedeliveryGuard:
    """The same in Redis (SET NX EX), so a re-delivery to another replica is caught too."""

    def __init__(self, name: str, ttl: float = 3600, client=None, prefix: str | None = None) -> None:
        self.ttl = int(ttl)
        self.client = client or redis_client()
        self.prefix = (prefix if prefix is not None else redis_prefix()) + f"seen:{name}:"

    def first_time(self, key: Hashable) -> bool:
        text = ":".join(map(str, key)) if isinstance(key, tuple) else str(key)
        try:
            return bool(self.client.set(self.prefix + text, "1", nx=True, ex=self.ttl))
        except Exception as exc:  # noqa: BLE001 - Redis away: answer rather than drop
            logger.warning("re-delivery store unavailable (%s): answering", type(exc).__name__)
            return True


def shared_state() -> str:
    """"redis" or "memory" (SIGNPOST_SHARED_STATE; default redis in production)."""
    chosen = (os.environ.get("SIGNPOST_SHARED_STATE") or "").strip().lower()
    if chosen in ("redis", "memory"):
        return chosen
    return "redis" if os.environ.get("SIGNPOST_ENV") == "production" else "memory"


_default = None
_guards: dict = {}


def from_env() -> TokenBucketLimiter | RedisTokenBucketLimiter | NoLimit:
    if not env_flag("SIGNPOST_RATE_LIMITS"):
        return NoLimit()
    per_minute = float(os.environ.get("SIGNPOST_SENDER_PER_MINUTE", "20"))
    burst = int(os.environ.get("SIGNPOST_SENDER_BURST", "8"))
    if shared_state() == "redis":
        return RedisTokenBucketLimiter(per_minute, burst)
    return TokenBucketLimiter(per_minute, burst)


def sender_limiter() -> TokenBucketLimiter | RedisTokenBucketLimiter | NoLimit:
    """The process-wide per-sender limiter, configured from the environment on first use."""
    global _default
    if _default is None:
        _default = from_env()
    return _default


def redelivery_guard(name: str, ttl: float = 3600) -> MemoryRedeliveryGuard | RedisRedeliveryGuard:
    """The re-delivery check of one channel (e.g. "telegram"), shared by every replica in
    production: `first_time(update_id)` is True once per id within `ttl` seconds."""
    if name not in _guards:
        _guards[name] = RedisRedeliveryGuard(name, ttl) if shared_state() == "redis" \
            else MemoryRedeliveryGuard(ttl)
    return _guards[name]


LIMITED_NOTICE_EVERY_S = 60


def limited_notice() -> MemoryRedeliveryGuard | RedisRedeliveryGuard:
    """`first_time(sender)`: True when a sender over the limit is to be told so, once per
    LIMITED_NOTICE_EVERY_S for the conversation, whichever replica turned the message away."""
    return redelivery_guard("limited-notice", LIMITED_NOTICE_EVERY_S)
