"""One real Signpost (Rasa + action server) with the social channels switched on by environment
variables, their outbound calls captured by a local fake platform API. Shared by every channel
test, so Rasa starts once."""
from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import os
import sqlite3
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml

from bot.runtime.stack import ROOT, Stack, free_port
from tests.channels.fake_platform import FakePlatform
from tests.stored_text import in_sqlite

SENDER_KEY = "test-sender-key-0123456789abcdef"
MESSENGER = {"verify": "verify-me-please-123", "secret": "test-app-secret-0123456789",
             "page_token": "EAAtestpagetoken"}
TELEGRAM = {"token": "123456789:TEST-bot-token", "secret": "tg-secret-token-0123456789"}
TWILIO = {"sid": "AC" + "0123456789abcdef" * 2, "token": "test-auth-token-0123456789",
          "public_url": "https://signpost.example.org/webhooks/twilio/webhook",
          "number": "+441632960000",
          # below the default 1,600 so that real answers exercise splitting end to end
          "max_chars": 700}
SOCIAL_CHANNELS = ("bot.channels.social.messenger.SignedMessengerInput",
                   "bot.channels.social.telegram.SignedTelegramInput",
                   "bot.channels.social.sms.SignedTwilioInput")


def social_env(api_url: str) -> dict:
    return {
        "SIGNPOST_SENDER_KEY": SENDER_KEY,
        "SIGNPOST_MESSENGER_VERIFY_TOKEN": MESSENGER["verify"],
        "SIGNPOST_MESSENGER_APP_SECRET": MESSENGER["secret"],
        "SIGNPOST_MESSENGER_PAGE_TOKEN": MESSENGER["page_token"],
        "SIGNPOST_MESSENGER_API_URL": f"{api_url}/graph/v19.0",
        "SIGNPOST_TELEGRAM_TOKEN": TELEGRAM["token"],
        "SIGNPOST_TELEGRAM_SECRET_TOKEN": TELEGRAM["secret"],
        "SIGNPOST_TELEGRAM_API_URL": f"{api_url}/telegram",
        "SIGNPOST_TWILIO_ACCOUNT_SID": TWILIO["sid"],
        "SIGNPOST_TWILIO_AUTH_TOKEN": TWILIO["token"],
        "SIGNPOST_TWILIO_PUBLIC_URL": TWILIO["public_url"],
        "SIGNPOST_TWILIO_NUMBER": TWILIO["number"],
        "SIGNPOST_TWILIO_API_URL": f"{api_url}/twilio",
        "SIGNPOST_TWILIO_MAX_CHARS": str(TWILIO["max_chars"]),
    }


@pytest.fixture(scope="session")
def fake_api():
    fake = FakePlatform().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def social(tmp_path_factory, fake_api):
    """The stack, with the channel entries of the shipped credentials.yml (REST kept for health)."""
    tmp = tmp_path_factory.mktemp("social")
    shipped = yaml.safe_load((ROOT / "credentials.yml").read_text())
    credentials = {k: v for k, v in shipped.items()
                   if k in SOCIAL_CHANNELS or k == "bot.channels.rest.SignpostRestInput"}
    assert set(SOCIAL_CHANNELS) <= set(credentials), "credentials.yml lost a social channel"
    (tmp / "credentials.yml").write_text(yaml.safe_dump(credentials))
    s = Stack(os.environ.get("SIGNPOST_MODEL"), rasa_port=free_port(), actions_port=free_port(),
              web_port=free_port(), web=False, tracker_db=str(tmp / "tracker.db"),
              credentials=str(tmp / "credentials.yml"), env=social_env(fake_api.url),
              log_dir=tmp / "logs")
    s.start()
    yield s
    s.stop()


# -- requests --------------------------------------------------------------------------------
def post(url: str, data: bytes, headers: dict, timeout: float = 30):
    req = urllib.request.Request(url, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def get(url: str, timeout: float = 10):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def hub_signature(body: bytes, secret: str = MESSENGER["secret"]) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def twilio_signature(url: str, params: dict, token: str = TWILIO["token"]) -> str:
    """Twilio's documented scheme, written out here independently of the twilio package."""
    s = url + "".join(k + params[k] for k in sorted(params))
    return base64.b64encode(hmac.new(token.encode(), s.encode(), hashlib.sha1).digest()).decode()


def twilio_form(sender: str, body: str, sid: str, to: str = TWILIO["number"]) -> dict:
    """An inbound message as Twilio posts it (SMS; WhatsApp when sender is "whatsapp:+44...")."""
    whatsapp = sender.startswith("whatsapp:")
    form = {"ToCountry": "GB", "SmsMessageSid": sid, "NumMedia": "0", "SmsSid": sid,
            "SmsStatus": "received", "Body": body, "To": to, "NumSegments": "1",
            "MessageSid": sid, "AccountSid": TWILIO["sid"], "From": sender,
            "ApiVersion": "2010-04-01", "FromCountry": "GB"}
    if whatsapp:
        form.update({"ProfileName": "Sam", "WaId": sender.split("+")[-1], "MessageType": "text"})
    return form


def expected_sender(platform: str, user_id) -> str:
    digest = hmac.new(SENDER_KEY.encode(), f"{platform}:{user_id}".encode(), hashlib.sha256)
    return f"{platform}-{digest.hexdigest()[:32]}"


# -- the tracker store -----------------------------------------------------------------------
# UK mobile numbers for tests: +44 7700 9xxxxx, 100,000 in all. Drawn at random, two tests of one run
# sharing the Rasa tracker met on the same number (a forged-request test found 16 events of another
# test's user); a counter from a random start never repeats within a run.
_MOBILES = itertools.count(uuid.uuid4().int % 10**5)


def new_mobile() -> str:
    """A mobile number no other test of this run has used: "+447700912345"."""
    return "+4477009" + f"{next(_MOBILES) % 10**5:05d}"


def events_for(stack: Stack, sender_id: str) -> int:
    with sqlite3.connect(stack.tracker_db) as db:
        return db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?",
                          (sender_id,)).fetchone()[0]


def total_events(stack: Stack) -> int:
    if not Path(stack.tracker_db).exists():
        return 0
    with sqlite3.connect(stack.tracker_db) as db:
        try:
            return db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        except sqlite3.OperationalError:   # no table yet: nothing stored
            return 0


def stored_anywhere(stack: Stack, needle: str) -> bool:
    """Whether the string appears in the text of the tracker database (tests/stored_text.py)."""
    return in_sqlite(stack.tracker_db, needle)


def form_body(params: dict) -> bytes:
    return urlencode(params).encode()


def json_body(obj) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode()
