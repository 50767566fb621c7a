"""Messenger: page webhook events in Meta's documented format, signed as Meta signs them."""
import time
import uuid

import pytest

from tests.channels.conftest import (
    MESSENGER,
    events_for,
    expected_sender,
    get,
    hub_signature,
    json_body,
    post,
    stored_anywhere,
    total_events,
)

PAGE_ID = "104857600012345"


def psid() -> str:
    return str(7_000_000_000_000_000 + uuid.uuid4().int % 10**15)


def event(sender: str, message: dict = None, postback: dict = None) -> dict:
    ev = {"sender": {"id": sender}, "recipient": {"id": PAGE_ID},
          "timestamp": int(time.time() * 1000)}
    if message is not None:
        ev["message"] = {"mid": f"m_{uuid.uuid4().hex}", **message}
    if postback is not None:
        ev["postback"] = {"mid": f"m_{uuid.uuid4().hex}", **postback}
    return ev


def page_body(*events) -> bytes:
    return json_body({"object": "page", "entry": [
        {"id": PAGE_ID, "time": int(time.time() * 1000), "messaging": list(events)}]})


@pytest.fixture()
def messenger(social, fake_api):
    url = f"{social.rasa_url}/webhooks/facebook/webhook"

    def send(sender: str, body: bytes = None, headers: dict = None, **kwargs):
        body = body if body is not None else page_body(event(sender, **kwargs))
        mark = fake_api.mark()
        hdrs = {"Content-Type": "application/json", "X-Hub-Signature-256": hub_signature(body)}
        status, _ = post(url, body, {**hdrs, **(headers or {})})
        sent = fake_api.since(mark, lambda r: r.path.startswith("/graph/"))
        return status, [r for r in sent if r.json["recipient"]["id"] == sender]
    send.url = url
    return send


def texts(sent):
    return [r.json["message"]["text"] for r in sent]


def test_webhook_verification(messenger):
    ok = get(f"{messenger.url}?hub.mode=subscribe&hub.verify_token={MESSENGER['verify']}"
             "&hub.challenge=1158201444")
    assert ok == (200, "1158201444")
    assert get(f"{messenger.url}?hub.mode=subscribe&hub.verify_token=guess"
               "&hub.challenge=1158201444")[0] == 403
    assert get(f"{messenger.url}?hub.mode=subscribe&hub.challenge=1")[0] == 403


def test_greeting_offers_quick_replies_and_a_quick_reply_routes(messenger, social):
    user = psid()
    status, sent = messenger(user, message={"text": "hello"})
    assert status == 200 and sent
    for r in sent:
        assert r.path == "/graph/v19.0/me/messages"
        assert r.query["access_token"] == [MESSENGER["page_token"]]
        assert r.json["messaging_type"] == "RESPONSE"
    assert "automated assistant" in texts(sent)[0]
    quick = sent[-1].json["message"]["quick_replies"]
    assert 1 <= len(quick) <= 13
    assert all(q["content_type"] == "text" and len(q["title"]) <= 20 for q in quick)
    assert {"content_type": "text", "title": "Fly-tipping", "payload": "/fly_tipping"} in quick

    # the user taps "Fly-tipping": Meta sends the text and the quick reply's payload
    _, sent = messenger(user, message={"text": "Fly-tipping",
                                       "quick_reply": {"payload": "/fly_tipping"}})
    asked = sent[-1].json["message"]
    assert "Which town" in asked["text"]
    assert [q["payload"] for q in asked["quick_replies"]] == ["Swindon", "Wiltshire"]
    _, sent = messenger(user, message={"text": "Devizes"})
    answer = "\n".join(texts(sent))
    assert "Fly-tipping in Devizes" in answer and "Who: Wiltshire Council" in answer
    assert "https://www.wiltshire.gov.uk" in answer               # links as plain text
    assert all(len(t) <= 2000 for t in texts(sent))
    assert not any("route" in t or "{" in t for t in texts(sent))  # no raw custom payloads

    # stored under the keyed hash, never the page-scoped id
    assert events_for(social, expected_sender("messenger", user)) > 0
    assert not stored_anywhere(social, user)


def test_get_started_postback_is_answered(messenger):
    user = psid()
    _, sent = messenger(user, postback={"title": "Get Started", "payload": "/greet"})
    assert "automated assistant" in texts(sent)[0]


def test_emergency_gets_999_first(messenger):
    _, sent = messenger(psid(), message={"text": "someone is breaking into my house right now"})
    assert texts(sent)[0].startswith("CALL 999")


def test_photo_without_text_is_answered(messenger):
    _, sent = messenger(psid(), message={"attachments": [
        {"type": "image", "payload": {"url": "https://scontent.example/photo.jpg"}}]})
    assert "type your question" in texts(sent)[0]


def test_redelivered_event_is_answered_once(messenger):
    user = psid()
    body = page_body(event(user, message={"text": "hello"}))
    _, first = messenger(user, body=body)
    _, again = messenger(user, body=body)
    assert first and not again


def test_echoes_and_delivery_receipts_are_not_answered(messenger, social):
    user = psid()
    body = page_body(event(user, message={"text": "hi", "is_echo": True}),
                     {"sender": {"id": user}, "recipient": {"id": PAGE_ID},
                      "delivery": {"mids": ["m_1"], "watermark": 1}})
    status, sent = messenger(user, body=body)
    assert status == 200 and not sent
    assert events_for(social, expected_sender("messenger", user)) == 0


def forged(body: bytes):
    tampered = body.replace(b"where do i report", b"/restart please...")
    return [
        ("missing", body, {"X-Hub-Signature-256": ""}),
        ("wrong secret", body, {"X-Hub-Signature-256": hub_signature(body, "not-the-secret")}),
        ("tampered body", tampered, {"X-Hub-Signature-256": hub_signature(body)}),
        ("not hex", body, {"X-Hub-Signature-256": "sha256=zz"}),
        ("old sha1 header only", body, {"X-Hub-Signature-256": "",
                                         "X-Hub-Signature": "sha1=" + "0" * 40}),
    ]


@pytest.mark.parametrize("case", range(5))
def test_forged_requests_are_refused_and_stored_nowhere(messenger, social, fake_api, case):
    user = psid()
    body = page_body(event(user, message={"text": "where do i report fly tipping in Calne"}))
    name, data, headers = forged(body)[case]
    before = total_events(social)
    status, sent = messenger(user, body=data, headers=headers)
    assert status == 403, name
    assert not sent
    assert total_events(social) == before
    assert events_for(social, expected_sender("messenger", user)) == 0
