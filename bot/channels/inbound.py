"""The one path every inbound message takes before Rasa sees it, whatever the channel.

REST (bot.channels.rest), socket.io (bot.channels.socketio), the web chat API (bot/web/app.py, by
way of the REST channel) and the social channels (bot.channels.social) all hand the user's text and
metadata to `converse`, which does, in this order:

1. normalise: NFKC, invisible and control characters out, look-alikes folded
   (bot.privacy.redaction.normalise), trimmed;
2. the 999 check (bot.understanding.safety) on the WHOLE normalised text, whatever it starts with
   ("/ /I need an ambulance") and however long it is;
3. typed commands read as plain text: only an exact button payload ("/fly_tipping") stays a
   command, however many slashes and spaces a text starts with;
4. a message with no words (emoji, punctuation, only a phone number) gets a short prompt for the
   problem and never reaches Rasa;
5. personal data redacted (bot.privacy.redaction), then the cut to MAX_CHARS with a note;
6. metadata validated field by field (`check_metadata`), and the verdict of step 2 attached,
   sealed to the text Rasa gets (bot.understanding.components.seal), so the SafetyNet inside Rasa
   answers 999 for what the whole raw text said, not only for what survived the cut;
7. the reply, notices first, never silence (`finish`).

A channel that sheds load (socket.io) passes its `admission` (bot.channels.admission): the turn
reaches Rasa only once it has a slot, emergencies (step 2's verdict) first; with no slot in time
`converse` raises Busy before Rasa has seen or stored anything, and the channel answers BUSY.
"""
from __future__ import annotations

import asyncio
import logging
import re
import unicodedata
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.channels.admission import Admission, Busy
from bot.conversation.dialogue import council_id
from bot.privacy import redaction as privacy
from bot.understanding import safety
from bot.understanding.components import seal, verdict_flags

logger = logging.getLogger(__name__)

MAX_CHARS = 1000
# safety.check reads 5,000 characters at most; longer texts are read in overlapping windows.
SAFETY_WINDOW, SAFETY_OVERLAP = 5000, 500
# Buttons send "/intent". A public user may type one of these too, which is harmless; anything
# else starting with "/" (/restart, / /restart, /inform{"council": ...}, /session_start) is plain text.
BUTTON_INTENTS = frozenset("""
greet goodbye thanks affirm deny human_handoff bot_challenge out_of_scope inform_place
burglary theft vehicle_crime criminal_damage assault drugs asb hate_crime domestic_abuse harassment
fraud noise fireworks fly_tipping parking abandoned_vehicle untaxed_vehicle dangerous_driving
road_defect street_lighting graffiti litter_bins dog_fouling stray_dog dangerous_dog barking_dog
animal_cruelty lost_property licensing housing_association mental_health missing_person
neighbourhood_team community_messenger report_update
""".split())
_BUTTON = re.compile(r"^/([a-z_]+)$")
_LEADING_COMMAND = re.compile(r"^[\s/]+")
EMPTY_NOTICE = "Please type your question, for example: who do I tell about fly-tipping in Devizes?"
NO_WORDS_NOTICE = ("Tell me the problem in a few words, for example: fly-tipping in Devizes. If "
                   "anyone is in danger, call 999 now.")
LONG_NOTICE = (f"Your message was long: I checked all of it for danger, and answered from the "
               f"first {MAX_CHARS:,} characters. Short messages work best.")
UNAVAILABLE = ("Sorry, I couldn't finish that answer just now. If anyone is in danger or a crime is "
               "happening, call 999. Otherwise call Wiltshire Police on 101, or see "
               "https://www.wiltshire.police.uk")
# The councils metadata may preset, as the README's integrator contract names them.
METADATA_COUNCILS = {"swindon_borough_council": "swindon", "wiltshire_council": "wiltshire"}
OnNewMessage = Callable[[UserMessage], Awaitable[Any]]
privacy.warm()   # the channels import this module when Rasa starts: tables loaded before traffic


@dataclass
class Inbound:
    text: str | None                 # what Rasa should see; None means "don't call Rasa"
    notices: list = field(default_factory=list)
    verdict: safety.SafetyResult = field(default_factory=lambda: safety.SafetyResult(None))
    metadata: dict = field(default_factory=dict)   # the sealed verdict, for UserMessage.metadata


def clean(raw: str) -> str:
    """Normalised (look-alikes folded, invisible and control characters out, line breaks kept)
    and trimmed."""
    return privacy.normalise(raw).strip()


def check_whole(text: str) -> safety.SafetyResult:
    """safety.check over all of the text: one call up to SAFETY_WINDOW characters, else
    overlapping windows whose flags are joined (any window's 999 is the message's 999)."""
    if len(text) <= SAFETY_WINDOW:
        return safety.check(text)
    flags: set[str] = set()
    reasons: set[str] = set()
    seen: set[str] = set()
    context = False
    step = SAFETY_WINDOW - SAFETY_OVERLAP
    for start in range(0, len(text) - SAFETY_OVERLAP, step):
        window = text[start:start + SAFETY_WINDOW]
        if window in seen:          # pasted or repeated text: the same window answers the same
            continue
        seen.add(window)
        result = safety.check(window)
        flags |= result.flags
        reasons |= set(result.reasons)
        context = context or result.danger_if_context
    level = next((lvl for lvl in (safety.EMERGENCY, safety.CRISIS, safety.DOMESTIC)
                  if lvl in flags), None)
    return safety.SafetyResult(level=level, flags=frozenset(flags), reasons=tuple(sorted(reasons)),
                               danger_if_context=context and safety.EMERGENCY not in flags)


def is_button(text: str) -> bool:
    match = _BUTTON.match(text)
    return bool(match and match.group(1) in BUTTON_INTENTS)


def neutralise_command(text: str) -> str:
    """An exact button payload as it is; any other text without its leading slashes (and the
    spaces between them), so Rasa never reads it as a command."""
    if is_button(text):
        return text
    return _LEADING_COMMAND.sub("", text) if text.startswith("/") else text


def has_words(text: str) -> bool:
    """Whether any letter or digit is left once redaction tags are taken out."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in privacy.without_tags(text))


def cut(text: str, limit: int = MAX_CHARS) -> str:
    """At most `limit` characters, cut at a space when there is one near the end, and never in
    the middle of a redaction tag."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = head.rfind(" ", limit - 80)
    head = head[:space] if space > 0 else head
    tag = head.rfind("[")
    if tag > head.rfind("]"):
        head = head[:tag]
    return head.rstrip()


def prepare(raw) -> Inbound:
    """The text Rasa should see (or None), the notices to send first, the verdict on the raw text
    and the metadata that carries it. Never raises."""
    if not isinstance(raw, str):
        return Inbound(None, [EMPTY_NOTICE])
    text = clean(raw)
    if not text:
        return Inbound(None, [EMPTY_NOTICE])
    verdict = check_whole(text)                   # the whole text, before anything can skip it
    text = neutralise_command(text)
    if is_button(text):
        return Inbound(text, [], verdict, seal(text, verdict_flags(verdict)))
    notices = [LONG_NOTICE] if len(text) > MAX_CHARS else []
    # redact a little more than is kept, so no number is cut in half before it is recognised
    text = privacy.redact(text[:MAX_CHARS + 200])
    if len(text) > MAX_CHARS:      # the cut; then a second look, in case the cut made a new match
        text = cut(privacy.redact(cut(text)))
    if not has_words(text) and not verdict.is_emergency:
        # (a 999 always goes on: its words may lie past the cut, and the seal carries the verdict)
        return Inbound(None, [NO_WORDS_NOTICE], verdict)
    if not text:
        text = "?"
    return Inbound(text, notices, verdict, seal(text, verdict_flags(verdict)))


def check_metadata(value: Any) -> dict:
    """The metadata a client may send, validated: {"council": "swindon" | "wiltshire"} (also
    accepted as the council ids and the aliases bot.conversation.dialogue.council_id knows).
    Anything else, any other key, any other type, is dropped: nothing a client sends reaches the
    tracker store unless it is one of these values."""
    if not isinstance(value, dict):
        return {}
    council = value.get("council")
    council = council_id(council) if isinstance(council, str) and len(council) <= 64 else None
    return {"council": METADATA_COUNCILS[council]} if council in METADATA_COUNCILS else {}


def finish(notices: list, messages: list) -> list:
    """Notices first; and never silence: an empty answer becomes the 101/999 apology."""
    out = [{"text": n} for n in notices] + list(messages)
    if not messages:
        out.append({"text": UNAVAILABLE})
    return out


async def converse(on_new_message: OnNewMessage, raw_text: Any, *, sender_id: str, channel: str,
                   metadata: dict | None = None, admission: Admission | None = None) -> list:
    """One user message through the inbound path to Rasa; the reply as Rasa's message dicts
    ({"text", "buttons", "custom"...}), notices first, never empty. `metadata` must already be
    validated (check_metadata) or set by the server itself (a partner's council). With an
    `admission`, raises bot.channels.admission.Busy when no slot frees in time (Rasa not called)."""
    if isinstance(raw_text, str) and len(raw_text) > SAFETY_WINDOW:
        # a long text takes a while to check whole: off the event loop, so others are answered
        prepared = await asyncio.to_thread(prepare, raw_text)
    else:
        prepared = prepare(raw_text)
    if prepared.text is None:
        return [{"text": n} for n in prepared.notices]
    collector = CollectingOutputChannel()
    message = UserMessage(prepared.text, collector, sender_id, input_channel=channel,
                          metadata={**(metadata or {}), **prepared.metadata})
    try:
        if admission is None:
            await on_new_message(message)
        else:     # Busy (no slot in time) goes to the channel: nothing reached Rasa
            verdict = prepared.verdict   # a 999, or a follow-up that is one after danger
            async with admission.turn(emergency=verdict.is_emergency or verdict.danger_if_context):
                await on_new_message(message)
    except Busy:
        raise
    except CancelledError:
        logger.error("%s: message handling timed out", channel)
    except Exception:  # noqa: BLE001 - logged without the text; the user gets 101/999
        logger.exception("%s: message handling failed", channel)
    return finish(prepared.notices, collector.messages)
