"""Decide who, not only what: combine the classifier's topic scores by the body each topic leads to.

A resident needs the right body. When the top topics disagree on the topic but agree on the body
(fly-tipping vs litter: both the council), the body is clear even though no single topic is. So the
scores of the ranking's topics are summed by the agency each would route to here (place and context
rules applied, bot.conversation.routing), and:

- ANSWER: the leading body holds at least AGREE of the topic mass (and MIN_MASS outright), or the
  message clearly describes a problem (at least PROBLEM_WORDS words) and the best topic has at least
  LEAN: answer with the best topic of the leading body; offer the runner-up topics (other bodies) as
  buttons;
- ASK: otherwise "Did you mean …?" with the top topics.

Thresholds are chosen on the real-voice dev split (bot.measurement.evaluation.candidates), never on
the test split.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from bot.conversation.routing import ASK_PLACE, route
from bot.directory import Directory

AGREE = 0.5          # share of the topic mass on one body that makes the body clear
MIN_MASS = 0.35      # ... provided that body holds at least this much probability outright
LEAN = 0.12          # least confidence of the best topic to answer a clear problem description
PROBLEM_WORDS = 6    # words that make a message a problem description rather than a fragment
COUNCIL = "council"


@dataclass
class Decision:
    """`topic` to answer (None: ask), the `agency` it leads to ("council" while the place is
    unknown), that body's share of the topic mass in [0, 1], and runner-up topics of other bodies."""

    topic: str | None
    agency: str | None = None
    share: float = 0.0
    runners_up: list[str] = field(default_factory=list)


def body_of(directory: Directory, topic_id: str, text: str, council: str | None) -> str:
    """The agency id this topic leads to for this message ("council" when the place decides)."""
    r = route(directory, topic_id, text, council=council)
    if r.status == ASK_PLACE:
        return COUNCIL
    return r.agency or COUNCIL


def decide(directory: Directory, ranking: list, text: str, council: str | None = None,
           exclude: tuple = ("emergency",)) -> Decision:
    """ranking: [(intent, confidence)] best first (the classifier's, under any fallback)."""
    topics = [(i, c) for i, c in ranking if i in directory.topics and i not in exclude]
    if not topics:
        return Decision(topic=None)
    mass: dict[str, float] = {}
    best_of: dict[str, str] = {}
    for topic_id, conf in topics:
        body = body_of(directory, topic_id, text, council)
        mass[body] = mass.get(body, 0.0) + conf
        best_of.setdefault(body, topic_id)
    total = sum(mass.values()) or 1.0
    body = max(mass, key=mass.__getitem__)
    share = mass[body] / total
    agreed = share >= AGREE and mass[body] >= MIN_MASS
    runners = [best_of[b] for b in sorted(mass, key=mass.__getitem__, reverse=True) if b != body][:2]
    clear_problem = len(text.split()) >= PROBLEM_WORDS and topics[0][1] >= LEAN
    if agreed or clear_problem:
        topic = best_of[body] if agreed else topics[0][0]
        chosen = body if agreed else body_of(directory, topic, text, council)
        return Decision(topic=topic, agency=chosen, share=round(share, 3),
                        runners_up=[t for t in runners if t != topic])
    return Decision(topic=None, agency=None, share=round(share, 3), runners_up=[t for t, _ in topics[:3]])
