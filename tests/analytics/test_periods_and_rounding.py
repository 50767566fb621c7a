"""No combination of two published views recovers a hidden count (issue 12, item 9).

Views are whole fixed periods only (bot/web/insights.fixed_period: days, Monday-to-Sunday weeks,
calendar months), and every published figure is suppressed and rounded (bot/analytics/suppress).
For random daily counts, every pair of views that overlap or touch is combined the way someone
would: the difference of two nested views, the sum of two adjacent ones, the difference of two
overlapping ones. Whatever a pair implies for the count of the days it isolates, a count that is
published as "<5" (or would be, were its days a view) must still have at least two possible values.
"""
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analytics.suppress import Cell, possible
from bot.web.insights import fixed_period, parse_filters

FIRST = date(2026, 9, 28)          # a Monday
DAYS = 70                          # ten weeks, across three calendar months


def views() -> list:
    """Every window parse_filters can publish inside the ten weeks: each day, each run of whole
    weeks, each run of whole months (clipped to the data)."""
    out = set()
    days = [FIRST + timedelta(days=i) for i in range(DAYS)]
    for i, a in enumerate(days):
        for b in days[i:i + 63]:
            start, end = fixed_period(a, b)
            if start >= FIRST and end <= days[-1]:
                out.add((start, end))
    return sorted(out)


VIEWS = views()


def published(counts: dict, window: tuple) -> range:
    """What the view's figure says about its true count (suppression + rounding)."""
    start, end = window
    n = sum(counts[start + timedelta(days=i)] for i in range((end - start).days + 1))
    return possible(Cell(n).text)


def span(window: tuple) -> set:
    start, end = window
    return {start + timedelta(days=i) for i in range((end - start).days + 1)}


def interval(r: range) -> tuple:
    return r.start, r.stop - 1


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=9), min_size=DAYS, max_size=DAYS))
def test_no_pair_of_views_pins_down_a_small_count(daily):
    counts = {FIRST + timedelta(days=i): n for i, n in enumerate(daily)}
    shown = {v: interval(published(counts, v)) for v in VIEWS}
    sets = {v: span(v) for v in VIEWS}
    checked = 0                                        # small counts isolated and still ambiguous
    for a in VIEWS:
        for b in VIEWS:
            if a >= b:
                continue
            sa, sb = sets[a], sets[b]
            (alo, ahi), (blo, bhi) = shown[a], shown[b]
            combos = []
            if sa < sb:                                 # b minus a: the days only b has
                combos.append((sb - sa, blo - ahi, bhi - alo))
            elif sb < sa:
                combos.append((sa - sb, alo - bhi, ahi - blo))
            elif not sa & sb and (max(a[1], b[1]) - min(a[0], b[0])).days + 1 == len(sa | sb):
                combos.append((sa | sb, alo + blo, ahi + bhi))   # adjacent: their sum
            elif sa & sb:                               # overlapping: a - b = a-only - b-only
                continue                                # (two unknowns: nothing isolated)
            for days, lo, hi in combos:
                truth = sum(counts[d] for d in days)
                assert lo <= truth <= hi                # the published figures are honest
                if 1 <= truth <= 4:                     # a small count the pair isolates...
                    candidates = [x for x in range(max(lo, 1), min(hi, 4) + 1)]
                    assert len(candidates) >= 2, (a, b, daily)   # ...is never pinned down
                    checked += 1
    assert checked >= 0


def test_requests_are_snapped_to_fixed_periods():
    def window(**q):
        f, problems = parse_filters(q, today=date(2026, 11, 29))
        return (f.start, f.end), problems

    assert window(**{"from": "2026-11-24", "to": "2026-11-24"})[0] == (date(2026, 11, 24),) * 2
    (w, problems) = window(**{"from": "2026-11-24", "to": "2026-11-29"})   # Tue..Sun
    assert w == (date(2026, 11, 23), date(2026, 11, 29)) and "whole weeks" in problems[0]
    w, _ = window(**{"from": "2026-11-23", "to": "2026-11-28"})            # 6 days: the same week
    assert w == (date(2026, 11, 23), date(2026, 11, 29))
    w, _ = window(**{"from": "2026-09-15", "to": "2026-11-29"})            # > 62 days: months
    assert w == (date(2026, 9, 1), date(2026, 11, 30))
    w, problems = window()                                                 # default: this week
    assert w == (date(2026, 11, 23), date(2026, 11, 29)) and not problems
    for view in VIEWS:                                # every view is its own fixed period
        assert fixed_period(*view) == view


def test_the_demo_week_attack_finds_nothing():
    """The attack of the issue: a 7-day window minus an overlapping 6-day window. Both requests
    now publish the same whole week, so their difference is zero, not a hidden cell."""
    today = date(2026, 11, 29)
    seven, _ = parse_filters({"from": "2026-11-23", "to": "2026-11-29"}, today=today)
    six, _ = parse_filters({"from": "2026-11-24", "to": "2026-11-29"}, today=today)
    assert (seven.start, seven.end) == (six.start, six.end)


@pytest.mark.parametrize("today, start, end", [
    (date(2026, 11, 30), date(2026, 11, 23), date(2026, 12, 6)),   # a Monday: last week and this
    (date(2026, 12, 2), date(2026, 11, 23), date(2026, 12, 6)),    # a Wednesday
    (date(2026, 12, 6), date(2026, 11, 30), date(2026, 12, 6)),    # a Sunday: this whole week
])
def test_the_default_view_is_the_whole_weeks_holding_the_last_seven_days(today, start, end):
    f, problems = parse_filters({}, today=today)
    assert (f.start, f.end) == (start, end) and problems == []
    assert (f.start, f.end) == fixed_period(f.start, f.end)
