"""The benchmark's load client (bot.measurement.bench.load) against a real Signpost for a few
seconds: it counts answered messages and each kind of error correctly. A check of the tooling, not
of speed: no timing is asserted."""
import re

import pytest
import yaml

from bot.measurement.bench import load
from bot.measurement.bench.conversations import ALL_SIGNPOST_TEXTS, PLACES, signpost_conversation
from bot.runtime.stack import ROOT, Stack, free_port


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bench")
    s = Stack(rasa_port=free_port(), actions_port=free_port(), web=False,
              tracker_db=str(tmp / "tracker.db"), log_dir=tmp / "logs")
    s.start()
    yield s
    s.stop()


def test_counts_answered_messages(stack):
    result = load.run(stack.rest_url, "signpost", users=3, duration=3, warmup=1)
    summary = result.summary()
    assert summary["errors"] == 0, summary["error_examples"]
    assert summary["messages"] == len(result.latencies_ms) > 0
    assert summary["messages"] == sum(len(v) for v in result.by_tag.values())
    assert summary["action_turns"] > 0 and summary["p50_ms_action_turns"] is not None
    assert summary["p50_ms"] <= summary["p95_ms"] <= summary["p99_ms"] <= summary["max_ms"]
    assert summary["msgs_per_s"] == pytest.approx(summary["messages"] / 3, abs=0.1)


def test_counts_http_errors(stack):
    result = load.run(stack.rest_url + "-nowhere", "signpost", users=2, duration=1, warmup=0)
    assert result.ok == 0 and set(result.errors) == {"http_404"} and result.error_count > 0


def test_counts_connection_errors():
    url = f"http://127.0.0.1:{free_port()}/webhooks/rest/webhook"
    result = load.run(url, "signpost", users=2, duration=1, warmup=0)
    assert result.ok == 0 and set(result.errors) == {"connection"}


def test_counts_degraded_answers_when_the_action_server_is_down(tmp_path):
    s = Stack(rasa_port=free_port(), actions_port=free_port(), web=False,
              tracker_db=str(tmp_path / "t.db"), log_dir=tmp_path / "logs")
    with s:
        s.stop_one("actions")
        result = load.run(s.rest_url, "signpost", users=2, duration=2, warmup=0)
    # Every conversation's first action turn gets the 999/101 apology, which is an error.
    assert result.errors["apology"] > 0
    assert set(result.errors) <= {"apology"}


def test_checks_emergency_first():
    assert load.signpost_check("emergency", [{"text": "CALL 999 NOW ..."}]) is None
    assert load.signpost_check("emergency", [{"text": "Fly-tipping ..."}]) == "emergency_not_first"
    assert load.signpost_check("route", [{"text": "Sorry, I couldn't finish that answer"}]) == \
        "apology"


def test_percentiles():
    values = [float(x) for x in range(1, 101)]
    assert load.percentile(values, 50) == 50 and load.percentile(values, 99) == 99
    assert load.percentile([], 50) is None and load.percentile([7.0], 95) == 7.0


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


def _dataset_texts() -> set:
    texts = set()
    for path in [ROOT / "data" / "nlu.yml", ROOT / "tests" / "nlu" / "heldout.yml"]:
        for block in yaml.safe_load(path.read_text())["nlu"]:
            for line in (block.get("examples") or "").splitlines():
                line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.strip().lstrip("- "))
                texts.add(_norm(line))
    for path in (ROOT / "tests").glob("test_*.yml"):
        for m in re.finditer(r"user: \|?\s*(.+)", path.read_text()):
            texts.add(_norm(m.group(1)))
    return texts


def test_benchmark_texts_are_not_from_the_training_or_test_sets():
    known = _dataset_texts()
    # Bare place names ("Bradford on Avon") and two-word phrases ("good morning", "cheers")
    # are bound to appear in the data too; every sentence must be new.
    sentences = [t for t in ALL_SIGNPOST_TEXTS if len(t.split()) > 2
                 and (t not in PLACES or len(t.split()) > 3)]
    overlap = [t for t in sentences if _norm(t) in known]
    assert not overlap


def test_conversations_follow_the_journey():
    import random
    rng = random.Random(5)
    for _ in range(50):
        tags = [tag for _, tag in signpost_conversation(rng)]
        assert "ask_place" in tags and tags.index("ask_place") < tags.index("route")
        assert tags[-1] == "any"
