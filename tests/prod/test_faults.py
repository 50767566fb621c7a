"""Faults: a Rasa process killed mid-conversation, action servers down, a hung action server."""
import signal
import time

from bot.runtime.stack import Stack, free_port
from tests.prod.client import Resident, post_json, routes, texts
from tests.prod.conftest import restart_process
from tests.prod.slow_server import HangingServer


def user_turns(rows):
    return [r for r in rows if r[1] == "user"]


def test_killing_a_rasa_process_loses_nothing(prod, events):
    r = Resident(prod.public_url)
    first = r.say("my neighbours have loud parties every weekend")
    assert any((m.get("custom") or {}).get("ask") == "place" for m in first)
    before = events(r.sender)
    assert len(user_turns(before)) == 1

    # Kill each Rasa process in turn (SIGKILL), one turn each: whichever served the last turn,
    # at least one turn is served by the other one, through nginx, from PostgreSQL.
    prod.stop_one("rasa-1", signal.SIGKILL)
    started = time.time()
    second = r.say("Trowbridge")                      # the pending topic is remembered
    assert time.time() - started < 5
    route = routes(second)[0]
    assert route["topic"] == "noise" and route["place"] == "Trowbridge"
    restart_process(prod, "rasa-1")

    prod.stop_one("rasa-2", signal.SIGKILL)
    third = r.say("and the street light outside my house is broken")   # the place is remembered
    route = routes(third)[0]
    assert route["topic"] == "street_lighting" and route["council"] == "wiltshire_council"
    restart_process(prod, "rasa-2")

    after = events(r.sender)
    assert after[:len(before)] == before              # nothing stored before the kill changed
    assert len(user_turns(after)) == 3                # every turn stored, none lost
    assert [r[2] for r in user_turns(after)][1] in ("inform_place", "nlu_fallback", "noise")


def test_action_servers_down_then_back(prod):
    for name in ("actions-1", "actions-2"):
        prod.stop_one(name)
    try:
        r = Resident(prod.public_url)
        started = time.time()
        messages = r.say("someone is breaking into my house right now")
        assert time.time() - started < 2
        assert messages[0]["text"].startswith("CALL 999")

        started = time.time()
        messages = r.say("fly tipping in Calne")
        assert time.time() - started < 2
        text = texts(messages)
        assert "101" in text and "999" in text and "wiltshire.police.uk" in text
    finally:
        for name in ("actions-1", "actions-2"):
            restart_process(prod, name)
    # back to normal once nginx retries the action servers (failed ones are skipped for 2 s)
    deadline = time.time() + 10
    while True:
        found = routes(Resident(prod.public_url).say("fly tipping in Calne"))
        if found or time.time() > deadline:
            break
        time.sleep(0.5)
    assert found and found[0]["agency"] == "wiltshire_council"


def test_hung_action_servers_through_nginx_time_out(prod):
    for name in ("actions-1", "actions-2"):
        prod.stop_one(name)
    try:
        with HangingServer(prod.actions_ports[0]), HangingServer(prod.actions_ports[1]):
            r = Resident(prod.public_url)
            started = time.time()
            messages = r.say("there's dog mess all over the pavement in Penhill")
            took = time.time() - started
            assert took < 6, took
            assert "101" in texts(messages)
            emergency = r.say("a man is attacking someone with a knife outside now")
            assert emergency[0]["text"].startswith("CALL 999")
    finally:
        for name in ("actions-1", "actions-2"):
            restart_process(prod, name)


def test_rasa_itself_bounds_the_action_call(tmp_path):
    """No nginx in between (as in `make run`): Rasa's own action timeout (bot.runtime.guards) answers."""
    slow_port = free_port()
    stack = Stack(rasa_port=free_port(), actions_port=slow_port, web=False,
                  tracker_db=str(tmp_path / "t.db"), log_dir=tmp_path / "logs",
                  env={"SIGNPOST_ACTION_TIMEOUT": "3"})
    with HangingServer(slow_port) as hanging:
        try:
            stack.start_one("rasa")
            assert stack.wait_ready(180, names=["rasa"])
            started = time.time()
            answer = post_json(stack.rest_url, {"sender": "slow-1", "message": "fly tipping in Calne"},
                               timeout=30)
            took = time.time() - started
            assert answer.status == 200 and "101" in answer.text
            assert 2.5 < took < 6, took
            assert hanging.accepted >= 1
        finally:
            stack.stop()
