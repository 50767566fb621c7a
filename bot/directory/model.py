"""The directory as plain, immutable Python objects (built and validated by loader.py)."""
from __future__ import annotations

from dataclasses import dataclass, field

COUNCILS = ("wiltshire_council", "swindon_borough_council")
OUTSIDE = "outside"


@dataclass(frozen=True)
class Fact:
    """One sourced fact: a phone number, a link, an e-mail address or an hours line."""

    value: str
    label: str
    source: str
    checked: str
    hours: str = ""


@dataclass(frozen=True)
class Contact:
    name: str
    phones: tuple[Fact, ...] = ()
    web: tuple[Fact, ...] = ()
    emails: tuple[Fact, ...] = ()
    hours: Fact | None = None
    # Why the link is not a page for this very problem (e.g. "no page could be confirmed"):
    # required by the loader whenever a topic routes here and the first link is missing or a
    # site's home page, so a resident is never silently sent to a front page.
    link_note: str = ""
    notes: str = ""   # a service's own notes (shown instead of the agency's when it has them)

    def as_payload(self) -> dict:
        """The `contact` object of the public route contract (see README)."""
        return {
            "name": self.name,
            "phones": [{"number": p.value, "label": p.label, **({"hours": p.hours} if p.hours else {})}
                       for p in self.phones],
            "web": [{"url": w.value, "label": w.label} for w in self.web],
            "emails": [{"address": e.value, "label": e.label} for e in self.emails],
            "hours": self.hours.value if self.hours else None,
            "sources": sorted({f.source for f in self.facts()}),
            "link_note": self.link_note or None,
        }

    def facts(self) -> tuple[Fact, ...]:
        return self.phones + self.web + self.emails + ((self.hours,) if self.hours else ())


@dataclass(frozen=True)
class Agency:
    id: str
    name: str
    handles: str
    contact: Contact
    notes: str = ""
    services: dict = field(default_factory=dict)  # service id -> Contact

    def contact_for(self, service: str | None) -> Contact:
        """A service's own contact, falling back to the agency's for anything it lacks."""
        if not service or service not in self.services:
            return self.contact
        own = self.services[service]
        return Contact(
            name=own.name,
            phones=own.phones or self.contact.phones,
            web=own.web or self.contact.web,
            emails=own.emails,
            hours=own.hours if own.phones else (own.hours or self.contact.hours),
            # a borrowed (agency-wide) link keeps the service's note, else the agency's
            link_note=own.link_note or ("" if own.web else self.contact.link_note),
            notes=own.notes or self.notes,
        )


@dataclass(frozen=True)
class Rule:
    when_any: tuple[str, ...]
    agency: str
    why: str
    service: str | None = None
    # and, when given, one of these whole words too ("dead deer" and "a36", not "a360")
    and_any: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    kind: str
    agency: str  # "council" or an agency id
    why: str
    service: str | None = None
    have_ready: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    offer_alerts: bool = False
    rules: tuple[Rule, ...] = ()

    @property
    def is_crime(self) -> bool:
        return self.kind in ("crime", "asb", "emergency")


@dataclass(frozen=True)
class Hint:
    """Where an out-of-scope question does go (first match of `when_any` wins)."""

    say: str
    when_any: tuple[str, ...] = ()
    answer: str = ""                     # replaces the opening line when set
    agencies: tuple[str, ...] = ()       # agency ids whose main contact is shown
    source: str = ""                     # public page for a number in `say` (required then)
    checked: str = ""                    # YYYY-MM-DD the source was checked


@dataclass(frozen=True)
class OutOfScope:
    """The answer for questions no listed body handles (topics.yml `out_of_scope:`)."""

    answer: str                          # "That's not one for the police or the council ..."
    then: str                            # what Signpost does instead
    default: Hint
    hints: tuple[Hint, ...] = ()


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    council: str


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    council: str  # a council id or "outside"
    area: str | None = None
    county: str | None = None
    aliases: tuple[str, ...] = ()
    ambiguous: bool = False


@dataclass(frozen=True)
class District:
    """A postcode district (outward code) such as SN15."""

    code: str
    council: str | None = None  # None when split
    area: str | None = None
    county: str | None = None
    split: tuple[str, ...] = ()


@dataclass(frozen=True)
class Directory:
    agencies: dict
    topics: dict
    areas: dict
    places: tuple
    districts: dict
    council_names: dict = field(default_factory=dict)
    out_of_scope: OutOfScope | None = None

    def agency(self, agency_id: str) -> Agency:
        return self.agencies[agency_id]
