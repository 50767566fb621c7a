"""Fire-and-forget recording: the action hands a row to a queue and returns at once.

A daemon thread writes the queue to the store in small batches. If the store is slow, full,
read-only or gone, the thread retries a little, then drops rows and logs the error class (never
the row or the error text); the conversation never waits for it and never sees an error.
"""
from __future__ import annotations

import atexit
import logging
import queue
import threading
import time
from typing import Optional

from .outcome import anonymous_row
from .store import Store, configured_url

logger = logging.getLogger(__name__)
QUEUE_MAX = 10_000
BATCH = 200
RETRIES = 3
LOG_EVERY_S = 60.0


class Recorder:
    def __init__(self, url: Optional[str], table: Optional[str] = None,
                 schema: Optional[str] = None, retries: int = RETRIES) -> None:
        self.url, self.table, self.schema, self.retries = url, table, schema, max(1, retries)
        self.queue: "queue.Queue[dict]" = queue.Queue(maxsize=QUEUE_MAX)
        self.written = self.dropped = self.failures = 0
        self._store: Optional[Store] = None
        self._thread: Optional[threading.Thread] = None
        self._lock = threading.Lock()
        self._pending = 0                       # queued or being written
        self._done = threading.Condition()
        self._last_log = 0.0

    # -- producer side (the action) -----------------------------------------------------------
    def submit(self, row: dict) -> bool:
        """Queue a row; never blocks, never raises. False when the row was dropped."""
        if self.url is None:
            return False
        with self._done:
            self._pending += 1
        try:
            self.queue.put_nowait(row)
        except queue.Full:
            self._finished(1)
            self.dropped += 1
            self._warn("analytics: queue full, outcome dropped")
            return False
        self._start()
        return True

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait (up to timeout) until everything queued so far has been written or dropped."""
        with self._done:
            return self._done.wait_for(lambda: self._pending == 0, timeout)

    def _finished(self, n: int) -> None:
        with self._done:
            self._pending -= n
            self._done.notify_all()

    def close(self, timeout: float = 2.0) -> None:
        """Flush briefly, then release the store's connections."""
        self.flush(timeout)
        if self._store is not None:
            self._store.dispose()

    # -- writer thread ------------------------------------------------------------------------
    def _start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="signpost-analytics",
                                                daemon=True)
                self._thread.start()

    def _store_or_none(self) -> Optional[Store]:
        if self._store is None:
            kw = {"table": self.table} if self.table else {}
            self._store = Store(self.url, schema=self.schema, **kw)
        return self._store

    def _run(self) -> None:
        while True:
            first = self.queue.get()
            batch = [first]
            while len(batch) < BATCH:
                try:
                    batch.append(self.queue.get_nowait())
                except queue.Empty:
                    break
            try:
                self._write(batch)
            finally:
                self._finished(len(batch))

    def _write(self, batch: list) -> None:
        last = ""
        for attempt in range(self.retries):
            try:
                self._store_or_none().insert(batch)
                self.written += len(batch)
                return
            except Exception as exc:  # noqa: BLE001 - the store must never break anything
                self.failures += 1
                last = type(exc).__name__
                if attempt + 1 < self.retries:
                    time.sleep(0.5 * 2 ** attempt)
        self.dropped += len(batch)
        self._warn(f"analytics: could not record {len(batch)} outcome(s) ({last}); "
                   f"{self.dropped} dropped so far")

    def _warn(self, message: str) -> None:
        now = time.monotonic()
        if now - self._last_log >= LOG_EVERY_S or self._last_log == 0.0:
            self._last_log = now
            logger.warning(message)


_default: Optional[Recorder] = None
_default_lock = threading.Lock()


def default_recorder() -> Recorder:
    """The process-wide recorder, configured from SIGNPOST_ANALYTICS_URL on first use."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Recorder(configured_url())
                atexit.register(_default.flush, 2.0)
    return _default


def set_default_recorder(recorder: Optional[Recorder]) -> None:
    """Swap the process-wide recorder (tests); None re-reads the environment on next use."""
    global _default
    with _default_lock:
        _default = recorder


def record_turn(reply, turn, before, channel: Optional[str],
                recorder: Optional[Recorder] = None) -> bool:
    """Record one turn of action_answer. Never raises; returns True when a row was queued."""
    try:
        row = anonymous_row(reply.outcome, channel, place=reply.state.place,
                            pending_topic=before.pending_topic, ranking=turn.ranking)
        if row is None:
            return False
        return (recorder or default_recorder()).submit(row)
    except Exception as exc:  # noqa: BLE001 - analytics never break a conversation
        logger.warning("analytics: outcome not recorded (%s)", type(exc).__name__)
        return False
