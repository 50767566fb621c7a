"""A real Signpost (Rasa server, action server, web app) on free ports, shared by the e2e tests."""
import json
import os
import urllib.request

import pytest

from bot.runtime.stack import Stack, free_port


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("stack")
    s = Stack(os.environ.get("SIGNPOST_MODEL"), rasa_port=free_port(), actions_port=free_port(),
              web_port=free_port(), tracker_db=str(tmp / "tracker.db"), log_dir=tmp / "logs")
    s.start()
    yield s
    s.stop()


def post_json(url: str, body, timeout: float = 15):
    req = urllib.request.Request(url, data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return resp.status, json.loads(resp.read() or b"null")


@pytest.fixture()
def chat(stack):
    """chat(sender, text) -> list of REST messages."""
    def _chat(sender: str, text: str):
        status, body = post_json(stack.rest_url, {"sender": sender, "message": text})
        assert status == 200
        return body
    return _chat
