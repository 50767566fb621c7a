"""The store on SQLite and PostgreSQL, and a conversation that survives losing it."""
import asyncio
import json
import logging
import os
import socket
import time
import uuid
from pathlib import Path

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import create_engine, text

from actions.answer import ActionAnswer
from bot.analytics.recorder import Recorder, set_default_recorder
from bot.analytics.report import build_report
from bot.analytics.store import Filters, Store, configured_url
from tests.analytics.conftest import days_ago, rows

PG_URL = os.environ.get("SIGNPOST_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
TRACKERS = Path(__file__).parents[1] / "actions" / "trackers"


def test_configured_url(monkeypatch):
    monkeypatch.delenv("SIGNPOST_ANALYTICS_URL", raising=False)
    assert configured_url().endswith("var/analytics.db")
    monkeypatch.setenv("SIGNPOST_ANALYTICS_URL", "off")
    assert configured_url() is None
    assert Recorder(None).submit({"x": 1}) is False


def test_sqlite_round_trip(sqlite_store):
    sqlite_store.insert(rows(6, when=days_ago(1), emergency=True, topic="emergency",
                             agency="police_999"))
    r = build_report(sqlite_store, Filters.last_days(7))
    assert (r.total.n, r.emergencies.part.n, r.classes["police"].n) == (6, 6, 6)


@pytest.fixture()
def pg_schema():
    engine = create_engine(PG_URL, future=True, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            pass
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"PostgreSQL not reachable at {PG_URL} ({type(exc).__name__})")
    schema = f"signpost_test_{uuid.uuid4().hex[:10]}"
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield schema
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def test_postgresql_store_and_background_writer(pg_schema):
    recorder = Recorder(PG_URL, schema=pg_schema)
    for r in rows(7, when=days_ago(0, hour=0), channel="facebook") + rows(
            3, when=days_ago(1), topic="noise", agency="swindon_borough_council",
            council="swindon_borough_council", area="swindon_west", place="Toothill"):
        assert recorder.submit(r)
    assert recorder.flush(15) and recorder.written == 10 and recorder.dropped == 0
    store = Store(PG_URL, schema=pg_schema)
    try:
        report = build_report(store, Filters.last_days(7))
        assert report.total.n == 10
        # 7 + 3 = 10 is shown, so the 7 is hidden too: else 10 - 7 gives the 3 away.
        assert {x.label: x.cell.text for x in report.channels} == {"Facebook Messenger": "—",
                                                                  "Web chat and REST": "<5"}
        assert {h.label: h.total.text for h in report.towns} == {"Swindon": "<5"}
        telegram = Filters(report.filters.start, report.filters.end, channel="telegram")
        assert build_report(store, telegram).empty
    finally:
        store.dispose()
        recorder.close()


# -- losing the store never breaks a conversation ------------------------------------------------
def _tracker(name: str) -> Tracker:
    data = json.loads((TRACKERS / f"{name}.json").read_text())
    data["events"] = [{"event": "user", "text": data["latest_message"]["text"],
                       "input_channel": "rest"}]
    return Tracker.from_dict(data)


async def _answer(name: str):
    dispatcher = CollectingDispatcher()
    started = time.monotonic()
    await ActionAnswer().run(dispatcher, _tracker(name), {})
    return dispatcher.messages, time.monotonic() - started


@pytest.fixture()
def hung_port():
    """A port that accepts TCP connections but never answers (a hung database server)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(16)
        yield s.getsockname()[1]


def _read_only_sqlite(tmp_path) -> str:
    """An existing store opened read-only (SQLite's mode=ro holds even for root)."""
    db = tmp_path / "ro.db"
    Store(f"sqlite:///{db}").ensure_table()
    return f"sqlite:///file:{db}?mode=ro&uri=true"


@pytest.mark.asyncio
@pytest.mark.parametrize("kind", ["refused", "hung", "read_only", "nonsense"])
async def test_a_dead_store_never_breaks_or_slows_an_answer(kind, tmp_path, hung_port, caplog):
    url = {"refused": "postgresql://postgres@127.0.0.1:1/test",
           "hung": f"postgresql://postgres@127.0.0.1:{hung_port}/test",
           "nonsense": "mysql+nothing://user:pass@nowhere/db"}.get(kind)
    if kind == "read_only":
        url = _read_only_sqlite(tmp_path)
    recorder = Recorder(url, retries=1)
    set_default_recorder(recorder)
    caplog.set_level(logging.WARNING, logger="bot.analytics")
    try:
        messages, took = await _answer("place_answer_pending")
        assert messages and "Penhill" in messages[0]["text"]
        assert took < 0.5
        messages, _ = await _answer("fallback")
        assert messages[0]["buttons"]
        await asyncio.get_running_loop().run_in_executor(None, recorder.flush, 30)
        assert recorder.dropped == 2 and recorder.written == 0
    finally:
        set_default_recorder(None)
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "could not record" in logged
    for secret in ("Penhill", "the thing by the road", "fixture-", "postgres@", "5432"):
        assert secret not in logged
