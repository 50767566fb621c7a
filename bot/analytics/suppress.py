"""Small-number suppression for everything the insight page and CSV show.

Rules (README "Insights"):
1. Primary: a count from 1 to 4 is shown as "<5". Zero is shown as 0 (it identifies no-one).
2. Secondary: wherever a total is shown next to its parts, the hidden parts must not be
   recoverable by subtraction. In any such group, if only one part is hidden, or the hidden parts
   add up to less than 5, or they could only all be 4, the smallest visible part is hidden too
   (shown as "—"); if no part is left to hide, the total is hidden.
3. Percentages are given only for visible counts, and a share (part of a whole) only when both
   the part and the rest of the whole are 5 or more.
4. Rounding: every count of 5 or more is shown rounded to the nearest 5 (5, 6, 7 show as 5; 8 to
   12 as 10), and percentages and rankings use the rounded figures. Together with fixed periods
   (bot/web/insights.py: whole days, weeks or months, never arbitrary ranges) no difference or
   sum of two published figures pins a hidden count down: a shown figure stands for 3 to 5
   possible values, "<5" for 4, so any combination of two stands for at least two values of a
   hidden one (tests/analytics/test_periods_and_rounding.py tries every pair of views).
Rankings put hidden rows last in name order, so their order reveals nothing either.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

THRESHOLD = 5
ROUND_TO = 5
SMALL = "<5"
HIDDEN = "—"
SHOWN, PRIMARY, SECONDARY = "shown", "primary", "secondary"


class Cell:
    """A count and whether it may be shown."""

    __slots__ = ("n", "state")

    def __init__(self, n: int) -> None:
        self.n = int(n)
        self.state = PRIMARY if 0 < self.n < THRESHOLD else SHOWN

    @property
    def hidden(self) -> bool:
        return self.state != SHOWN

    @property
    def shown(self) -> int:
        """The published figure: 0, or the count rounded to the nearest ROUND_TO (half up)."""
        return rounded(self.n)

    @property
    def text(self) -> str:
        if self.state == PRIMARY:
            return SMALL
        if self.state == SECONDARY:
            return HIDDEN
        return f"{self.shown:,}"

    @property
    def csv(self) -> str:
        return {PRIMARY: SMALL, SECONDARY: "hidden"}.get(self.state, str(self.shown))

    @property
    def value(self) -> int | None:
        """The published number, or None when it must not be shown (for chart bars)."""
        return None if self.hidden else self.shown

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Cell({self.n}, {self.state})"


def rounded(n: int) -> int:
    """n rounded to the nearest ROUND_TO, halves up (7 -> 5, 8 -> 10); 0 stays 0."""
    return ROUND_TO * ((int(n) * 2 + ROUND_TO) // (2 * ROUND_TO))


def possible(text: str) -> range:
    """Every true count a published cell text can stand for ("<5", "0", "1,235")."""
    if text == SMALL:
        return range(1, THRESHOLD)
    n = int(text.replace(",", ""))
    if n == 0:
        return range(0, 1)
    low = max(THRESHOLD, n - ROUND_TO // 2)
    return range(low, n + (ROUND_TO - 1) // 2 + 1)


@dataclass
class Group:
    """Parts shown next to their total. `unshown` is a part of the total that is not displayed
    anywhere (for example questions with no town): it counts as a hidden part."""

    parts: list[Cell]
    total: Cell
    unshown: int = 0


def _needs_more(group: Group) -> bool:
    hidden = [c for c in group.parts if c.hidden]
    if not any(c.state == PRIMARY for c in hidden):
        return False
    values = [c.n for c in hidden] + ([group.unshown] if group.unshown > 0 else [])
    k, s = len(values), sum(values)
    only_small = all(c.state == PRIMARY for c in hidden) and group.unshown < THRESHOLD
    return k == 1 or s < THRESHOLD or (only_small and s == (THRESHOLD - 1) * k)


def protect(groups: Iterable[Group]) -> None:
    """Apply secondary suppression (rule 2) in place until no group leaks."""
    groups = list(groups)
    changed = True
    while changed:
        changed = False
        for g in groups:
            if g.total.hidden or not _needs_more(g):
                continue
            visible = sorted((c for c in g.parts if not c.hidden and c.n > 0), key=lambda c: c.n)
            if visible:
                visible[0].state = SECONDARY
            else:
                g.total.state = SECONDARY
            changed = True


def percent(part: Cell, whole: Cell) -> str:
    """Share of a visible count in a visible total, e.g. "42%"; "" when either is hidden."""
    if part.hidden or whole.hidden or whole.shown <= 0:
        return ""
    share = 100 * part.shown / whole.shown
    return f"{share:.1f}%" if share < 1 else f"{round(share)}%"


@dataclass
class Share:
    """A headline figure: `part` of `whole` (rule 3)."""

    part: Cell
    whole: Cell
    pct: str = field(init=False)

    def __post_init__(self) -> None:
        rest = self.whole.n - self.part.n
        if not self.part.hidden and 0 < rest < THRESHOLD:
            self.part.state = SECONDARY   # part and whole would give away a small rest
        self.pct = percent(self.part, self.whole)


def ranked(rows: list, key=lambda r: r[1], name=lambda r: r[0]) -> list:
    """Visible rows by count (largest first), then hidden rows by name."""
    visible = [r for r in rows if not key(r).hidden]
    hidden = [r for r in rows if key(r).hidden]
    return (sorted(visible, key=lambda r: (-key(r).shown, str(name(r))))
            + sorted(hidden, key=lambda r: str(name(r))))
