"""Redact personal data from a message before anything stores or logs it.

Kept: the words (so the safety net and the classifier still work) and a postcode's outward code
(SN15), which is all routing needs. Removed: phone numbers, e-mail addresses, the inward part of a
postcode, vehicle registrations, full dates (dates of birth), card, National Insurance and NHS
numbers. Each is replaced by a short bracketed tag, so the sentence still reads.
"""
from __future__ import annotations

import re

_SEP = r"[ \t\-.]?"
_PATTERNS = [
    # order matters: long digit runs first, so a card is not half-eaten as a phone number
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I), "[email]"),
    ("card", re.compile(r"(?<!\d)(?:\d" + _SEP + r"){12,18}\d(?!\d)"), "[card number]"),
    ("phone", re.compile(r"(?<![\w+])(?:\+44" + _SEP + r"?\(?0?\)?|\(?0)\d(?:\)?" + _SEP + r"\(?\d){8,9}(?!\d)"),
     "[phone]"),
    ("ni", re.compile(r"\b[A-Z]{2}" + _SEP + r"\d{2}" + _SEP + r"\d{2}" + _SEP
                      + r"\d{2}" + _SEP + r"[A-D]\b", re.I), "[NI number]"),
    ("nhs", re.compile(r"(?<!\d)\d{3}" + _SEP + r"\d{3}" + _SEP + r"\d{4}(?!\d)"), "[NHS number]"),
    ("date", re.compile(r"\b\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)?\d{2}\b"), "[date]"),
    ("date", re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|"
                        r"nov|dec)[a-z]*\.?,?\s+(?:19|20)\d{2}\b", re.I), "[date]"),
    ("reg", re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b", re.I), "[vehicle reg]"),
    ("reg", re.compile(r"\b[A-HJ-PR-Y]\d{1,3}\s?[A-Z]{3}\b"), "[vehicle reg]"),
    ("reg", re.compile(r"\b[A-Z]{3}\s?\d{1,3}[A-HJ-PR-Y]\b"), "[vehicle reg]"),
]
# A full postcode keeps its outward code (SN15 3BX -> SN15).
_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*\d[ABD-HJLNP-UW-Z]{2}\b", re.I)


def redact(text: str) -> str:
    if not text:
        return text
    text = _POSTCODE.sub(lambda m: m.group(1).upper(), text)
    for _name, pattern, tag in _PATTERNS:
        text = pattern.sub(tag, text)
    return text


def found(text: str) -> list:
    """Which kinds of personal data the text holds (for tests and counters; never the values)."""
    kinds = [name for name, pattern, _ in _PATTERNS if pattern.search(text or "")]
    if _POSTCODE.search(text or ""):
        kinds.append("postcode")
    return kinds
