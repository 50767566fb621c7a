"""Load shedding for chat turns: a turn either starts soon or is refused at once, politely.

Used by the web chat API (bot/web/app.py, one Admission per web process: 503 + Retry-After + BUSY)
and by the widget's socket.io channel (bot/channels/socketio.py, one per Rasa process: BUSY as the
bot's reply over the socket). It lives here, below both, because channels may not import web.

Each process runs at most `limit` chat turns at once. A turn that cannot start within
`max_wait_s` (SIGNPOST_TURN_WAIT, default 1 s) is refused (Busy) and answered with a message that
still points to 999/101, instead of queueing until every client times out. A refused turn never
reached Rasa, so nothing of it is stored.

Emergencies go first: a turn the 999 check (bot.understanding.safety) flags as an emergency is
admitted without waiting while fewer than limit + `slots` turns are running, so it gets the real
999 answer (stored like any other turn) even when everyone else is being refused. The extra
allowance is bounded, so a flood of alarming texts cannot run the process without limit; past it
an emergency waits and is refused like any other turn (and BUSY still says: call 999).

The limit adapts to what the machine can do now (additive increase, multiplicative decrease, as
TCP does): it starts at `slots` (SIGNPOST_TURN_SLOTS, default 16 per process: with two web
processes enough to keep both Rasa processes busy, reports/load_prod.md) and never goes above it;
when turns take longer than `target_s` (SIGNPOST_TURN_TARGET, default 1 s) it shrinks by a fifth
(at most once per target_s), and each turn that is quick grows it back by 1/limit. So on a quiet
machine (turns of a few tens of ms) all slots are used, and on a starved one (another job on the
CPUs) fewer turns run at once and each still answers in about a second. nginx keeps a fixed
ceiling behind this (bot/runtime/proxy.py, max_inflight) for the paths that do not pass here.
"""
from __future__ import annotations

import asyncio
import os
import time
from contextlib import asynccontextmanager

DEFAULT_SLOTS = 16
DEFAULT_WAIT_S = 1.0
DEFAULT_TARGET_S = 1.0
MIN_SLOTS = 2
DECREASE = 0.8
BUSY = ("Signpost is very busy right now: please try again in a few seconds. If anyone is in "
        "danger or a crime is happening, call 999 now. Otherwise call Wiltshire Police on 101.")


class Busy(Exception):
    """No slot within the wait bound: answer BUSY at once (503 + Retry-After over HTTP)."""


def _env_float(name: str, default: float) -> float:
    return float(os.environ.get(name) or default)


class Admission:
    def __init__(self, slots: int | None = None, max_wait_s: float | None = None,
                 target_s: float | None = None, clock=time.monotonic) -> None:
        self.slots = int(os.environ.get("SIGNPOST_TURN_SLOTS") or DEFAULT_SLOTS) \
            if slots is None else slots
        self.max_wait_s = _env_float("SIGNPOST_TURN_WAIT", DEFAULT_WAIT_S) \
            if max_wait_s is None else max_wait_s
        self.target_s = _env_float("SIGNPOST_TURN_TARGET", DEFAULT_TARGET_S) \
            if target_s is None else target_s
        if self.slots < 1 or self.max_wait_s < 0 or self.target_s <= 0:
            raise ValueError("SIGNPOST_TURN_SLOTS >= 1, SIGNPOST_TURN_WAIT >= 0 and "
                             "SIGNPOST_TURN_TARGET > 0 are required")
        self.clock = clock
        self.limit = float(self.slots)
        self.inflight = 0
        self.refused = 0
        self.urgent = 0            # emergencies admitted past the limit
        self._last_decrease = float("-inf")
        self._cond: asyncio.Condition | None = None

    def finished(self, seconds: float) -> None:
        """Adapt the limit to how long one turn took."""
        now = self.clock()
        if seconds > self.target_s:
            if now - self._last_decrease >= self.target_s:
                self.limit = max(float(min(MIN_SLOTS, self.slots)), self.limit * DECREASE)
                self._last_decrease = now
        else:
            self.limit = min(float(self.slots), self.limit + 1.0 / self.limit)

    def _room(self, emergency: bool) -> bool:
        ceiling = int(self.limit) + (self.slots if emergency else 0)
        return self.inflight < ceiling

    @asynccontextmanager
    async def turn(self, emergency: bool = False):
        """Hold one slot for the body of the `async with`; raises Busy if none comes in time.
        `emergency`: a turn the 999 check flagged, admitted at once past the limit (module doc)."""
        if self._cond is None:                 # created on the server's own event loop
            self._cond = asyncio.Condition()
        deadline = self.clock() + self.max_wait_s
        async with self._cond:
            while not self._room(emergency):
                remaining = deadline - self.clock()
                try:
                    if remaining <= 0:
                        raise asyncio.TimeoutError
                    await asyncio.wait_for(self._cond.wait(), remaining)
                except asyncio.TimeoutError:
                    self.refused += 1
                    raise Busy from None
            if self.inflight >= int(self.limit):
                self.urgent += 1
            self.inflight += 1
        started = self.clock()
        try:
            yield
        finally:
            self.finished(self.clock() - started)
            async with self._cond:
                self.inflight -= 1
                self._cond.notify_all()
