"""REST channel with Signpost's inbound path (bot.channels.inbound: the 999 check on the whole text,
neutralised commands, redaction, the cut, validated metadata) and the per-sender limit.

Same URL and JSON as Rasa's own (`POST /webhooks/rest/webhook`, {"sender", "message",
"metadata": {"council": "swindon" | "wiltshire"}}), so it is a drop-in for integrators; it is bound
to loopback and never exposed publicly (README: production). The web chat API reaches Rasa through
it. `sender` must be an opaque id (1-128 of A-Z a-z 0-9 _ - . :, not a phone number): it is stored
as the conversation id.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any, TypeGuard

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

from bot.channels import inbound, limits

logger = logging.getLogger(__name__)
MAX_SENDER_CHARS = 128
_SENDER = re.compile(rf"^[A-Za-z0-9_.:-]{{1,{MAX_SENDER_CHARS}}}$")
_NUMBER_ONLY = re.compile(r"^[\d\s.:+()-]*$")


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


def valid_sender(sender: Any) -> TypeGuard[str]:
    """An opaque id: no spaces, no "@" (e-mail) or "+", and not a bare number (a phone number)."""
    return isinstance(sender, str) and bool(_SENDER.match(sender)) and \
        not (_NUMBER_ONLY.match(sender) and sum(c.isdigit() for c in sender) >= 7)


# kept for callers of the old name: the inbound path's validation
safe_metadata = inbound.check_metadata


class SignpostRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint(f"signpost_rest_{id(self)}", type(self).__module__)

        @bp.route("/", methods=["GET"])
        async def health(_request: Request):
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request):
            body = read_json(request)
            if body is None:
                return bad_request('Send JSON like {"sender": "id", "message": "text"}.')
            sender = body.get("sender")
            if not valid_sender(sender):
                return bad_request(f"'sender' must be an id of 1 to {MAX_SENDER_CHARS} characters "
                                   "(A-Z a-z 0-9 _ - . :), not personal data such as a phone "
                                   "number or e-mail address.")
            retry = limits.sender_limiter().check(sender)
            if retry is not None:
                return response.json([{"recipient_id": sender, "text": limits.RATE_LIMITED}],
                                     status=429, headers={"Retry-After": str(retry)})
            messages = await inbound.converse(
                on_new_message, body.get("message"), sender_id=sender, channel=self.name(),
                metadata=inbound.check_metadata(body.get("metadata")))
            return response.json([{"recipient_id": sender, **m} if "recipient_id" not in m else m
                                  for m in messages])

        return bp
