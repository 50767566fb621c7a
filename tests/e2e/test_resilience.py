"""Bad input and a dead action server: the user always gets a clear answer, never silence."""
import json
import time
import urllib.error
import urllib.request
import uuid

import pytest

from bot.runtime.stack import Stack, free_port
from tests.e2e.conftest import post_json


def raw_post(url, data: bytes, content_type="application/json"):
    req = urllib.request.Request(url, data=data, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


@pytest.mark.parametrize("data,ctype", [
    (b"not json", "application/json"), (b"[1,2,3]", "application/json"),
    (b'{"sender": 5, "message": "hi"}', "application/json"),
    (b'{"sender": "x", "message": "hi"}', "text/plain"),
    (b'{"sender": "' + b"x" * 500 + b'", "message": "hi"}', "application/json"),
])
def test_malformed_requests_get_a_polite_400(stack, data, ctype):
    status, body = raw_post(stack.rest_url, data, ctype)
    assert status == 400
    assert "Traceback" not in body and "error" in json.loads(body)


@pytest.mark.parametrize("message", ["", "   ", None, 42, {"a": 1}])
def test_empty_or_wrong_type_messages_are_answered(stack, message):
    status, body = post_json(stack.rest_url, {"sender": "bad-input", "message": message})
    assert status == 200 and "type your question" in body[0]["text"]


def test_typed_restart_does_not_wipe_the_conversation(stack):
    sender = f"e2e-{uuid.uuid4().hex}"
    post_json(stack.rest_url, {"sender": sender, "message": "someone dumped rubbish in our lane"})
    post_json(stack.rest_url, {"sender": sender, "message": "/restart"})
    _, body = post_json(stack.rest_url, {"sender": sender, "message": "Calne"})
    routes = [m["custom"]["route"] for m in body if "route" in (m.get("custom") or {})]
    assert routes and routes[0]["topic"] == "fly_tipping"


# One message per kind of emergency the net learned by kind (our own wording).
NEW_KINDS = [
    "my husband's face has dropped on one side and he can't lift his arm",   # stroke
    "my mum has collapsed and her lips are going blue",                     # medical
    "black smoke pouring out of the roof of the house opposite",            # fire, no "fire"
    "a man went into the river and hasn't come back up",                    # water
    "there's someone downstairs in my house",                               # intruder
    "I think I've killed him",                                              # confession
    "we've lost our little boy in the shopping centre",                     # child lost now
    "the lorry in front is swerving all over the motorway",                 # driving now
    "a car has just flipped over on the roundabout",                        # fresh crash
    "please help me",                                                       # panic line
]


def test_action_server_down_then_back(tmp_path):
    s = Stack(rasa_port=free_port(), actions_port=free_port(), web=False,
              tracker_db=str(tmp_path / "t.db"), log_dir=tmp_path / "logs")
    with s:
        # a crime answer while the action server is up sets danger_context ...
        _, body = post_json(s.rest_url, {"sender": "down-ctx",
                                         "message": "someone broke into my shed last night in Calne"})
        assert any((m.get("custom") or {}).get("route", {}).get("topic") == "burglary" for m in body)
        s.stop_one("actions")
        # ... so a short follow-up is a 999 from the static rule, with the action server down
        _, body = post_json(s.rest_url, {"sender": "down-ctx", "message": "he's back, he's outside now"})
        assert body[0]["text"].startswith("CALL 999"), body
        # every new kind of emergency gets the static 999 answer too
        for i, text in enumerate(NEW_KINDS):
            _, body = post_json(s.rest_url, {"sender": f"down-kind-{i}", "message": text})
            assert body and body[0]["text"].startswith("CALL 999"), (text, body)
        started = time.time()
        _, body = post_json(s.rest_url, {"sender": "down-1", "message": "fly tipping in Calne"})
        assert time.time() - started < 2
        assert "101" in body[-1]["text"] and "999" in body[-1]["text"]
        _, body = post_json(s.rest_url, {"sender": "down-2",
                                         "message": "someone is breaking into my house now"})
        assert body[0]["text"].startswith("CALL 999")
        s.start_one("actions")
        assert s.wait_ready(60, names=["actions"])
        _, body = post_json(s.rest_url, {"sender": "down-3", "message": "fly tipping in Calne"})
        assert any((m.get("custom") or {}).get("route", {}).get("agency") == "wiltshire_council"
                   for m in body)
