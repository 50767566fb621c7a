"""The web app's public surface on a real stack: signed sessions, origins, headers, and the
socket.io channel behind the /socket.io/ relay (python-socketio as the client)."""
import asyncio
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
import websockets

from bot.runtime.stack import ROOT, free_port
from tests.e2e.conftest import post_json

EVIL = "https://evil.example"


def request(url, method="GET", body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={
        **({"Content-Type": "application/json"} if body is not None else {}), **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=15) as resp:
            return resp.status, Headers(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, Headers(err.headers), err.read()


class Headers(dict):
    """Response headers, looked up without regard to case."""

    def __init__(self, raw):
        super().__init__((k.lower(), v) for k, v in raw.items())

    def __getitem__(self, key):
        return super().__getitem__(key.lower())

    def __contains__(self, key):
        return super().__contains__(key.lower())


def session(stack) -> str:
    return post_json(f"{stack.web_url}/api/session", {})[1]["session"]


def routes(messages):
    return [m["custom"]["route"] for m in messages if "route" in (m.get("custom") or {})]


# -- sessions --------------------------------------------------------------------------------------

def test_unsigned_or_forged_sessions_are_refused(stack):
    real = session(stack)
    sender = real.split(".")[1]
    for forged in ("my-own-chosen-id-123456", sender, real[:-2] + "xx",
                   real.replace(sender, "A" * 24)):
        status, _, body = request(f"{stack.web_url}/api/chat", "POST",
                                  {"session": forged, "message": "hello"})
        assert status == 401 and json.loads(body)["code"] == "session", forged


def test_a_valid_session_is_renewed_for_the_same_conversation(stack):
    token = session(stack)
    _, renewed = post_json(f"{stack.web_url}/api/session", {"session": token})
    assert renewed["renewed"] and renewed["session"].split(".")[1] == token.split(".")[1]
    forged = token.replace(token.split(".")[1], "B" * 24)
    _, fresh = post_json(f"{stack.web_url}/api/session", {"session": forged})
    assert not fresh["renewed"] and fresh["session"].split(".")[1] not in (token, forged)


def test_partner_council_is_pinned(stack, tmp_path):
    """A partner listed with its council gets that council, whatever its page sends."""
    partners = tmp_path / "partners.yml"
    partners.write_text("partners: [{name: Wiltshire test, council: wiltshire, "
                        "origins: ['http://council.example']}]")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "bot.web", "--port", str(port), "--rasa-url",
                             stack.rasa_url], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True,
                            env={**stack.env, "SIGNPOST_PARTNERS": str(partners)})
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/health", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        origin = {"Origin": "http://council.example"}
        _, _, body = request(f"{url}/api/session", "POST", {}, origin)
        status, headers, body = request(f"{url}/api/chat", "POST", {
            "session": json.loads(body)["session"], "message": "graffiti on the underpass",
            "council": "swindon"}, origin)
        assert status == 200 and headers["Access-Control-Allow-Origin"] == origin["Origin"]
        assert routes(json.loads(body)["messages"])[0]["agency"] == "wiltshire_council"
    finally:
        proc.terminate()
        proc.wait(10)


def test_council_preset_travels_with_the_message(stack):
    status, _, body = request(f"{stack.web_url}/api/chat", "POST", {
        "session": session(stack), "message": "graffiti on the underpass", "council": "swindon"})
    assert status == 200
    assert routes(json.loads(body)["messages"])[0]["agency"] == "swindon_borough_council"


def test_unknown_council_values_are_dropped(stack):
    status, _, body = request(f"{stack.web_url}/api/chat", "POST", {
        "session": session(stack), "message": "graffiti on the underpass", "council": "bath"})
    assert status == 200
    messages = json.loads(body)["messages"]
    assert not routes(messages) and any((m.get("custom") or {}).get("ask") == "place"
                                        for m in messages)


# -- origins and headers ---------------------------------------------------------------------------

def test_partner_origins_get_cors_others_get_403(stack):
    partner = "http://localhost:3000"          # the default partner file: this machine only
    status, headers, _ = request(f"{stack.web_url}/api/session", "POST", {},
                                 {"Origin": partner})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == partner
    status, headers, _ = request(f"{stack.web_url}/api/chat", "OPTIONS", None, {
        "Origin": partner, "Access-Control-Request-Method": "POST"})
    assert status == 204 and headers["Access-Control-Allow-Origin"] == partner
    assert "Content-Type" in headers["Access-Control-Allow-Headers"]

    for method, path, body in (("POST", "/api/session", {}), ("OPTIONS", "/api/chat", None),
                               ("POST", "/api/chat", {"session": "x", "message": "hi"})):
        status, headers, _ = request(f"{stack.web_url}{path}", method, body, {"Origin": EVIL})
        assert status == 403, path
        assert "Access-Control-Allow-Origin" not in headers


def test_security_headers_everywhere(stack):
    for path in ("/", "/privacy", "/embed.js", "/static/widget.css", "/health", "/nope"):
        status, headers, body = request(f"{stack.web_url}{path}")
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Referrer-Policy"] == "no-referrer", path
        assert "Content-Security-Policy" in headers, path
        assert "Strict-Transport-Security" not in headers, path     # not in development
    _, headers, body = request(f"{stack.web_url}/")
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'self' http://localhost:* http://127.0.0.1:*" in csp
    assert b"<script src=\"/embed.js\"" in body and b"<script>" not in body and b"style=" not in body


def test_embed_script_is_loadable_cross_origin(stack):
    status, headers, body = request(f"{stack.web_url}/embed.js", headers={"Origin": EVIL})
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert "Access-Control-Allow-Origin" not in headers           # only partners get CORS
    assert b"Socket.IO v4" in body and b"innerHTML" not in body and b"eval(" not in body
    status, headers, _ = request(f"{stack.web_url}/embed.js",
                                 headers={"If-None-Match": headers["ETag"]})
    assert status == 304


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/%2e%2e/app.py",
                                  "/static/vendor/../../partners.py", "/static/nope.css"])
def test_static_stays_in_its_folder(stack, path):
    status, _, body = request(f"{stack.web_url}{path}")
    assert status == 404 and b"import" not in body


# -- socket.io ---------------------------------------------------------------------------------
# A minimal socket.io v5 / engine.io v4 client over a plain websocket, as the browser speaks it
# (python-socketio's client needs a newer aiohttp than Rasa 3.6 allows).

class Refused(Exception):
    pass


class SocketIO:
    def __init__(self, base_url, token=None, origin=None):
        self.url = base_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        self.token, self.origin, self.acks = token, origin, 0

    async def __aenter__(self):
        try:
            self.ws = await websockets.connect(self.url, origin=self.origin, open_timeout=10,
                                               close_timeout=1)
        except (websockets.InvalidStatusCode, websockets.InvalidHandshake, OSError) as exc:
            raise Refused(str(exc)) from exc
        try:
            opened = await self.recv()
            assert opened.startswith("0{"), opened
            await self.ws.send("40" + json.dumps({"token": self.token} if self.token else {}))
            answer = await self.recv()
        except websockets.ConnectionClosed as exc:
            raise Refused("closed") from exc
        if not answer.startswith("40"):
            await self.ws.close()
            raise Refused(answer)
        return self

    async def __aexit__(self, *exc):
        await self.ws.close()

    async def recv(self):
        while True:
            packet = await asyncio.wait_for(self.ws.recv(), 20)
            if packet == "2":                       # engine.io ping
                await self.ws.send("3")
                continue
            return packet

    async def emit(self, event, data):
        await self.ws.send("42" + json.dumps([event, data]))

    async def call(self, event, data):
        self.acks += 1
        await self.ws.send(f"42{self.acks}" + json.dumps([event, data]))
        while True:
            packet = await self.recv()
            if packet.startswith(f"43{self.acks}"):
                return json.loads(packet[len(f"43{self.acks}"):])[0]


async def socket_turn(url, token, message, metadata=None, origin=None):
    async with SocketIO(url, token, origin) as sio:
        return await sio.call("user_uttered",
                              {"message": message, **({"metadata": metadata} if metadata else {})})


def test_socketio_through_the_relay_answers_with_a_route(stack):
    reply = asyncio.run(socket_turn(stack.web_url, session(stack), "graffiti on the underpass",
                                    {"council": "swindon"}, origin=stack.web_url))
    assert routes(reply["messages"])[0]["agency"] == "swindon_borough_council"


def test_socketio_conversation_is_the_same_as_rest(stack):
    """A token's conversation continues across transports: asked on socket.io, answered on REST."""
    token = session(stack)
    first = asyncio.run(socket_turn(stack.web_url, token, "someone dumped rubbish in our lane"))
    assert any((m.get("custom") or {}).get("ask") == "place" for m in first["messages"])
    _, answer = post_json(f"{stack.web_url}/api/chat", {"session": token, "message": "Corsham"})
    assert routes(answer["messages"])[0]["topic"] == "fly_tipping"


@pytest.mark.parametrize("token", [None, "v1.AAAAAAAAAAAAAAAAAAAAAAAA.1700000000.forged",
                                   "chosen-by-the-browser"])
def test_socketio_refuses_connections_without_a_signed_token(stack, token):
    for url in (stack.web_url, stack.rasa_url):          # through the relay, and Rasa itself
        with pytest.raises(Refused):
            asyncio.run(socket_turn(url, token, "hello"))


def test_socketio_refuses_other_origins(stack):
    with pytest.raises(Refused):
        asyncio.run(socket_turn(stack.web_url, session(stack), "hello", origin=EVIL))
    with pytest.raises(Refused):                          # nginx-style: straight to Rasa
        asyncio.run(socket_turn(stack.rasa_url, session(stack), "hello", origin=EVIL))


def test_socketio_session_request_cannot_pick_another_conversation(stack):
    async def run(token):
        async with SocketIO(stack.web_url, token) as sio:
            await sio.emit("session_request", {"session_id": "someone-elses-conversation"})
            while True:
                packet = await sio.recv()
                if packet.startswith("42"):
                    return json.loads(packet[2:])
    token = session(stack)
    assert asyncio.run(run(token)) == ["session_confirm", token.split(".")[1]]
