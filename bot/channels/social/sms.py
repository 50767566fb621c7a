"""SMS and WhatsApp through Twilio, with X-Twilio-Signature checked before anything is read.

credentials.yml:  bot.channels.social.sms.SignedTwilioInput:
Webhook:          /webhooks/twilio/webhook  (set the same URL for SMS and for WhatsApp)
Settings:         SIGNPOST_TWILIO_ACCOUNT_SID, SIGNPOST_TWILIO_AUTH_TOKEN,
                  SIGNPOST_TWILIO_PUBLIC_URL (the exact public URL Twilio calls: it is what Twilio
                  signs), SIGNPOST_TWILIO_NUMBER (optional: the sender when a message has no
                  To), SIGNPOST_TWILIO_API_URL, SIGNPOST_TWILIO_MAX_CHARS (optional, 160-1600,
                  default 1600: Twilio advises shorter messages for deliverability),
                  SIGNPOST_SENDER_KEY

Rasa's TwilioInput checks nothing, keeps the phone number as the sender id, and sends each
paragraph as its own SMS (which may arrive out of order); this one refuses unsigned requests
(403), hashes the number, and sends one reply per turn, split only past the limit. There
are no buttons in SMS, so choices are numbered ("Reply 1 for Fly-tipping, 2 for ...") and a typed
"1" is read as that choice (from the tracker store: see common.offered_choices).
"""
from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qs

import aiohttp
from rasa.core.channels.twilio import TwilioInput
from sanic import Blueprint, response
from sanic.request import Request
from twilio.request_validator import RequestValidator

from bot.channels import limits
from bot.channels.social import common

logger = logging.getLogger(__name__)

ACCOUNT_SID = "SIGNPOST_TWILIO_ACCOUNT_SID"
AUTH_TOKEN = "SIGNPOST_TWILIO_AUTH_TOKEN"
PUBLIC_URL = "SIGNPOST_TWILIO_PUBLIC_URL"
NUMBER = "SIGNPOST_TWILIO_NUMBER"
API_URL = "SIGNPOST_TWILIO_API_URL"
MAX_CHARS = "SIGNPOST_TWILIO_MAX_CHARS"
DEFAULT_API_URL = "https://api.twilio.com"
SIGNATURE_HEADER = "X-Twilio-Signature"

MAX_BODY = 1600   # Twilio's limit for one message body (SMS and WhatsApp)
MIN_BODY = 160    # one SMS segment
# Twilio handles these itself (opt-out); answering would fail (error 21610) and is unwanted.
OPT_OUT = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"})
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
# Typographic characters outside GSM-7 turn a 160-character SMS segment into a 70-character one.
_GSM_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                           "…": "...", "\u00a0": " ", "•": "-"})


class FormParams(dict):
    """Form fields as lists, in the shape RequestValidator reads (getlist)."""

    def getlist(self, key: str) -> list:
        return self[key]

    def first(self, key: str) -> str:
        values = self.get(key) or [""]
        return values[0]


def parse_form(body: bytes) -> FormParams:
    return FormParams(parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True))


def body_limit(value: str | None) -> int:
    try:
        return min(MAX_BODY, max(MIN_BODY, int(value))) if value else MAX_BODY
    except ValueError:
        logger.warning("twilio: %s is not a number; using %d", MAX_CHARS, MAX_BODY)
        return MAX_BODY


def numbered(options: list, start: int = 1) -> str:
    items = [f"{i} for {o['title']}" for i, o in enumerate(options, start)]
    if len(items) == 1:
        return f"Reply {items[0]}."
    return "Reply " + ", ".join(items[:-1]) + " or " + items[-1] + "."


def reply_body(outgoing: list, whatsapp: bool) -> tuple:
    """(text of the whole turn, payloads by number). Choices are numbered across the turn."""
    parts: list[str] = []
    payloads: list[str] = []
    for item in outgoing:
        text = item.text
        if item.options:
            text += "\n" + numbered(item.options, len(payloads) + 1)
            payloads += [o["payload"] for o in item.options]
        parts.append(text)
    body = "\n\n".join(parts)
    return (body if whatsapp else body.translate(_GSM_FOLD)), payloads


class SignedTwilioInput(TwilioInput):
    @classmethod
    def name(cls) -> str:
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> SignedTwilioInput:
        common.warn_if_credentials("Twilio", credentials)
        return cls(common.read_env("Twilio", (ACCOUNT_SID, AUTH_TOKEN, PUBLIC_URL),
                                   {API_URL: DEFAULT_API_URL, NUMBER: "", MAX_CHARS: ""}))

    def __init__(self, config: dict | None) -> None:
        config = config or {}
        super().__init__(config.get(ACCOUNT_SID), config.get(AUTH_TOKEN), config.get(NUMBER),
                         debug_mode=False)
        self.enabled = bool(config)
        self.public_url = config.get(PUBLIC_URL) or ""
        self.api_url = (config.get(API_URL) or DEFAULT_API_URL).rstrip("/")
        self.max_chars = body_limit(config.get(MAX_CHARS))
        self.validator = RequestValidator(self.auth_token) if config else None
        self.sender_ids = common.SenderIds(config[common.SENDER_KEY]) if config else None
        self.seen = limits.redelivery_guard("twilio")   # shared by replicas

    def get_output_channel(self):
        return None   # no proactive messages: the phone number is never kept after the reply

    def signed(self, request: Request, params: FormParams) -> bool:
        signature = request.headers.get(SIGNATURE_HEADER)
        if not signature or self.validator is None:   # no validator: the channel is off
            return False
        url = self.public_url
        if request.query_string and "?" not in url:   # Twilio signs the URL with its query
            url += f"?{request.query_string}"
        return self.validator.validate(url, params, signature) and \
            common.same_secret(params.first("AccountSid"), self.account_sid)

    def blueprint(self, on_new_message) -> Blueprint:
        if not self.enabled:
            return common.disabled_blueprint(self)
        bp = common.channel_blueprint(self, "twilio")

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request):
            too_large = common.too_large(request)
            if too_large:
                return too_large
            params = parse_form(request.body or b"")
            if not self.signed(request, params):
                logger.warning("twilio: request refused, bad or missing signature")
                return common.forbidden()
            sid = params.first("MessageSid") or params.first("SmsSid")

            async def answer() -> None:
                await self._handle(request.app, params, on_new_message)
            if not sid:
                await answer()
            else:
                # Twilio does not retry a 5xx, so a duplicate of a message being answered now
                # gets the same empty reply as one already answered (never 503)
                await common.once(self.seen, ("sid", sid), answer)
            return response.text(EMPTY_TWIML, content_type="text/xml")

        return bp

    async def _handle(self, app, params: FormParams, on_new_message) -> None:
        user, ours = params.first("From"), params.first("To") or self.twilio_number
        if not user or not ours:
            return
        whatsapp = user.startswith("whatsapp:")
        if whatsapp and not ours.startswith("whatsapp:"):
            ours = f"whatsapp:{ours}"
        text = params.first("Body")
        if not whatsapp and text.strip().upper() in OPT_OUT:
            return
        if self.sender_ids is None:   # not reached: webhooks are routed only when the channel is on
            return
        sender = self.sender_ids("whatsapp" if whatsapp else "sms", user)
        number = common.typed_number(text)
        if number:   # "Reply 1 for ...": the choices numbered in the last answer
            choices = await common.offered_choices(app, sender)
            if 0 < number <= len(choices):
                text = choices[number - 1]
        raw_text: str | None = text
        if not text.strip() and params.first("NumMedia") not in ("", "0"):
            raw_text = None   # a photo or voice note with no words: ask for typed text
        replies = await common.converse(on_new_message, channel=self.name(), sender_id=sender,
                                        raw_text=raw_text)
        if not replies:
            return
        body, _payloads = reply_body(common.plain_messages(replies), whatsapp)
        url = f"{self.api_url}/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        async with common.http_session() as session:
            for chunk in common.split_text(body, self.max_chars):
                await common.call(session, "twilio", url,
                                  data={"To": user, "From": ours, "Body": chunk},
                                  auth=aiohttp.BasicAuth(self.account_sid, self.auth_token))
