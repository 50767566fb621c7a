"""Real conversations through the REST channel record anonymous outcomes, and /insights shows them.

One real stack (Rasa, action server, web app) on free ports for the module, its store a
temporary SQLite file.
"""
import csv
import io
import os
import re
import time
import uuid

import pytest
from sqlalchemy import create_engine, select

from bot.analytics.outcome import CHANNELS
from bot.analytics.store import Store
from bot.directory import default_directory
from bot.runtime.stack import Stack, free_port
from tests.analytics.conftest import TOKEN, get
from tests.e2e.conftest import post_json

CONVERSATIONS = {
    "place_follow_up": ["who do i tell about a load of rubbish dumped down our lane", "Lacock"],
    "emergency": ["someone is trying to break in to my house right now"],
    "fallback": ["what's the weather going to be like tomorrow"],
    "estate": ["loads of dog poo on the path by the shops in Penhill"],
    "postcode": ["someone dumped an old sofa outside SN15 3BX"],
}
INWARD_CODES = ("3BX",)
STOPWORDS = {"there", "about", "what", "going", "like", "from", "with", "that", "this", "into",
             "down", "your", "right"}


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("analytics-stack")
    url = f"sqlite:///{tmp / 'analytics.db'}"
    s = Stack(os.environ.get("SIGNPOST_MODEL"), rasa_port=free_port(), actions_port=free_port(),
              web_port=free_port(), tracker_db=str(tmp / "tracker.db"), log_dir=tmp / "logs",
              env={"SIGNPOST_ANALYTICS_URL": url, "SIGNPOST_INSIGHTS_TOKEN": TOKEN})
    s.start()
    s.analytics_url = url
    yield s
    s.stop()


@pytest.fixture(scope="module")
def talked(stack):
    """Have every conversation once; return the sender ids and the replies."""
    senders, replies = {}, {}
    for name, messages in CONVERSATIONS.items():
        senders[name] = f"analytics-{uuid.uuid4().hex}"
        for text in messages:
            status, body = post_json(stack.rest_url, {"sender": senders[name], "message": text})
            assert status == 200 and body
            replies.setdefault(name, []).append(body)
    return senders, replies


def stored_rows(url: str, expected: int, timeout: float = 30) -> list:
    """Every row of the outcome table, once the background writer has caught up."""
    engine = create_engine(url, future=True)
    table = Store(url).table
    deadline = time.time() + timeout
    try:
        while True:
            try:
                with engine.connect() as conn:
                    got = [dict(r._mapping) for r in conn.execute(select(table))]
            except Exception:  # noqa: BLE001 - table not created yet
                got = []
            if len(got) >= expected or time.time() > deadline:
                return got
            time.sleep(0.3)
    finally:
        engine.dispose()


def test_each_answered_question_is_one_anonymous_row(stack, talked):
    rows = stored_rows(stack.analytics_url, expected=5)
    by_topic = {}
    for r in rows:
        by_topic.setdefault(r["topic"], []).append(r)
    assert len(rows) == 5, rows            # the "which town?" turn is not a question of its own
    assert {r["channel"] for r in rows} == {"rest"}
    fly = sorted(by_topic["fly_tipping"], key=lambda r: r["asked_place"])
    assert [(r["agency"], r["council"], r["area"], r["asked_place"], r["town"]) for r in fly] == [
        ("wiltshire_council", "wiltshire_council", "chippenham_area", False, None),   # SN15 3BX
        ("wiltshire_council", "wiltshire_council", "chippenham_area", True, None),    # Lacock
    ]
    (emergency,) = by_topic["emergency"]
    assert emergency["agency"] == "police_999" and emergency["emergency"] is True
    (fallback,) = [r for r in rows if r["fallback"]]
    assert fallback["topic"] in (None, "out_of_scope") and fallback["agency"] is None
    (estate,) = by_topic["dog_fouling"]
    assert (estate["council"], estate["town"]) == ("swindon_borough_council", "Swindon")
    for r in rows:
        assert r["hour"].minute == 0 and r["hour"].second == 0


def test_no_words_ids_or_postcodes_in_the_store(stack, talked):
    senders, _ = talked
    rows = stored_rows(stack.analytics_url, expected=5)
    d = default_directory()
    vocabulary = {*d.topics, *d.agencies, *d.areas, *d.council_names, *CHANNELS, "council",
                  "out_of_scope", "human_handoff", "Swindon", "Salisbury",
                  *(p.name for p in d.places if p.kind in ("town", "city"))}
    values = [v for r in rows for k, v in r.items() if k != "id"]
    texts = [v.lower() for v in values if isinstance(v, str)]
    assert all(v in vocabulary for v in values if isinstance(v, str)), texts
    words = {w for messages in CONVERSATIONS.values() for m in messages
             for w in re.findall(r"[a-z0-9']+", m.lower()) if len(w) >= 4 and w not in STOPWORDS}
    ids = [s.lower() for s in senders.values()]
    for needle in [*words, *ids, *(code.lower() for code in INWARD_CODES), "sn15"]:
        assert not any(needle in t for t in texts), needle
    for r in rows:
        assert set(r) == {"id", "hour", "day", "hour_of_day", "channel", "topic", "agency",
                          "council", "area", "town", "emergency", "asked_place", "fallback",
                          "guess"}


def test_insight_page_and_csv_show_the_conversations(stack, talked):
    stored_rows(stack.analytics_url, expected=5)
    assert get(f"{stack.web_url}/insights")[0] == 401
    status, _, body = get(f"{stack.web_url}/insights", {"Authorization": f"Bearer {TOKEN}"})
    assert status == 200
    assert '<span class="big">5</span> questions answered' in body
    status, _, body = get(f"{stack.web_url}/insights.csv", {"Authorization": f"Bearer {TOKEN}"})
    lines = {(x["section"], x["name"]): x["count"] for x in csv.DictReader(io.StringIO(body))}
    assert lines[("summary", "questions answered")] == "5"
    assert lines[("summary", "emergencies signposted to 999")] == "<5"
