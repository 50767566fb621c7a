"""Twilio SMS and WhatsApp: form-encoded webhooks, signed as Twilio signs the public URL."""
import uuid

import pytest

from tests.channels.conftest import (
    TWILIO,
    events_for,
    expected_sender,
    form_body,
    new_mobile,
    post,
    stored_anywhere,
    total_events,
    twilio_form,
    twilio_signature,
)

WHATSAPP_NUMBER = "whatsapp:+14155238886"


def mobile() -> str:
    return new_mobile()


def sid() -> str:
    return "SM" + uuid.uuid4().hex


@pytest.fixture()
def twilio(social, fake_api):
    url = f"{social.rasa_url}/webhooks/twilio/webhook"

    def send(sender: str, text: str, to: str = TWILIO["number"], params: dict = None,
             signature: str = None, data: bytes = None):
        params = params or twilio_form(sender, text, sid(), to)
        signature = twilio_signature(TWILIO["public_url"], params) if signature is None \
            else signature
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "User-Agent": "TwilioProxy/1.1"}
        if signature:
            headers["X-Twilio-Signature"] = signature
        mark = fake_api.mark()
        status, body = post(url, data if data is not None else form_body(params), headers)
        sent = fake_api.since(mark, lambda r: r.path.startswith("/twilio/"))
        return status, body, [r for r in sent if r.form["To"] == sender]
    return send


def bodies(sent):
    return [r.form["Body"] for r in sent]


def test_sms_numbered_choices_and_a_typed_number(twilio, social):
    user = mobile()
    status, twiml, sent = twilio(user, "hello")
    assert status == 200 and "<Response>" in twiml
    (greeting,) = sent                                  # one SMS for the whole turn
    assert greeting.path == f"/twilio/2010-04-01/Accounts/{TWILIO['sid']}/Messages.json"
    assert greeting.headers["Authorization"].startswith("Basic ")
    assert greeting.form["From"] == TWILIO["number"]
    assert "automated assistant" in greeting.form["Body"]
    assert "Reply 1 for Fly-tipping, 2 for Noisy neighbours" in greeting.form["Body"]

    _, _, sent = twilio(user, "1")
    asked = bodies(sent)[-1]
    assert "Which town" in asked and "Reply 1 for Swindon or 2 for Elsewhere in Wiltshire." in asked
    _, _, sent = twilio(user, "1")
    answer = "\n".join(bodies(sent))
    assert "Fly-tipping in Swindon" in answer and "Who: Swindon Borough Council" in answer
    assert "https://www.swindon.gov.uk" in answer
    assert all(len(b) <= TWILIO["max_chars"] for b in bodies(sent))

    assert events_for(social, expected_sender("sms", user)) > 0
    assert not stored_anywhere(social, user) and not stored_anywhere(social, user.lstrip("+"))


def test_whatsapp_replies_from_the_whatsapp_number(twilio, social):
    user = "whatsapp:" + mobile()
    _, _, sent = twilio(user, "there's dog poo all over the pavement in Penhill",
                        to=WHATSAPP_NUMBER)
    assert sent and all(r.form["From"] == WHATSAPP_NUMBER for r in sent)
    assert "Who: Swindon Borough Council" in "\n".join(bodies(sent))
    assert events_for(social, expected_sender("whatsapp", user)) > 0
    assert not stored_anywhere(social, user.split("+")[1])


@pytest.mark.parametrize("sender", [mobile, lambda: "whatsapp:" + mobile()])
def test_emergency_gets_999_first(twilio, sender):
    user = sender()
    to = WHATSAPP_NUMBER if user.startswith("whatsapp:") else TWILIO["number"]
    _, _, sent = twilio(user, "help my neighbour is beating his wife i can hear it now", to=to)
    assert bodies(sent)[0].startswith("CALL 999")


def test_long_turn_is_split_within_the_limit_with_999_first(twilio):
    """The test stack sets SIGNPOST_TWILIO_MAX_CHARS=700: a 999 answer plus support runs past it."""
    _, _, sent = twilio(mobile(), "my husband is hitting me right now and i want to kill myself")
    parts = bodies(sent)
    assert parts[0].startswith("CALL 999")
    assert len(parts) >= 2 and all(len(p) <= TWILIO["max_chars"] for p in parts)
    assert "Samaritans" in "\n".join(parts)


def test_stop_is_left_to_twilio(twilio, social):
    user = mobile()
    status, _, sent = twilio(user, "STOP")
    assert status == 200 and not sent
    assert events_for(social, expected_sender("sms", user)) == 0


def forged_cases():
    user = mobile()
    params = twilio_form(user, "where do i report graffiti in Trowbridge", sid())
    good = twilio_signature(TWILIO["public_url"], params)
    tampered = {**params, "Body": "/restart"}
    other_account = {**params, "AccountSid": "AC" + "f" * 32}
    return [
        ("missing", user, params, ""),
        ("wrong token", user, params,
         twilio_signature(TWILIO["public_url"], params, "other-token")),
        ("tampered body", user, tampered, good),
        ("signed for another URL", user, params,
         twilio_signature("https://attacker.example/webhooks/twilio/webhook", params)),
        ("signed, but for another account", user, other_account,
         twilio_signature(TWILIO["public_url"], other_account)),
    ]


@pytest.mark.parametrize("case", range(5))
def test_forged_requests_are_refused_and_stored_nowhere(twilio, social, case):
    name, user, params, signature = forged_cases()[case]
    before = total_events(social)
    status, _, sent = twilio(user, "", params=params, signature=signature)
    assert status == 403, name
    assert not sent
    assert total_events(social) == before
    assert events_for(social, expected_sender("sms", user)) == 0
