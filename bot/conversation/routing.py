"""Topic + place + what the message says -> who handles it (a Route), using topics.yml rules."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from bot.directory import Contact, Directory, Topic
from bot.understanding import safety
from bot.understanding.textnorm import normalise

EMERGENCY_AGENCY = "police_999"
# "not in danger right now", "no one is being attacked": a 999 phrase said in the negative
_NEGATED = re.compile(r"(?:\b(?:not|no|never|nobody|no one|isn't|isnt|wasn't|wasnt|aren't|arent)\s+)$")
# "I'm not in danger right now but...", "it's not an emergency": said safe outright
_SAID_SAFE = re.compile(r"\b((not|no one|nobody|noone)( is| are|'s)? (in )?(any )?(immediate )?danger|"
                        r"no (immediate )?danger|not an emergency|(isn't|isnt|is not) an emergency)\b")

ASK_PLACE, ROUTE, OUTSIDE_AREA = "ask_place", "route", "outside"


@dataclass(frozen=True)
class Route:
    status: str                         # ROUTE, ASK_PLACE or OUTSIDE_AREA
    topic: Topic
    agency: str | None = None        # agency id
    council: str | None = None       # council id, when the place is known
    why: str = ""
    contact: Contact | None = None
    also: tuple = field(default_factory=tuple)   # other agency ids worth showing
    rule_matched: bool = False
    service: str | None = None       # the agency's service (its own page or form), if the topic names one

    def payload(self, directory: Directory, place: str | None = None,
                area: str | None = None) -> dict:
        """The public `route` contract object (README: Contract for integrators)."""
        return {"route": {
            "agency": self.agency, "topic": self.topic.id, "council": self.council,
            "contact": self.contact.as_payload() if self.contact else None,
            "agency_name": directory.agencies[self.agency].name if self.agency else None,
            "why": self.why, "place": place, "area": area,
        }}


# Between a phrase's words, any run of spaces and punctuation: people write "the council, as her
# landlord" and "dead - fox" where the rule says "council as her landlord".
_GAP = r"[\s,;:.!?()\"\-]*\s[\s,;:.!?()\"\-]*|[,;:.!?\-]+"


def _phrase(phrase: str) -> str:
    """A phrase at a word start, its words apart by spaces or punctuation; one ending in a digit not
    followed by another ("a36" is not the A360, "a34" not the A342), so road numbers never need
    ordering tricks."""
    tail = "(?![0-9])" if phrase[-1:].isdigit() else ""
    body = f"(?:{_GAP})".join(re.escape(word) for word in phrase.split())
    return rf"(?<![a-z0-9]){body}{tail}"


@cache
def _compiled(phrase: str, whole_word: bool = False) -> re.Pattern:
    # the directory's phrases outnumber re's own cache of 512 patterns: keep every one compiled
    return re.compile(_phrase(phrase) + ("(?![a-z0-9])" if whole_word else ""))


def _mentions(text: str, phrase: str) -> bool:
    return _compiled(phrase).search(text) is not None


def _mentions_word(text: str, phrase: str) -> bool:
    """The phrase as whole words: "a36" in "the a36 at warminster", not in "the a360"."""
    return _compiled(phrase, True).search(text) is not None


def _mentions_now(text: str, phrase: str) -> bool:
    """A 999 rule's phrase said plainly, not negated ("not in danger right this minute")."""
    return any(not _NEGATED.search(text[:m.start()])
               for m in _compiled(phrase).finditer(text))


def mentions_any(text: str, phrases) -> bool:
    """True when the message holds any of the (lower-case) phrases, each at a word start."""
    norm = normalise(text)
    return any(_mentions(norm, p) for p in phrases)


def needs_place(topic: Topic, agency: str) -> bool:
    return agency == "council" or topic.id == "neighbourhood_team"


def route(directory: Directory, topic_id: str, text: str = "",
          council: str | None = None, outside: bool = False) -> Route:
    """Decide the body for a topic. `council` is the resident's council if known."""
    topic = directory.topics[topic_id]
    agency, service, why, matched = topic.agency, topic.service, topic.why, False
    norm = normalise(text)
    for rule in topic.rules:
        if rule.agency == EMERGENCY_AGENCY:
            # a 999 rule speaks only of now: not negated, not a story told afterwards, news or a
            # worry (measured on the real-voice train + dev splits: these rules raised 12 false
            # 999s there and caught no emergency the safety net missed)
            if not any(_mentions_now(norm, phrase) for phrase in rule.when_any) or \
                    _SAID_SAFE.search(norm) or safety.check(text).told_afterwards:
                continue
        elif not any(_mentions(norm, phrase) for phrase in rule.when_any) or \
                (rule.and_any and not any(_mentions_word(norm, word) for word in rule.and_any)):
            continue
        agency, service, why, matched = rule.agency, rule.service, rule.why, True
        break
    if needs_place(topic, agency) and not council:
        return Route(OUTSIDE_AREA if outside else ASK_PLACE, topic, agency=None, why=why,
                     rule_matched=matched, service=service)
    if agency == "council":
        agency = council
    contact = directory.agencies[agency].contact_for(service)
    also = tuple(dict.fromkeys(council if a == "council" else a for a in topic.also
                               if (a != "council" or council) and a != agency
                               and not (a == "council" and council == agency)))
    return Route(ROUTE, topic, agency=agency, council=council, why=why, contact=contact,
                 also=also, rule_matched=matched, service=service)
