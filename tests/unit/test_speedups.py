"""bot.speedups changes speed only: the trained model gives the same parses and the same next
actions with and without them, and bad action-server replies fail exactly as before.

Each side runs in its own process, so the patches never leak into other tests."""
import json
import os
import subprocess
import sys

import pytest

from bot import speedups
from bot.bench.conversations import ALL_SIGNPOST_TEXTS
from bot.stack import ROOT, latest_model

PROBE = r"""
import asyncio, json, sys
from bot import speedups
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
    action = RemoteAction("action_answer", None)
    for bad in ({"events": "nope"}, {"events": [{"event": "slot"}]}, {"responses": [1]}):
        try:
            action._validate_action_result(bad)
            out["invalid"].append(None)
        except Exception as exc:
            out["invalid"].append([type(exc).__name__, exc.message])
    good = {"events": [{"event": "slot", "name": "place", "value": "Calne"}],
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


def test_same_answers_with_and_without_speedups():
    model = os.environ.get("SIGNPOST_MODEL") or latest_model()
    texts = ALL_SIGNPOST_TEXTS + ["/fly_tipping", "SN15 3BX", "help!!"]
    stock, fast = probe(model, "none", texts), probe(model, "all", texts)
    assert fast["parses"] == stock["parses"]
    assert fast["next"] == stock["next"]
    assert fast["invalid"] == stock["invalid"] and all(stock["invalid"])
    assert fast["valid"] is stock["valid"] is True


def test_switches():
    assert speedups.enabled({}) == speedups.ALL
    assert speedups.enabled({"SIGNPOST_SPEEDUPS": "none"}) == ()
    assert speedups.enabled({"SIGNPOST_SPEEDUPS": "graph_runner, event_types"}) == (
        "graph_runner", "event_types")
    with pytest.raises(ValueError):
        speedups.enabled({"SIGNPOST_SPEEDUPS": "turbo"})
