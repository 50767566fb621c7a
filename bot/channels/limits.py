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
calls the same things, whatever the store: `sender_limiter().check(key)`, the re-delivery
check `redelivery_guard(name)` (below) and, for the social channels, which tell a limited
sender so once a minute rather than on every message (each one may be a paid SMS),
`limited_notice().first_time(sender)`. If Redis is away, limits and re-delivery checks let
messages through (logged): a resident is never refused because a counter is unavailable, and
the conversation itself then fails politely on the lock store.

Re-deliveries, at least once and without duplicates. A platform re-sends a delivery (same id)
when its webhook call did not get a 2xx. Each id is a small state machine: `claim(id)` is NEW
the first time and marks it "in progress" for SIGNPOST_REDELIVERY_IN_PROGRESS_S (default 30 s,
longer than any turn); the channel runs the turn, then `done(id)` marks it "done" for an hour, or,
if the turn raised, `release(id)` forgets it (the error answers 5xx, and the platform's retry is
answered). A delivery that finds its id IN_PROGRESS is told 503 + Retry-After (come back later),
one that finds it DONE gets 200 and nothing else. A replica killed mid-turn calls neither: its
claim expires, and the platform's next retry is answered by another replica, once. (Twilio does
not retry a 5xx, so the SMS channel never answers 503: an in-progress duplicate gets its usual
empty reply.)

The Redis bucket is one short Lua script (atomic; Redis's own clock, so replicas agree; the key
expires when the bucket would be full again). No rate-limit library is used: `limits` needs
packaging>=21 and Rasa 3.6 pins packaging 20.9 (requirements.txt).
"""
from __future__ import annotations

import enum
import logging
import math
import os
import secrets
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


class Claim(enum.Enum):
    """What `claim(key)` found: the caller runs the turn (NEW), or tells the platform to come back
    later (IN_PROGRESS: another replica, or this one, is answering it now), or has nothing to do
    (DONE: answered already)."""
    NEW = "new"
    IN_PROGRESS = "in progress"
    DONE = "done"


DONE_MARK = "d"
IN_PROGRESS_MARK = "p:"


def in_progress_ttl() -> float:
    """Seconds a claim stays "in progress" (SIGNPOST_REDELIVERY_IN_PROGRESS_S, default
    IN_PROGRESS_TTL_S). A replica killed mid-turn leaves its claim to expire after this; it must
    outlast the longest turn, or a re-delivery arriving later would be answered a second time."""
    try:
        value = float(os.environ.get("SIGNPOST_REDELIVERY_IN_PROGRESS_S") or IN_PROGRESS_TTL_S)
    except ValueError:
        logger.warning("SIGNPOST_REDELIVERY_IN_PROGRESS_S is not a number; using %g",
                       IN_PROGRESS_TTL_S)
        return IN_PROGRESS_TTL_S
    return value if value > 0 else IN_PROGRESS_TTL_S


# Twice nginx's upstream read timeout on the webhooks (bot.runtime.proxy.ProxyConfig.rasa_timeout,
# 15 s): the platform has had its 504 long before, and a turn is bounded well within it (4 s
# action calls, 3 s lock tickets). tests/channels/test_shared_limits.py keeps the two in step.
IN_PROGRESS_TTL_S = 30.0
RETRY_AFTER_S = 5        # what a re-delivery that finds its turn in progress is told


def _key_text(key: Hashable) -> str:
    return ":".join(map(str, key)) if isinstance(key, tuple) else str(key)


class MemoryRedeliveryGuard:
    """Re-delivery checks kept in this process (`make run`), bounded; see RedisRedeliveryGuard.

    `claim(key)`: NEW the first time (the key is then "in progress" for `in_progress_ttl`
    seconds), IN_PROGRESS while it is, DONE once `done(key)` marked it (for `ttl` seconds).
    `release(key)` forgets this process's own claim, so the platform's retry is answered.
    `first_time(key)`: claim and mark done at once, for a one-shot notice with no turn to lose."""

    def __init__(self, ttl: float = 3600, max_items: int = 20_000,
                 clock: Callable[[], float] = time.monotonic,
                 in_progress: float | None = None) -> None:
        self.ttl, self.max_items, self.clock = ttl, max_items, clock
        self.in_progress_ttl = in_progress if in_progress is not None else in_progress_ttl()
        self._seen: OrderedDict[str, tuple[str, float]] = OrderedDict()   # key: (mark, expires)
        self._mine: dict[str, str] = {}                                   # key: our claim's mark
        self._lock = threading.Lock()

    def _current(self, key: str, now: float) -> str | None:
        entry = self._seen.get(key)
        if entry is None or entry[1] <= now:
            self._seen.pop(key, None)
            return None
        return entry[0]

    def _put(self, key: str, mark: str, ttl: float, now: float) -> None:
        self._seen.pop(key, None)
        self._seen[key] = (mark, now + ttl)
        while len(self._seen) > self.max_items:
            self._seen.popitem(last=False)

    def claim(self, key: Hashable) -> Claim:
        text, now = _key_text(key), self.clock()
        with self._lock:
            mark = self._current(text, now)
            if mark is not None:
                return Claim.DONE if mark == DONE_MARK else Claim.IN_PROGRESS
            mine = IN_PROGRESS_MARK + secrets.token_hex(8)
            self._put(text, mine, self.in_progress_ttl, now)
            self._mine[text] = mine
            return Claim.NEW

    def done(self, key: Hashable) -> None:
        text, now = _key_text(key), self.clock()
        with self._lock:
            mine = self._mine.pop(text, None)
            if self._current(text, now) != mine:
                logger.warning("re-delivery check: a turn outlasted its claim (%g s)",
                               self.in_progress_ttl)
            self._put(text, DONE_MARK, self.ttl, now)

    def release(self, key: Hashable) -> None:
        text, now = _key_text(key), self.clock()
        with self._lock:
            mine = self._mine.pop(text, None)
            if mine is not None and self._current(text, now) == mine:
                self._seen.pop(text, None)

    def first_time(self, key: Hashable) -> bool:
        text, now = _key_text(key), self.clock()
        with self._lock:
            if self._current(text, now) is not None:
                return False
            self._put(text, DONE_MARK, self.ttl, now)
            return True


# KEYS[1]; ARGV: our claim's mark, the done TTL (ms). Marks the key done whatever it holds (the
# turn was answered: no later delivery may run it again); 0 when our claim had expired first.
_DONE_LUA = """
local mine = redis.call('GET', KEYS[1]) == ARGV[1]
redis.call('SET', KEYS[1], 'd', 'PX', ARGV[2])
if mine then return 1 end
return 0
"""
# KEYS[1]; ARGV[1] our claim's mark. Deletes only our own claim: never another replica's, nor "done".
_RELEASE_LUA = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class RedisRedeliveryGuard:
    """The same in Redis, so a re-delivery reaching another replica is caught too.

    claim: SET key "p:<random>" NX PX in_progress_ttl (atomic: one replica wins), else GET says
    IN_PROGRESS ("p:...") or DONE ("d"). done: a Lua compare-and-set to "d" for `ttl`. release: a
    Lua compare-and-delete of our own "p:<random>". A replica killed mid-turn calls neither; its
    claim expires and the platform's next retry is answered by another replica. Redis away: NEW
    (answered, as before; done/release then fail quietly)."""

    def __init__(self, name: str, ttl: float = 3600, client=None, prefix: str | None = None,
                 in_progress: float | None = None) -> None:
        self.ttl = int(ttl)
        self.in_progress_ttl = in_progress if in_progress is not None else in_progress_ttl()
        self.client = client or redis_client()
        self.prefix = (prefix if prefix is not None else redis_prefix()) + f"seen:{name}:"
        self._mine: dict[str, str] = {}
        self._done = self.client.register_script(_DONE_LUA)
        self._release = self.client.register_script(_RELEASE_LUA)

    def claim(self, key: Hashable) -> Claim:
        name = self.prefix + _key_text(key)
        mine = IN_PROGRESS_MARK + secrets.token_hex(8)
        try:
            for _ in range(2):   # the other's claim may expire between SET and GET: try again
                if self.client.set(name, mine, nx=True, px=max(1, int(self.in_progress_ttl * 1000))):
                    self._mine[name] = mine
                    return Claim.NEW
                mark = self.client.get(name)
                if mark is not None:
                    done = mark in (DONE_MARK, DONE_MARK.encode())
                    return Claim.DONE if done else Claim.IN_PROGRESS
            return Claim.IN_PROGRESS
        except Exception as exc:  # noqa: BLE001 - Redis away: answer rather than drop
            logger.warning("re-delivery store unavailable (%s): answering", type(exc).__name__)
            return Claim.NEW

    def done(self, key: Hashable) -> None:
        name = self.prefix + _key_text(key)
        mine = self._mine.pop(name, "")
        try:
            if not self._done(keys=[name], args=[mine, self.ttl * 1000]):
                logger.warning("re-delivery check: a turn outlasted its claim (%g s)",
                               self.in_progress_ttl)
        except Exception as exc:  # noqa: BLE001 - the claim then expires on its own
            logger.warning("re-delivery store unavailable (%s): not marked done",
                           type(exc).__name__)

    def release(self, key: Hashable) -> None:
        name = self.prefix + _key_text(key)
        mine = self._mine.pop(name, None)
        if mine is None:
            return
        try:
            self._release(keys=[name], args=[mine])
        except Exception as exc:  # noqa: BLE001 - the claim then expires on its own
            logger.warning("re-delivery store unavailable (%s): claim left to expire",
                           type(exc).__name__)

    def first_time(self, key: Hashable) -> bool:
        try:
            return bool(self.client.set(self.prefix + _key_text(key), DONE_MARK, nx=True,
                                        ex=self.ttl))
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
    production: `claim(update_id)` is NEW once per id until `release`, DONE for `ttl` seconds
    after `done` (common.once runs a turn so)."""
    if name not in _guards:
        _guards[name] = RedisRedeliveryGuard(name, ttl) if shared_state() == "redis" \
            else MemoryRedeliveryGuard(ttl)
    return _guards[name]


LIMITED_NOTICE_EVERY_S = 60


def limited_notice() -> MemoryRedeliveryGuard | RedisRedeliveryGuard:
    """`first_time(sender)`: True when a sender over the limit is to be told so, once per
    LIMITED_NOTICE_EVERY_S for the conversation, whichever replica turned the message away."""
    return redelivery_guard("limited-notice", LIMITED_NOTICE_EVERY_S)
