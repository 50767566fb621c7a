"""A platform re-delivery is answered once, whichever Rasa replica it reaches (bot.channels.limits).

Telegram re-sends an update (same update_id) and Meta a message (same mid), and Twilio may re-post
a message (same MessageSid), when they think a webhook call failed. In the production profile the
two Rasa replicas behind nginx share the record of what was already answered in Redis: here the
same signed delivery is sent through nginx many times, at once and one after another, so both
replicas receive it, and exactly one answer must reach the (fake) platform and one user turn be
stored in PostgreSQL. A new delivery id with the same words is a new message, and is answered.
"""
from __future__ import annotations

import random
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.channels import limits
from tests.channels.conftest import (
    TELEGRAM,
    TWILIO,
    expected_sender,
    form_body,
    hub_signature,
    json_body,
    twilio_form,
    twilio_signature,
)
from tests.prod.client import new_ip, request

TEXT = "fly tipping in Calne"
AT_ONCE, THEN_ONE_BY_ONE = 8, 6           # 14 deliveries of each update


class Telegram:
    platform, path = "telegram", "/webhooks/telegram/webhook"

    def new_user(self):
        return random.randrange(100_000_000, 999_999_999)

    def new_id(self):
        return random.randrange(100_000_000, 999_999_999)

    def delivery(self, chat_id, update_id, text):
        update = {"update_id": update_id, "message": {
            "message_id": update_id % 100_000, "date": int(time.time()), "text": text,
            "from": {"id": chat_id, "is_bot": False, "first_name": "Sam"},
            "chat": {"id": chat_id, "first_name": "Sam", "type": "private"}}}
        return json_body(update), {"Content-Type": "application/json",
                                   "X-Telegram-Bot-Api-Secret-Token": TELEGRAM["secret"]}

    def replies(self, recorded, chat_id):
        return [r.json["text"] for r in recorded
                if r.path.endswith("/sendMessage") and r.json.get("chat_id") == chat_id]


class Messenger:
    platform, path, page = "messenger", "/webhooks/facebook/webhook", "104857600012345"

    def new_user(self):
        return str(7_000_000_000_000_000 + uuid.uuid4().int % 10**15)

    def new_id(self):
        return f"m_{uuid.uuid4().hex}"

    def event(self, psid, mid, text):
        return {"sender": {"id": psid}, "recipient": {"id": self.page},
                "timestamp": int(time.time() * 1000), "message": {"mid": mid, "text": text}}

    def batch(self, *events):
        body = json_body({"object": "page", "entry": [
            {"id": self.page, "time": int(time.time() * 1000), "messaging": list(events)}]})
        return body, {"Content-Type": "application/json",
                      "X-Hub-Signature-256": hub_signature(body)}

    def delivery(self, psid, mid, text):
        return self.batch(self.event(psid, mid, text))

    def replies(self, recorded, psid):
        return [r.json["message"]["text"] for r in recorded
                if r.path.endswith("/me/messages") and r.json["recipient"]["id"] == psid]


class Twilio:
    platform, path, prefix = "sms", "/webhooks/twilio/webhook", ""

    def new_user(self):
        return f"{self.prefix}+447700{random.randrange(900_000, 999_999)}"

    def new_id(self):
        return "SM" + uuid.uuid4().hex

    def delivery(self, user, sid, text):
        params = twilio_form(user, text, sid)
        return form_body(params), {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": twilio_signature(TWILIO["public_url"], params)}

    def replies(self, recorded, user):
        return [r.form["Body"] for r in recorded
                if r.path.endswith("/Messages.json") and r.form.get("To") == user]


class WhatsApp(Twilio):
    platform, prefix = "whatsapp", "whatsapp:"


CHANNELS = [Telegram(), Messenger(), Twilio(), WhatsApp()]
IDS = [c.platform for c in CHANNELS]


class Deliveries:
    """Sends signed deliveries through nginx from one client address; reads back what they did:
    the answers the fake platform received and the Rasa replicas nginx chose."""

    def __init__(self, prod, platform, channel):
        self.prod, self.platform, self.channel = prod, platform, channel
        self.url = prod.public_url + channel.path
        self.source = new_ip()
        self.access_log = prod.log_dir / "nginx-access.log"
        self.log_mark = self.access_log.stat().st_size
        self.mark = platform.mark()

    def send(self, body_headers):
        body, headers = body_headers
        return request(self.url, "POST", body, headers, source=self.source, timeout=60).status

    def send_many(self, body_headers, at_once=AT_ONCE, one_by_one=THEN_ONE_BY_ONE):
        """The same delivery `at_once` times concurrently, then `one_by_one` times in turn."""
        start = threading.Barrier(at_once)

        def together(_):
            start.wait(timeout=30)
            return self.send(body_headers)
        with ThreadPoolExecutor(at_once) as pool:
            statuses = list(pool.map(together, range(at_once)))
        return statuses + [self.send(body_headers) for _ in range(one_by_one)]

    def replies(self, user):
        return self.channel.replies(self.platform.since(self.mark), user)

    def replicas(self):
        """The Rasa replicas (upstream addresses) nginx sent this client's deliveries to."""
        with open(self.access_log, "rb") as f:
            f.seek(self.log_mark)
            lines = f.read().decode("utf-8", "replace").splitlines()
        return {line.split('"')[-2] for line in lines
                if line.startswith(self.source + " ") and f" {self.channel.path}\"" in line}


def user_turns(events, channel, user):
    return len([row for row in events(expected_sender(channel.platform, user))
                if row[1] == "user"])


@pytest.mark.parametrize("channel", CHANNELS, ids=IDS)
def test_a_redelivered_message_is_answered_once_whichever_replica_it_reaches(
        prod, platform, events, channel):
    user = channel.new_user()
    run = Deliveries(prod, platform, channel)
    statuses = run.send_many(channel.delivery(user, channel.new_id(), TEXT))
    assert statuses == [200] * (AT_ONCE + THEN_ONE_BY_ONE), statuses
    assert len(run.replicas()) == 2, run.replicas()       # both replicas received it
    answered = run.replies(user)
    assert user_turns(events, channel, user) == 1
    # one answer: what a single delivery of the same words gets in a fresh conversation
    fresh, once = channel.new_user(), Deliveries(prod, platform, channel)
    assert once.send(channel.delivery(fresh, channel.new_id(), TEXT)) == 200
    single = once.replies(fresh)
    assert single, "a single delivery was not answered"
    assert len(answered) == len(single), (answered, single)
    assert run.replies(user) == answered                  # and nothing arrived late


@pytest.mark.parametrize("channel", CHANNELS, ids=IDS)
def test_a_new_message_with_the_same_words_is_answered(prod, platform, events, channel):
    user = channel.new_user()
    run = Deliveries(prod, platform, channel)
    first_id, second_id = channel.new_id(), channel.new_id()
    assert run.send_many(channel.delivery(user, first_id, TEXT), at_once=2, one_by_one=2) \
        == [200] * 4
    after_first = len(run.replies(user))
    assert after_first and user_turns(events, channel, user) == 1
    assert run.send_many(channel.delivery(user, second_id, TEXT), at_once=2, one_by_one=2) \
        == [200] * 4
    assert len(run.replies(user)) == 2 * after_first      # answered, once
    assert user_turns(events, channel, user) == 2
    assert len(run.replicas()) == 2, run.replicas()


def test_a_batch_from_meta_answers_only_its_new_message(prod, platform, events):
    """Meta may batch a re-delivered event with a new one: only the new one is answered."""
    channel = Messenger()
    user, old, new = channel.new_user(), channel.new_id(), channel.new_id()
    run = Deliveries(prod, platform, channel)
    assert run.send(channel.delivery(user, old, TEXT)) == 200
    after_old = len(run.replies(user))
    assert after_old
    batch = channel.batch(channel.event(user, old, TEXT), channel.event(user, new, TEXT))
    assert run.send_many(batch, at_once=2, one_by_one=2) == [200] * 4
    assert len(run.replies(user)) == 2 * after_old
    assert user_turns(events, channel, user) == 2


def test_a_flooding_conversation_is_told_to_slow_down_once_not_once_per_replica(
        prod, platform, events):
    """Over the per-conversation limit (shared in Redis), the "slow down" notice goes out once a
    minute for the conversation, not once per replica that turned a message away (a paid SMS)."""
    channel = Telegram()
    user = channel.new_user()
    run = Deliveries(prod, platform, channel)
    for _ in range(8):                                    # the burst, answered one by one
        assert run.send(channel.delivery(user, channel.new_id(), TEXT)) == 200
    flood = [channel.delivery(user, channel.new_id(), TEXT) for _ in range(16)]
    start = threading.Barrier(len(flood))

    def together(delivery):
        start.wait(timeout=30)
        return run.send(delivery)
    with ThreadPoolExecutor(len(flood)) as pool:
        statuses = list(pool.map(together, flood))
    assert statuses == [200] * len(flood), statuses
    assert len(run.replicas()) == 2, run.replicas()
    replies = run.replies(user)
    assert replies.count(limits.RATE_LIMITED) == 1, replies.count(limits.RATE_LIMITED)
    turns = user_turns(events, channel, user)
    assert 8 <= turns < 8 + len(flood), turns            # the flood was limited, not answered
