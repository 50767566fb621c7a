"""Load shedding for chat turns: a turn either starts soon or is refused at once, politely.

Used by the web chat API (bot/web/app.py, one Admission per web process: 503 + Retry-After + BUSY)
and by the widget's socket.io channel (bot/channels/socketio.py, one per Rasa process: BUSY as the
bot's reply over the socket). It lives here, below both, because channels may not import web.

Each process runs at most `limit` chat turns at once. A turn that cannot start within
`max_wait_s` (SIGNPOST_TURN_WAIT, default 1 s) is refused (Busy) and answered with a message that
still points to 999/101, instead of queueing until every client times out. A refused turn never
reached Rasa, so nothing of it is stored. Waiting turns are served oldest first, and each
finished turn wakes only the one it hands its slot to.

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
from collections import deque
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


class _Expired(Exception):
    """A waiting turn's time is up (set on its future by a timer)."""


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
        # Waiting turns, oldest first. A finishing turn hands its slot to the oldest one still
        # waiting (one wake-up, not one per waiter: under a flood hundreds wait at once and
        # waking them all for every finished turn took more CPU than the turns themselves).
        self._waiters: deque[asyncio.Future] = deque()

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

    def _queued(self) -> bool:
        while self._waiters and self._waiters[0].done():     # timed out or cancelled
            self._waiters.popleft()
        return bool(self._waiters)

    def _release(self) -> None:
        """Free one slot, and hand slots on to the oldest waiting turns while there is room."""
        self.inflight -= 1
        while self.inflight < int(self.limit) and self._queued():
            self.inflight += 1
            self._waiters.popleft().set_result(None)

    @staticmethod
    def _expire(fut: asyncio.Future) -> None:
        if not fut.done():
            fut.set_exception(_Expired())

    @asynccontextmanager
    async def turn(self, emergency: bool = False):
        """Hold one slot for the body of the `async with`; raises Busy if none comes in time.
        `emergency`: a turn the 999 check flagged, admitted at once past the limit (module doc)."""
        if (emergency or not self._queued()) and self._room(emergency):
            if self.inflight >= int(self.limit):
                self.urgent += 1
            self.inflight += 1
        elif self.max_wait_s <= 0:
            self.refused += 1
            raise Busy
        else:                     # wait in line; a finishing turn hands its slot over
            loop = asyncio.get_running_loop()
            fut = loop.create_future()
            self._waiters.append(fut)
            timer = loop.call_later(self.max_wait_s, self._expire, fut)
            try:
                await fut
            except _Expired:
                self.refused += 1
                raise Busy from None
            except BaseException:  # cancelled while waiting: a slot handed over goes back
                if fut.done() and not fut.cancelled() and fut.exception() is None:
                    self._release()
                raise
            finally:
                timer.cancel()
        started = self.clock()
        try:
            yield
        finally:
            self.finished(self.clock() - started)
            self._release()
