"""The deterministic 999 check: catches danger (with typos), leaves everyday problems alone."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.understanding import safety

EMERGENCIES = [
    "someone is breaking into my house right now",
    "theres a man with a knif outside my flat",
    "some1 is tryin to brake in",
    "HELP there's a burglar downstairs",
    "my neighbour is threatening to kill me",
    "he's got a gun",
    "there is a fight outside the pub on the high street",
    "lads are fighting in the street now",
    "a man is following me home",
    "my husband is hitting me",
    "my dad is not breathing",
    "someone is unconcious in the road",
    "the house next door is on fire",
    "kids smashing the bus shelter right now",
    "my car is being stolen as we speak",
    "there's a dog locked in a car in the sun and it's panting",
    "someone in my garden with a crowbar trying to get in",
    "i think somone is in my house",
    "my ex is outside banging on the door and threatening me",
    "shots fired near the park",
    "a car has just crashed into the canal and someone is still inside",
    "they are still here",  # offender nearby needs a crime word: not alone
]
NOT_EMERGENCIES = [
    "who do I contact about a pothole",
    "the street lighting on my road is broken",
    "my shed was broken into last night",
    "I was assaulted last week, how do I report it",
    "someone stole my bike yesterday",
    "fly tipping at the end of my road",
    "my neighbours play loud music every night",
    "can you help me",
    "my car was keyed",
    "barking dog next door all day",
    "I want to report a scam text",
    "fireworks last night kept us awake",
    "how do I sign up for crime alerts",
    "my ex keeps messaging me",
]


@pytest.mark.parametrize("text", EMERGENCIES[:-1])
def test_emergencies_are_caught(text):
    assert safety.check(text).is_emergency, text


@pytest.mark.parametrize("text", NOT_EMERGENCIES + EMERGENCIES[-1:])
def test_everyday_problems_are_not_emergencies(text):
    assert not safety.check(text).is_emergency, text


@pytest.mark.parametrize("text", ["I want to kill myself", "my friend is suicidal",
                                  "i keep self harming", "I don't want to be here anymore"])
def test_crisis_is_flagged(text):
    assert safety.CRISIS in safety.check(text).flags


def test_domestic_abuse_cue_is_flagged():
    assert safety.DOMESTIC in safety.check("my boyfriend controls everything and hits me").flags


def test_disguised_text_is_still_caught():
    # zero-width characters and Cyrillic look-alikes must not hide a weapon
    assert safety.check("he has a kn\u200bife").is_emergency
    assert safety.check("he h\u0430s \u0430 gun").is_emergency


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_handled(text):
    result = safety.check(text)
    assert result.level in (None, safety.EMERGENCY, safety.CRISIS, safety.DOMESTIC)


def _hits_one_by_one(prepared: str) -> set:
    return {n for n, pats in safety._COMPILED.items() if any(p.search(prepared) for p in pats)}


def _hits_combined(prepared: str) -> set:
    return {n for n, pattern in safety._ANY.items() if pattern.search(prepared)}


def test_combined_patterns_find_what_each_pattern_finds():
    from pathlib import Path

    import yaml
    texts = []
    for path in (Path("data/nlu.yml"), Path("tests/nlu/heldout.yml")):
        for block in yaml.safe_load(path.read_text())["nlu"]:
            texts += [t[2:] for t in block.get("examples", "").splitlines() if t.startswith("- ")]
    assert len(texts) > 2000
    found = 0
    for text in texts:
        prepared = safety.prepare(text)
        assert _hits_combined(prepared) == _hits_one_by_one(prepared), text
        found += bool(_hits_one_by_one(prepared))
    assert found > 100


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["knife", "stabbed", "now", "breaking", "in", "my", "house",
                                 "kill", "myself", "partner", "hits", "me", "car", "fire",
                                 "not", "yesterday", "someone", "is", "outside"]), max_size=12))
def test_combined_patterns_on_word_salad(words):
    prepared = safety.prepare(" ".join(words))
    assert _hits_combined(prepared) == _hits_one_by_one(prepared)
