"""Find the parts of a message that could each carry a problem (issue 10, item 3).

A resident may raise two problems in one message ("the lights have been out for weeks ... and now
two cars on the road have been broken into"). The classifier ranks the whole message, so one
problem wins and the other is lost. Here the message is cut into its sentences (spaCy's rule-based
Sentencizer: punctuation) and each sentence again at a connective that starts a new matter ("also",
"on top of that", "another thing"), so each part can be classified on its own
(bot.understanding.components) and a second body answered (bot.conversation.decide.second_problem).

Parts shorter than MIN_WORDS words ("Thanks.", "Help!") carry no problem of their own and are
joined to the part before them.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

MIN_WORDS = 4
# A connective that opens a new matter inside one sentence: cut just before it.
_CONNECTIVE = re.compile(
    r"\b(?:(?:and|but) )?(?:also|plus|on top of (?:that|this)|not to mention|another thing(?: is)?|"
    r"as well as (?:that|this)|what'?s more|the other (?:thing|problem|issue)(?: is)?|"
    r"(?:and )?separately)\b[,:]?", re.IGNORECASE)
_NEWLINES = re.compile(r"\n\s*\n|\n(?=\s*[-*•\d])")


@lru_cache(maxsize=1)
def _sentencizer() -> Sentencizer:
    return Sentencizer()


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the doc's sentences (set by the Sentencizer when the doc has none)."""
    if not doc.has_annotation("SENT_START"):
        doc = _sentencizer()(doc)
    spans = []
    for sent in doc.sents:
        start = sent.start_char
        # blank lines and list items also end a sentence (posts written without full stops)
        for cut in _NEWLINES.finditer(sent.text):
            spans.append((start, sent.start_char + cut.start()))
            start = sent.start_char + cut.end()
        spans.append((start, sent.end_char))
    return spans


def _at_connectives(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [m.start() for m in _CONNECTIVE.finditer(text, start, end) if m.start() > start]
    bounds = [start, *cuts, end]
    return list(zip(bounds, bounds[1:], strict=False))


def _words(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


def problem_spans(doc: Doc) -> list[tuple[int, int]]:
    """[(start, end)] character spans of `doc.text` that may each carry a problem, in order; one
    span (the whole text, stripped) when the message has a single part. Whitespace is trimmed."""
    text = doc.text
    parts: list[tuple[int, int]] = []
    for s, e in _sentences(doc):
        parts += _at_connectives(text, s, e)
    merged: list[list[int]] = []
    for s, e in parts:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        s, e = s + lead, s + len(chunk.rstrip())
        if s >= e:
            continue
        # a short part joins the one before it, and a short part before takes in this one
        if merged and min(_words(text, s, e), _words(text, *merged[-1])) < MIN_WORDS:
            merged[-1][1] = e
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged] or [(0, len(text))]
