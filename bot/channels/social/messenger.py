"""Facebook Messenger, with the webhook signature checked before anything is read.

credentials.yml:  bot.channels.social.messenger.SignedMessengerInput:
Webhook:          /webhooks/facebook/webhook  (GET: Meta's verification; POST: page events)
Settings:         SIGNPOST_MESSENGER_VERIFY_TOKEN, SIGNPOST_MESSENGER_APP_SECRET,
                  SIGNPOST_MESSENGER_PAGE_TOKEN, SIGNPOST_SENDER_KEY,
                  SIGNPOST_MESSENGER_GRAPH_VERSION (default DEFAULT_GRAPH_VERSION),
                  SIGNPOST_MESSENGER_API_URL (a whole base URL instead: the tests' fake platform)

Rasa's FacebookInput checks only the old SHA-1 header, answers 200 to a bad signature and keeps
the page-scoped user id as the sender id; this one checks X-Hub-Signature-256 in constant time,
answers 403, and talks to Rasa under a keyed hash of the id.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
from typing import Any

from rasa.core.channels.facebook import FacebookInput
from sanic import Blueprint, response
from sanic.request import Request

from bot.channels import limits
from bot.channels.social import common

logger = logging.getLogger(__name__)

VERIFY_TOKEN = "SIGNPOST_MESSENGER_VERIFY_TOKEN"
APP_SECRET = "SIGNPOST_MESSENGER_APP_SECRET"
PAGE_TOKEN = "SIGNPOST_MESSENGER_PAGE_TOKEN"
API_URL = "SIGNPOST_MESSENGER_API_URL"
GRAPH_VERSION = "SIGNPOST_MESSENGER_GRAPH_VERSION"
# Meta serves each Graph API version for about two years, then refuses calls to it (v19.0, the
# version this channel was written for, was retired in May 2026). v26.0 is a current version
# (2026); when Meta announces its end, set SIGNPOST_MESSENGER_GRAPH_VERSION (no release needed)
# and move this default on.
DEFAULT_GRAPH_VERSION = "v26.0"
GRAPH_HOST = "https://graph.facebook.com"
GRAPH_VERSION_FORMAT = re.compile(r"^v[1-9][0-9]{0,2}\.[0-9]$")
DEFAULT_API_URL = f"{GRAPH_HOST}/{DEFAULT_GRAPH_VERSION}"

MAX_TEXT = 2000            # Send API: text message limit
MAX_QUICK_REPLIES = 13
MAX_QUICK_REPLY_TITLE = 20
MAX_PAYLOAD = 1000
CHALLENGE = re.compile(r"^[A-Za-z0-9_-]{1,128}$")


def graph_api_url(env: dict | None = None) -> str:
    """The Send API base URL for SIGNPOST_MESSENGER_GRAPH_VERSION ("v26.0" form; default
    DEFAULT_GRAPH_VERSION). ValueError names a malformed version."""
    version = ((os.environ if env is None else env).get(GRAPH_VERSION) or "").strip()
    version = version or DEFAULT_GRAPH_VERSION
    if not GRAPH_VERSION_FORMAT.match(version):
        raise ValueError(f"{GRAPH_VERSION} must look like {DEFAULT_GRAPH_VERSION!r}, "
                         f"not {version[:20]!r}")
    return f"{GRAPH_HOST}/{version}"


def valid_signature(app_secret: str, body: bytes, header: str | None) -> bool:
    """X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256 of the raw body with the app secret."""
    if not isinstance(header, str) or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(header[len("sha256="):].strip().lower().encode(), expected.encode())


def quick_replies(options: list) -> list:
    out: list[dict] = []
    for option in options:
        if len(out) == MAX_QUICK_REPLIES:
            logger.warning("messenger: more than %d choices, the rest are not shown",
                           MAX_QUICK_REPLIES)
            break
        if len(option["payload"]) <= MAX_PAYLOAD:
            out.append({"content_type": "text", "payload": option["payload"],
                        "title": common.shorten(option["title"], MAX_QUICK_REPLY_TITLE)})
    return out


def send_api_messages(outgoing: list) -> list:
    """The `message` objects for the Send API: long text split, choices as quick replies on the
    last part of the message that offers them."""
    out = []
    for item in outgoing:
        chunks = common.split_text(item.text, MAX_TEXT)
        for i, chunk in enumerate(chunks):
            message: dict[str, Any] = {"text": chunk}
            if i == len(chunks) - 1 and item.options:
                replies = quick_replies(item.options)
                if replies:
                    message["quick_replies"] = replies
            out.append(message)
    return out


def event_text(event: dict) -> tuple:
    """(handle?, message id, text) for one entry of `messaging`. Text None = not typed text."""
    message, postback = event.get("message"), event.get("postback")
    if isinstance(message, dict):
        if message.get("is_echo"):
            return False, None, None
        quick = message.get("quick_reply")
        if isinstance(quick, dict) and isinstance(quick.get("payload"), str):
            return True, message.get("mid"), quick["payload"]
        return True, message.get("mid"), message.get("text")
    if isinstance(postback, dict):
        return True, postback.get("mid"), postback.get("payload") or postback.get("title")
    return False, None, None   # delivery, read, reaction, referral...: nothing to answer


class SignedMessengerInput(FacebookInput):
    @classmethod
    def name(cls) -> str:
        return "facebook"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> SignedMessengerInput:
        common.warn_if_credentials("Messenger", credentials)
        try:
            default_url = graph_api_url()
        except ValueError as exc:
            logger.error("Messenger channel is OFF: %s", exc)
            return cls(None)
        return cls(common.read_env("Messenger", (VERIFY_TOKEN, APP_SECRET, PAGE_TOKEN),
                                   {API_URL: default_url}))

    def __init__(self, settings: dict | None) -> None:
        settings = settings or {}
        super().__init__(settings.get(VERIFY_TOKEN), settings.get(APP_SECRET),
                         settings.get(PAGE_TOKEN))
        self.enabled = bool(settings)
        self.api_url = (settings.get(API_URL) or DEFAULT_API_URL).rstrip("/")
        self.sender_ids = common.SenderIds(settings[common.SENDER_KEY]) if settings else None
        self.seen = limits.redelivery_guard("messenger")   # shared by replicas

    def get_output_channel(self):
        return None   # no proactive messages: the platform id is never kept after the reply

    def blueprint(self, on_new_message) -> Blueprint:
        if not self.enabled:
            return common.disabled_blueprint(self)
        bp = common.channel_blueprint(self, "messenger")

        @bp.route("/webhook", methods=["GET"])
        async def verification(request: Request):
            challenge = request.args.get("hub.challenge") or ""
            if request.args.get("hub.mode") == "subscribe" and \
                    common.same_secret(request.args.get("hub.verify_token"), self.fb_verify) and \
                    CHALLENGE.match(challenge):
                return response.text(challenge)
            logger.warning("messenger: webhook verification refused")
            return common.forbidden()

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request):
            too_large = common.too_large(request)
            if too_large:
                return too_large
            body = request.body or b""
            signature = request.headers.get("X-Hub-Signature-256")
            if not valid_signature(self.fb_secret, body, signature):
                logger.warning("messenger: request refused, bad or missing signature")
                return common.forbidden()
            try:
                payload = json.loads(body)
            except ValueError:
                return response.json({"error": "body is not JSON"}, status=400)
            if not isinstance(payload, dict) or payload.get("object") != "page":
                return response.text("ignored")
            busy = False
            async with common.http_session() as session:
                for entry in payload.get("entry") or []:
                    for event in (entry.get("messaging") or []) if isinstance(entry, dict) else []:
                        if isinstance(event, dict):
                            busy |= await self._handle(event, session, on_new_message)
            # an event being answered elsewhere: Meta sends the batch again later, and finds the
            # rest of it done
            return common.retry_later() if busy else response.text("EVENT_RECEIVED")

        return bp

    async def _handle(self, event: dict, session, on_new_message) -> bool:
        """Answers one event; True when it is being answered elsewhere (Meta is to retry)."""
        psid = (event.get("sender") or {}).get("id") if isinstance(event.get("sender"), dict) \
            else None
        handle, mid, text = event_text(event)
        if not handle or not isinstance(psid, (str, int)) or not str(psid):
            return False
        if self.sender_ids is None:   # not reached: webhooks are routed only when the channel is on
            return False
        sender_ids = self.sender_ids

        async def answer() -> None:
            replies = await common.converse(on_new_message, channel=self.name(),
                                            sender_id=sender_ids("messenger", psid),
                                            raw_text=text)
            if replies:
                await self._send(session, str(psid), common.plain_messages(replies))
        if not mid:
            await answer()
            return False
        # a re-delivered event already answered (DONE) is skipped
        return await common.once(self.seen, ("mid", mid), answer) is limits.Claim.IN_PROGRESS

    async def _send(self, session, psid: str, outgoing: list) -> None:
        for message in send_api_messages(outgoing):
            await common.call(session, "messenger", f"{self.api_url}/me/messages",
                              params={"access_token": self.fb_access_token},
                              json={"recipient": {"id": psid}, "messaging_type": "RESPONSE",
                                    "message": message})

