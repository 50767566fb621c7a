"""The social channels' pure parts, and the shipped credentials.yml with no settings at all."""
import asyncio
import json
import logging

import aiohttp
import pytest
import yaml
from sanic import Sanic

from bot.channels import inbound
from bot.channels.social import common, messenger, sms, telegram
from bot.runtime.stack import ROOT, free_port
from tests.channels.conftest import SOCIAL_CHANNELS, hub_signature, twilio_signature

ALL_VARIABLES = ("SIGNPOST_SENDER_KEY", messenger.VERIFY_TOKEN, messenger.APP_SECRET,
                 messenger.PAGE_TOKEN, telegram.TOKEN, telegram.SECRET_TOKEN, sms.ACCOUNT_SID,
                 sms.AUTH_TOKEN, sms.PUBLIC_URL)


# -- splitting and rendering ----------------------------------------------------------------
@pytest.mark.parametrize("limit", [20, 160, 1600, 2000, 4096])
def test_split_keeps_every_word_within_the_limit(limit):
    text = "\n\n".join(f"Paragraph {i}. " + "word " * (i * 37 % 300) + "end." for i in range(40))
    chunks = common.split_text(text, limit)
    assert all(0 < common.text_size(c) <= limit for c in chunks)
    assert " ".join(" ".join(chunks).split()) == " ".join(text.split())


def test_split_prefers_paragraphs_and_counts_emoji_as_two():
    assert common.split_text("aaaa bbbb\n\ncccc", 12) == ["aaaa bbbb", "cccc"]
    assert common.split_text("🙂" * 5, 4) == ["🙂🙂", "🙂🙂", "🙂"]
    assert common.split_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_plain_messages_drop_custom_payloads_and_never_go_silent():
    msgs = [{"recipient_id": "s", "text": "CALL 999 NOW"}, {"recipient_id": "s", "custom": {
        "route": {"agency": "police_999"}}},
        {"text": "Pick", "buttons": [{"title": "Noise", "payload": "/noise"},
                                     {"title": "Site", "url": "https://example.org"}, {"x": 1}]}]
    out = common.plain_messages(msgs)
    assert [o.text for o in out] == ["CALL 999 NOW", "Pick\nSite: https://example.org"]
    assert out[1].options == [{"title": "Noise", "payload": "/noise"}]
    assert common.plain_messages([{"custom": {"route": {}}}])[0].text == inbound.UNAVAILABLE


def test_messenger_quick_replies_fit():
    options = [{"title": f"A rather long option title {i}", "payload": f"/p{i}"} for i in range(20)]
    (msg,) = messenger.send_api_messages([common.Outgoing("Choose", options)])
    assert len(msg["quick_replies"]) == 13
    assert all(len(q["title"]) <= 20 for q in msg["quick_replies"])
    parts = messenger.send_api_messages([common.Outgoing("word " * 1000, options[:2])])
    assert len(parts) == 3 and all(len(p["text"]) <= 2000 for p in parts)
    assert "quick_replies" not in parts[0] and len(parts[-1]["quick_replies"]) == 2


def test_telegram_keyboard_and_long_payloads():
    long_payload = "Bradford-on-Avon and Winsley and Westwood and Holt and Staverton x"
    keyboard = telegram.inline_keyboard([{"title": "Swindon", "payload": "Swindon"},
                                         {"title": "Far", "payload": long_payload}])
    assert keyboard == {"inline_keyboard": [[{"text": "Swindon", "callback_data": "Swindon"},
                                             {"text": "Far", "callback_data": "opt:2"}]]}
    parts = telegram.send_messages(42, [common.Outgoing("x" * 5000, [{"title": "Yes, show me how",
                                                                       "payload": "/affirm"}])])
    assert [len(p["text"]) for p in parts] == [4096, 904]
    assert parts[-1]["reply_markup"] == {"inline_keyboard": [[{"text": "Yes, show me how",
                                                              "callback_data": "/affirm"}]]}


def test_sms_numbers_choices_across_the_turn_and_folds_to_gsm():
    out = [common.Outgoing("It’s “fine” – really"),
           common.Outgoing("Which?", [{"title": "Swindon", "payload": "Swindon"},
                                      {"title": "Elsewhere", "payload": "Wiltshire"}]),
           common.Outgoing("More?", [{"title": "Yes", "payload": "/affirm"}])]
    body, payloads = sms.reply_body(out, whatsapp=False)
    assert body == ('It\'s "fine" - really\n\nWhich?\nReply 1 for Swindon or 2 for Elsewhere.'
                    "\n\nMore?\nReply 3 for Yes.")
    assert payloads == ["Swindon", "Wiltshire", "/affirm"]
    assert sms.reply_body(out, whatsapp=True)[0].startswith("It’s “fine”")
    assert [sms.body_limit(v) for v in (None, "", "320", "50", "99999", "x")] == \
        [1600, 1600, 320, 160, 1600, 1600]
    assert [common.typed_number(t) for t in ("1", " 2. ", "#3", "3)", "12", "1 2", "one", "123")] \
        == [1, 2, 3, 3, 12, None, None, None]


def test_numbered_choices_are_read_back_from_the_tracker():
    """What "Reply 2" means comes from the tracker store every Rasa process shares, numbered
    across the last turn exactly as the SMS and the Telegram keyboard numbered it."""
    from types import SimpleNamespace

    from rasa.core.tracker_store import InMemoryTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    old = [{"title": "Old", "payload": "/old"}]
    first = [{"title": "Swindon", "payload": "Swindon"}, {"title": "Site", "url": "https://x.org"}]
    second = [{"title": "Yes, show me how", "payload": "/affirm"}]
    store = InMemoryTrackerStore(Domain.empty())
    tracker = DialogueStateTracker.from_events("sms-abc", [
        UserUttered("hi"), BotUttered("earlier", {"buttons": old}),
        UserUttered("noise"), BotUttered("Which?", {"buttons": first}),
        BotUttered("route text", {"custom": {"route": {}}}),
        BotUttered("More?", {"buttons": second})])
    app = SimpleNamespace(ctx=SimpleNamespace(agent=SimpleNamespace(tracker_store=store)))
    asyncio.run(store.save(tracker))
    assert asyncio.run(common.offered_choices(app, "sms-abc")) == ["Swindon", "/affirm"]
    assert asyncio.run(common.offered_choices(app, "sms-unknown")) == []
    assert asyncio.run(common.offered_choices(SimpleNamespace(), "sms-abc")) == []

    outgoing = common.plain_messages([{"text": "Which?", "buttons": first}, {"text": "route text"},
                                      {"text": "More?", "buttons": second}])
    assert sms.reply_body(outgoing, whatsapp=False)[1] == ["Swindon", "/affirm"]
    keyboards = [m["reply_markup"] for m in telegram.send_messages(1, outgoing)
                 if "reply_markup" in m]
    assert [b["callback_data"] for k in keyboards for row in k["inline_keyboard"] for b in row] \
        == ["Swindon", "/affirm"]
    long = [{"title": "A", "payload": "x" * 65}]
    (with_long,) = [m for m in telegram.send_messages(1, outgoing + common.plain_messages(
        [{"text": "Pick", "buttons": long}])) if m["text"] == "Pick"]
    assert with_long["reply_markup"]["inline_keyboard"] == \
        [[{"text": "A", "callback_data": "opt:3"}]]


# -- ids, secrets, caches --------------------------------------------------------------------
def test_sender_ids_are_keyed_and_stable():
    ids = common.SenderIds("k" * 32)
    a = ids("sms", "+447700900123")
    assert a == ids("sms", "+447700900123") and a.startswith("sms-") and len(a) == 36
    assert "447700900123" not in a
    assert a != common.SenderIds("j" * 32)("sms", "+447700900123")
    assert a != ids("whatsapp", "+447700900123")


def test_signature_checks():
    body = b'{"object":"page"}'
    assert messenger.valid_signature("s3cret", body, hub_signature(body, "s3cret"))
    assert messenger.valid_signature("s3cret", body, hub_signature(body, "s3cret").upper()
                                     .replace("SHA256=", "sha256="))
    for header in (None, "", "sha256=", "sha1=abc", hub_signature(body, "other"),
                   hub_signature(body + b" ", "s3cret")):
        assert not messenger.valid_signature("s3cret", body, header)
    # our test helper signs exactly as twilio's own RequestValidator expects
    from twilio.request_validator import RequestValidator
    params = {"Body": "hi", "From": "+447700900123", "AccountSid": "AC1"}
    url = "https://signpost.example.org/webhooks/twilio/webhook"
    assert RequestValidator("tok").validate(url, params, twilio_signature(url, params, "tok"))


# -- settings --------------------------------------------------------------------------------
def test_settings_need_every_variable_and_a_real_key(caplog):
    full = {"SIGNPOST_SENDER_KEY": "k" * 16, telegram.TOKEN: "1:abc",
            telegram.SECRET_TOKEN: "s" * 16}
    assert telegram.settings(full)[telegram.API_URL] == telegram.DEFAULT_API_URL
    with caplog.at_level(logging.INFO):
        assert telegram.settings({}) is None
        assert telegram.settings({**full, telegram.SECRET_TOKEN: ""}) is None
        assert telegram.settings({**full, "SIGNPOST_SENDER_KEY": "short"}) is None
        assert telegram.settings({**full, telegram.SECRET_TOKEN: "has spaces in it!!"}) is None
    text = caplog.text
    assert "SIGNPOST_TELEGRAM_SECRET_TOKEN not set" in text and "s" * 16 not in text


def test_shipped_credentials_start_with_no_settings(monkeypatch, tmp_path):
    """`make run` with none of the variables: Rasa builds the channels, the webhooks answer 503
    and process nothing."""
    from rasa.core.channels.channel import register
    from rasa.core.run import create_http_input_channels
    for name in ALL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    shipped = yaml.safe_load((ROOT / "credentials.yml").read_text())
    (tmp_path / "credentials.yml").write_text(yaml.safe_dump(
        {k: v for k, v in shipped.items() if k in SOCIAL_CHANNELS}))
    channels = create_http_input_channels(None, str(tmp_path / "credentials.yml"))
    assert sorted(c.name() for c in channels) == ["facebook", "telegram", "twilio"]
    assert not any(c.enabled for c in channels)

    async def run():
        app = Sanic(f"signpost_test_{free_port()}")
        register(channels, app, route="/webhooks/")   # no agent: processing anything would fail
        port = free_port()
        server = await app.create_server(host="127.0.0.1", port=port,
                                         return_asyncio_server=True)
        await server.startup()
        results = {}
        try:
            async with aiohttp.ClientSession() as session:
                for name in ("facebook", "telegram", "twilio"):
                    url = f"http://127.0.0.1:{port}/webhooks/{name}/webhook"
                    async with session.post(url, data=b'{"object":"page"}') as resp:
                        results[name] = (resp.status, json.loads(await resp.text()))
                    async with session.get(url) as resp:
                        results[name + " GET"] = (resp.status,)
        finally:
            server.close()
            await server.wait_closed()
        return results

    results = asyncio.run(run())
    for name in ("facebook", "telegram", "twilio"):
        assert results[name] == (503, {"status": "disabled", "error": "channel not configured"})
        assert results[name + " GET"] == (503,)
