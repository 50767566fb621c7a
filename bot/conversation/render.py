"""Plain-text phrasing of answers: reads well on a web page, SMS and WhatsApp alike (no markup)."""
from __future__ import annotations

import re

from bot.directory import Agency, Contact, Directory

MAX_LABEL = 45
MAX_NOTE_SENTENCES = 2


def _label(label: str, default: str) -> str:
    return label if label and len(label) <= MAX_LABEL else default


def contact_lines(contact: Contact, limit_phones: int = 2) -> list[str]:
    lines = []
    for web in contact.web[:1]:
        lines.append(f"{_label(web.label, 'Online')}: {web.value}")
    for phone in contact.phones[:limit_phones]:
        hours = f" ({phone.hours})" if phone.hours else ""
        lines.append(f"{_label(phone.label, 'Call')}: {phone.value}{hours}")
    for email in contact.emails[:1]:
        lines.append(f"Email: {email.value}")
    if contact.hours:
        lines.append(f"Hours: {contact.hours.value}")
    if contact.link_note:
        lines.append(f"About the link: {contact.link_note}")
    return lines


def short_contact(agency: Agency) -> str:
    """One line: name and the first phone or link."""
    c = agency.contact
    how = c.phones[0].value if c.phones else (c.web[0].value if c.web else "")
    return f"{agency.name}: {how}" if how else agency.name


def first_sentences(text: str, n: int = MAX_NOTE_SENTENCES) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    return " ".join(sentences[:n])


def who(agency: Agency, contact: Contact, topic_title: str) -> str:
    desk = contact.name
    if desk and desk != agency.name and desk.lower() != topic_title.lower():
        return f"{agency.name}, {desk}"
    return agency.name


def route_text(directory: Directory, route, place: str | None) -> str:
    agency = directory.agencies[route.agency]
    where = f" in {place}" if place else ""
    lines = [f"{route.topic.title}{where}",
             f"Who: {who(agency, route.contact, route.topic.title)}",
             f"Why: {route.why}"]
    lines += contact_lines(route.contact)
    if route.topic.have_ready:
        lines.append("Have ready: " + "; ".join(route.topic.have_ready) + ".")
    notes = route.contact.notes or agency.notes   # the desk's own notes are the more specific
    if notes:
        lines.append("Note: " + first_sentences(notes))
    return "\n".join(lines)


def also_text(directory: Directory, agency_ids) -> str:
    return "Also useful:\n" + "\n".join(f"- {short_contact(directory.agencies[a])}"
                                         for a in agency_ids)
