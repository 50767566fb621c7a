"""REST channel with Signpost's inbound path (limits, neutralised commands, redaction).

Same URL and JSON as Rasa's own (`POST /webhooks/rest/webhook`, {"sender", "message"}), so it is a
drop-in for integrators; it is bound to loopback and never exposed publicly (README: production).
"""
from __future__ import annotations

import inspect
import logging
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

from bot.channels import inbound, limits

logger = logging.getLogger(__name__)
MAX_SENDER_CHARS = 128
ALLOWED_METADATA = ("council",)


def bad_request(message: str, status: int = 400):
    return response.json({"error": message}, status=status)


def read_json(request: Request) -> dict | None:
    if "json" not in (request.headers.get("content-type") or "application/json"):
        return None
    try:
        body = request.json
    except Exception:  # noqa: BLE001 - any parse error is the client's, answered politely
        return None
    return body if isinstance(body, dict) else None


def safe_metadata(value: Any) -> dict:
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if k in ALLOWED_METADATA and isinstance(v, str)
            and len(v) < 64}


class SignpostRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint(f"signpost_rest_{id(self)}", inspect.getmodule(self).__name__)

        @bp.route("/", methods=["GET"])
        async def health(_request: Request):
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request):
            body = read_json(request)
            if body is None:
                return bad_request('Send JSON like {"sender": "id", "message": "text"}.')
            sender = body.get("sender")
            if not isinstance(sender, str) or not 0 < len(sender) <= MAX_SENDER_CHARS:
                return bad_request(f"'sender' must be text of 1 to {MAX_SENDER_CHARS} characters.")
            retry = limits.sender_limiter().check(sender)
            if retry is not None:
                return response.json([{"recipient_id": sender, "text": limits.RATE_LIMITED}],
                                     status=429, headers={"Retry-After": str(retry)})
            prepared = inbound.prepare(body.get("message"))
            if prepared.text is None:
                return response.json([{"recipient_id": sender, "text": n} for n in prepared.notices])
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(prepared.text, collector, sender,
                                                 input_channel=self.name(),
                                                 metadata=safe_metadata(body.get("metadata"))))
            except CancelledError:
                logger.error("rest: message handling timed out")
            except Exception:  # noqa: BLE001 - logged without the text; the user gets 101/999
                logger.exception("rest: message handling failed")
            messages = inbound.finish(prepared.notices, collector.messages)
            return response.json([{"recipient_id": sender, **m} if "recipient_id" not in m else m
                                  for m in messages])

        return bp
