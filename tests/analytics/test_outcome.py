"""What one answered question turns into: only enumerated, anonymous values."""
from datetime import datetime, timedelta, timezone

import pytest

from bot.analytics.outcome import (
    anonymous_row,
    channel_name,
    guessed_topic,
    hour_utc,
    settles_a_question,
    town_for,
)
from bot.analytics.recorder import Recorder, record_turn
from bot.conversation.dialogue import Conversation, State, Turn


def test_hour_is_truncated_and_utc():
    bst = timezone(timedelta(hours=1))
    assert hour_utc(datetime(2025, 7, 1, 0, 59, 33, tzinfo=bst)) == datetime(2025, 6, 30, 23)
    assert hour_utc(datetime(2025, 1, 5, 14, 7)) == datetime(2025, 1, 5, 14)


@pytest.mark.parametrize("given,stored", [
    ("rest", "rest"), ("socketio", "socketio"), ("facebook", "facebook"),
    ("telegram", "telegram"), ("twilio", "twilio"), ("TWILIO", "twilio"),
    (None, "other"), ("cmdline", "other"), ("my secret channel", "other")])
def test_channel_names_are_a_closed_list(given, stored):
    assert channel_name(given) == stored


def test_free_text_can_never_reach_a_column():
    outcome = {"topic": "my neighbour John Smith at 4 Elm Road", "agency": "call 07700 900123",
               "council": "SN15 3BX", "area": "chippenham area", "emergency": "yes",
               "asked_place": 1, "fallback": 0, "text": "secret words", "sender": "abc"}
    row = anonymous_row(outcome, "rest", place="4 Elm Road", now=datetime(2025, 3, 1, 9, 45))
    assert row is None or all(v in (None, True, False, "rest") or isinstance(v, (int, datetime))
                              or hasattr(v, "isoformat") for v in row.values())
    row = anonymous_row({**outcome, "fallback": True}, "rest", place="4 Elm Road",
                        ranking=[("nlu_fallback", 1.0), ("John Smith", 0.9)])
    assert (row["topic"], row["agency"], row["council"], row["area"], row["town"],
            row["guess"]) == (None,) * 6
    assert set(row) == {"hour", "day", "hour_of_day", "channel", "topic", "agency", "council",
                        "area", "town", "emergency", "asked_place", "fallback", "guess"}


def test_area_must_belong_to_the_council():
    row = anonymous_row({"topic": "noise", "agency": "swindon_borough_council",
                         "council": "swindon_borough_council", "area": "chippenham_area"}, "rest")
    assert row["council"] == "swindon_borough_council" and row["area"] is None


@pytest.mark.parametrize("place,council,town", [
    ("Corsham", "wiltshire_council", "Corsham"),
    ("Penhill", "swindon_borough_council", "Swindon"),       # a Swindon estate counts as Swindon
    ("Harnham", "wiltshire_council", "Salisbury"),
    ("Lacock", "wiltshire_council", None),                   # villages are never named
    ("SN15", "wiltshire_council", None),                     # a postcode district is not a town
    ("Corsham", "swindon_borough_council", None),            # inconsistent: dropped
    ("Bath", None, None),
])
def test_towns_come_from_the_gazetteer_only(place, council, town):
    assert town_for(place, council) == town


def test_guess_is_the_first_topic_offered():
    assert guessed_topic([("nlu_fallback", 1.0), ("emergency", 0.5), ("road_defect", 0.21),
                          ("fly_tipping", 0.15)]) == "road_defect"
    assert guessed_topic([("nlu_fallback", 1.0), ("road_defect", 0.01)]) is None


def test_a_turn_that_only_asks_for_the_place_is_not_counted():
    assert not settles_a_question({"topic": "fly_tipping", "agency": None, "asked_place": True})
    assert settles_a_question({"topic": "fly_tipping", "agency": "wiltshire_council"})
    assert settles_a_question({"topic": "emergency", "agency": "police_999", "emergency": True})
    assert settles_a_question({"topic": None, "fallback": True})
    assert not settles_a_question({"topic": None, "agency": None})


class ListRecorder(Recorder):
    def __init__(self):
        super().__init__("sqlite://")
        self.rows = []

    def submit(self, row):
        self.rows.append(row)
        return True


def test_one_row_per_question_through_the_real_dialogue():
    """fly-tipping -> which town? -> Lacock: one row, asked_place, Wiltshire, no town."""
    conv, rec = Conversation(), ListRecorder()
    state = State()
    for text, intent in (("someone dumped a mattress in our lane", "fly_tipping"),
                         ("Lacock", "inform_place"),
                         ("someone is kicking my door in right now", "emergency"),
                         ("blah blah", "nlu_fallback"),
                         ("no thanks", "deny")):
        turn = Turn(text=text, intent=intent, entities=["Lacock"] if text == "Lacock" else [],
                    ranking=[(intent, 0.9), ("litter_bins", 0.3)])
        reply = conv.respond(turn, state)
        record_turn(reply, turn, state, "rest", recorder=rec)
        state = reply.state
    assert [(r["topic"], r["agency"], r["council"], r["area"], r["town"], r["asked_place"],
             r["emergency"], r["fallback"], r["guess"]) for r in rec.rows] == [
        ("fly_tipping", "wiltshire_council", "wiltshire_council", "chippenham_area", None, True,
         False, False, None),
        ("emergency", "police_999", "wiltshire_council", "chippenham_area", None, False, True,
         False, None),
        (None, None, "wiltshire_council", "chippenham_area", None, False, False, True,
         "litter_bins"),
    ]


def test_record_turn_never_raises():
    class Broken:
        outcome = property(lambda self: 1 / 0)
    assert record_turn(Broken(), None, None, "rest") is False
