"""Talk to the real servers over the REST channel, as an integrator would."""
import uuid

import pytest


def routes(messages):
    return [m["custom"]["route"] for m in messages if isinstance(m.get("custom"), dict)
            and "route" in m["custom"]]


def sender():
    return f"e2e-{uuid.uuid4().hex}"


def test_greeting_says_it_is_automated(chat):
    text = chat(sender(), "hello")[0]["text"]
    assert "automated assistant" in text and "999" in text


def test_council_question_asks_place_then_routes(chat):
    s = sender()
    first = chat(s, "who do i tell about a load of rubbish dumped down our lane")
    assert any(m.get("custom", {}).get("ask") == "place" for m in first)
    second = chat(s, "Corsham")
    r = routes(second)[0]
    assert r["agency"] == "wiltshire_council" and r["topic"] == "fly_tipping"
    assert r["contact"]["phones"] or r["contact"]["web"]


def test_place_is_remembered_for_the_next_question(chat):
    s = sender()
    assert routes(chat(s, "there's dog mess all over the pavement in Penhill"))[0]["agency"] == \
        "swindon_borough_council"
    assert routes(chat(s, "and the street light outside my house is broken"))[0]["council"] == \
        "swindon_borough_council"


@pytest.mark.parametrize("text", [
    "someone is trying to break in to my house right now",
    "theres a man with a knif outside the shop",
    "help my neighbour is beating his wife i can hear it now",
])
def test_emergency_first(chat, text):
    messages = chat(sender(), text)
    assert messages[0]["text"].startswith("CALL 999")
    assert routes(messages)[0]["agency"] == "police_999"


@pytest.mark.parametrize("first,danger", [
    ("someone broke into my shed last night in Calne", True),
    ("my ex keeps threatening me by text", True),
    ("someone dumped a sofa in our lane in Calne", False),
])
def test_short_follow_up_is_read_with_what_came_before(chat, first, danger):
    s = sender()
    chat(s, first)
    follow = chat(s, "he's back, he's outside now")
    assert follow[0]["text"].startswith("CALL 999") == danger, follow
    assert any(r["agency"] == "police_999" for r in routes(follow)) == danger


def test_emergency_in_the_middle_of_a_place_question(chat):
    s = sender()
    chat(s, "my neighbours have loud parties every weekend")
    emergency = chat(s, "oh god someone is smashing my car window right now")
    assert emergency[0]["text"].startswith("CALL 999")
    after = chat(s, "Trowbridge")
    assert routes(after)[0]["topic"] == "noise"


def test_crime_goes_to_police_and_never_claims_to_take_a_report(chat):
    messages = chat(sender(), "my bike got nicked from the station yesterday in Chippenham")
    r = routes(messages)[0]
    assert r["agency"] == "police_report"
    text = " ".join(m.get("text", "") for m in messages).lower()
    assert "101" in text and "i have reported" not in text and "i've logged" not in text


def test_out_of_scope_is_polite_and_offers_choices(chat):
    messages = chat(sender(), "what's the weather going to be like tomorrow")
    assert messages[0].get("buttons")
    text = messages[0]["text"]
    # says plainly that no listed body handles it, and where such questions go; never a route
    assert "not one for the police or the council" in text and "weather service" in text
    assert not routes(messages)


def test_person_request_gets_numbers(chat):
    text = " ".join(m.get("text", "") for m in chat(sender(), "can i speak to a real human please"))
    assert "101" in text


def test_web_app_chat_api(stack):
    from tests.e2e.conftest import post_json
    _, session = post_json(f"{stack.web_url}/api/session", {})
    status, body = post_json(f"{stack.web_url}/api/chat",
                             {"session": session["session"], "message": "pothole on the A4 in Calne"})
    assert status == 200
    assert routes(body["messages"])[0]["agency"] == "wiltshire_council"


@pytest.mark.parametrize("text,first,second", [
    ("Someone smashed my car window last night and took my bag off the seat. Also the street light "
     "outside has been broken for weeks in Melksham, it's pitch black.",
     "police_report", "wiltshire_council"),
    ("There's a pile of old mattresses and black bags dumped in the lane behind the shops in Penhill. "
     "On top of that there's a fox caught in the football net on the green and it can't get free.",
     "swindon_borough_council", "rspca"),
])
def test_two_problems_for_two_bodies_get_both_answers(chat, text, first, second):
    # the classifier ranks each part of the message too (signpost_problems); the more urgent first
    assert [r["agency"] for r in routes(chat(sender(), text))] == [first, second]


def test_one_problem_told_at_length_gets_one_answer(chat):
    text = ("We moved into the close last spring and it was lovely at first. The neighbours are "
            "friendly and the kids play out. But since the summer someone keeps dumping bags of "
            "rubbish by the garages in Calne, and now there's a sofa there too.")
    assert [r["agency"] for r in routes(chat(sender(), text))] == ["wiltshire_council"]
