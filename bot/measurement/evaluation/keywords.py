"""A 15-rule keyword script: the baseline Signpost must beat on every real-voice set.

It stands for what a careful person could write in an afternoon without any model: the first rule
whose pattern matches names the body, else the police non-emergency route.
"""
from __future__ import annotations

import re

RULES: list[tuple[str, str]] = [
    (r"\b(knife|gun|stabbed|not breathing|unconscious|collapsed|on fire|fire|smoke|drown\w*|help me)\b",
     "police_999"),
    (r"\b(scam\w*|fraud\w*|phishing|hacked)\b", "report_fraud"),
    (r"\b(m4|a303|a36|a419|a34|a417|motorway)\b", "national_highways"),
    (r"\b(fly.?tip\w*|dumped|rubbish|litter|bins?)\b", "council"),
    (r"\b(pot ?holes?|street ?lights?|graffiti|pavement)\b", "council"),
    (r"\b(park(ed|ing)|driveway)\b", "council"),
    (r"\b(barking|dog (mess|poo|fouling))\b", "council"),
    (r"\b(noise|noisy|music|party|parties)\b", "council"),
    (r"\b(untaxed|no tax|tax)\b", "dvla"),
    (r"\b(rspca|cruel\w*|neglect\w*|injured (bird|fox|deer|hedgehog|animal|cat|swan))\b", "rspca"),
    (r"\b(landlord|housing association|damp|mould)\b", "housing_association"),
    (r"\b(builder|trader|refund|faulty)\b", "citizens_advice"),
    (r"\b(river|sewage|pollution|polluted)\b", "environment_agency"),
    (r"\b(railway|train line|track|level crossing)\b", "network_rail"),
    (r".", "police_report"),
]
_COMPILED = [(re.compile(p, re.I), agency) for p, agency in RULES]


def keyword_agency(text: str) -> str:
    """The agency id the first matching rule names (the last rule matches any text)."""
    return next((agency for pattern, agency in _COMPILED if pattern.search(text)), "police_report")
