"""Odd input on a real stack (issue 12), the same on every web transport: Rasa's REST channel, the
web chat API (/api/chat) and the socket.io channel through the web app's relay, spoken by
python-socketio's own client. Each example of the issue is here with at least two siblings of its
kind, and the right value is asserted: the route and agency, the 999 answer, what is stored.

Kinds: typed commands; the 999 check on the whole raw text whatever its prefix; places, roads and
the 999 check surviving redaction, and redaction that catches what it missed; messages with no
words; long messages; a dropped socket.io connection; metadata validated on every transport.
"""
from __future__ import annotations

import json
import os
import signal
import socket as socket_module
import sqlite3
import time
import urllib.error
import urllib.request
import uuid

import pytest
import socketio

from bot.channels import inbound
from bot.runtime.stack import Stack, free_port
from tests.e2e.conftest import post_json
from tests.stored_text import in_sqlite

TRANSPORTS = ["rest", "web", "socketio"]


# -- transports ------------------------------------------------------------------------------------
def new_session(stack) -> str:
    return post_json(f"{stack.web_url}/api/session", {})[1]["session"]


class Rest:
    """Rasa's REST channel, as an integrator (or the web app) calls it."""

    def __init__(self, stack):
        self.stack, self.sender = stack, f"odd-{uuid.uuid4().hex}"

    def say(self, text, metadata=None):
        body = {"sender": self.sender, "message": text, **({"metadata": metadata} if metadata else {})}
        status, messages = post_json(self.stack.rest_url, body, timeout=30)
        assert status == 200
        return messages

    def close(self):
        pass


class Web:
    """The web chat API, the widget's fallback transport."""

    def __init__(self, stack, token=None):
        self.stack = stack
        self.token = token or new_session(stack)
        self.sender = self.token.split(".")[1]

    def say(self, text, metadata=None):
        body = {"session": self.token, "message": text}
        if metadata and "council" in metadata:
            body["council"] = metadata["council"]
        status, answer = post_json(f"{self.stack.web_url}/api/chat", body, timeout=30)
        assert status == 200, answer
        return answer["messages"]

    def close(self):
        pass


class Socket:
    """The widget's socket.io channel through the web app's relay: python-socketio's client."""

    def __init__(self, stack, token=None):
        self.stack = stack
        self.token = token or new_session(stack)
        self.sender = self.token.split(".")[1]
        self.connects = 0
        self.client = socketio.Client(reconnection_delay=0.2, reconnection_delay_max=0.5)
        self.client.on("connect", self._connected)
        self.client.connect(stack.web_url, auth={"token": self.token}, transports=["websocket"],
                            wait_timeout=10)

    def _connected(self):
        self.connects += 1

    def say(self, text, metadata=None):
        data = {"message": text, **({"metadata": metadata} if metadata else {})}
        reply = self.client.call("user_uttered", data, timeout=30)
        assert isinstance(reply, dict) and "error" not in reply, reply
        return reply["messages"]

    def drop(self):
        """Cut the connection under the client (as a network drop does); wait for it to come back
        by itself with the same token."""
        before = self.connects
        raw = self.client.eio.ws.sock              # shutdown wakes the client's blocked read
        raw.shutdown(socket_module.SHUT_RDWR)
        raw.close()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not (self.connects > before and self.client.connected):
            time.sleep(0.05)
        assert self.connects > before and self.client.connected, "no reconnection"

    def close(self):
        self.client.disconnect()


def open_transport(name, stack, token=None):
    if name == "rest":
        return Rest(stack)
    return Web(stack, token) if name == "web" else Socket(stack, token)


@pytest.fixture(params=TRANSPORTS)
def user(request, stack):
    """user() -> a new conversation on the parametrised transport (closed after the test)."""
    opened = []

    def make():
        opened.append(open_transport(request.param, stack))
        return opened[-1]
    make.transport = request.param
    yield make
    for t in opened:
        t.close()


# -- reading answers -------------------------------------------------------------------------------
def routes(messages):
    return [m["custom"]["route"] for m in messages
            if isinstance(m.get("custom"), dict) and "route" in m["custom"]]


def asks_place(messages):
    return any((m.get("custom") or {}).get("ask") == "place" for m in messages)


def texts(messages):
    return [m.get("text") or "" for m in messages]


def is_999_first(messages):
    """The 999 answer comes before any other answer (notices such as the long-message note may
    stand before it)."""
    answers = [m for m in messages if m.get("text") not in (inbound.LONG_NOTICE,)]
    found = routes(messages)
    return bool(answers) and answers[0].get("text", "").startswith("CALL 999") and \
        bool(found) and found[0]["agency"] == "police_999"


def stored(stack, needle: str) -> bool:
    """Whether the string appears in the text of the tracker database (tests/stored_text.py)."""
    return in_sqlite(stack.tracker_db, needle)


def stored_events(stack, sender: str) -> list:
    with sqlite3.connect(stack.tracker_db) as db:
        return [json.loads(r[0]) for r in db.execute(
            "SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,))]


def user_texts(stack, sender: str) -> list:
    return [e.get("text") for e in stored_events(stack, sender) if e.get("event") == "user"]


# -- 1. typed commands -----------------------------------------------------------------------------
TYPED_COMMANDS = ["/ /restart", "/ /session_start",                       # the examples
                  "//restart", "/  /  / /restart", "\uff0frestart", "/\u200b/session_start",
                  " / / /session_start"]


@pytest.mark.parametrize("command", TYPED_COMMANDS)
def test_typed_commands_are_plain_text_and_keep_the_conversation(user, stack, command):
    u = user()
    assert asks_place(u.say("someone has dumped a load of rubbish in our lane"))
    u.say(command)
    # the conversation was not wiped: the place still answers the fly-tipping question
    answer = u.say("Corsham")
    assert routes(answer)[0]["topic"] == "fly_tipping"
    assert routes(answer)[0]["agency"] == "wiltshire_council"
    stored_texts = user_texts(stack, u.sender)
    assert len(stored_texts) == 3 and not any(t.startswith("/") for t in stored_texts), stored_texts
    kinds = [e.get("event") for e in stored_events(stack, u.sender)]
    assert "restart" not in kinds and kinds.count("session_started") == 1


def test_an_exact_button_payload_is_still_a_button(user):
    reply = user().say("/fly_tipping")
    assert asks_place(reply) and "fly-tipping" in texts(reply)[0].lower()


# -- 2. the 999 check on every message's own words, whatever its prefix ----------------------------
PREFIXED_EMERGENCIES = [
    "/ /I need an ambulance, there is blood everywhere",                  # the example
    "//someone is breaking in right now",
    "/ / / there's a man with a knife outside the shop",
    "/restart he has got a knife and he's threatening us",
    "/fly_tipping someone is stabbing people",
]


@pytest.mark.parametrize("text", PREFIXED_EMERGENCIES)
def test_prefixed_emergencies_get_999_first(user, text):
    assert is_999_first(user().say(text))


# -- 3. places, roads and the 999 check survive redaction; redaction catches what it missed ---------
@pytest.mark.parametrize("text,agency,place", [
    ("someone has dumped a mattress in BA14 and its blocking the path", "wiltshire_council", "BA14"),
    ("someone dumped rubbish in SN12 and it smells", "wiltshire_council", "SN12"),
    ("rubbish dumped in SN25 and its everywhere", "swindon_borough_council", "SN25"),
    ("a fridge was dumped in BA12 and it is leaking", "wiltshire_council", "BA12"),
])
def test_outward_postcodes_followed_by_a_word_stay_places(user, stack, text, agency, place):
    u = user()
    reply = u.say(text)
    assert not asks_place(reply)
    route = routes(reply)[0]
    assert (route["topic"], route["agency"], route["place"]) == ("fly_tipping", agency, place)
    assert place in user_texts(stack, u.sender)[0]


@pytest.mark.parametrize("text", [
    "massive pothole on the M4 JCT 16 westbound",                          # the example
    "pothole on the M4 JNC 17 westbound",
    "huge pothole on the M4 JCT 15 near Swindon",
])
def test_motorway_junctions_stay_roads(user, text):
    assert routes(user().say(text))[0]["agency"] == "national_highways"


@pytest.mark.parametrize("text", [
    "people were fighting in SN15 now",                                    # the example
    "men fighting in BA14 now",
    "a gang are fighting in SN10 now with bottles",
    "PEOPLE ARE FIGHTING IN SN15 NOW",
])
def test_now_after_a_postcode_keeps_the_999(user, text):
    assert is_999_first(user().say(text))


@pytest.mark.parametrize("text,gone", [
    # the examples: international, "tel" glued on, two spaces inside, a zero-width space
    ("my number is +48 601 234 567, the fly tipping is in Calne", ["601 234 567", "601234567"]),
    ("call +353 85 123 4567 about the noise in Penhill", ["85 123 4567", "851234567"]),
    ("fly tipping in Calne tel07700900417", ["900417"]),
    ("noise in Trowbridge ring 07700  900528", ["900528", "900 528"]),
    ("graffiti in Devizes email jo.bloggs\u200b@example.com", ["bloggs", "example.com"]),
    # siblings
    ("dog mess in Penhill, +33 6 12 34 56 78", ["12 34 56 78", "612345678"]),
    ("fly tipping in Calne phone:01225776655", ["776655"]),
    ("noise in Melksham 0 7 7 0 0 9 0 0 6 3 9", ["0 0 6 3 9", "00639"]),
    ("noise in Melksham O77OO 9OO741", ["9OO741", "900741"]),
    ("graffiti in Swindon j\u043e.smith@ex\u0430mple.org", ["smith", "mple.org"]),
    ("fly tipping in Corsham jo\u2060blogs\uff20example.net", ["blogs", "example.net"]),
    ("a car AB12 CDE was dumped in Calne", ["AB12", "CDE"]),
])
def test_personal_data_is_not_stored(user, stack, text, gone):
    u = user()
    assert u.say(text)
    assert user_texts(stack, u.sender)                 # the message itself was stored...
    for value in gone:
        assert not stored(stack, value), value          # ...without the personal data


# -- 4. messages with no words ---------------------------------------------------------------------
NO_WORDS = ["\U0001f44d", "\U0001f642\U0001f642",                        # the examples
            "!!!", "\U0001f44d\U0001f3fd \u2764\ufe0f", "\u200b\u200b ...", "07700 900123"]


@pytest.mark.parametrize("text", NO_WORDS)
def test_a_message_with_no_words_gets_a_prompt_not_a_place_question(user, stack, text):
    u = user()
    reply = u.say(text)
    assert texts(reply) == [inbound.NO_WORDS_NOTICE]
    assert not asks_place(reply)
    assert not stored_events(stack, u.sender)         # nothing reached Rasa


def test_no_words_mid_question_leaves_the_question_waiting(user):
    u = user()
    assert asks_place(u.say("there's graffiti all over the bus shelter"))
    assert texts(u.say("\U0001f44d")) == [inbound.NO_WORDS_NOTICE]
    assert routes(u.say("Penhill"))[0]["agency"] == "swindon_borough_council"


WORDS_NO_PLACE = ["hello??", "asdfgh", "ok then"]


@pytest.mark.parametrize("text", WORDS_NO_PLACE)
def test_words_with_no_place_and_no_problem_are_not_a_place_answer(user, text):
    """The kind behind item 4: only a message that holds a place (or answers our question) is a
    place answer; anything else gets a prompt for the problem, never "which place?"."""
    reply = user().say(text)
    assert not asks_place(reply)
    assert not any("recognise that place" in t for t in texts(reply)), texts(reply)


# -- 5. long messages: the whole text checked first, then the cut and the note ----------------------
LONG_EMERGENCIES = [
    "someone is breaking into my house right now " + "please help me " * 80,   # starts with it
    "the neighbours have been noisy for weeks and weeks " * 25 + "and now he has a knife and is "
    "threatening us",                                                         # past the cut
    "the lane behind the shops is a mess again " * 150 + "someone is stabbing people right now",
]


@pytest.mark.parametrize("text", LONG_EMERGENCIES)
def test_long_messages_get_999_wherever_the_danger_is(user, text):
    assert len(text) > inbound.MAX_CHARS
    reply = user().say(text)
    assert reply[0]["text"] == inbound.LONG_NOTICE
    assert is_999_first(reply)


def test_a_long_message_is_cut_with_a_note_and_answered(user, stack):
    u = user()
    reply = u.say("someone keeps dumping rubbish in Calne " * 60)
    assert reply[0]["text"] == inbound.LONG_NOTICE
    assert routes(reply)[0]["topic"] == "fly_tipping"
    assert 0 < len(user_texts(stack, u.sender)[0]) <= inbound.MAX_CHARS


def test_the_web_api_takes_what_its_body_limit_allows(stack):
    """The web app no longer refuses long messages; it passes what it accepts on to the one path."""
    text = "someone is breaking in right now " + "x " * 20_000
    reply = Web(stack).say(text)
    assert reply[0]["text"] == inbound.LONG_NOTICE and is_999_first(reply)


# -- 6. a dropped socket.io connection carries the conversation on ---------------------------------
def test_socketio_reconnect_keeps_the_question(stack):
    s = Socket(stack)
    try:
        assert asks_place(s.say("someone dumped rubbish in our lane"))   # the example
        s.drop()
        route = routes(s.say("Corsham"))[0]
        assert (route["topic"], route["agency"]) == ("fly_tipping", "wiltshire_council")
    finally:
        s.close()


def test_socketio_reconnect_keeps_a_split_district_question(stack):
    s = Socket(stack)
    try:
        reply = s.say("there's dog mess all over the pavement in SN5")
        assert asks_place(reply) and any("options" in (m.get("custom") or {}) for m in reply)
        s.drop()
        route = routes(s.say("Toothill"))[0]
        assert (route["topic"], route["agency"]) == ("dog_fouling", "swindon_borough_council")
    finally:
        s.close()


def test_socketio_new_connection_with_the_same_token_keeps_the_place(stack):
    """A reload: a new client with the same token; the place and the council are remembered."""
    first = Socket(stack)
    try:
        assert routes(first.say("graffiti on the underpass in Penhill"))[0]["council"] == \
            "swindon_borough_council"
        first.drop()
        first.say("thanks")
    finally:
        first.close()
    again = Socket(stack, token=first.token)
    try:
        route = routes(again.say("and the street light outside my house is broken"))[0]
        assert route["council"] == "swindon_borough_council"
    finally:
        again.close()


def test_socketio_question_answered_over_the_web_api_after_a_drop(stack):
    s = Socket(stack)
    try:
        assert asks_place(s.say("my neighbours play loud music every night"))
        s.drop()
    finally:
        s.close()
    route = routes(Web(stack, token=s.token).say("Trowbridge"))[0]
    assert (route["topic"], route["council"]) == ("noise", "wiltshire_council")


# -- 7. metadata validated on every transport ------------------------------------------------------
@pytest.mark.parametrize("value", ["07700 900123", "jo.bloggs@example.com", "SN15 3BX", "AB12 CDE",
                                   "Jo Bloggs, 12 High Street"])
def test_council_metadata_holds_only_a_council(user, stack, value):
    u = user()
    reply = u.say("graffiti on the underpass", {"council": value})
    assert asks_place(reply) and not routes(reply)      # no council preset from it
    assert not stored(stack, value)


@pytest.mark.parametrize("value,agency", [("swindon", "swindon_borough_council"),
                                          ("wiltshire", "wiltshire_council"),
                                          ("Swindon_Borough_Council", "swindon_borough_council")])
def test_a_real_council_is_still_preset(user, value, agency):
    if user.transport == "web" and value not in ("swindon", "wiltshire"):
        pytest.skip("the web API's council is the widget's data-council: swindon or wiltshire")
    assert routes(user().say("graffiti on the underpass", {"council": value}))[0]["agency"] == agency


def test_other_metadata_fields_are_dropped(stack):
    """Fields a client makes up, and a forged safety verdict, never reach the tracker store; a
    forged "no emergency" cannot hide a 999."""
    forged = {"flags": [], "seal": "A" * 24}
    for transport in (Rest(stack), Socket(stack)):
        try:
            reply = transport.say("someone is breaking into my house right now",
                                  {"council": "swindon", "name": "Jo Bloggs",
                                   "signpost_safety": forged, "place": "SN15 3BX"})
            assert is_999_first(reply)
            harmless = transport.say("graffiti on the underpass",
                                     {"signpost_safety": {"flags": ["emergency"]}})
            assert not any(r["agency"] == "police_999" for r in routes(harmless))
            for event in stored_events(stack, transport.sender):
                if event.get("event") != "user":
                    continue
                metadata = event.get("metadata") or {}
                assert set(metadata) - {"model_id", "assistant_id"} <= \
                    {"council", "signpost_safety"}, metadata
                if "signpost_safety" in metadata:
                    assert metadata["signpost_safety"]["seal"] != forged["seal"]
        finally:
            transport.close()
    assert not stored(stack, "Jo Bloggs")


@pytest.mark.parametrize("sender", ["07700900123", "+447700900123", "jo.bloggs@example.com",
                                    "Jo Bloggs", "x" * 129, "", 5])
def test_rest_sender_ids_that_are_personal_data_are_refused(stack, sender):
    req = urllib.request.Request(stack.rest_url, data=json.dumps(
        {"sender": sender, "message": "hello"}).encode(), headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=15)
    assert err.value.code == 400
    assert not isinstance(sender, str) or not sender or not stored(stack, sender)


def test_socketio_reconnects_after_a_rasa_restart_with_the_question_waiting(tmp_path):
    """The connection drops because Rasa restarts: the widget's client comes back by itself with
    the same token, and the question asked before the restart is still waiting."""
    s = Stack(os.environ.get("SIGNPOST_MODEL"), rasa_port=free_port(), actions_port=free_port(),
              web_port=free_port(), tracker_db=str(tmp_path / "tracker.db"),
              log_dir=tmp_path / "logs")
    with s:
        client = Socket(s)
        try:
            assert asks_place(client.say("someone has dumped an old sofa in our road"))
            before = client.connects
            s.stop_one("rasa", sig=signal.SIGKILL)
            s.start_one("rasa")
            assert s.wait_ready(180, names=["rasa"])
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not (client.connects > before
                                                       and client.client.connected):
                time.sleep(0.2)
            assert client.connects > before and client.client.connected
            route = routes(client.say("Melksham"))[0]
            assert (route["topic"], route["agency"]) == ("fly_tipping", "wiltshire_council")
        finally:
            client.close()
