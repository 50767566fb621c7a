"""Telegram: Update objects in the Bot API's documented format, with and without the secret."""
import itertools
import subprocess
import sys
import time
import uuid

import pytest

from bot.runtime.stack import ROOT
from tests.channels.conftest import (
    TELEGRAM,
    events_for,
    expected_sender,
    json_body,
    post,
    social_env,
    stored_anywhere,
    total_events,
)

_update_ids = itertools.count(810_000_000)


def chat_id() -> int:
    return 100_000_000 + uuid.uuid4().int % 900_000_000


def user(cid: int) -> dict:
    return {"id": cid, "is_bot": False, "first_name": "Sam", "language_code": "en"}


def message_update(cid: int, text: str = None, **extra) -> dict:
    msg = {"message_id": next(_update_ids) % 10_000, "from": user(cid),
           "chat": {"id": cid, "first_name": "Sam", "type": "private"}, "date": int(time.time()),
           **extra}
    if text is not None:
        msg["text"] = text
        if text.startswith("/"):
            msg["entities"] = [{"offset": 0, "length": len(text.split()[0]), "type": "bot_command"}]
    return {"update_id": next(_update_ids), "message": msg}


def callback_update(cid: int, data: str) -> dict:
    return {"update_id": next(_update_ids), "callback_query": {
        "id": str(uuid.uuid4().int % 10**18), "from": user(cid), "chat_instance": "-7123456789",
        "data": data,
        "message": {"message_id": 77, "from": {"id": 123456789, "is_bot": True,
                                               "first_name": "Signpost", "username": "SignpostBot"},
                    "chat": {"id": cid, "type": "private"}, "date": int(time.time()),
                    "text": "Hello, I'm Signpost"}}}


@pytest.fixture()
def telegram(social, fake_api):
    url = f"{social.rasa_url}/webhooks/telegram/webhook"

    def send(update: dict, secret: str = TELEGRAM["secret"], body: bytes = None):
        data = body if body is not None else json_body(update)
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        mark = fake_api.mark()
        status, _ = post(url, data, headers)
        return status, fake_api.since(mark, lambda r: r.path.startswith("/telegram/"))
    return send


def messages(sent, cid):
    return [r.json for r in sent if r.path.endswith("/sendMessage") and r.json["chat_id"] == cid]


def test_start_greets_with_an_inline_keyboard(telegram):
    cid = chat_id()
    status, sent = telegram(message_update(cid, "/start"))
    assert status == 200
    out = messages(sent, cid)
    assert all(r.path == f"/telegram/bot{TELEGRAM['token']}/sendMessage" for r in sent)
    assert "automated assistant" in out[0]["text"]
    assert "parse_mode" not in out[0]                      # plain text: nothing read as markup
    keyboard = out[-1]["reply_markup"]["inline_keyboard"]
    buttons = [b for row in keyboard for b in row]
    assert {"text": "Fly-tipping", "callback_data": "/fly_tipping"} in buttons
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)


def test_button_press_is_a_user_message(telegram, social):
    cid = chat_id()
    telegram(message_update(cid, "hi"))
    status, sent = telegram(callback_update(cid, "/noise"))
    assert status == 200
    answered = [r for r in sent if r.path.endswith("/answerCallbackQuery")]
    assert len(answered) == 1 and answered[0].json["callback_query_id"]
    asked = messages(sent, cid)[-1]
    assert "Which town" in asked["text"]
    _, sent = telegram(callback_update(cid, "Swindon"))
    answer = "\n".join(m["text"] for m in messages(sent, cid))
    assert "Who: Swindon Borough Council" in answer
    assert all(len(m["text"]) <= 4096 for m in messages(sent, cid))
    assert events_for(social, expected_sender("telegram", cid)) > 0
    assert not stored_anywhere(social, str(cid))


def test_emergency_gets_999_first(telegram):
    cid = chat_id()
    _, sent = telegram(message_update(cid, "theres a man with a knife outside the shop"))
    assert messages(sent, cid)[0]["text"].startswith("CALL 999")


def test_sticker_is_answered_and_groups_are_not(telegram, social):
    cid = chat_id()
    _, sent = telegram(message_update(cid, sticker={"file_id": "CAAC", "emoji": "👍"}))
    assert "type your question" in messages(sent, cid)[0]["text"]
    group = -1_000_000_000_000 - chat_id()
    update = message_update(cid, "hello")
    update["message"]["chat"] = {"id": group, "title": "Street group", "type": "supergroup"}
    status, sent = telegram(update)
    assert status == 200 and not sent
    assert events_for(social, expected_sender("telegram", group)) == 0


@pytest.mark.parametrize("secret", [None, "", "wrong-secret-token-000000", TELEGRAM["secret"] + "x",
                                    TELEGRAM["secret"].upper()])
def test_wrong_or_missing_secret_is_refused(telegram, social, secret):
    cid = chat_id()
    before = total_events(social)
    status, sent = telegram(message_update(cid, "someone dumped a sofa in my road in Melksham"),
                            secret=secret)
    assert status == 403 and not sent
    assert total_events(social) == before
    assert events_for(social, expected_sender("telegram", cid)) == 0


def test_set_webhook_registers_the_secret(fake_api):
    env = {**social_env(fake_api.url), "PATH": "/usr/bin:/bin", "RASA_TELEMETRY_ENABLED": "false"}
    mark = fake_api.mark()
    run = subprocess.run([sys.executable, "-m", "bot.channels.social.telegram", "set-webhook",
                          "https://signpost.example.org/webhooks/telegram/webhook"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    (call,) = fake_api.since(mark)
    assert call.path == f"/telegram/bot{TELEGRAM['token']}/setWebhook"
    assert call.json == {"url": "https://signpost.example.org/webhooks/telegram/webhook",
                         "secret_token": TELEGRAM["secret"],
                         "allowed_updates": ["message", "callback_query"]}
