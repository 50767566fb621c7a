"""The outcome store: one SQL table, SQLite by default, PostgreSQL in production (SQLAlchemy Core).

    SIGNPOST_ANALYTICS_URL=sqlite:///var/analytics.db        (default: <repo>/var/analytics.db)
    SIGNPOST_ANALYTICS_URL=postgresql://user@host:5432/signpost
    SIGNPOST_ANALYTICS_URL=off                                (record nothing)

Connections time out after a few seconds, so a dead database costs the background writer (never a
conversation) a short wait.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    and_,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy.engine import Engine, make_url

from bot.analytics.outcome import FIELDS, POLICE_AGENCIES

ROOT = Path(__file__).resolve().parents[2]
ENV_URL = "SIGNPOST_ANALYTICS_URL"
DEFAULT_URL = f"sqlite:///{ROOT / 'var' / 'analytics.db'}"
TABLE = "signpost_outcomes"
DISABLED = ("", "off", "none", "disabled")
TIMEOUT_S = 3


def configured_url() -> str | None:
    """The store URL from the environment; None when analytics are switched off."""
    url = os.environ.get(ENV_URL)
    if url is None:
        return DEFAULT_URL
    return None if url.strip().lower() in DISABLED else url.strip()


def make_table(metadata: MetaData, name: str = TABLE) -> Table:
    return Table(
        name, metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("hour", DateTime, nullable=False),          # UTC, truncated to the hour
        Column("day", Date, nullable=False),               # the hour's date, for portable grouping
        Column("hour_of_day", SmallInteger, nullable=False),
        Column("channel", String(16), nullable=False),
        Column("topic", String(40)),
        Column("agency", String(40)),
        Column("council", String(40)),
        Column("area", String(40)),
        Column("town", String(40)),
        Column("emergency", Boolean, nullable=False, default=False),
        Column("asked_place", Boolean, nullable=False, default=False),
        Column("fallback", Boolean, nullable=False, default=False),
        Column("guess", String(40)),                       # fallbacks: the topic we guessed
        Index(f"ix_{name}_day", "day"),
    )


@dataclass(frozen=True)
class Filters:
    start: date
    end: date                      # inclusive
    council: str | None = None
    channel: str | None = None

    @classmethod
    def last_days(cls, days: int = 7, today: date | None = None, **kw) -> Filters:
        today = today or datetime.now(timezone.utc).date()     # days are UTC days, like `day`
        return cls(start=today - timedelta(days=days - 1), end=today, **kw)


def _sqlite_wal(dbapi_connection, _record) -> None:
    """WAL, commits without fsync: one row per answered question cost the action server a
    journal-file create/fsync/delete each (the biggest share of its CPU, reports/bench.md). A
    crash of the process loses nothing committed; only a power cut could drop the last rows.
    Best effort: a read-only file (or one another process holds) keeps its journal mode."""
    try:
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.Error:
        pass


def create_store_engine(url: str) -> Engine:
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = parsed.database
        if path and path != ":memory:" and not path.startswith("file:"):  # file: URIs name an existing file
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": TIMEOUT_S}, future=True)
        event.listen(engine, "connect", _sqlite_wal)
        return engine
    if backend == "postgresql":
        return create_engine(
            url, future=True, pool_pre_ping=True, pool_size=2, max_overflow=2,
            pool_timeout=TIMEOUT_S,
            connect_args={"connect_timeout": TIMEOUT_S,
                          "options": f"-c statement_timeout={TIMEOUT_S * 1000}",
                          "application_name": "signpost-analytics"})
    raise ValueError(f"{ENV_URL}: unsupported database '{backend}' (use sqlite or postgresql)")


class Store:
    def __init__(self, url: str, table: str = TABLE, schema: str | None = None) -> None:
        self.url = url
        self.engine = create_store_engine(url)
        self.metadata = MetaData(schema=schema)
        self.table = make_table(self.metadata, table)
        self._ready = False

    def ensure_table(self) -> None:
        if not self._ready:
            self.metadata.create_all(self.engine, checkfirst=True)
            self._ready = True

    def insert(self, rows: Iterable[dict]) -> int:
        rows = [{k: r[k] for k in FIELDS} for r in rows]
        if not rows:
            return 0
        self.ensure_table()
        with self.engine.begin() as conn:
            conn.execute(self.table.insert(), rows)
        return len(rows)

    def dispose(self) -> None:
        self.engine.dispose()

    # -- reading -------------------------------------------------------------------------------
    def where(self, f: Filters):
        t = self.table
        cond = [t.c.day >= f.start, t.c.day <= f.end]
        if f.council:
            cond.append(t.c.council == f.council)
        if f.channel:
            cond.append(t.c.channel == f.channel)
        return and_(*cond)

    def counts(self, f: Filters, *group_by: str, extra=None) -> list:
        """[(key..., count)] for the filtered rows grouped by the named columns."""
        self.ensure_table()
        t = self.table
        cols = [t.c[name] for name in group_by]
        cond = self.where(f) if extra is None else and_(self.where(f), extra)
        query = select(*cols, func.count().label("n")).where(cond)
        if cols:
            query = query.group_by(*cols)
        with self.engine.connect() as conn:
            return [tuple(row) for row in conn.execute(query)]

    def total(self, f: Filters, extra=None) -> int:
        rows = self.counts(f, extra=extra)
        return int(rows[0][-1]) if rows else 0

    def police(self):
        return self.table.c.agency.in_(POLICE_AGENCIES)

    def day_span(self) -> tuple | None:
        """(first day, last day) with any outcome, or None when the store is empty."""
        self.ensure_table()
        t = self.table
        with self.engine.connect() as conn:
            first, last = conn.execute(select(func.min(t.c.day), func.max(t.c.day))).one()
        if first is None:
            return None
        return _as_date(first), _as_date(last)


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
