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
    guard = limits.RedisRedeliveryGuard("telegram", client=dead, prefix="x:")
    assert guard.first_time(1)
    assert [guard.claim(1), guard.claim(1)] == [limits.Claim.NEW] * 2     # answered, as before
    guard.done(1)
    guard.release(1)                                          # logged, never raised


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


# -- at least once, without duplicates: claim / done / release -----------------------------------
NEW, IN_PROGRESS, DONE = limits.Claim.NEW, limits.Claim.IN_PROGRESS, limits.Claim.DONE


def redis_guards(red, name="telegram", n=2, in_progress=30.0):
    client, prefix = red
    return [limits.RedisRedeliveryGuard(name, client=redis.Redis(db=REDIS_DB, socket_timeout=2),
                                        prefix=prefix, in_progress=in_progress)
            for _ in range(n)]


def test_memory_guard_new_in_progress_done():
    now = [0.0]
    guard = limits.MemoryRedeliveryGuard(ttl=3600, clock=lambda: now[0], in_progress=30)
    assert guard.claim(("u", "1")) is NEW
    assert guard.claim(("u", "1")) is IN_PROGRESS             # a re-delivery while it runs
    assert guard.claim(("u", "2")) is NEW                     # other ids are not affected
    guard.done(("u", "1"))
    assert guard.claim(("u", "1")) is DONE
    now[0] = 3599
    assert guard.claim(("u", "1")) is DONE                    # done for an hour
    now[0] = 3601
    assert guard.claim(("u", "1")) is NEW                     # then forgotten


def test_memory_guard_in_progress_expires_when_the_turn_never_finishes():
    """A process that died mid-turn never calls done or release: the claim expires."""
    now = [100.0]
    guard = limits.MemoryRedeliveryGuard(clock=lambda: now[0], in_progress=30)
    assert guard.claim("a") is NEW
    now[0] = 129.9
    assert guard.claim("a") is IN_PROGRESS
    now[0] = 130.1
    assert guard.claim("a") is NEW                            # the retry is answered
    guard.done("a")
    assert guard.claim("a") is DONE


def test_memory_guard_release_lets_the_retry_through_and_only_its_own_claim():
    now = [0.0]
    guard = limits.MemoryRedeliveryGuard(clock=lambda: now[0], in_progress=30)
    assert guard.claim("a") is NEW
    guard.release("a")
    assert guard.claim("a") is NEW
    guard.done("a")
    guard.release("a")                                        # never forgets a done mark
    assert guard.claim("a") is DONE


@pytest.mark.parametrize("key", [("u", "12345"), ("mid", "m_AbC-1"), ("sid", "SM1"), 42])
def test_redis_guard_new_in_progress_done_across_replicas(red, key):
    client, prefix = red
    one, two = redis_guards(red)
    other_channel, = redis_guards(red, "messenger", n=1)
    assert one.claim(key) is NEW
    assert two.claim(key) is IN_PROGRESS and one.claim(key) is IN_PROGRESS
    assert other_channel.claim(key) is NEW                    # channels don't collide
    name = f"{prefix}seen:telegram:" + (":".join(key) if isinstance(key, tuple) else str(key))
    assert 25_000 < client.pttl(name) <= 30_000               # in progress: short
    one.done(key)
    assert two.claim(key) is DONE and one.claim(key) is DONE
    assert client.get(name) == b"d"
    assert 3500 < client.ttl(name) <= 3600                    # done: an hour


def test_redis_guard_in_progress_expires_when_the_replica_died(red):
    """A replica killed mid-turn leaves its claim to expire: the next re-delivery is answered,
    by another replica, and once."""
    dead, alive = redis_guards(red, in_progress=0.3)
    assert dead.claim("u:7") is NEW
    assert alive.claim("u:7") is IN_PROGRESS
    time.sleep(0.4)
    assert alive.claim("u:7") is NEW
    alive.done("u:7")
    assert dead.claim("u:7") is DONE and alive.claim("u:7") is DONE


def test_redis_guard_release_deletes_only_its_own_claim(red):
    client, prefix = red
    one, two = redis_guards(red, in_progress=0.3)
    assert one.claim("k") is NEW
    two.release("k")                                          # not two's claim: nothing happens
    assert two.claim("k") is IN_PROGRESS
    one.release("k")                                          # the turn raised: retry answered
    assert two.claim("k") is NEW
    time.sleep(0.4)                                           # two's claim expired meanwhile...
    assert one.claim("k") is NEW
    two.release("k")                                          # ...so two cannot delete one's
    assert two.claim("k") is IN_PROGRESS
    one.done("k")
    one.release("k")
    assert two.claim("k") is DONE                             # a done mark is never released


def test_redis_guard_done_after_its_claim_expired_still_marks_done(red, caplog):
    """A turn slower than the in-progress TTL: whatever happened meanwhile, the id ends done."""
    one, two = redis_guards(red, in_progress=0.2)
    assert one.claim("slow") is NEW
    time.sleep(0.3)
    one.done("slow")
    assert "outlasted its claim" in caplog.text
    assert two.claim("slow") is DONE


def memory_and_redis(red):
    return [limits.MemoryRedeliveryGuard(in_progress=30), redis_guards(red, n=1)[0]]


@pytest.mark.parametrize("kind", ["memory", "redis"])
def test_once_releases_when_the_turn_raises_and_marks_done_when_it_answers(red, kind):
    guard = memory_and_redis(red)[kind == "redis"]
    runs = []

    async def fails():
        runs.append("fails")
        raise RuntimeError("the turn broke")

    async def answers():
        runs.append("answers")
    with pytest.raises(RuntimeError):
        asyncio.run(common.once(guard, ("u", "9"), fails))
    assert guard.claim(("u", "9")) is NEW                     # released: the retry is answered
    guard.release(("u", "9"))
    assert asyncio.run(common.once(guard, ("u", "9"), answers)) is NEW
    assert asyncio.run(common.once(guard, ("u", "9"), answers)) is DONE
    assert runs == ["fails", "answers"]


@pytest.mark.parametrize("kind", ["memory", "redis"])
def test_once_does_not_run_a_turn_in_progress(red, kind):
    guard = memory_and_redis(red)[kind == "redis"]
    ran = []

    async def work():
        ran.append(1)
    assert guard.claim("busy") is NEW                         # being answered elsewhere
    assert asyncio.run(common.once(guard, "busy", work)) is IN_PROGRESS
    assert ran == []


def test_in_progress_ttl_outlasts_nginx_and_is_configurable(monkeypatch):
    from bot.runtime.proxy import ProxyConfig
    nginx = ProxyConfig("1", "2", [], [], [], "p", "e").rasa_timeout
    monkeypatch.delenv("SIGNPOST_REDELIVERY_IN_PROGRESS_S", raising=False)
    assert limits.in_progress_ttl() == limits.IN_PROGRESS_TTL_S >= 2 * nginx
    assert limits.MemoryRedeliveryGuard().in_progress_ttl == limits.IN_PROGRESS_TTL_S
    monkeypatch.setenv("SIGNPOST_REDELIVERY_IN_PROGRESS_S", "4")
    assert limits.in_progress_ttl() == 4.0
    assert limits.MemoryRedeliveryGuard().in_progress_ttl == 4.0
    monkeypatch.setenv("SIGNPOST_REDELIVERY_IN_PROGRESS_S", "soon")
    assert limits.in_progress_ttl() == limits.IN_PROGRESS_TTL_S
