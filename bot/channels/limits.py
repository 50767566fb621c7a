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
"""
from __future__ import annotations

import math
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from bot.settings import env_flag

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


_default = None


def from_env() -> TokenBucketLimiter | NoLimit:
    if not env_flag("SIGNPOST_RATE_LIMITS"):
        return NoLimit()
    return TokenBucketLimiter(float(os.environ.get("SIGNPOST_SENDER_PER_MINUTE", "20")),
                              int(os.environ.get("SIGNPOST_SENDER_BURST", "8")))


def sender_limiter() -> TokenBucketLimiter | NoLimit:
    """The process-wide per-sender limiter, configured from the environment on first use."""
    global _default
    if _default is None:
        _default = from_env()
    return _default
