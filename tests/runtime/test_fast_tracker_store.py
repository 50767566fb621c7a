"""bot.runtime.stores.sqlite.FastSQLTrackerStore writes exactly what Rasa's SQLTrackerStore writes, reads
it back the same way, and keeps every committed turn when the process is killed."""
import asyncio
import os
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.runtime.stack import ROOT
from bot.runtime.stores.sqlite import FastSQLTrackerStore

COLUMNS = "sender_id, type_name, timestamp, intent_name, action_name, data"


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


def turn(n: int, text: str, intent: str, start: float) -> list:
    t = start + n
    return [
        UserUttered(text, {"name": intent, "confidence": 0.9}, timestamp=t),
        ActionExecuted("action_answer", timestamp=t + 0.1),
        BotUttered(f"answer {n}", timestamp=t + 0.2),
        SlotSet("place", "Calne", timestamp=t + 0.3),
        ActionExecuted("action_listen", timestamp=t + 0.4),
    ]


async def conversation(store, sender: str, turns: int = 3, start: float = 1000.0) -> None:
    assert await store.retrieve(sender) is None
    tracker = DialogueStateTracker.from_events(
        sender, [ActionExecuted("action_session_start", timestamp=start - 1),
                 SessionStarted(timestamp=start - 1),
                 ActionExecuted("action_listen", timestamp=start - 1)], store.domain.slots)
    await store.save(tracker)
    for n in range(turns):
        tracker = await store.retrieve(sender)
        tracker.update_with_events(turn(n, f"message {n}", "fly_tipping", start), None,
                                   override_timestamp=False)
        await store.save(tracker)


def rows(db: str) -> list:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT {COLUMNS} FROM events ORDER BY id").fetchall()


def test_same_rows_as_rasa_sql_store(tmp_path, domain):
    stock = SQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "stock.db"))
    fast = FastSQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "fast.db"))
    assert fast.journal_mode == "wal"
    asyncio.run(conversation(stock, "alice"))
    asyncio.run(conversation(fast, "alice"))
    assert rows(str(tmp_path / "fast.db")) == rows(str(tmp_path / "stock.db"))
    assert len(rows(str(tmp_path / "fast.db"))) == 3 + 3 * 5


def test_reads_back_what_rasa_reads(tmp_path, domain):
    db = str(tmp_path / "t.db")
    fast = FastSQLTrackerStore(domain, dialect="sqlite", db=db)
    asyncio.run(conversation(fast, "bob"))
    stock = SQLTrackerStore(domain, dialect="sqlite", db=db)
    mine, theirs = (asyncio.run(s.retrieve("bob")) for s in (fast, stock))
    assert [e.as_dict() for e in mine.events] == [e.as_dict() for e in theirs.events]
    assert mine.get_slot("place") == "Calne"
    assert asyncio.run(fast.retrieve("nobody")) is None


def test_save_without_a_read_asks_the_database(tmp_path, domain):
    """A sender this process has not read (e.g. written by another process) is counted."""
    db = str(tmp_path / "t.db")
    asyncio.run(conversation(FastSQLTrackerStore(domain, dialect="sqlite", db=db), "carol", 1))
    other = FastSQLTrackerStore(domain, dialect="sqlite", db=db)
    tracker = asyncio.run(SQLTrackerStore(domain, dialect="sqlite", db=db).retrieve("carol"))
    tracker.update_with_events(turn(5, "again", "noise", 1000.0), None,
                               override_timestamp=False)
    asyncio.run(other.save(tracker))
    assert len(rows(db)) == 3 + 5 + 5  # nothing written twice


def test_killed_process_loses_no_committed_turn(tmp_path):
    db = tmp_path / "t.db"
    script = textwrap.dedent(f"""
        import asyncio, os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from rasa.shared.core.domain import Domain
        from bot.runtime.stores.sqlite import FastSQLTrackerStore
        from tests.runtime.test_fast_tracker_store import conversation
        store = FastSQLTrackerStore(Domain.load({str(ROOT / 'domain.yml')!r}), dialect="sqlite",
                                    db={str(db)!r})
        asyncio.run(conversation(store, "dave", 4))
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"}, timeout=120)
    assert proc.returncode == -9, proc.stderr.decode()[-2000:]
    assert len(rows(str(db))) == 3 + 4 * 5


def test_latest_session_only_and_odd_sender_ids(tmp_path, domain):
    """Like Rasa: retrieve() returns the events of the latest session only."""
    db = str(tmp_path / "t.db")
    fast = FastSQLTrackerStore(domain, dialect="sqlite", db=db)
    sender = "o'brien \"; DROP TABLE events; --"
    asyncio.run(conversation(fast, sender, 2, start=1000.0))
    tracker = asyncio.run(fast.retrieve(sender))
    tracker.update_with_events([ActionExecuted("action_session_start", timestamp=5000.0),
                                SessionStarted(timestamp=5000.0),
                                ActionExecuted("action_listen", timestamp=5000.0)]
                               + turn(0, "new session", "noise", 5001.0), None,
                               override_timestamp=False)
    asyncio.run(fast.save(tracker))
    stock = SQLTrackerStore(domain, dialect="sqlite", db=db)
    mine, theirs = (asyncio.run(s.retrieve(sender)) for s in (fast, stock))
    assert [e.as_dict() for e in mine.events] == [e.as_dict() for e in theirs.events]
    assert len(mine.events) == 3 + 5
    full = asyncio.run(fast.retrieve_full_tracker(sender))
    assert len(full.events) == 3 + 2 * 5 + 3 + 5
