"""Telegram, with the webhook's secret token checked before anything is read.

credentials.yml:  bot.channels.social.telegram.SignedTelegramInput:
Webhook:          /webhooks/telegram/webhook
Settings:         SIGNPOST_TELEGRAM_TOKEN, SIGNPOST_TELEGRAM_SECRET_TOKEN,
                  SIGNPOST_TELEGRAM_API_URL, SIGNPOST_SENDER_KEY
Register it once (Telegram then sends the secret in X-Telegram-Bot-Api-Secret-Token):
    .venv/bin/python -m bot.channels.social.telegram set-webhook \
        https://<host>/webhooks/telegram/webhook

Rasa's TelegramInput accepts any POST (it only compares the bot's own username), calls Telegram
while the server starts, and keeps the chat id as the sender id; this one refuses a request
without the secret (403), and talks to Rasa under a keyed hash of the chat id. One-to-one chats
only: messages in groups and channels are not answered.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import re
import sys
from typing import Any

from rasa.core.channels.telegram import TelegramInput
from sanic import Blueprint, response
from sanic.request import Request

from bot.channels import limits
from bot.channels.social import common

logger = logging.getLogger(__name__)

TOKEN = "SIGNPOST_TELEGRAM_TOKEN"
SECRET_TOKEN = "SIGNPOST_TELEGRAM_SECRET_TOKEN"
API_URL = "SIGNPOST_TELEGRAM_API_URL"
DEFAULT_API_URL = "https://api.telegram.org"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

MAX_TEXT = 4096
MAX_CALLBACK_BYTES = 64
SECRET_CHARS = re.compile(r"^[A-Za-z0-9_-]{1,256}$")   # what setWebhook accepts
# A platform command ("/help", "/start@SignpostBot") alone greets; followed by words, the words are
# the question ("/help someone is breaking in right now").
COMMAND = re.compile(r"^/(?P<command>[A-Za-z0-9_]{1,32})(?:@\w+)?(?:\s+(?P<words>.*))?$", re.S)
GREETING_COMMANDS = frozenset({"start", "help"})
ALLOWED_UPDATES = ["message", "callback_query"]
OPTION_PREFIX = "opt:"


def callback_data(option: dict, index: int) -> str:
    payload = option["payload"]
    return payload if len(payload.encode("utf-8")) <= MAX_CALLBACK_BYTES \
        else f"{OPTION_PREFIX}{index}"


def inline_keyboard(options: list, start: int = 1) -> dict:
    """Two buttons a row when the titles are short, else one. Choices are numbered across the
    turn (start), as common.offered_choices reads them back."""
    buttons = [{"text": o["title"], "callback_data": callback_data(o, i)}
               for i, o in enumerate(options, start)]
    per_row = 2 if all(len(o["title"]) <= 16 for o in options) else 1
    return {"inline_keyboard": [buttons[i:i + per_row] for i in range(0, len(buttons), per_row)]}


def send_messages(chat_id: Any, outgoing: list) -> list:
    """sendMessage bodies: plain text (no parse_mode, so nothing is read as markup), split within
    4096 characters, choices as an inline keyboard on the last part."""
    out, start = [], 1
    for item in outgoing:
        chunks = common.split_text(item.text, MAX_TEXT)
        for i, chunk in enumerate(chunks):
            body: dict[str, Any] = {"chat_id": chat_id, "text": chunk,
                                    "link_preview_options": {"is_disabled": True}}
            if i == len(chunks) - 1 and item.options:
                body["reply_markup"] = inline_keyboard(item.options, start)
            out.append(body)
        start += len(item.options)
    return out


class SignedTelegramInput(TelegramInput):
    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> SignedTelegramInput:
        common.warn_if_credentials("Telegram", credentials)
        return cls(settings())

    def __init__(self, config: dict | None) -> None:
        config = config or {}
        super().__init__(config.get(TOKEN), None, None, debug_mode=False)
        self.enabled = bool(config)
        self.secret = config.get(SECRET_TOKEN) or ""
        self.api_url = (config.get(API_URL) or DEFAULT_API_URL).rstrip("/")
        self.sender_ids = common.SenderIds(config[common.SENDER_KEY]) if config else None
        self.seen = limits.redelivery_guard("telegram")   # shared by replicas

    def get_output_channel(self):
        return None   # no proactive messages, and never a Telegram call at start-up

    def method_url(self, method: str) -> str:
        return f"{self.api_url}/bot{self.access_token}/{method}"

    def blueprint(self, on_new_message) -> Blueprint:
        if not self.enabled:
            return common.disabled_blueprint(self)
        bp = common.channel_blueprint(self, "telegram")

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request):
            too_large = common.too_large(request)
            if too_large:
                return too_large
            if not common.same_secret(request.headers.get(SECRET_HEADER), self.secret):
                logger.warning("telegram: request refused, bad or missing secret token")
                return common.forbidden()
            try:
                update = json.loads(request.body or b"")
            except ValueError:
                return response.json({"error": "body is not JSON"}, status=400)
            if isinstance(update, dict):
                async def answer() -> None:
                    async with common.http_session() as session:
                        await self._handle(request.app, update, session, on_new_message)
                update_id = update.get("update_id")
                if update_id is None:
                    await answer()
                elif await common.once(self.seen, ("u", str(update_id)), answer) \
                        is limits.Claim.IN_PROGRESS:
                    return common.retry_later()   # Telegram sends it again later
            return response.text("")

        return bp

    async def _handle(self, app, update: dict, session, on_new_message) -> None:
        query, message = update.get("callback_query"), update.get("message")
        if isinstance(query, dict):
            # stop the button's spinner first, whatever happens next
            await common.call(session, "telegram", self.method_url("answerCallbackQuery"),
                              json={"callback_query_id": str(query.get("id", ""))})
            chat = ((query.get("message") or {}).get("chat") or {}) \
                if isinstance(query.get("message"), dict) else {}
            chat_id = chat.get("id") or (query.get("from") or {}).get("id")
            chat_type = chat.get("type", "private")
            text = query.get("data")
        elif isinstance(message, dict):
            chat = message.get("chat")
            if not isinstance(chat, dict):
                chat = {}
            chat_id, chat_type = chat.get("id"), chat.get("type")
            if (message.get("from") or {}).get("is_bot"):
                return
            text = message.get("text")
            if not isinstance(text, str):
                text = message.get("caption")   # a photo, video or file sent with words
        else:
            return   # edited messages, channel posts, membership changes...: nothing to answer
        if chat_type != "private" or not isinstance(chat_id, (int, str)):
            return
        if self.sender_ids is None:   # not reached: webhooks are routed only when the channel is on
            return
        sender = self.sender_ids("telegram", chat_id)
        command = COMMAND.match(text.strip()) if isinstance(text, str) else None
        greeting = command and command.group("command").lower() in GREETING_COMMANDS
        if command and (command.group("words") or "").strip():
            # the words are the question; another command's name is one of its words
            text = command.group("words") if greeting else \
                f"{command.group('command')} {command.group('words')}"
        elif greeting:
            text = "/greet"
        elif isinstance(text, str) and text.startswith(OPTION_PREFIX):
            # a button whose payload did not fit in callback_data: its number in the last answer
            choices = await common.offered_choices(app, sender)
            number = common.typed_number(text[len(OPTION_PREFIX):])
            if number and 0 < number <= len(choices):
                text = choices[number - 1]
        replies = await common.converse(on_new_message, channel=self.name(), sender_id=sender,
                                        raw_text=text)
        if not replies:
            return
        for body in send_messages(chat_id, common.plain_messages(replies)):
            await common.call(session, "telegram", self.method_url("sendMessage"), json=body)


def settings(environ=None) -> dict | None:
    values = common.read_env("Telegram", (TOKEN, SECRET_TOKEN), {API_URL: DEFAULT_API_URL},
                             environ)
    if values and (not SECRET_CHARS.match(values[SECRET_TOKEN])
                   or len(values[SECRET_TOKEN]) < common.MIN_SECRET_CHARS):
        logger.error("Telegram channel is OFF: %s must be %d to 256 of A-Z a-z 0-9 _ -",
                     SECRET_TOKEN, common.MIN_SECRET_CHARS)
        return None
    return values


async def set_webhook(url: str, config: dict) -> dict:
    """Register the webhook with its secret token (Telegram's setWebhook)."""
    channel = SignedTelegramInput(config)
    async with common.http_session() as session:
        result = await common.call(session, "telegram", channel.method_url("setWebhook"),
                                   json={"url": url, "secret_token": channel.secret,
                                         "allowed_updates": ALLOWED_UPDATES})
    return result or {"ok": False}


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(description="Register Signpost's Telegram webhook.")
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("set-webhook", help="setWebhook with the secret token")
    cmd.add_argument("url", help="public HTTPS URL, e.g. https://host/webhooks/telegram/webhook")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    config = settings()
    if not config:
        print(f"Set {TOKEN}, {SECRET_TOKEN} and {common.SENDER_KEY} first.", file=sys.stderr)
        return 2
    result = asyncio.run(set_webhook(args.url, config))
    print(json.dumps({k: v for k, v in result.items() if k in ("ok", "description")}))
    return 0 if result.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
