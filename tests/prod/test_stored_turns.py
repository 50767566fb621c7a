"""A turn whose tracker write fails gets the apology, never the answer, on every channel; the
next turn then carries on from what was stored (bot.runtime.guards.answers_only_what_is_stored)."""
import asyncio
import secrets
from contextlib import contextmanager

import pytest

from tests.e2e.test_web_api import socket_turn
from tests.prod.client import Resident, post_json, routes, texts
from tests.prod.conftest import pg


@contextmanager
def inserts_rejected(pg_db):
    """PostgreSQL rejects every new event while inside (a trigger that raises)."""
    conn = pg(pg_db)
    with conn.cursor() as cur:
        cur.execute("CREATE OR REPLACE FUNCTION signpost_test_reject() RETURNS trigger "
                    "LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'rejected by the test'; END $$")
        cur.execute("CREATE TRIGGER signpost_test_reject BEFORE INSERT ON events "
                    "FOR EACH ROW EXECUTE FUNCTION signpost_test_reject()")
    try:
        yield
    finally:
        with conn.cursor() as cur:
            cur.execute("DROP TRIGGER IF EXISTS signpost_test_reject ON events")
            cur.execute("DROP FUNCTION IF EXISTS signpost_test_reject()")
        conn.close()


class Public:
    def __init__(self, prod):
        self.r = Resident(prod.public_url)
        self.sender = self.r.sender

    def say(self, text):
        answer = self.r.send(text)
        assert answer.status in (200, 503), answer.status
        return answer.json()["messages"]


class Rest:
    def __init__(self, prod):
        self.url, self.sender = prod.rest_url, f"stored-{secrets.token_hex(6)}"

    def say(self, text):
        answer = post_json(self.url, {"sender": self.sender, "message": text})
        assert answer.status == 200, answer.status
        return answer.json()


class SocketIO:
    def __init__(self, prod):
        self.url = prod.public_url
        self.r = Resident(prod.public_url)
        self.sender = self.r.sender

    def say(self, text):
        return asyncio.run(socket_turn(self.url, self.r.session, text))["messages"]


@pytest.mark.parametrize("channel", [Public, Rest, SocketIO], ids=["api", "rest", "socketio"])
def test_a_turn_that_was_not_stored_is_not_answered(prod, pg_db, events, channel):
    person = channel(prod)
    first = person.say("my neighbours have loud parties every weekend")
    assert any((m.get("custom") or {}).get("ask") == "place" for m in first)
    with inserts_rejected(pg_db):
        during = person.say("Trowbridge")
    assert not routes(during), during                      # not the answer...
    text = texts(during)
    assert "999" in text and "101" in text                 # ...but the apology
    after = person.say("Trowbridge")                       # the stored question is still open
    route = routes(after)[0]
    assert route["topic"] == "noise" and route["place"] == "Trowbridge"
    assert len([r for r in events(person.sender) if r[1] == "user"]) == 2
