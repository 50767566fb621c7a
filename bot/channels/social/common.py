"""What the social channels share: settings from the environment, keyed sender ids, one turn
through the inbound path, plain-text rendering and splitting, HTTP calls. (What must be shared by
every replica, rate limits and re-delivery checks, lives in bot.channels.limits.)"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import os
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Blueprint, response
from sanic.request import Request

from bot.channels import inbound, limits

logger = logging.getLogger(__name__)

SENDER_KEY = "SIGNPOST_SENDER_KEY"
MIN_SECRET_CHARS = 16          # for the secrets we choose ourselves (sender key, Telegram token)
MAX_BODY_BYTES = 1_000_000     # a webhook body larger than this is not from a messaging platform
HTTP_TIMEOUT = aiohttp.ClientTimeout(total=10)
OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


# -- settings --------------------------------------------------------------------------------
def read_env(channel: str, required: Sequence[str], optional: Mapping[str, str] | None = None,
             environ: Mapping[str, str] | None = None) -> dict | None:
    """The channel's settings, or None (channel off) when any required variable is unset.

    Logs which variables are missing (names only, never values) when a channel is half set up.
    """
    env = os.environ if environ is None else environ
    names = (*required, SENDER_KEY)
    values = {n: (env.get(n) or "").strip() for n in names}
    missing = [n for n in names if not values[n]]
    if missing:
        if any(values[n] for n in required):
            logger.warning("%s channel is OFF: %s not set", channel, ", ".join(missing))
        else:
            logger.info("%s channel is off (no settings)", channel)
        return None
    if len(values[SENDER_KEY]) < MIN_SECRET_CHARS:
        logger.error("%s channel is OFF: %s must be at least %d characters", channel, SENDER_KEY,
                     MIN_SECRET_CHARS)
        return None
    for name, default in (optional or {}).items():
        values[name] = (env.get(name) or "").strip() or default
    return values


def warn_if_credentials(channel: str, credentials: dict | None) -> None:
    if credentials:
        logger.warning("%s: settings in credentials.yml are ignored; use the SIGNPOST_* "
                       "environment variables (README: Channels)", channel)


# -- sender ids ------------------------------------------------------------------------------
class SenderIds:
    """Keyed hash of "platform:user_id": stable per user, meaningless without the key."""

    def __init__(self, key: str) -> None:
        self._key = key.encode("utf-8")

    def __call__(self, platform: str, user_id: Any) -> str:
        digest = hmac.new(self._key, f"{platform}:{user_id}".encode(), hashlib.sha256)
        return f"{platform}-{digest.hexdigest()[:32]}"


def same_secret(given: str | None, expected: str) -> bool:
    return isinstance(given, str) and hmac.compare_digest(given.encode("utf-8"),
                                                          expected.encode("utf-8"))


# -- one turn --------------------------------------------------------------------------------
async def converse(on_new_message: OnNewMessage, *, channel: str, sender_id: str,
                   raw_text: Any) -> list:
    """The user's text through the inbound path to Rasa; the reply.

    Never empty, with one exception: a sender over the rate limit (bot.channels.limits, shared with every
    channel) is told so once a minute and otherwise not answered, so a flood of messages cannot
    become a flood of paid replies (SMS). Both the limit and the once a minute are shared by
    every replica in production.
    """
    if limits.sender_limiter().check(sender_id) is not None:
        return [{"text": limits.RATE_LIMITED}] if limits.limited_notice().first_time(sender_id) \
            else []
    return await inbound.converse(on_new_message, raw_text, sender_id=sender_id, channel=channel)


async def once(guard: limits.MemoryRedeliveryGuard | limits.RedisRedeliveryGuard,
               key: Any, work: Callable[[], Awaitable[Any]]) -> limits.Claim:
    """Run `work()` for a platform delivery id unless it is answered already or being answered
    (limits: at least once, without duplicates). Returns what the claim found: NEW (work ran and
    the id is now done), IN_PROGRESS or DONE (work did not run). If work raises or is
    cancelled, the claim is released and the error goes on (5xx: the platform retries)."""
    found = guard.claim(key)
    if found is not limits.Claim.NEW:
        return found
    try:
        await work()
    except BaseException:
        guard.release(key)
        raise
    guard.done(key)
    return found


# -- rendering -------------------------------------------------------------------------------
@dataclass
class Outgoing:
    """One message in plain text, with the choices offered after it."""
    text: str
    options: list = field(default_factory=list)   # [{"title": str, "payload": str}]


def _option(button: Any) -> dict | None:
    if not isinstance(button, dict):
        return None
    title, payload = button.get("title"), button.get("payload")
    if isinstance(title, str) and title.strip() and isinstance(payload, str) and payload.strip():
        return {"title": title.strip(), "payload": payload.strip()}
    return None


def choices(msg: dict) -> tuple:
    """(link lines, options) of one Rasa message: link buttons become "title: url" lines."""
    links, options = [], []
    for button in msg.get("buttons") or msg.get("quick_replies") or []:
        if isinstance(button, dict) and isinstance(button.get("url"), str):
            links.append(f"{button.get('title') or 'Link'}: {button['url']}")
        elif _option(button):
            options.append(_option(button))
    return links, options


def plain_messages(messages: list) -> list:
    """Rasa's messages as plain text and options. Custom payloads (route cards) are not sent:
    their content is already in the text."""
    out = []
    for msg in messages:
        if not isinstance(msg, dict):
            continue
        lines = [msg["text"].strip()] if isinstance(msg.get("text"), str) and msg["text"].strip() \
            else []
        for key, label in (("image", "Image"), ("attachment", "Attachment")):
            if isinstance(msg.get(key), str):
                lines.append(f"{label}: {msg[key]}")
        links, options = choices(msg)
        lines += links
        if lines or options:
            out.append(Outgoing("\n".join(lines) or "Choose one:", options))
    return out or [Outgoing(inbound.UNAVAILABLE)]


async def offered_choices(app: Any, sender_id: str) -> list:
    """The payloads of the choices offered in the bot's last turn, in the order they were shown
    (so numbered as the user saw them). Read from the tracker store Rasa already keeps, so this
    works with several Rasa processes and across restarts, and keeps no second copy of anything.
    Only read when needed (a bare number, an overlong Telegram button)."""
    store = getattr(getattr(getattr(app, "ctx", None), "agent", None), "tracker_store", None)
    if store is None:
        return []
    try:
        tracker = await store.retrieve(sender_id)
    except Exception:  # noqa: BLE001 - the number is then read as text, which is still answered
        logger.exception("could not read the conversation to interpret a numbered reply")
        return []
    turn = []
    for event in reversed(tracker.events if tracker else []):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered):
            turn.append(event)
    return [o["payload"] for event in reversed(turn) for o in choices(event.data or {})[1]]


def text_size(text: str) -> int:
    """Length as the platforms count it (UTF-16 code units: an emoji counts as two)."""
    return len(text.encode("utf-16-le")) // 2


def _fit(text: str, limit: int) -> int:
    """The longest prefix (in characters) whose size is within the limit."""
    n = min(len(text), limit)
    while n > 0 and text_size(text[:n]) > limit:
        n -= 1
    return n


def split_text(text: str, limit: int) -> list:
    """Chunks within the limit, cut at a paragraph, line, sentence or word where possible."""
    text = text.strip()
    chunks = []
    while text_size(text) > limit:
        hard = max(_fit(text, limit), 1)
        cut = 0
        for sep in ("\n\n", "\n", ". ", " "):
            at = text.rfind(sep, 0, hard + (1 if sep == ". " else 0))
            if at >= hard // 2:
                cut = at + 1 if sep == ". " else at
                break
        cut = cut or hard
        chunks.append(text[:cut].rstrip())
        text = text[cut:].strip()
    if text:
        chunks.append(text)
    return chunks or [""]


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


# -- outbound HTTP ---------------------------------------------------------------------------
def http_session() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(timeout=HTTP_TIMEOUT)


async def call(session: aiohttp.ClientSession, label: str, url: str, **kwargs: Any
               ) -> Any | None:
    """POST to a platform API; one retry on a network error, 429 or 5xx. Logs the status only
    (URLs may hold tokens, bodies hold the user's conversation). Returns the JSON, or None."""
    for attempt in (1, 2):
        try:
            async with session.post(url, **kwargs) as resp:
                if resp.status < 400:
                    try:
                        return await resp.json(content_type=None)
                    except ValueError:
                        return {}
                if attempt == 2 or not (resp.status == 429 or resp.status >= 500):
                    logger.error("%s: the platform answered HTTP %s", label, resp.status)
                    return None
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            if attempt == 2:
                logger.error("%s: could not reach the platform (%s)", label, type(exc).__name__)
                return None
        await asyncio.sleep(0.5)
    return None


# -- responses -------------------------------------------------------------------------------
def forbidden():
    return response.json({"error": "forbidden"}, status=403)


def retry_later():
    """A delivery whose turn is being answered now (on this or another replica): the platform is
    to send it again later, when it will find it done, or, if that replica died, answer it."""
    return response.json({"error": "being answered, retry later"}, status=503,
                         headers={"Retry-After": str(limits.RETRY_AFTER_S)})


def too_large(request: Request):
    return response.json({"error": "request too large"}, status=413) \
        if len(request.body or b"") > MAX_BODY_BYTES else None


def channel_blueprint(channel: InputChannel, platform: str) -> Blueprint:
    """A channel's blueprint with its health route; the channel adds its own webhook routes."""
    bp = Blueprint(f"signpost_{platform}_{id(channel)}", type(channel).__module__)

    @bp.route("/", methods=["GET"])
    async def health(_request: Request):
        return response.json({"status": "ok"})

    return bp


def disabled_blueprint(channel: InputChannel) -> Blueprint:
    """Registered when a channel's settings are missing: answers, processes nothing."""
    bp = Blueprint(f"signpost_{channel.name()}_off_{id(channel)}", __name__)
    body = {"status": "disabled", "error": "channel not configured"}

    @bp.route("/", methods=["GET"])
    async def health(_request: Request):
        return response.json(body, status=503)

    @bp.route("/webhook", methods=["GET", "POST"])
    async def webhook(_request: Request):
        return response.json(body, status=503)

    return bp


TYPED_NUMBER = re.compile(r"^\s*#?(\d{1,2})\s*[.)]?\s*$")


def typed_number(text: Any) -> int | None:
    match = TYPED_NUMBER.match(text) if isinstance(text, str) else None
    return int(match.group(1)) if match else None
