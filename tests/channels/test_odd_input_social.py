"""Odd input on the signed social webhooks (issue 12): Telegram, Messenger, SMS and WhatsApp go
through the same inbound path as the web transports (tests/e2e/test_odd_input.py), and Telegram's
own odd input (a command followed by words, a photo with a caption) answers the words."""
from __future__ import annotations

import uuid

import pytest

from bot.channels import inbound
from tests.channels.conftest import (
    TWILIO,
    events_for,
    expected_sender,
    form_body,
    hub_signature,
    json_body,
    new_mobile,
    post,
    stored_anywhere,
    twilio_form,
    twilio_signature,
)
from tests.channels.test_messenger import event as messenger_event
from tests.channels.test_messenger import page_body
from tests.channels.test_telegram import TELEGRAM, chat_id, message_update

CHANNELS = ["telegram", "messenger", "sms", "whatsapp"]


class Platform:
    """One user on one platform: say(text) -> the texts Signpost sent back."""

    def __init__(self, kind, social, fake_api):
        self.kind, self.social, self.fake_api = kind, social, fake_api
        if kind == "telegram":
            self.user = chat_id()
            self.sender = expected_sender("telegram", self.user)
        elif kind == "messenger":
            self.user = str(7_100_000_000_000_000 + uuid.uuid4().int % 10**15)
            self.sender = expected_sender("messenger", self.user)
        else:
            number = new_mobile()
            self.user = ("whatsapp:" if kind == "whatsapp" else "") + number
            self.sender = expected_sender(kind, self.user)

    def say(self, text=None, **extra):
        url = f"{self.social.rasa_url}/webhooks"
        mark = self.fake_api.mark()
        if self.kind == "telegram":
            status, _ = post(f"{url}/telegram/webhook", json_body(message_update(self.user, text,
                                                                                  **extra)),
                             {"Content-Type": "application/json",
                              "X-Telegram-Bot-Api-Secret-Token": TELEGRAM["secret"]})
            sent = self.fake_api.since(mark, lambda r: r.path.endswith("/sendMessage"))
            out = [r.json["text"] for r in sent if r.json["chat_id"] == self.user]
        elif self.kind == "messenger":
            body = page_body(messenger_event(self.user, message={"text": text}))
            status, _ = post(f"{url}/facebook/webhook", body,
                             {"Content-Type": "application/json",
                              "X-Hub-Signature-256": hub_signature(body)})
            sent = self.fake_api.since(mark, lambda r: r.path.startswith("/graph/"))
            out = [r.json["message"]["text"] for r in sent
                   if r.json["recipient"]["id"] == self.user]
        else:
            to = "whatsapp:+14155238886" if self.kind == "whatsapp" else TWILIO["number"]
            params = twilio_form(self.user, text, "SM" + uuid.uuid4().hex, to)
            status, _ = post(f"{url}/twilio/webhook", form_body(params),
                             {"Content-Type": "application/x-www-form-urlencoded",
                              "X-Twilio-Signature": twilio_signature(TWILIO["public_url"], params)})
            sent = self.fake_api.since(mark, lambda r: r.path.startswith("/twilio/"))
            out = [r.form["Body"] for r in sent if r.form["To"] == self.user]
        assert status == 200
        return out


@pytest.fixture(params=CHANNELS)
def platform(request, social, fake_api):
    return lambda: Platform(request.param, social, fake_api)


def answer(out) -> str:
    return "\n".join(out)


# -- typed commands and the 999 check whatever the prefix -----------------------------------------
@pytest.mark.parametrize("command", ["/ /restart", "/ /session_start", "//restart"])
def test_typed_commands_keep_the_conversation(platform, command):
    p = platform()
    assert "Which town" in answer(p.say("someone has dumped a load of rubbish in our lane"))
    p.say(command)
    out = answer(p.say("Corsham"))
    assert "Fly-tipping in Corsham" in out and "Who: Wiltshire Council" in out


@pytest.mark.parametrize("text", ["/ /I need an ambulance, there is blood everywhere",
                                  "//someone is breaking in right now",
                                  "/restart he has got a knife and he's threatening us"])
def test_prefixed_emergencies_get_999_first(platform, text):
    out = platform().say(text)
    assert out and out[0].startswith("CALL 999")


# -- places, roads and the 999 check survive redaction; no words; long messages --------------------
@pytest.mark.parametrize("text,expected", [
    ("someone has dumped a mattress in BA14 and its blocking the path", "Who: Wiltshire Council"),
    ("rubbish dumped in SN25 and its everywhere", "Who: Swindon Borough Council"),
    ("massive pothole on the M4 JCT 16 westbound", "Who: National Highways"),
    ("people were fighting in SN15 now", "CALL 999"),
])
def test_places_roads_and_999_survive_redaction(platform, text, expected):
    out = platform().say(text)
    assert expected in (out[0] if expected == "CALL 999" else answer(out))


@pytest.mark.parametrize("text,gone", [
    ("my number is +48 601 234 567, the fly tipping is in Calne", "601 234 567"),
    ("fly tipping in Calne tel07700900432", "900432"),
    ("graffiti in Devizes email jo.bloggs\u200b@example.com", "bloggs"),
])
def test_personal_data_is_not_stored(platform, social, text, gone):
    p = platform()
    assert p.say(text)
    assert events_for(social, p.sender) > 0 and not stored_anywhere(social, gone)


@pytest.mark.parametrize("text", ["\U0001f44d", "\U0001f642\U0001f642", "!!!"])
def test_no_words_get_a_prompt(platform, social, text):
    p = platform()
    assert p.say(text) == [inbound.NO_WORDS_NOTICE]
    assert events_for(social, p.sender) == 0


@pytest.mark.parametrize("text", [
    "someone is breaking into my house right now " + "please help me " * 80,
    "the neighbours have been noisy for weeks " * 30 + "and now he has a knife and is threatening us",
])
def test_long_messages_get_999(platform, text):
    whole = answer(platform().say(text))
    assert whole.startswith(inbound.LONG_NOTICE)
    assert whole[len(inbound.LONG_NOTICE):].lstrip().startswith("CALL 999")   # next, before all else


# -- Telegram: a command followed by words, and captions -------------------------------------------
@pytest.fixture()
def telegram_user(social, fake_api):
    return lambda: Platform("telegram", social, fake_api)


@pytest.mark.parametrize("text", ["/help someone is breaking in right now",        # the example
                                  "/start there's a man with a knife outside",
                                  "/help@SignpostBot someone is being attacked outside my house"])
def test_telegram_command_with_words_answers_the_words(telegram_user, text):
    assert telegram_user().say(text)[0].startswith("CALL 999")


@pytest.mark.parametrize("text,expected", [
    ("/help fly tipping in Calne", "Who: Wiltshire Council"),
    ("/start dog mess all over the pavement in Penhill", "Who: Swindon Borough Council"),
])
def test_telegram_command_with_a_question_routes_it(telegram_user, text, expected):
    assert expected in answer(telegram_user().say(text))


@pytest.mark.parametrize("text", ["/help", "/start", "/start@SignpostBot"])
def test_telegram_command_alone_still_greets(telegram_user, text):
    assert "automated assistant" in telegram_user().say(text)[0]


PHOTO = [{"file_id": "AgAC1", "file_unique_id": "AQAD1", "width": 90, "height": 67},
         {"file_id": "AgAC2", "file_unique_id": "AQAD2", "width": 1280, "height": 960}]


@pytest.mark.parametrize("media,caption,expected", [
    ({"photo": PHOTO}, "someone dumped a fridge on the verge in Melksham", "Who: Wiltshire Council"),
    ({"document": {"file_id": "BQAC", "file_unique_id": "AgAD", "file_name": "mess.jpg"}},
     "dog mess all over the pavement in Penhill", "Who: Swindon Borough Council"),
    ({"video": {"file_id": "BAAC", "file_unique_id": "AgAE", "width": 640, "height": 480,
                "duration": 4}}, "someone is breaking into the shop right now", "CALL 999"),
])
def test_telegram_caption_is_the_question(telegram_user, media, caption, expected):
    out = telegram_user().say(None, caption=caption, **media)
    assert expected in (out[0] if expected == "CALL 999" else answer(out))


def test_telegram_photo_without_caption_asks_for_words(telegram_user):
    assert "type your question" in telegram_user().say(None, photo=PHOTO)[0]
