"""Rule phrases (topics.yml `when_any`) are matched at word starts, with any spaces or punctuation
between their words."""
import pytest

from bot.conversation.routing import mentions_any


@pytest.mark.parametrize("text, phrase", [
    ("how the council, as her landlord, dealt with it", "council as her landlord"),
    ("a dead - fox on the verge", "dead fox"),
    ("dead-fox on the verge", "dead fox"),
    ("the A36 at Warminster", "a36"),
    ("rented from the council\nsince 1970", "rented from the council"),
])
def test_said_with_punctuation_between_the_words(text, phrase):
    assert mentions_any(text, [phrase])


@pytest.mark.parametrize("text, phrase", [
    ("the a360 near Devizes", "a36"),        # a road number is not the start of a longer one
    ("a red fox on the lawn", "dead fox"),   # a word start: "red" is not "dead"
    ("the councillor as her landlord", "council as her landlord"),
])
def test_not_said(text, phrase):
    assert not mentions_any(text, [phrase])
