"""PostgreSQL and Redis restarts: a clear message while a store is away, then recovery by itself,
with nothing already stored lost. These stop and start the machine's own services (as the README
says for this machine); a `finally` always brings them back."""
import glob
import os
import subprocess
import time

import pytest

from tests.prod.client import Resident, routes, texts
from tests.prod.conftest import wait_for_pg

CLUSTER = os.path.basename(sorted(glob.glob("/etc/postgresql/*"))[-1]) \
    if glob.glob("/etc/postgresql/*") else None
REDIS_START = ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379",
               "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis",
               "--logfile", "/var/log/redis/ci.log"]


def pg_ctl(action):
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", CLUSTER, "main", action],
                   check=True, capture_output=True, timeout=120)


def redis_up():
    return subprocess.run(["redis-cli", "ping"], capture_output=True, text=True).stdout.strip() \
        == "PONG"


def say_until_normal(r, text, timeout=30):
    deadline = time.time() + timeout
    while True:
        messages = r.say(text)
        if routes(messages) or time.time() > deadline:
            return messages
        time.sleep(1)


@pytest.mark.skipif(CLUSTER is None, reason="no local PostgreSQL cluster")
def test_postgresql_restart(prod, events):
    r = Resident(prod.public_url)
    r.say("someone dumped rubbish in our lane")       # pending topic, stored in PostgreSQL
    before = events(r.sender)
    try:
        pg_ctl("stop")
        started = time.time()
        answer = r.send("Calne")
        assert time.time() - started < 5
        assert answer.status < 500, answer.status
        text = texts(answer.json()["messages"])
        assert "999" in text and "101" in text              # a clear message, not silence
    finally:
        pg_ctl("start")
        assert wait_for_pg()
    messages = say_until_normal(r, "Calne")
    route = routes(messages)[0]
    assert route["topic"] == "fly_tipping" and route["place"] == "Calne"  # conversation kept
    after = events(r.sender)
    assert after[:len(before)] == before


def test_redis_restart(prod, events):
    r = Resident(prod.public_url)
    r.say("my neighbours have loud parties every weekend")
    before = events(r.sender)
    try:
        subprocess.run(["redis-cli", "shutdown", "nosave"], capture_output=True, timeout=30)
        deadline = time.time() + 10
        while redis_up() and time.time() < deadline:
            time.sleep(0.2)
        started = time.time()
        answer = r.send("Trowbridge")
        assert time.time() - started < 5
        assert answer.status < 500, answer.status
        text = texts(answer.json()["messages"])
        assert "999" in text and "101" in text
    finally:
        if not redis_up():
            subprocess.run(REDIS_START, check=True, capture_output=True, timeout=30)
        deadline = time.time() + 10
        while not redis_up() and time.time() < deadline:
            time.sleep(0.2)
    messages = say_until_normal(r, "Trowbridge")
    route = routes(messages)[0]
    assert route["topic"] == "noise" and route["place"] == "Trowbridge"
    assert events(r.sender)[:len(before)] == before
