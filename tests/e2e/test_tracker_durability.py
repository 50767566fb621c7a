"""Conversations are kept in SQLite so a restart loses nothing: with the quick-start tracker store
(endpoints.yml), a Rasa server killed outright (SIGKILL, no clean shutdown) and started again
still knows where the person is."""
import signal
import uuid

from bot.runtime.stack import Stack, free_port, quickstart_tracker_store
from tests.e2e.conftest import post_json


def routes(messages):
    return [m["custom"]["route"] for m in messages if "route" in (m.get("custom") or {})]


def test_quickstart_store_is_the_one_endpoints_yml_names(tmp_path):
    store = quickstart_tracker_store(str(tmp_path / "t.db"))
    assert store["dialect"] == "sqlite" and store["db"] == str(tmp_path / "t.db")


def test_killed_rasa_restarts_with_the_conversation(tmp_path):
    s = Stack(rasa_port=free_port(), actions_port=free_port(), web=False,
              tracker_db=str(tmp_path / "tracker.db"), log_dir=tmp_path / "logs")
    sender = f"durable-{uuid.uuid4().hex}"
    with s:
        _, first = post_json(s.rest_url, {"sender": sender,
                                          "message": "there's dog mess all over the path in Penhill"})
        assert routes(first)[0]["council"] == "swindon_borough_council"
        s.stop_one("rasa", sig=signal.SIGKILL)
        s.start_one("rasa")
        assert s.wait_ready(180, names=["rasa"])
        _, after = post_json(s.rest_url, {"sender": sender,
                                          "message": "and the street light outside is broken"})
        assert routes(after)[0]["council"] == "swindon_borough_council"
