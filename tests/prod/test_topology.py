"""The production topology through nginx: what is public, what is not, headers, sizes, JWT."""
import time

import jwt
import pytest

from tests.prod.client import Resident, new_ip, post_json, request, routes


def test_chat_through_nginx_two_turns(prod):
    r = Resident(prod.public_url)
    first = r.say("who do i tell about a load of rubbish dumped down our lane")
    assert any((m.get("custom") or {}).get("ask") == "place" for m in first)
    route = routes(r.say("Corsham"))[0]
    assert route["agency"] == "wiltshire_council" and route["topic"] == "fly_tipping"


def test_security_headers_and_no_versions(prod):
    answer = request(f"{prod.public_url}/", source=new_ip())
    assert answer.status == 200
    h = answer.headers
    assert h["server"] == "nginx"                       # server_tokens off: no version
    assert "content-security-policy" in h and "default-src" in h["content-security-policy"]
    assert h["x-content-type-options"] == "nosniff"
    assert "referrer-policy" in h
    assert h["strict-transport-security"].startswith("max-age=")   # production only
    for name, value in h.items():
        assert "sanic" not in value.lower() and "rasa" not in value.lower(), (name, value)


@pytest.mark.parametrize("path", [
    "/webhooks/rest/webhook", "/webhooks/rest/", "/webhooks/socketio/webhook", "/status",
    "/version", "/model/parse", "/conversations/someone/tracker", "/conversations/x/messages",
    "/model", "/domain", "/webhook", "/actions", "/health/../status",
])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_rasa_api_rest_channel_and_actions_are_not_public(prod, path, method):
    body = b'{"sender": "victim", "message": "hi", "text": "hi"}' if method == "POST" else None
    answer = request(f"{prod.public_url}{path}", method, body,
                     {"Content-Type": "application/json"}, source=new_ip())
    assert answer.status in (404, 405), (path, answer.status, answer.text[:200])
    assert "rasa" not in answer.text.lower() and "3.6" not in answer.text


def test_internal_rest_channel_works_on_loopback_port(prod):
    answer = post_json(prod.rest_url, {"sender": "internal-check", "message": "hello"})
    assert answer.status == 200 and "automated assistant" in answer.json()[0]["text"]


def two_mb():
    return b'{"session": "x", "message": "' + b"a" * (2 * 1024 * 1024) + b'"}'


def test_two_megabytes_get_413_quickly_everywhere(prod):
    targets = [f"{prod.public_url}/api/chat", prod.rest_url,
               f"{prod.rasa_url_of(0)}/webhooks/rest/webhook",
               f"http://127.0.0.1:{prod.actions_ports[0]}/webhook",
               f"http://127.0.0.1:{prod.web_ports[0]}/api/chat"]
    for url in targets:
        started = time.perf_counter()
        try:
            answer = request(url, "POST", two_mb(), {"Content-Type": "application/json"},
                             source=new_ip())
        except (ConnectionResetError, BrokenPipeError):
            # Sanic answers 413 from the Content-Length and closes while we are still sending:
            # the client may see the reset first. Nothing reached the app either way.
            assert time.perf_counter() - started < 1, url
            continue
        assert answer.status == 413, (url, answer.status)
        assert time.perf_counter() - started < 1, url
        assert "Traceback" not in answer.text and "aaaa" not in answer.text


def test_rasa_api_needs_a_jwt_when_enabled(prod):
    from tests.prod.conftest import JWT_SECRET
    url = f"{prod.rasa_url_of(0)}/status"
    assert request(url).status == 401
    forged = jwt.encode({"user": {"username": "x", "role": "admin"}},
                        "a-wrong-secret-that-is-long-enough-for-hs256", algorithm="HS256")
    assert request(url, headers={"Authorization": f"Bearer {forged}"}).status == 401
    good = jwt.encode({"user": {"username": "ops", "role": "admin"}}, JWT_SECRET, algorithm="HS256")
    assert request(url, headers={"Authorization": f"Bearer {good}"}).status == 200
    # and never through the public door, token or not
    assert request(f"{prod.public_url}/status", headers={"Authorization": f"Bearer {good}"},
                   source=new_ip()).status == 404


def test_model_without_matching_checksum_is_refused(tmp_path):
    import os
    import subprocess
    import sys

    from bot.runtime.stack import ROOT, latest_model
    model = latest_model()
    outside = tmp_path / os.path.basename(model)
    outside.write_bytes(open(model, "rb").read())
    env = {**os.environ, "SIGNPOST_REQUIRE_MODEL_CHECKSUM": "1"}
    started = time.time()
    result = subprocess.run([sys.executable, "-m", "bot.runtime.rasa_server", "run", "--model",
                             str(outside)], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 3 and "refusing" in result.stderr
    assert time.time() - started < 30
