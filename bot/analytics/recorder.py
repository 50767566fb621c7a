"""Fire-and-forget recording: the action hands a row to a queue and returns at once.

A daemon thread wakes every LINGER_S and writes what has queued up in batches, so a busy server
commits once per batch rather than once per answer (one commit per row cost the action server more
CPU than answering, reports/bench.md). flush() and exit cut the wait short. If the store is slow, full,
read-only or gone, the thread retries a little, then drops rows and logs the error class (never
the row or the error text); the conversation never waits for it and never sees an error.
"""
from __future__ import annotations

import atexit
import collections
import logging
import threading
import time

from bot.analytics.outcome import anonymous_row
from bot.analytics.store import Store, configured_url

logger = logging.getLogger(__name__)
QUEUE_MAX = 10_000
BATCH = 200
LINGER_S = 0.5        # a row reaches the store at most this much later (plus the write)
RETRIES = 3
LOG_EVERY_S = 60.0


class Recorder:
    def __init__(self, url: str | None, table: str | None = None,
                 schema: str | None = None, retries: int = RETRIES) -> None:
        self.url, self.table, self.schema, self.retries = url, table, schema, max(1, retries)
        # A deque, not a queue.Queue: handing a row over must not wake the writer (a notify per
        # row cost the action server a GIL hand-off per answer, reports/bench.md).
        self._rows: collections.deque[dict] = collections.deque()
        self.written = self.dropped = self.failures = 0
        self._store: Store | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()           # counters and the writer's start
        self._accepted = 0                      # rows taken by submit()
        self._finished_rows = 0                 # rows written or dropped by the writer
        self._done = threading.Condition()
        self._wake = threading.Event()          # flush(): write what is queued now
        self._last_log = 0.0

    # -- producer side (the action) -----------------------------------------------------------
    def submit(self, row: dict) -> bool:
        """Queue a row; never blocks, never raises. False when the row was dropped."""
        if self.url is None:
            return False
        if len(self._rows) >= QUEUE_MAX:
            self.dropped += 1
            self._warn("analytics: queue full, outcome dropped")
            return False
        with self._lock:
            self._rows.append(row)
            self._accepted += 1
        self._start()
        return True

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait (up to timeout) until everything queued so far has been written or dropped."""
        with self._lock:
            target = self._accepted
        self._wake.set()
        with self._done:
            return self._done.wait_for(lambda: self._finished_rows >= target, timeout)

    def _finished(self, n: int) -> None:
        with self._done:
            self._finished_rows += n
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

    def _open_store(self) -> Store:
        # only the writer thread calls this, and only after submit() accepted a row (url set)
        assert self.url is not None
        if self._store is None:
            kw = {"table": self.table} if self.table else {}
            self._store = Store(self.url, schema=self.schema, **kw)
        return self._store

    def _run(self) -> None:
        while True:
            self._wake.wait(LINGER_S)     # rows wait at most LINGER_S; flush() wakes us early
            self._wake.clear()
            while self._rows:
                batch: list[dict] = []
                while self._rows and len(batch) < BATCH:
                    batch.append(self._rows.popleft())
                try:
                    self._write(batch)
                finally:
                    self._finished(len(batch))

    def _write(self, batch: list) -> None:
        last = ""
        for attempt in range(self.retries):
            try:
                self._open_store().insert(batch)
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


_default: Recorder | None = None
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


def set_default_recorder(recorder: Recorder | None) -> None:
    """Swap the process-wide recorder (tests); None re-reads the environment on next use."""
    global _default
    with _default_lock:
        _default = recorder


def record_turn(reply, turn, before, channel: str | None,
                recorder: Recorder | None = None) -> bool:
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
