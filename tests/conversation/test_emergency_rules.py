"""A topic's 999 rule (topics.yml) speaks only of now: not a negated phrase, not a story told
afterwards, news or a worry; said plainly and now, it still sends the resident to 999."""
import pytest

from bot.conversation.routing import route
from bot.directory import default_directory


@pytest.mark.parametrize("topic, text", [
    ("domestic_abuse", "my partner is outside my house now banging on the windows"),
    ("domestic_abuse", "he's here and says he's going to kill me"),
    ("burglary", "there's someone in my house right now, I'm upstairs"),
    ("missing_person", "my son has autism and has been missing since this morning, he's vulnerable"),
])
def test_a_999_rule_said_now_still_routes_to_999(topic, text):
    assert route(default_directory(), topic, text, council="wiltshire_council").agency == "police_999"


@pytest.mark.parametrize("topic, text", [
    ("domestic_abuse", "I'm not in danger right now but I want to leave him, how do I plan it"),
    ("domestic_abuse", "last year my ex kept turning up outside my house, how do I get an injunction"),
    ("assault", "no one is being attacked, I just want to report a fight I saw last week"),
    ("fraud", "Police are warning people about a courier is coming scam doing the rounds"),
])
def test_a_999_rule_negated_or_told_afterwards_does_not(topic, text):
    assert route(default_directory(), topic, text, council="wiltshire_council").agency != "police_999"
