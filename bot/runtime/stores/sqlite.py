"""FastSQLTrackerStore: Rasa's SQLTrackerStore on SQLite, tuned for one Rasa process.

Same tables, same rows, same file: a database written by this store is read by the stock
`type: SQL` store and the other way round, so switching back is a one-line change in endpoints.yml.

    tracker_store:
      type: bot.runtime.stores.sqlite.FastSQLTrackerStore
      dialect: sqlite
      db: var/signpost.db

What it changes, each measured in reports/bench.md ("levers"):

* Connections are kept (one per thread) instead of SQLAlchemy's default for SQLite files, which
  opens and closes a new connection for every read and every write.
* `journal_mode=WAL` and `synchronous=NORMAL`: a commit no longer waits for fsync. Every
  committed turn is in the WAL file before the request returns, so a stopped, crashed or killed
  process loses nothing; only a power cut or kernel crash could drop the last turns. Readers
  (analytics, `sqlite3`) never block the bot.
* Reading a conversation runs the very SELECT Rasa's `_event_query` builds (compiled once from
  it when the store starts) straight on the SQLite connection, and saving runs the INSERT that
  SQLAlchemy compiles for the `events` table: the same SQL, the same rows, without building and
  compiling an ORM query on every message (0.57 ms -> 0.03 ms per read, measured).
* `save()` skips Rasa's "how many events are stored already?" COUNT query when the same tracker
  was read by this store a moment earlier: `retrieve()` remembers the number of events it
  returned for the current session (the very number the COUNT query would give), and `save()`
  updates it. Rasa reads, then saves, each conversation under its lock, so the number is fresh;
  a sender we have not read falls back to the COUNT query.

Anything but SQLite behaves exactly as `type: SQL`. Production uses PostgreSQL
(endpoints.prod.yml); this store is for the single-process quick start.
"""
from __future__ import annotations

import itertools
import json
import logging
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

logger = logging.getLogger(__name__)

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA busy_timeout=5000",
    "PRAGMA temp_store=MEMORY",
    "PRAGMA cache_size=-16000",   # 16 MB page cache
)
MAX_REMEMBERED = 20_000           # senders whose stored-event count we remember (LRU)
_COLUMNS = ("sender_id", "type_name", "timestamp", "intent_name", "action_name", "data")
_PLACEHOLDER = "\x00signpost-sender\x00"


def _apply_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


class FastSQLTrackerStore(SQLTrackerStore):
    engine: sa.engine.Engine   # set by SQLTrackerStore.__init__ (Rasa leaves it unannotated)

    def __init__(self, domain=None, dialect: str = "sqlite", db: str = "rasa.db",
                 **kwargs: Any) -> None:
        super().__init__(domain=domain, dialect=dialect, db=db, **kwargs)
        self._stored: OrderedDict[str, int] = OrderedDict()
        self._fast = self.engine.dialect.name == "sqlite"
        if not self._fast:
            return
        url = self.engine.url
        self.engine.dispose()
        # check_same_thread=False only lets SQLAlchemy's pool hand the connection back from
        # the thread that closes a session; SingletonThreadPool still gives each thread its own.
        self.engine = sa.create_engine(url, poolclass=sa.pool.SingletonThreadPool,
                                       connect_args={"check_same_thread": False})
        sa.event.listen(self.engine, "connect", _apply_pragmas)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        with self.engine.connect() as conn:
            self.journal_mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        self._select, self._select_params = self._compile_latest_session_query()
        insert = self.SQLEvent.__table__.insert().values(
            {c: sa.bindparam(c) for c in _COLUMNS}).compile(self.engine)
        self._insert, self._insert_params = str(insert), list(insert.positiontup)
        logger.debug("FastSQLTrackerStore: %s in journal mode %s", db, self.journal_mode)

    def _compile_latest_session_query(self) -> tuple:
        """Rasa's own query for a sender's latest session, as SQL text and parameter recipe."""
        with self.session_scope() as session:
            query = self._event_query(session, _PLACEHOLDER, fetch_events_from_all_sessions=False
                                      ).with_entities(self.SQLEvent.data)
            compiled = query.statement.compile(self.engine)
        params = [(name, compiled.params[name]) for name in compiled.positiontup]
        return str(compiled), params

    def _execute(self, sql: str, rows: list, many: bool = False) -> list:
        connection = self.engine.raw_connection()   # this thread's pooled SQLite connection
        try:
            cursor = connection.cursor()
            if many:
                cursor.executemany(sql, rows)
                connection.commit()
                result = []
            else:
                cursor.execute(sql, rows)
                result = cursor.fetchall()
            cursor.close()
            return result
        except BaseException:
            connection.rollback()
            raise
        finally:
            connection.close()

    # -- the remembered number of stored events of a sender's latest session ----------------
    def _remember(self, sender_id: str, count: int) -> None:
        self._stored[sender_id] = count
        self._stored.move_to_end(sender_id)
        while len(self._stored) > MAX_REMEMBERED:
            self._stored.popitem(last=False)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        tracker = await super().retrieve(sender_id)
        if self._fast:
            # None: the sender has no events at all (its session-start row would be returned)
            self._remember(sender_id, len(tracker.events) if tracker is not None else 0)
        return tracker

    async def retrieve_full_tracker(self, conversation_id: str
                                    ) -> DialogueStateTracker | None:
        # All sessions: not the number save() compares with, so save() asks the database again.
        self._stored.pop(conversation_id, None)
        return await super().retrieve_full_tracker(conversation_id)

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool
                        ) -> DialogueStateTracker | None:
        if not self._fast:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        if fetch_events_from_all_sessions:
            with self.session_scope() as session:
                rows = self._event_query(session, sender_id, True
                                         ).with_entities(self.SQLEvent.data).all()
        else:
            rows = self._execute(self._select, [sender_id if value == _PLACEHOLDER else value
                                                for _, value in self._select_params])
        events = [json.loads(data) for (data,) in rows]
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None

    async def save(self, tracker: DialogueStateTracker) -> None:
        if not self._fast:
            return await super().save(tracker)
        await self.stream_events(tracker)
        stored = self._stored.pop(tracker.sender_id, None)
        if stored is None or stored > len(tracker.events):
            with self.session_scope() as session:   # Rasa's COUNT query
                new_events = list(SQLTrackerStore._additional_events(self, session, tracker))
        else:
            new_events = list(itertools.islice(tracker.events, stored, len(tracker.events)))
        rows = []
        for event in new_events:
            data = event.as_dict()
            row = {"sender_id": tracker.sender_id, "type_name": event.type_name,
                   "timestamp": data.get("timestamp"),
                   "intent_name": data.get("parse_data", {}).get("intent", {})
                   .get(INTENT_NAME_KEY),
                   "action_name": data.get("name"), "data": json.dumps(data)}
            rows.append([row[name] for name in self._insert_params])
        if rows:
            self._execute(self._insert, rows, many=True)
        self._remember(tracker.sender_id, len(tracker.events))

    def _additional_events(self, session, tracker: DialogueStateTracker) -> Iterator:
        stored = self._stored.pop(tracker.sender_id, None)
        if stored is None or stored > len(tracker.events):
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))
