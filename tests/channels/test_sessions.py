"""Server-signed chat session tokens (bot.channels.sessions)."""
import pytest

from bot.channels import sessions
from bot.channels.sessions import Sessions

SECRET = b"s" * 32


def test_issued_token_verifies_to_its_sender_id():
    s = Sessions(SECRET)
    token = s.issue()
    sender = s.verify(token)
    assert sender and len(sender) == 24 and sender in token
    assert s.verify(s.issue()) != sender                     # a new id every time


@pytest.mark.parametrize("mutate", [
    lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),                  # signature
    lambda t: t.replace(t.split(".")[1], "A" * 24),                     # chosen sender id
    lambda t: ".".join(t.split(".")[:2] + [str(int(t.split(".")[2]) + 1)] + t.split(".")[3:]),
    lambda t: t.replace("v1.", "v2.", 1),
    lambda t: t + ".x",
    lambda t: t.split(".")[1],                                          # the bare id
])
def test_tampered_tokens_are_refused(mutate):
    s = Sessions(SECRET)
    assert s.verify(mutate(s.issue())) is None


@pytest.mark.parametrize("junk", [None, 42, "", "a.b.c.d", "v1..1.x", "x" * 500, ["v1"],
                                  "v1.AAAAAAAAAAAAAAAAAAAAAAAA.\u00b2.x"])
def test_junk_is_refused(junk):
    assert Sessions(SECRET).verify(junk) is None


def test_another_secret_does_not_verify():
    assert Sessions(b"t" * 32).verify(Sessions(SECRET).issue()) is None


def test_tokens_expire():
    s = Sessions(SECRET, max_age_s=3600)
    token = s.issue(now=1_000_000)
    assert s.verify(token, now=1_000_000 + 3599)
    assert s.verify(token, now=1_000_000 + 3601) is None
    assert s.verify(token, now=1_000_000 - 3600) is None         # from the future


def test_secret_from_env(monkeypatch):
    secret = "k3Yq-8vR_2mXw7Lp0aZt9cN4bHj6dFs1uEoG5iQr"
    monkeypatch.setenv(sessions.ENV, secret)
    assert sessions.secret_from_env() == secret.encode()
    for bad in ("short", "k" * 40, "change-me-to-32-or-more-random-characters"):
        monkeypatch.setenv(sessions.ENV, bad)     # too short, not random, a published example
        with pytest.raises(ValueError):
            sessions.secret_from_env()
    monkeypatch.delenv(sessions.ENV)
    first = sessions.secret_from_env()
    assert len(first) == 32 and sessions.secret_from_env() == first   # one per process
