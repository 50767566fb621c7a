"""The one path every inbound message takes before Rasa sees it, whatever the channel."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from bot.privacy import redaction as privacy

MAX_CHARS = 1000
# Buttons send "/intent". A public user may type one of these too, which is harmless; anything
# else starting with "/" (/restart, /inform{"council": ...}, /session_start) is read as plain text.
BUTTON_INTENTS = frozenset("""
greet goodbye thanks affirm deny human_handoff bot_challenge out_of_scope inform_place
burglary theft vehicle_crime criminal_damage assault drugs asb hate_crime domestic_abuse harassment
fraud noise fireworks fly_tipping parking abandoned_vehicle untaxed_vehicle dangerous_driving
road_defect street_lighting graffiti litter_bins dog_fouling stray_dog dangerous_dog barking_dog
animal_cruelty lost_property licensing housing_association mental_health missing_person
neighbourhood_team community_messenger report_update
""".split())
_BUTTON = re.compile(r"^/([a-z_]+)$")
EMPTY_NOTICE = "Please type your question, for example: who do I tell about fly-tipping in Devizes?"
LONG_NOTICE = (f"Your message was long, so I read the first {MAX_CHARS:,} characters. Short "
               "messages work best.")
UNAVAILABLE = ("Sorry, I couldn't finish that answer just now. If anyone is in danger or a crime is "
               "happening, call 999. Otherwise call Wiltshire Police on 101, or see "
               "https://www.wiltshire.police.uk")


@dataclass
class Inbound:
    text: str | None                 # what Rasa should see; None means "don't call Rasa"
    notices: list = field(default_factory=list)


def clean(raw: str) -> str:
    """Drop control characters (keeping line breaks), fold to NFC, trim."""
    text = unicodedata.normalize("NFC", raw)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C"
                   or ch in "\u200d")
    return text.strip()


def neutralise_command(text: str) -> str:
    match = _BUTTON.match(text)
    if match and match.group(1) in BUTTON_INTENTS:
        return text
    return text.lstrip("/").strip() if text.startswith("/") else text


def prepare(raw) -> Inbound:
    if not isinstance(raw, str):
        return Inbound(None, [EMPTY_NOTICE])
    text = clean(raw)
    notices = []
    if len(text) > MAX_CHARS:
        text, notices = text[:MAX_CHARS], [LONG_NOTICE]
    text = neutralise_command(text)
    if not text:
        return Inbound(None, [EMPTY_NOTICE])
    return Inbound(privacy.redact(text), notices)


def finish(notices: list, messages: list) -> list:
    """Notices first; and never silence: an empty answer becomes the 101/999 apology."""
    out = [{"text": n} for n in notices] + list(messages)
    if not messages:
        out.append({"text": UNAVAILABLE})
    return out
