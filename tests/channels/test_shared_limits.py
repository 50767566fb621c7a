"""Per-conversation limits and re-delivery checks shared by replicas through a real Redis (the
production profile), and kept in memory in `make run` (bot.channels.limits)."""
import asyncio
import secrets
import time

import pytest
import redis

from bot.channels import limits
from bot.channels.social import common

REDIS_DB = 11


@pytest.fixture()
def red():
    client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB, socket_timeout=2)
    prefix = f"sptest{secrets.token_hex(4)}:"
    yield client, prefix
    keys = list(client.scan_iter(f"{prefix}*"))
    if keys:
        client.delete(*keys)


def replicas(red, n=2, per_minute=20, burst=8):
    client, prefix = red
    return [limits.RedisTokenBucketLimiter(per_minute, burst,
                                           client=redis.Redis(db=REDIS_DB, socket_timeout=2),
                                           prefix=prefix) for _ in range(n)]


def test_two_replicas_share_one_allowance(red):
    a, b = replicas(red)
    allowed = [x.check("flood") is None for _ in range(10) for x in (a, b)]
    assert sum(allowed) == 8                     # the burst once, not once per replica
    waits = [a.check("flood"), b.check("flood")]
    assert all(w is not None and 1 <= w <= 3 for w in waits), waits   # 20/min: a token per 3 s


def test_other_senders_are_not_affected(red):
    a, b = replicas(red)
    for _ in range(12):
        a.check("busy")
    assert b.check("quiet") is None and a.check("quiet-too") is None


def test_bucket_refills_and_key_expires(red):
    client, prefix = red
    a, b = replicas(red, per_minute=600, burst=2)          # 10 tokens a second
    assert a.check("s") is None and b.check("s") is None and a.check("s") == 1
    time.sleep(0.25)
    assert b.check("s") is None                             # refilled in Redis for everyone
    ttl = client.ttl(f"{prefix}sender:s")
    assert 0 < ttl <= 2


def test_redis_away_lets_messages_through():
    dead = redis.Redis(host="127.0.0.1", port=1, socket_timeout=0.2, socket_connect_timeout=0.2)
    limiter = limits.RedisTokenBucketLimiter(20, 1, client=dead, prefix="x:")
    assert [limiter.check("s") for _ in range(3)] == [None, None, None]
    assert limits.RedisRedeliveryGuard("telegram", client=dead, prefix="x:").first_time(1)


@pytest.mark.parametrize("key", [("u", "12345"), ("mid", "m_AbC-1"), "plain", 42])
def test_a_redelivery_to_another_replica_is_caught(red, key):
    client, prefix = red
    one = limits.RedisRedeliveryGuard("telegram", client=client, prefix=prefix)
    two = limits.RedisRedeliveryGuard("telegram", client=redis.Redis(db=REDIS_DB), prefix=prefix)
    other_channel = limits.RedisRedeliveryGuard("messenger", client=client, prefix=prefix)
    assert one.first_time(key) is True
    assert two.first_time(key) is False and one.first_time(key) is False
    assert other_channel.first_time(key) is True              # channels don't collide
    assert 3500 < client.ttl(f"{prefix}seen:telegram:" + (":".join(key) if isinstance(key, tuple)
                                                            else str(key))) <= 3600


def test_memory_guard_forgets_after_ttl_and_stays_bounded():
    now = [0.0]
    guard = limits.MemoryRedeliveryGuard(ttl=10, max_items=3, clock=lambda: now[0])
    assert guard.first_time("a") and not guard.first_time("a")
    now[0] = 11
    assert guard.first_time("a")
    for k in "bcd":
        guard.first_time(k)
    assert guard.first_time("a")                              # pushed out: bounded memory


@pytest.mark.parametrize("env,kind", [
    ({"SIGNPOST_ENV": "production"}, "redis"), ({}, "memory"),
    ({"SIGNPOST_ENV": "production", "SIGNPOST_SHARED_STATE": "memory"}, "memory"),
    ({"SIGNPOST_SHARED_STATE": "redis"}, "redis"),
])
def test_where_the_state_lives(monkeypatch, env, kind):
    for name in ("SIGNPOST_ENV", "SIGNPOST_SHARED_STATE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("SIGNPOST_RATE_LIMITS", "1")
    monkeypatch.setattr(limits, "_guards", {})
    assert limits.shared_state() == kind
    limiter = limits.from_env()
    assert isinstance(limiter, limits.RedisTokenBucketLimiter if kind == "redis"
                      else limits.TokenBucketLimiter)
    for guard in (limits.redelivery_guard("telegram"), limits.limited_notice()):
        assert isinstance(guard, limits.RedisRedeliveryGuard if kind == "redis"
                          else limits.MemoryRedeliveryGuard)
    assert limits.limited_notice().ttl == limits.LIMITED_NOTICE_EVERY_S == 60


def test_a_limited_sender_is_told_so_once_a_minute_whichever_replica_refuses(red, monkeypatch):
    """The social channels' "slow down" reply (each may be a paid SMS) is shared like the limit."""
    client, prefix = red

    class Limited:
        def check(self, key):
            return 3
    monkeypatch.setattr(limits, "_default", Limited())
    replicas = [limits.RedisRedeliveryGuard("limited-notice", limits.LIMITED_NOTICE_EVERY_S,
                                            client=redis.Redis(db=REDIS_DB), prefix=prefix)
                for _ in range(2)]
    answers = []
    for i in range(6):
        monkeypatch.setattr(limits, "_guards", {"limited-notice": replicas[i % 2]})
        answers.append(asyncio.run(common.converse(None, channel="telegram", sender_id="s",
                                                   raw_text="hello")))
    assert answers == [[{"text": limits.RATE_LIMITED}]] + [[]] * 5
    assert 55 < client.ttl(f"{prefix}seen:limited-notice:s") <= 60
