"""Odd input in the production topology (issue 12): nginx, two Rasa servers, PostgreSQL. The public
chat API and the socket.io relay behind nginx give the same answers as in `make run`
(tests/e2e/test_odd_input.py): typed commands are text, the 999 check reads every message's own
words whatever its prefix or length, places, roads and the 999 survive redaction, a message with no
words gets a prompt, a dropped connection carries the conversation on, metadata is validated."""
from __future__ import annotations

import socket as socket_module
import time

import pytest
import socketio

from bot.channels import inbound
from tests.prod.client import Resident, post_json, routes
from tests.stored_text import strings

pytestmark = pytest.mark.usefixtures("prod")


def is_999_first(messages) -> bool:
    answers = [m for m in messages if m.get("text") != inbound.LONG_NOTICE]
    found = routes(messages)
    return bool(answers) and answers[0].get("text", "").startswith("CALL 999") and \
        bool(found) and found[0]["agency"] == "police_999"


def asks_place(messages) -> bool:
    return any((m.get("custom") or {}).get("ask") == "place" for m in messages)


def stored_blob(events, sender) -> str:
    """The text of a sender's stored events (numbers are not text: tests/stored_text.py)."""
    return "\n".join(text for row in events(sender) for value in row for text in strings(value))


@pytest.mark.parametrize("command", ["/ /restart", "/ /session_start", "//restart"])
def test_typed_commands_keep_the_conversation(prod, events, command):
    r = Resident(prod.public_url)
    assert asks_place(r.say("someone has dumped a load of rubbish in our lane"))
    r.say(command)
    route = routes(r.say("Corsham"))[0]
    assert (route["topic"], route["agency"]) == ("fly_tipping", "wiltshire_council")
    kinds = [row[1] for row in events(r.sender)]
    assert "restart" not in kinds and kinds.count("session_started") == 1


@pytest.mark.parametrize("text", [
    "/ /I need an ambulance, there is blood everywhere", "//someone is breaking in right now",
    "people were fighting in SN15 now", "men fighting in BA14 now",
    "someone is breaking into my house right now " + "please help me " * 80,
    "the neighbours have been noisy for weeks " * 30 + "and now he has a knife and is threatening us",
])
def test_999_whatever_the_prefix_the_postcode_or_the_length(prod, text):
    answer = Resident(prod.public_url).send(text)
    assert answer.status == 200 and answer.seconds < 2
    assert is_999_first(answer.json()["messages"])


@pytest.mark.parametrize("text,agency", [
    ("someone has dumped a mattress in BA14 and its blocking the path", "wiltshire_council"),
    ("rubbish dumped in SN25 and its everywhere", "swindon_borough_council"),
    ("massive pothole on the M4 JCT 16 westbound", "national_highways"),
])
def test_places_and_roads_survive_redaction(prod, text, agency):
    assert routes(Resident(prod.public_url).say(text))[0]["agency"] == agency


def test_personal_data_the_old_patterns_missed_is_not_stored(prod, events):
    r = Resident(prod.public_url)
    r.say("fly tipping in Calne, call +48 601 234 567 or tel07700900861 or 07700  900862, "
          "or jo.bloggs\u200b@example.com")
    blob = stored_blob(events, r.sender)
    assert "Calne" in blob
    for value in ("601 234 567", "900861", "900862", "bloggs", "example.com"):
        assert value not in blob, value


@pytest.mark.parametrize("text", ["\U0001f44d", "\U0001f642\U0001f642", "!!!"])
def test_no_words_get_a_prompt_and_nothing_is_stored(prod, events, text):
    r = Resident(prod.public_url)
    assert [m["text"] for m in r.say(text)] == [inbound.NO_WORDS_NOTICE]
    assert not events(r.sender)


@pytest.mark.parametrize("value", ["07700 900123", "jo.bloggs@example.com", "SN15 3BX"])
def test_council_metadata_holds_only_a_council(prod, events, value):
    r = Resident(prod.public_url)
    answer = post_json(f"{prod.public_url}/api/chat", {"session": r.session,
                                                       "message": "graffiti on the underpass",
                                                       "council": value,
                                                       "metadata": {"council": value}},
                       source=r.source)
    assert answer.status == 200 and asks_place(answer.json()["messages"])
    assert value not in stored_blob(events, r.sender)


def test_socketio_reconnect_through_nginx_keeps_the_question(prod):
    r = Resident(prod.public_url)
    connects = []
    client = socketio.Client(reconnection_delay=0.2, reconnection_delay_max=0.5)
    client.on("connect", lambda: connects.append(1))
    client.connect(prod.public_url, auth={"token": r.session}, transports=["websocket"],
                   wait_timeout=10)
    try:
        reply = client.call("user_uttered", {"message": "someone dumped rubbish in our lane"},
                            timeout=20)
        assert asks_place(reply["messages"])
        raw = client.eio.ws.sock
        raw.shutdown(socket_module.SHUT_RDWR)
        raw.close()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not (len(connects) > 1 and client.connected):
            time.sleep(0.05)
        assert len(connects) > 1 and client.connected
        reply = client.call("user_uttered", {"message": "Corsham"}, timeout=20)
        route = routes(reply["messages"])[0]
        assert (route["topic"], route["agency"]) == ("fly_tipping", "wiltshire_council")
    finally:
        client.disconnect()
