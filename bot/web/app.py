"""Sanic app serving the chat page and a small chat API in front of Rasa's REST channel.

The browser never chooses its own Rasa sender id: the server issues a random session id, so one
visitor cannot read or steer another's conversation (Rasa's REST channel trusts any sender id).
"""
from __future__ import annotations

import secrets
from pathlib import Path

import aiohttp
from sanic import Sanic, response
from sanic.request import Request

from .insights import insights_blueprint

STATIC = Path(__file__).resolve().parent / "static"
MAX_MESSAGE_CHARS = 1000
UNAVAILABLE = [{"text": "Sorry, Signpost isn't available right now. If anyone is in danger or a crime "
                        "is happening, call 999. Otherwise call Wiltshire Police on 101."}]


def create_app(rasa_url: str = "http://127.0.0.1:5005", name: str = "signpost_web") -> Sanic:
    app = Sanic(name)
    app.config.REQUEST_MAX_SIZE = 64 * 1024
    app.ctx.rasa_url = rasa_url.rstrip("/")

    @app.listener("before_server_start")
    async def _open(app_: Sanic, _loop) -> None:
        app_.ctx.http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))

    @app.listener("after_server_stop")
    async def _close(app_: Sanic, _loop) -> None:
        await app_.ctx.http.close()

    @app.get("/")
    async def index(_request: Request):
        return await response.file(STATIC / "index.html")

    @app.get("/static/<name:str>")
    async def static(_request: Request, name: str):
        path = (STATIC / name).resolve()
        if path.parent != STATIC or not path.is_file():
            return response.json({"error": "not found"}, status=404)
        return await response.file(path)

    @app.get("/health")
    async def health(_request: Request):
        return response.json({"status": "ok"})

    @app.post("/api/session")
    async def new_session(_request: Request):
        return response.json({"session": secrets.token_urlsafe(18)})

    @app.post("/api/chat")
    async def chat(request: Request):
        body = request.json if request.headers.get("content-type", "").startswith(
            "application/json") else None
        if not isinstance(body, dict):
            return response.json({"error": "Send JSON: {\"session\": ..., \"message\": ...}"},
                                 status=400)
        session, message = body.get("session"), body.get("message")
        if not isinstance(session, str) or not 16 <= len(session) <= 64:
            return response.json({"error": "Start a session first (POST /api/session)."}, status=400)
        if not isinstance(message, str) or not message.strip():
            return response.json({"messages": [{"text": "Please type your question."}]})
        if len(message) > MAX_MESSAGE_CHARS:
            return response.json({"messages": [{"text": f"That message is too long: please keep it "
                                                        f"under {MAX_MESSAGE_CHARS} characters."}]})
        try:
            async with app.ctx.http.post(f"{app.ctx.rasa_url}/webhooks/rest/webhook",
                                         json={"sender": session, "message": message}) as resp:
                if resp.status != 200:
                    return response.json({"messages": UNAVAILABLE}, status=503)
                messages = await resp.json()
        except (aiohttp.ClientError, TimeoutError):
            return response.json({"messages": UNAVAILABLE}, status=503)
        return response.json({"messages": [{k: v for k, v in m.items() if k != "recipient_id"}
                                           for m in messages]})

    app.blueprint(insights_blueprint())  # /insights and /insights.csv (bot/web/insights.py)

    return app
