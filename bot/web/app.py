"""Sanic app: the chat page, the council embed script, the chat API and a socket.io relay.

- `/` the chat page, `/privacy` what is kept and why, `/embed.js` the widget for partner sites
  (one file: the widget and the vendored socket.io client), `/static/...` its stylesheets.
- `POST /api/session` issues a signed session token (bot.channels.sessions); the browser never chooses
  its own Rasa sender id (Rasa's REST and socket.io channels trust whatever id they are given).
- `POST /api/chat` {"session", "message", "council"?}: verifies the token and forwards the message
  to Rasa's REST channel on loopback. The widget's fallback transport. The message goes on as it
  came, whatever its length or content: the REST channel's inbound path (bot.channels.inbound)
  checks the whole text for danger first, then cuts it with a note, as on every other channel.
- `/socket.io/` (websocket only) relays the widget's socket.io connection to Rasa's socket.io
  channel on loopback (bot.channels.socketio), which verifies the token before joining a room.
  The widget's first-choice transport; Rasa itself is never exposed.
- Browsers on other origins may call the API, connect the socket and frame the chat page only
  if the origin is in the partner file (bot/channels/partners.py). Every response carries security
  headers; HSTS only in production (SIGNPOST_PROFILE or SIGNPOST_ENV = production; SIGNPOST_HSTS=0
  turns it off there).
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
from pathlib import Path

import aiohttp
from sanic import Sanic, response
from sanic.request import Request

from bot.channels.admission import BUSY, Admission, Busy
from bot.channels.limits import RATE_LIMITED
from bot.channels.partners import COUNCILS, Partners, is_same_origin
from bot.channels.sessions import Sessions
from bot.settings import APP_KEEPALIVE_S, UPSTREAM_KEEPALIVE_S
from bot.web.insights import insights_blueprint

logger = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"
VENDOR_SOCKETIO = STATIC / "vendor" / "socket.io.min.js"
# Below Rasa's own body limit (bot.runtime.stack.REQUEST_MAX_SIZE, 64 KiB), so that whatever this app
# accepts, Rasa's REST channel accepts too once the session and the council are added.
REQUEST_MAX_SIZE = 60 * 1024
UPSTREAM_TIMEOUT_S = 10
RETRY_AFTER_S = "2"
UNAVAILABLE = [{"text": "Sorry, Signpost isn't available right now. If anyone is in danger or a crime "
                        "is happening, call 999. Otherwise call Wiltshire Police on 101."}]
PAGES = {"/": "index.html", "/privacy": "privacy.html"}
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".svg": "image/svg+xml", ".png": "image/png", ".txt": "text/plain; charset=utf-8"}


def build_embed() -> bytes:
    """The widget with socket.io-client inside its own scope (no `io` global on the host page)."""
    widget = (STATIC / "widget.js").read_text(encoding="utf-8")
    socketio = VENDOR_SOCKETIO.read_text(encoding="utf-8") if VENDOR_SOCKETIO.is_file() else ""
    return ("/*! Signpost chat widget. Includes Socket.IO client (MIT licence, see "
            "/static/vendor/socket.io-client.LICENSE). */\n"
            "(function () {\n"
            "var io = (function () { var module = { exports: {} }, exports = module.exports, define;\n"
            f"{socketio}\n;return typeof module.exports === 'function' ? module.exports : null; }})();\n"
            f"{widget}\n}})();\n").encode()


def page_csp(request: Request, partners: Partners) -> str:
    host = request.host
    ancestors = " ".join(["'self'", *partners.csp_sources()])
    return ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            f"connect-src 'self' ws://{host} wss://{host}; base-uri 'none'; form-action 'self'; "
            f"frame-ancestors {ancestors}")


def create_app(rasa_url: str = "http://127.0.0.1:5005", name: str = "signpost_web",
               partners: Partners | None = None, sessions: Sessions | None = None,
               profile: str | None = None) -> Sanic:
    app = Sanic(name)
    app.config.REQUEST_MAX_SIZE = REQUEST_MAX_SIZE
    app.config.WEBSOCKET_MAX_SIZE = 64 * 1024
    app.config.KEEP_ALIVE_TIMEOUT = APP_KEEPALIVE_S       # longer than any client's (settings)
    profile = profile or os.environ.get("SIGNPOST_PROFILE") or os.environ.get("SIGNPOST_ENV") \
        or "development"
    production = profile == "production"
    hsts = production and os.environ.get("SIGNPOST_HSTS", "1") != "0"
    app.ctx.rasa_url = rasa_url.rstrip("/")
    app.ctx.partners = partners or Partners.load(production=production)
    app.ctx.sessions = sessions or Sessions()
    app.ctx.admission = Admission()
    embed = build_embed()
    embed_etag = '"' + hashlib.sha256(embed).hexdigest()[:16] + '"'

    @app.before_server_start
    async def _open(app_: Sanic, _loop) -> None:
        app_.ctx.http = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=UPSTREAM_TIMEOUT_S),
            connector=aiohttp.TCPConnector(keepalive_timeout=UPSTREAM_KEEPALIVE_S))
        # Each relayed socket holds one upstream connection for as long as the tab is open:
        # aiohttp's default pool (100) made the 101st widget wait 5 s and then be closed (1011).
        # No pool limit here; nginx's worker_connections and per-IP limits bound the sockets.
        app_.ctx.ws_http = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=0),
            timeout=aiohttp.ClientTimeout(total=None, connect=5, sock_connect=5))

    @app.after_server_stop
    async def _close(app_: Sanic, _loop) -> None:
        await app_.ctx.http.close()
        await app_.ctx.ws_http.close()

    # -- origins and headers ---------------------------------------------------------------------
    def same_origin(request: Request, origin: str) -> bool:
        return is_same_origin(origin, request.headers.get("host", ""))

    def origin_allowed(request: Request) -> bool:
        origin = request.headers.get("origin")
        return not origin or same_origin(request, origin) or app.ctx.partners.allows(origin)

    def websocket_handshake(request: Request) -> bool:
        """A well-formed websocket upgrade (RFC 6455 §4.2.1); anything else at /socket.io/ is
        answered 400 here rather than failing inside Sanic's handshake (500 and a traceback)."""
        h = request.headers
        return (h.get("upgrade", "").lower() == "websocket"
                and "upgrade" in [t.strip().lower() for t in h.get("connection", "").split(",")]
                and bool(h.get("sec-websocket-key")) and h.get("sec-websocket-version") == "13")

    @app.on_request
    async def check_origin(request: Request):
        path = request.path
        if path.startswith("/socket.io") and not websocket_handshake(request):
            return response.json({"error": "This address takes socket.io over websockets only."},
                                 status=400)
        if (path.startswith("/api/") or path.startswith("/socket.io")) \
                and not origin_allowed(request):
            return response.json({"error": "This site is not a Signpost partner."}, status=403)
        return None

    @app.on_response
    async def security_headers(request: Request, resp) -> None:
        h = resp.headers
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("Referrer-Policy", "no-referrer")
        h.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        if hsts:
            h.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        path = request.path
        if path in PAGES:
            h["Content-Security-Policy"] = page_csp(request, app.ctx.partners)
        else:
            h.setdefault("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
        origin = request.headers.get("origin")
        if path == "/embed.js" or path.startswith("/static/"):
            h["Cross-Origin-Resource-Policy"] = "cross-origin"
            if origin and app.ctx.partners.allows(origin):
                h["Access-Control-Allow-Origin"] = origin
                h["Vary"] = "Origin"
        if path.startswith("/api/"):
            h["Cache-Control"] = "no-store"
            h["Vary"] = "Origin"
            if origin and not same_origin(request, origin) and app.ctx.partners.allows(origin):
                h["Access-Control-Allow-Origin"] = origin

    # Sanic 21.12 types a route decorator's result as handler or (route, handler): stacking two
    # does not type-check though it works (and is Sanic's documented way)
    @app.options("/api/session")  # type: ignore[arg-type]
    @app.options("/api/chat")
    async def preflight(request: Request):
        origin = request.headers.get("origin")
        if not origin or not app.ctx.partners.allows(origin):
            return response.empty(status=403)
        return response.empty(status=204, headers={
            "Access-Control-Allow-Methods": "POST, OPTIONS",
            "Access-Control-Allow-Headers": "Content-Type",
            "Access-Control-Max-Age": "600"})

    # -- pages and assets ------------------------------------------------------------------------
    async def page(name: str):
        return await response.file(STATIC / name, mime_type="text/html; charset=utf-8",
                                   headers={"Cache-Control": "no-cache"})

    @app.get("/")
    async def index(_request: Request):
        return await page(PAGES["/"])

    @app.get("/privacy")
    async def privacy(_request: Request):
        return await page(PAGES["/privacy"])

    @app.get("/embed.js")
    async def embed_js(request: Request):
        headers = {"Cache-Control": "public, max-age=300", "ETag": embed_etag}
        if request.headers.get("if-none-match") == embed_etag:
            return response.empty(status=304, headers=headers)
        return response.raw(embed, content_type="text/javascript; charset=utf-8", headers=headers)

    @app.get("/static/<path:path>")
    async def static(_request: Request, path: str):
        target = (STATIC / path).resolve()
        if STATIC not in target.parents or not target.is_file() \
                or target.suffix not in STATIC_TYPES and not target.name.endswith(".LICENSE"):
            return response.json({"error": "not found"}, status=404)
        mime = STATIC_TYPES.get(target.suffix, "text/plain; charset=utf-8")
        return await response.file(target, mime_type=mime,
                                   headers={"Cache-Control": "public, max-age=300"})

    @app.get("/favicon.ico")
    async def favicon(_request: Request):
        return await response.file(STATIC / "favicon.svg", mime_type="image/svg+xml",
                                   headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/health")
    async def health(_request: Request):
        return response.json({"status": "ok"})

    # -- chat API --------------------------------------------------------------------------------
    @app.post("/api/session")
    async def new_session(request: Request):
        """A new session; or, given {"session": token} still valid, the same conversation with a
        fresh token (the widget does this when a tab comes back, so an active tab never expires)."""
        try:
            body = request.json if "json" in request.headers.get("content-type", "") else None
        except Exception:  # noqa: BLE001 - a parse error is the client's: just start afresh
            body = None
        old = body.get("session") if isinstance(body, dict) else None
        sender = app.ctx.sessions.verify(old) if old else None
        return response.json({"session": app.ctx.sessions.issue(sender=sender),
                              "renewed": sender is not None})

    def council_for(request: Request, body: dict) -> str | None:
        partner = app.ctx.partners.find(request.headers.get("origin"))
        if partner and partner.council:
            return partner.council          # a partner's own visitors get its council
        council = body.get("council")
        if council is None and isinstance(body.get("metadata"), dict):
            council = body["metadata"].get("council")
        return council if council in COUNCILS else None

    @app.post("/api/chat")
    async def chat(request: Request):
        try:
            body = request.json if "json" in request.headers.get("content-type", "") else None
        except Exception:  # noqa: BLE001 - a parse error is the client's
            body = None
        if not isinstance(body, dict):
            return response.json({"error": "Send JSON: {\"session\": ..., \"message\": ...}"},
                                 status=400)
        sender = app.ctx.sessions.verify(body.get("session"))
        if sender is None:
            return response.json({"error": "Your session has expired: start a new one "
                                           "(POST /api/session).", "code": "session"}, status=401)
        # Any message, even empty, long or not text, goes to the one inbound path (REST channel).
        payload = {"sender": sender, "message": body.get("message")}
        council = council_for(request, body)
        if council:
            payload["metadata"] = {"council": council}
        try:
            # UTF-8 as it came (not \u escapes, up to 6 bytes a character), so what fits here
            # fits Rasa's body limit too
            data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode(
                "utf-8", "replace")          # a lone surrogate becomes "?", never a 500
            async with app.ctx.admission.turn(), \
                    app.ctx.http.post(f"{app.ctx.rasa_url}/webhooks/rest/webhook", data=data,
                                      headers={"Content-Type": "application/json"}) as resp:
                if resp.status == 429:  # per-sender limit (bot.channels.limits): say so, not "unavailable"
                    return response.json({"messages": [{"text": RATE_LIMITED}]}, status=429,
                                         headers={"Retry-After": resp.headers.get("Retry-After", "5")})
                if resp.status != 200:
                    return response.json({"messages": UNAVAILABLE}, status=503,
                                         headers={"Retry-After": RETRY_AFTER_S})
                messages = await resp.json()
        except Busy:           # load shedding (bot/channels/admission.py): at once, not after a wait
            return response.json({"messages": [{"text": BUSY}]}, status=503,
                                 headers={"Retry-After": RETRY_AFTER_S})
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
            return response.json({"messages": UNAVAILABLE}, status=503,
                                 headers={"Retry-After": RETRY_AFTER_S})
        return response.json({"messages": [{k: v for k, v in m.items() if k != "recipient_id"}
                                           for m in messages if isinstance(m, dict)]})

    # -- socket.io relay -------------------------------------------------------------------------
    async def relay(request: Request, ws) -> None:
        if request.args.get("transport") != "websocket" or request.args.get("EIO") != "4":
            await ws.close(code=1008, reason="websocket transport, EIO 4 only")
            return
        url = f"{app.ctx.rasa_url}/socket.io/?EIO=4&transport=websocket"
        try:
            # The page's origin and our host go along, so Rasa's channel applies the same origin
            # rules (and a partner's council) as it does behind nginx.
            forwarded = {"X-Forwarded-Host": request.headers.get("host", "")}
            if request.headers.get("origin"):
                forwarded["Origin"] = request.headers["origin"]
            upstream = await app.ctx.ws_http.ws_connect(url, max_msg_size=64 * 1024,
                                                         autoping=True, headers=forwarded)
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError):
            await ws.close(code=1011, reason="Signpost is not available")
            return

        async def to_rasa() -> None:
            while True:
                data = await ws.recv()
                if data is None:
                    return
                if isinstance(data, str):
                    await upstream.send_str(data)
                else:
                    await upstream.send_bytes(data)

        async def to_browser() -> None:
            async for msg in upstream:
                if msg.type in (aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.BINARY):
                    await ws.send(msg.data)
                else:
                    return

        tasks = [asyncio.ensure_future(to_rasa()), asyncio.ensure_future(to_browser())]
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await upstream.close()
            await ws.close()

    app.add_websocket_route(relay, "/socket.io/", name="socketio_relay")
    app.blueprint(insights_blueprint())  # /insights and /insights.csv (bot/web/insights.py)

    return app
