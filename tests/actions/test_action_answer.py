"""action_answer with real rasa-sdk Trackers (JSON fixtures) and a CollectingDispatcher."""
import json
from pathlib import Path

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer import ActionAnswer

TRACKERS = Path(__file__).parent / "trackers"


def tracker(name: str) -> Tracker:
    return Tracker.from_dict(json.loads((TRACKERS / f"{name}.json").read_text()))


async def run(name: str):
    dispatcher = CollectingDispatcher()
    events = await ActionAnswer().run(dispatcher, tracker(name), {})
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def customs(messages):
    return [m["custom"] for m in messages if m.get("custom")]


@pytest.mark.asyncio
async def test_asks_for_the_place_and_remembers_the_topic():
    messages, slots = await run("fly_tipping_no_place")
    assert {"ask": "place", "topic": "fly_tipping"} == customs(messages)[0]
    assert slots == {"pending_topic": "fly_tipping", "asked_place": True}
    assert messages[0]["buttons"]


@pytest.mark.asyncio
async def test_place_answer_routes_the_pending_topic():
    messages, slots = await run("place_answer_pending")
    route = customs(messages)[0]["route"]
    assert route["agency"] == route["council"] == "swindon_borough_council"
    assert route["topic"] == "fly_tipping" and route["place"] == "Penhill"
    assert slots["pending_topic"] is None and slots["council"] == "swindon_borough_council"
    assert "Penhill" in messages[0]["text"]


@pytest.mark.asyncio
async def test_embed_council_preset_answers_without_asking():
    messages, slots = await run("council_embed_graffiti")
    assert customs(messages)[0]["route"]["agency"] == "swindon_borough_council"
    assert slots["council"] == "swindon_borough_council"


@pytest.mark.asyncio
async def test_fallback_offers_topic_choices_and_a_person():
    messages, slots = await run("fallback")
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    # a fragment whose topics point at different bodies: asked, not guessed
    assert payloads == ["/road_defect", "/burglary", "/human_handoff"]
    assert slots == {}


def test_action_name_matches_domain():
    import yaml
    domain = yaml.safe_load((Path(__file__).parents[2] / "domain.yml").read_text())
    assert ActionAnswer().name() in domain["actions"]
    assert SlotSet  # events are rasa-sdk's own
