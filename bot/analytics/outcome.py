"""One answered question -> one anonymous outcome row.

Only enumerated values reach the store: every field is either a fixed word, a boolean, the hour, or
an id that exists in the directory (topic, agency, council, policing area) or a town from the
gazetteer. Anything else becomes None (or "other" for the channel), so no message text, sender id
or postcode can get through, whatever the dialogue code puts in `Reply.outcome`.
"""
from __future__ import annotations

from datetime import datetime, timezone

from bot.directory import COUNCILS, Directory, default_directory

CHANNELS = ("rest", "socketio", "facebook", "telegram", "twilio", "twilio_voice", "slack",
            "whatsapp", "other")
POLICE_AGENCIES = ("police_999", "police_report", "npt")
# Outcome topics that are not directory topics but are produced by the dialogue.
EXTRA_TOPICS = ("out_of_scope", "human_handoff")
_NOT_GUESSES = ("emergency", "nlu_fallback", "out_of_scope")
FIELDS = ("hour", "day", "hour_of_day", "channel", "topic", "agency", "council", "area", "town",
          "emergency", "asked_place", "fallback", "guess")


def channel_name(value: str | None) -> str:
    value = (value or "").strip().lower()
    return value if value in CHANNELS else "other"


def hour_utc(now: datetime | None = None) -> datetime:
    """The hour (UTC, naive) an outcome is filed under: minutes and seconds are dropped."""
    now = now or datetime.now(timezone.utc)
    if now.tzinfo is not None:
        now = now.astimezone(timezone.utc).replace(tzinfo=None)
    return now.replace(minute=0, second=0, microsecond=0)


_TOWNS_CACHE: dict = {}


def _towns(directory: Directory) -> dict:
    cached = _TOWNS_CACHE.get(id(directory))
    if cached is None or cached[0] is not directory:
        cached = _TOWNS_CACHE[id(directory)] = (directory, _build_towns(directory))
    return cached[1]


def _build_towns(directory: Directory) -> dict:
    """Gazetteer place name -> (town, council) it is counted under; villages are absent.

    Towns and cities count as themselves; a neighbourhood or urban parish counts under the town
    its policing area is named after (Penhill -> Swindon, Harnham -> Salisbury). Villages are
    never named: they are counted in their policing area only.
    """
    towns = {p.name: p for p in directory.places
             if p.kind in ("city", "town") and p.council in COUNCILS}
    out: dict = {name: (name, p.council) for name, p in towns.items()}
    for place in directory.places:
        if place.kind in ("neighbourhood", "parish") and place.council in COUNCILS and place.area:
            area_name = directory.areas[place.area].name
            named = [t for t in towns.values() if t.council == place.council
                     and area_name.lower().startswith(t.name.lower())]
            if named:
                town = max(named, key=lambda t: len(t.name))
                out[place.name] = (town.name, town.council)
    return out


def town_for(place: str | None, council: str | None,
             directory: Directory | None = None) -> str | None:
    if not place or not council:
        return None
    d = directory or default_directory()
    town = _towns(d).get(place)
    return town[0] if town and town[1] == council else None


def guessed_topic(ranking, directory: Directory | None = None,
                  min_confidence: float = 0.05) -> str | None:
    """The topic Signpost would have offered first for a fallback ("did you mean ...?")."""
    d = directory or default_directory()
    for name, confidence in ranking or ():
        if name in d.topics and name not in _NOT_GUESSES and (confidence or 0) >= min_confidence:
            return name
    return None


def settles_a_question(outcome: dict) -> bool:
    """True when this turn answered (or failed to answer) a question.

    A turn that only asks for the place is not counted: the question is counted once, on the
    turn that answers it, with asked_place set. Turns without a topic (a bare place, "no thanks")
    are not questions.
    """
    if outcome.get("emergency") or outcome.get("fallback"):
        return True
    if not outcome.get("topic"):
        return False
    return not (outcome.get("asked_place") and not outcome.get("agency"))


def anonymous_row(outcome: dict, channel: str | None, *, place: str | None = None,
                  pending_topic: str | None = None, ranking=None,
                  now: datetime | None = None,
                  directory: Directory | None = None) -> dict | None:
    """The row to store for one turn's `Reply.outcome`, or None when the turn is not counted.

    place: the gazetteer place in the conversation state (used only to find the town);
    pending_topic: the topic waiting for a place before this turn (to tell if we had to ask);
    ranking: the NLU intent ranking (to record the guessed topic of a fallback).
    """
    if not isinstance(outcome, dict) or not settles_a_question(outcome):
        return None
    d = directory or default_directory()
    topic = outcome.get("topic")
    topic = topic if (topic in d.topics or topic in EXTRA_TOPICS) else None
    agency = outcome.get("agency")
    agency = agency if (agency in d.agencies or agency == "council") else None
    council = outcome.get("council")
    council = council if council in COUNCILS else None
    area = outcome.get("area")
    area = area if (council and area in d.areas and d.areas[area].council == council) else None
    asked = bool(outcome.get("asked_place")) or bool(topic and pending_topic == topic)
    fallback = bool(outcome.get("fallback"))
    hour = hour_utc(now)
    return {
        "hour": hour, "day": hour.date(), "hour_of_day": hour.hour,
        "channel": channel_name(channel),
        "topic": topic, "agency": agency, "council": council, "area": area,
        "town": town_for(place, council, d) if area else None,
        "emergency": bool(outcome.get("emergency")),
        "asked_place": asked,
        "fallback": fallback,
        "guess": guessed_topic(ranking, d) if fallback else None,
    }
