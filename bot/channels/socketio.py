"""socket.io channel for the web widget, with server-issued sessions.

Rasa 3.6's own SocketIOInput lets the browser name its session (and so read or steer anyone
else's), and with python-socketio 5.x its `enter_room` is never awaited, so persistent sessions get
no replies. This channel:

- accepts a connection only with a session token signed by the web app (bot.channels.sessions), passed as
  the socket.io `auth` {"token": ...}; the Rasa sender id is the token's verified id, never
  anything the client says later;
- joins the socket to a room named after that id (awaited), so messages Rasa sends to the
  conversation from elsewhere (Rasa's output-channel API) reach the open tab;
- applies the per-sender rate limit (bot.channels.limits) and passes every message through
  bot.channels.inbound.converse (the 999 check on the whole text, neutralised commands, redaction,
  the cut, validated metadata), exactly like the REST channel, and never answers with silence;
- sheds load as the web chat API does (bot.channels.admission, one Admission per Rasa process,
  SIGNPOST_TURN_SLOTS / _WAIT / _TARGET): a message that gets no slot within the wait is answered
  at once with the BUSY message ("busy": true, "retry_after" seconds in the acknowledgement)
  and never reaches Rasa, so nothing of it is stored; an emergency is admitted first and gets the
  999 answer. Without this, socket.io turns past capacity would queue inside Rasa and be answered
  late, or not before the widget gives up;
- keeps nothing about the conversation in the connection: the sender comes from the token and the
  partner's council from the page's origin on every (re)connection, and everything else (the
  question waiting for a place, the place, the council) is in Rasa's tracker store, so a dropped
  and re-established connection, another tab or the REST fallback carries the conversation on;
- answers a `user_uttered` event through the socket.io acknowledgement with the same message list
  as the REST channel ({"messages": [{"text", "buttons", "custom"}...]}), so the widget renders
  both transports with one code path.

credentials.yml:

    bot.channels.socketio.SignpostSocketIOInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered

Rasa listens on loopback only; browsers reach this channel through the web app's /socket.io/
relay (bot/web/app.py) or, in production, nginx (bot/runtime/proxy.py). Either way the page's origin must
be the site itself or a partner (bot/channels/partners.yml).
"""
from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from socketio import AsyncServer

from bot.channels import inbound, limits, sessions
from bot.channels.admission import BUSY, Admission, Busy
from bot.channels.partners import Partners, is_same_origin

logger = logging.getLogger(__name__)
RETRY_AFTER_S = 2     # as the web chat API's Retry-After


class SignpostSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel, but sessions come from signed tokens only."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> SignpostSocketIOInput:
        credentials = credentials or {}
        return cls(credentials.get("user_message_evt", "user_uttered"),
                   credentials.get("bot_message_evt", "bot_uttered"),
                   credentials.get("namespace"),
                   True,
                   credentials.get("socketio_path", "/socket.io"),
                   metadata_key=credentials.get("metadata_key", "metadata"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sessions = sessions.Sessions()
        self.admission = Admission()          # per process: load shedding (module doc)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # Browsers reach this through the web app's relay (no Origin header) or, in production,
        # nginx (the page's Origin): only the site itself and listed partners may connect.
        partners = Partners.load(production=os.environ.get("SIGNPOST_ENV") == "production"
                                 or os.environ.get("SIGNPOST_PROFILE") == "production")

        def origin_allowed(origin: str, environ: dict | None = None) -> bool:
            environ = environ or {}
            host = environ.get("HTTP_X_FORWARDED_HOST") or environ.get("HTTP_HOST", "")
            return partners.allows(origin) or is_same_origin(origin, host.split(",")[0].strip())

        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=origin_allowed,
                          max_http_buffer_size=16 * 1024)
        bp = SocketBlueprint(sio, self.socketio_path, f"signpost_socketio_{id(self)}", __name__)
        self.sio = sio
        ns = self.namespace

        @bp.route("/", methods=["GET"])
        async def health(_request: Request):
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=ns)
        async def connect(sid: str, _environ: dict, auth: dict | None = None) -> bool:
            token = auth.get("token") if isinstance(auth, dict) else None
            sender = self.sessions.verify(token)
            if sender is None:
                logger.info("socketio: connection refused (no valid session token)")
                return False
            partner = partners.find((_environ or {}).get("HTTP_ORIGIN"))
            await sio.save_session(sid, {"sender": sender,
                                         "council": partner.council if partner else None},
                                   namespace=ns)
            await sio.enter_room(sid, sender, namespace=ns)
            return True

        @sio.on("session_request", namespace=ns)
        async def session_request(sid: str, _data: Any = None) -> None:
            # Kept for Rasa-widget compatibility; the session is the token's, whatever was asked.
            state = await sio.get_session(sid, namespace=ns)
            await sio.emit("session_confirm", state.get("sender"), room=sid, namespace=ns)

        @sio.on(self.user_message_evt, namespace=ns)
        async def handle_message(sid: str, data: Any = None) -> dict:
            state = await sio.get_session(sid, namespace=ns)
            sender = state.get("sender")
            if not sender:
                return {"messages": [], "error": "session"}
            if limits.sender_limiter().check(sender) is not None:
                return {"messages": [{"text": limits.RATE_LIMITED}], "limited": True}
            data = data if isinstance(data, dict) else {}
            metadata = inbound.check_metadata(data.get(self.metadata_key))
            if state.get("council"):              # a partner's own visitors get its council
                metadata["council"] = state["council"]
            try:
                messages = await inbound.converse(on_new_message, data.get("message"),
                                                  sender_id=sender, channel=self.name(),
                                                  metadata=metadata, admission=self.admission)
            except Busy:     # no slot within the wait: at once, politely; Rasa never saw it
                return {"messages": [{"text": BUSY}], "busy": True, "retry_after": RETRY_AFTER_S}
            return {"messages": [{k: v for k, v in m.items() if k != "recipient_id"}
                                 for m in messages]}

        return bp

    def get_output_channel(self) -> SocketIOOutput | None:
        return SocketIOOutput(self.sio, self.bot_message_evt) if self.sio else None
