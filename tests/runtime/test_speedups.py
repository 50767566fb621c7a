"""bot.runtime.speedups changes speed only: the trained model gives the same parses and the same next
actions with and without them, and bad action-server replies fail exactly as before.

Each side runs in its own process, so the patches never leak into other tests."""
import json
import os
import subprocess
import sys

import pytest

from bot.measurement.bench.conversations import ALL_SIGNPOST_TEXTS
from bot.runtime import speedups
from bot.runtime.stack import ROOT, latest_model

PROBE = r"""
import asyncio, json, sys
from bot.runtime import speedups
speedups.apply({"SIGNPOST_SPEEDUPS": sys.argv[2]})
from rasa.core.agent import Agent
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

texts = json.loads(sys.argv[3])
out = {"parses": [], "next": [], "invalid": []}

async def main():
    agent = Agent.load(sys.argv[1])
    domain = agent.domain
    for i, text in enumerate(texts):
        parse = await agent.parse_message(text)
        out["parses"].append(parse)
        tracker = DialogueStateTracker.from_events(f"s{i}", [
            ActionExecuted("action_session_start"), SessionStarted(),
            ActionExecuted("action_listen"),
            UserUttered(text, parse["intent"], parse["entities"], parse)], domain.slots)
        prediction = agent.processor.predict_next_with_tracker(tracker)
        best = max(prediction["scores"], key=lambda s: s["score"])
        out["next"].append([best, prediction.get("policy"),
                            prediction.get("confidence")])
        restored = DialogueStateTracker.from_dict(
            f"s{i}", [e.as_dict() for e in tracker.events], domain.slots)
        assert [e.as_dict() for e in restored.events] == [e.as_dict() for e in tracker.events]
    # Multi-turn: the next action after each step of a conversation that goes on (rule_keys
    # remembers matches by the last states, so longer histories must still match correctly).
    from rasa.shared.core.events import BotUttered, FollowupAction, SlotSet
    events = [ActionExecuted("action_session_start"), SessionStarted(),
              ActionExecuted("action_listen")]
    for i, text in enumerate(texts[:40]):
        parse = await agent.parse_message(text)
        events += [UserUttered(text, parse["intent"], parse["entities"], parse)]
        tracker = DialogueStateTracker.from_events("multi", events, domain.slots)
        prediction = agent.processor.predict_next_with_tracker(tracker)
        best = max(prediction["scores"], key=lambda s: s["score"])
        out["next"].append(["multi", i, best, prediction.get("policy")])
        events += [ActionExecuted(best["action"]), BotUttered("ok"),
                   SlotSet("asked_place", bool(i % 2)), ActionExecuted("action_listen")]
    action = RemoteAction("action_answer", None)
    for bad in ({"events": "nope"}, {"events": [{"event": "slot"}]}, {"responses": [1]},
                {"events": [{"event": "bot", "timestamp": "late"}]},
                {"events": [{"event": "bot", "timestamp": True}]},
                {"events": [{"event": "bot", "metadata": []}]},
                {"events": [{"event": "slot", "name": 3, "value": 1}]},
                {"events": [{"event": "slot", "name": "place"}]},
                {"events": [{"event": "user", "parse_data": {"entities": [{"value": 1}]}}]},
                {"events": [{"event": "no_such_event"}]}, {"events": [{"event": 7}]},
                {"events": [{"name": "place", "value": 1}]}, {"events": [[]]}, []):
        try:
            action._validate_action_result(bad)
            out["invalid"].append(None)
        except Exception as exc:
            out["invalid"].append([type(exc).__name__, exc.message])
    good = {"events": [{"event": "slot", "name": "place", "value": "Calne"},
                       {"event": "slot", "name": "offered", "value": None, "timestamp": 1.5,
                        "metadata": None},
                       {"event": "bot", "text": "hi", "timestamp": 17, "metadata": {"a": 1}},
                       {"event": "followup", "name": "action_listen"},
                       {"event": "user", "text": "hi", "parse_data": {"intent": {"name": "x"}}}],
            "responses": [{"text": "hi"}]}
    out["valid"] = action._validate_action_result(good)

asyncio.run(main())
print(json.dumps(out, sort_keys=True, default=str))
"""


def probe(model: str, which: str, texts: list) -> dict:
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3"}
    result = subprocess.run([sys.executable, "-c", PROBE, model, which, json.dumps(texts)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def close(a: list, b: list, tol: float = 1e-5) -> bool:
    """Same parses except for confidences within `tol` of each other. (Rounding both sides to a
    number of digits is not enough: two values 1e-7 apart can round to different digits.)"""
    def conf(p):
        return [p["intent"]["confidence"]] + [r["confidence"] for r in p["intent_ranking"]]

    def rest(p):
        return {**p, "intent": {**p["intent"], "confidence": None},
                "intent_ranking": [{**r, "confidence": None} for r in p["intent_ranking"]]}
    return len(a) == len(b) and all(
        rest(x) == rest(y) and len(conf(x)) == len(conf(y))
        and all(abs(u - v) <= tol for u, v in zip(conf(x), conf(y), strict=True))
        for x, y in zip(a, b, strict=True))


def test_same_answers_with_and_without_speedups():
    model = os.environ.get("SIGNPOST_MODEL") or latest_model()
    texts = ALL_SIGNPOST_TEXTS + ["/fly_tipping", "SN15 3BX", "help!!"]
    exact = ",".join(n for n in speedups.ALL if n != "blas_threads")
    stock, fast, all_ = (probe(model, which, texts) for which in ("none", exact, "all"))
    # Every speed-up but one computes bit for bit what Rasa computes.
    assert fast["parses"] == stock["parses"]
    assert fast["next"] == stock["next"]
    assert fast["invalid"] == stock["invalid"] and all(stock["invalid"])
    assert fast["valid"] is stock["valid"] is True
    # One BLAS thread sums the classifier's products in another order than two threads do (as a
    # machine with more cores would too): confidences agree to float32 precision, and every
    # intent, ranking and next action is the same.
    assert close(all_["parses"], stock["parses"])
    assert [p["intent_ranking"] for p in all_["parses"]] and all(
        [r["name"] for r in a["intent_ranking"]] == [r["name"] for r in b["intent_ranking"]]
        for a, b in zip(all_["parses"], stock["parses"], strict=True))
    assert all_["next"] == stock["next"]


def test_switches():
    assert speedups.enabled({}) == speedups.ALL
    assert speedups.enabled({"SIGNPOST_SPEEDUPS": "none"}) == ()
    assert speedups.enabled({"SIGNPOST_SPEEDUPS": "graph_runner, event_types"}) == (
        "graph_runner", "event_types")
    with pytest.raises(ValueError):
        speedups.enabled({"SIGNPOST_SPEEDUPS": "turbo"})


TRIM_PROBE = r"""
import json, sys
from bot.runtime import speedups
speedups.apply({"SIGNPOST_SPEEDUPS": sys.argv[1]})
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, BotUttered, SessionStarted, SlotSet,
                                     UserUttered)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

domain = Domain.load("domain.yml")
events = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"),
          UserUttered("fly tipping", {"name": "fly_tipping", "confidence": 0.9}, [],
                      input_channel="rest", message_id="m1"),
          ActionExecuted("action_answer"), BotUttered("Which town?"),
          SlotSet("pending_topic", "fly_tipping"), ActionExecuted("action_listen"),
          UserUttered("Calne", {"name": "inform_place", "confidence": 0.95},
                      [{"entity": "place", "value": "Calne", "start": 0, "end": 5}],
                      input_channel="telegram", message_id="m2")]
for i, event in enumerate(events):   # the same timestamps in both processes
    event.timestamp = 1_700_000_000 + i
tracker = DialogueStateTracker.from_events("s", events, domain.slots)
out = {}
for name, extra in (("full", {}), ("trim", {"send_events": "latest_turn"})):
    action = RemoteAction("action_answer", EndpointConfig(url="http://x/webhook", **extra))
    out[name] = action._action_call_format(tracker, domain)
print(json.dumps(out, default=str))
"""


def test_latest_turn_events_sends_the_latest_turn_and_the_same_state():
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3"}
    runs = {}
    for which in ("none", "all"):
        result = subprocess.run([sys.executable, "-c", TRIM_PROBE, which], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr[-3000:]
        runs[which] = json.loads(result.stdout.strip().splitlines()[-1])
    stock, fast = runs["none"], runs["all"]
    # Without the speed-up the endpoint key is ignored: every event, as Rasa sends them.
    assert stock["trim"] == stock["full"] == fast["full"]
    full, trim = fast["full"], fast["trim"]
    assert len(full["tracker"]["events"]) == 9
    assert [e["event"] for e in trim["tracker"]["events"]] == ["user"]
    assert trim["tracker"]["events"][0] == full["tracker"]["events"][-1]
    state = {k: v for k, v in full["tracker"].items() if k != "events"}
    assert {k: v for k, v in trim["tracker"].items() if k != "events"} == state
    assert state["slots"]["pending_topic"] == "fly_tipping"
    assert state["latest_input_channel"] == "telegram"
    assert {k: v for k, v in trim.items() if k != "tracker"} == \
        {k: v for k, v in full.items() if k != "tracker"}


def test_latest_turn_keeps_everything_without_a_user_message():
    from rasa.shared.core.events import ActionExecuted, SessionStarted
    events = [ActionExecuted("action_session_start"), SessionStarted()]
    assert speedups.latest_turn(events) == events


def test_a_wrong_send_events_value_stops_rasa_at_start(tmp_path):
    good, bad = tmp_path / "good.yml", tmp_path / "bad.yml"
    good.write_text("action_endpoint:\n  url: http://x/webhook\n  send_events: latest_turn\n")
    bad.write_text("action_endpoint:\n  url: http://x/webhook\n  send_events: lastest_turn\n")
    assert speedups.check_action_endpoint(str(good)) is None
    assert speedups.check_action_endpoint(str(ROOT / "endpoints.yml")) is None
    assert speedups.check_action_endpoint(str(ROOT / "endpoints.prod.yml")) is None
    reason = speedups.check_action_endpoint(str(bad))
    assert str(bad) in reason and "action_endpoint.send_events" in reason
    result = subprocess.run([sys.executable, "-m", "bot.runtime.rasa_server", "run", "--endpoints",
                             str(bad)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 3 and "action_endpoint.send_events" in result.stderr
