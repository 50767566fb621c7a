"""Static responses that must work without the action server agree with the directory."""
from pathlib import Path

import yaml

from bot.directory import default_directory

ROOT = Path(__file__).resolve().parents[2]


def test_emergency_response_numbers_match_the_directory():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    response = domain["responses"]["utter_emergency"][0]
    static = [p["number"] for p in response["custom"]["route"]["contact"]["phones"]]
    directory = [p.value for p in default_directory().agency("police_999").contact.phones]
    assert static == directory
    for number in directory:
        assert number in response["text"]
    assert "55" in response["text"]  # silent 999 from a mobile
    assert response["text"].startswith("CALL 999")


def test_rules_answer_every_intent():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    rules = yaml.safe_load((ROOT / "data" / "rules.yml").read_text())["rules"]
    ruled = {s["intent"] for r in rules for s in r["steps"] if "intent" in s}
    assert set(domain["intents"]) <= ruled | {"nlu_fallback"}


def test_emergency_response_fits_every_999_service_and_says_what_to_tell_them():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    text = domain["responses"]["utter_emergency"][0]["text"]
    for service in ("police", "fire", "ambulance", "coastguard"):
        assert service in text, service
    for what in ("where you are", "what is happening", "whether anyone is hurt"):
        assert what in text, what
    assert len(text) < 500  # read in a hurry, often on a phone
