"""A platform re-delivery is answered once, whichever Rasa replica it reaches (bot.channels.limits).

Telegram re-sends an update (same update_id) and Meta a message (same mid), and Twilio may re-post
a message (same MessageSid), when they think a webhook call failed. In the production profile the
two Rasa replicas behind nginx share the record of what was already answered in Redis: here the
same signed delivery is sent through nginx many times, at once and one after another, so both
replicas receive it, and exactly one answer must reach the (fake) platform and one user turn be
stored in PostgreSQL. A new delivery id with the same words is a new message, and is answered.
A copy arriving while the first is being answered gets 503 + Retry-After from Telegram's and
Meta's webhooks (they send it again later) and the usual 200 from Twilio's (which would not).

At least once: a Rasa replica killed in the middle of a Telegram turn leaves the update "in
progress" only until that expires (IN_PROGRESS_S here); Telegram's next retry is answered by
the other replica, once, and stored once.
"""
from __future__ import annotations

import random
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

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
from tests.prod.conftest import IN_PROGRESS_S, REDIS_DB, pg

TEXT = "fly tipping in Calne"
AT_ONCE, THEN_ONE_BY_ONE = 8, 6           # 14 deliveries of each update


class Telegram:
    platform, path, retries_5xx = "telegram", "/webhooks/telegram/webhook", True

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
    retries_5xx = True

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
    retries_5xx = False     # Twilio does not retry a 5xx: never told 503

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


def accepted(statuses, channel, at_once):
    """Copies sent at once: one is answered (200), the others found it in progress (503 from the
    platforms that retry, 200 from Twilio); copies sent one by one afterwards all find it done."""
    busy = {200, 503} if channel.retries_5xx else {200}
    return 200 in statuses[:at_once] and set(statuses[:at_once]) <= busy \
        and statuses[at_once:] == [200] * (len(statuses) - at_once)


def user_turns(events, channel, user):
    return len([row for row in events(expected_sender(channel.platform, user))
                if row[1] == "user"])


@pytest.mark.parametrize("channel", CHANNELS, ids=IDS)
def test_a_redelivered_message_is_answered_once_whichever_replica_it_reaches(
        prod, platform, events, channel):
    user = channel.new_user()
    run = Deliveries(prod, platform, channel)
    statuses = run.send_many(channel.delivery(user, channel.new_id(), TEXT))
    assert accepted(statuses, channel, AT_ONCE), statuses
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
    assert accepted(run.send_many(channel.delivery(user, first_id, TEXT), at_once=2,
                                  one_by_one=2), channel, 2)
    after_first = len(run.replies(user))
    assert after_first and user_turns(events, channel, user) == 1
    assert accepted(run.send_many(channel.delivery(user, second_id, TEXT), at_once=2,
                                  one_by_one=2), channel, 2)
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
    assert accepted(run.send_many(batch, at_once=2, one_by_one=2), channel, 2)
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


def test_a_telegram_turn_cut_short_by_a_killed_replica_is_answered_by_the_other_once(
        prod, platform, events, pg_db, redis_prefix):
    """Issue 15: killing any one process loses no turn. The update's first delivery reaches
    rasa-1 (sent to its port), whose turn is held inside Rasa (PostgreSQL's events table locked,
    so nothing is stored yet) and rasa-1 is killed there: Telegram got no 2xx. Its retries reach
    rasa-2 through nginx: 503 + Retry-After while the dead replica's claim is "in progress",
    then, once that expired, answered; later copies are answered 200 and do nothing."""
    channel = Telegram()
    user, update_id = channel.new_user(), channel.new_id()
    delivery = channel.delivery(user, update_id, TEXT)
    run = Deliveries(prod, platform, channel)
    red = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB, socket_timeout=5)
    claim = f"{redis_prefix}:limits:seen:telegram:u:{update_id}"
    lock = f"{redis_prefix}:lock:{expected_sender(channel.platform, user)}"

    blocker = pg(pg_db, autocommit=False)
    first = threading.Thread(target=_quietly, daemon=True, args=(
        request, prod.rasa_url_of(0) + channel.path, "POST", *delivery), kwargs={"timeout": 30})
    try:
        with blocker.cursor() as cur:
            cur.execute("LOCK TABLE events IN ACCESS EXCLUSIVE MODE")
        sent = time.time()
        first.start()
        deadline = time.time() + 15
        while not red.get(lock):                      # rasa-1 is inside the turn
            assert time.time() < deadline, "the first delivery never reached Rasa"
            time.sleep(0.02)
        assert (red.get(claim) or b"").startswith(b"p:")   # claimed: in progress
        killed = prod.kill("rasa-1")
        # kept down until the other replica has answered: on a fast machine the supervisor had it
        # back (about 6 s) before the dead replica's claim expired, and it could take the retry
        prod.hold("rasa-1")
    finally:
        blocker.rollback()
        blocker.close()
    try:
        first.join(10)
        assert 0 < red.pttl(claim) <= IN_PROGRESS_S * 1000

        # Telegram retries: the other replica says "later" while the claim may still be alive
        retry = request(run.url, "POST", *delivery, source=run.source, timeout=30)
        assert retry.status == 503, (retry.status, retry.text)
        assert int(retry.headers["retry-after"]) >= 1
        assert run.replies(user) == [] and user_turns(events, channel, user) == 0

        statuses, deadline = [retry.status], time.time() + IN_PROGRESS_S + 20
        while statuses[-1] != 200:
            assert time.time() < deadline, statuses
            time.sleep(0.5)
            statuses.append(run.send(delivery))
        answered_at = time.time()
        assert set(statuses[:-1]) == {503}, statuses
        assert answered_at - sent >= IN_PROGRESS_S - 1, (answered_at - sent, statuses)
        rasa_1 = prod.process("rasa-1")
        assert not (rasa_1["state"] == "ready" and (rasa_1["ready_at"] or 0) > killed), \
            "rasa-1 was back: the retry should have been answered by rasa-2"
        assert red.get(claim) == b"d"

        assert [run.send(delivery) for _ in range(3)] == [200] * 3   # later copies: nothing
        answered = run.replies(user)
        assert answered, "the update was never answered"
        assert user_turns(events, channel, user) == 1
        fresh, once = channel.new_user(), Deliveries(prod, platform, channel)
        assert once.send(channel.delivery(fresh, channel.new_id(), TEXT)) == 200
        assert len(answered) == len(once.replies(fresh)), answered   # answered exactly once
        print(f"answered {answered_at - sent:.1f} s after the first delivery, "
              f"retries: {statuses}")
    finally:
        prod.release()
        prod.wait_ready("rasa-1", after=killed)


def _quietly(fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except OSError:
        pass                                          # its server is killed under it: expected
