"""Load shedding in the web app: a chat turn either starts soon or is refused at once, politely.

Each web process lets at most `slots` chat turns run at once (SIGNPOST_TURN_SLOTS, default 16:
with two web processes, enough to keep both Rasa processes busy). A turn that cannot get a slot
within `max_wait_s` (SIGNPOST_TURN_WAIT, default 1 s) is answered 503 with `Retry-After` and a
message that still points to 999/101. The wait bound is what adapts to capacity: when the
machine answers 170 turns a second the queue clears in milliseconds; when it answers 20 (another
job on the CPUs), turns beyond what it can do in a second are refused instead of queueing until
every client times out. nginx keeps a fixed ceiling behind this (bot/runtime/proxy.py,
max_inflight) for the paths that do not pass the web app.
"""
from __future__ import annotations

import asyncio
import os
from contextlib import asynccontextmanager

DEFAULT_SLOTS = 16
DEFAULT_WAIT_S = 1.0
BUSY = ("Signpost is very busy right now: please try again in a few seconds. If anyone is in "
        "danger or a crime is happening, call 999 now. Otherwise call Wiltshire Police on 101.")


class Busy(Exception):
    """No slot within the wait bound: answer 503 + Retry-After."""


class Admission:
    def __init__(self, slots: int | None = None, max_wait_s: float | None = None) -> None:
        self.slots = slots or int(os.environ.get("SIGNPOST_TURN_SLOTS") or DEFAULT_SLOTS)
        self.max_wait_s = max_wait_s if max_wait_s is not None else \
            float(os.environ.get("SIGNPOST_TURN_WAIT") or DEFAULT_WAIT_S)
        if self.slots < 1 or self.max_wait_s < 0:
            raise ValueError("SIGNPOST_TURN_SLOTS must be >= 1 and SIGNPOST_TURN_WAIT >= 0")
        self._sem: asyncio.Semaphore | None = None
        self.refused = 0

    @asynccontextmanager
    async def turn(self):
        """Hold one slot for the body of the `async with`; raises Busy if none comes in time."""
        if self._sem is None:                 # created on the server's own event loop
            self._sem = asyncio.Semaphore(self.slots)
        try:
            await asyncio.wait_for(self._sem.acquire(), self.max_wait_s)
        except asyncio.TimeoutError:
            self.refused += 1
            raise Busy from None
        try:
            yield
        finally:
            self._sem.release()
