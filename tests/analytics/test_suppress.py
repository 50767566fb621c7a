"""Small numbers: shown as <5, never recoverable by subtraction or from a percentage."""
import csv
import io
import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analytics.export import report_csv
from bot.analytics.report import build_report
from bot.analytics.store import Filters
from bot.analytics.suppress import Cell, Group, Share, percent, protect, ranked
from tests.analytics.conftest import days_ago, rows


def test_cells():
    assert [Cell(n).text for n in (0, 1, 4, 5, 7, 8, 1234)] == ["0", "<5", "<5", "5", "5", "10", "1,235"]
    assert Cell(3).csv == "<5" and Cell(3).value is None and Cell(7).value == 5  # rounded


def test_one_hidden_part_next_to_its_total_takes_another_with_it():
    parts = [Cell(3), Cell(20), Cell(9)]
    protect([Group(parts, Cell(32))])
    assert [c.text for c in parts] == ["<5", "20", "—"]


def test_two_small_parts_adding_to_under_five_are_not_enough():
    parts = [Cell(1), Cell(2), Cell(40), Cell(30)]
    protect([Group(parts, Cell(73))])
    assert [c.text for c in parts] == ["<5", "<5", "40", "—"]


def test_percentages_never_for_hidden_counts():
    assert percent(Cell(3), Cell(100)) == "" and percent(Cell(50), Cell(200)) == "25%"
    assert percent(Cell(2), Cell(300)) == ""
    share = Share(Cell(98), Cell(100))          # the other 2 would be given away
    assert share.part.text == "—" and share.pct == ""
    share = Share(Cell(60), Cell(100))
    assert (share.part.text, share.pct) == ("60", "60%")


def test_hidden_rows_are_ranked_by_name_not_by_size():
    out = ranked([("b", Cell(4)), ("a", Cell(1)), ("c", Cell(9)), ("d", Cell(12)),
                  ("e", Cell(16))], key=lambda r: r[1], name=lambda r: r[0])
    # visible rows by their published (rounded) figure, then name: 9 and 12 both show as 10
    assert [r[0] for r in out] == ["e", "c", "d", "a", "b"]


def _leaks(group: Group) -> bool:
    """Can a small hidden part be worked out from this group's visible numbers?"""
    if group.total.hidden:
        return False
    hidden = [c for c in group.parts if c.hidden]
    if not any(c.state == "primary" for c in hidden):
        return False
    rest = group.total.n - sum(c.n for c in group.parts if not c.hidden)
    return len(hidden) == 1 and group.unshown == 0 or rest < 5


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.integers(0, 30), min_size=1, max_size=6), min_size=1, max_size=6))
def test_protect_leaves_no_group_that_gives_a_small_number_away(grid):
    """A grid with row, column and grand totals, like the page's day x topic table."""
    width = max(len(r) for r in grid)
    cells = [[Cell(v) for v in r + [0] * (width - len(r))] for r in grid]
    row_totals = [Cell(sum(c.n for c in r)) for r in cells]
    col_totals = [Cell(sum(r[j].n for r in cells)) for j in range(width)]
    grand = Cell(sum(c.n for c in row_totals))
    groups = ([Group(r, t) for r, t in zip(cells, row_totals, strict=True)]
              + [Group([r[j] for r in cells], col_totals[j]) for j in range(width)]
              + [Group(row_totals, grand), Group(col_totals, grand)])
    protect(groups)
    assert not [g for g in groups if _leaks(g)]
    for c in [*sum(cells, []), *row_totals, *col_totals]:
        assert c.state != "primary" or 0 < c.n < 5      # only small numbers are shown as <5


def _csv(report):
    return list(csv.DictReader(io.StringIO(report_csv(report))))


def test_report_suppresses_a_small_village_area_and_town(sqlite_store):
    when = days_ago(1)
    sqlite_store.insert(
        rows(40, when=when, place="Chippenham")
        + rows(3, when=when, topic="noise", council="wiltshire_council", area="warminster_area",
               place="Mere")
        + rows(12, when=when, topic="burglary", agency="police_report")
        + rows(2, when=when, topic="asb", agency="police_report", council="wiltshire_council",
               area="amesbury_area"))
    f = Filters.last_days(7)
    r = build_report(sqlite_store, f)
    assert r.total.text == "55"                      # 57, rounded to the nearest 5
    areas = {h.label: h.total.text for h in r.areas}
    assert areas["Warminster area"] == "<5" and areas["Amesbury area"] == "<5"
    towns = {h.label: h.total.text for h in r.towns}
    assert towns == {"Chippenham": "40", "Mere": "<5"}
    topics = {x.label: (x.cell.text, x.pct) for x in r.topics}
    assert topics["Noise"] == ("<5", "") and topics["Anti-social behaviour"] == ("<5", "")
    lines = _csv(r)
    hot = {(x["level"], x["name"]): x["count"] for x in lines if x["section"] == "hotspot"}
    assert hot[("policing area", "Warminster area")] == "<5"
    assert hot[("town", "Mere")] == "<5"
    # No count below 5 anywhere in the CSV: every number shown is 0 or 5+.
    for x in lines[1:]:
        if re.fullmatch(r"\d+", x["count"]):
            assert int(x["count"]) == 0 or int(x["count"]) >= 5, x
    # Percentages only next to visible counts.
    assert all(not x["percent"] or x["count"] not in ("<5", "hidden") for x in lines)


def test_hidden_demand_share_does_not_give_away_a_small_police_count(sqlite_store):
    when = days_ago(0, hour=0)
    sqlite_store.insert(rows(30, when=when) + rows(2, when=when, topic="theft",
                                                   agency="police_report"))
    r = build_report(sqlite_store, Filters.last_days(2))
    assert r.routed.text == "30"                     # 32, rounded
    assert r.hidden_demand.part.text == "—" and r.hidden_demand.pct == ""
    assert r.classes["police"].text == "<5"
    page_numbers = {r.hidden_demand.part.text, r.classes["council"].text, r.classes["other"].text}
    assert "30" not in page_numbers


def test_filters_by_council_channel_and_dates(sqlite_store):
    sqlite_store.insert(rows(6, when=days_ago(1), channel="telegram")
                        + rows(7, when=days_ago(1), topic="noise", agency="swindon_borough_council",
                               council="swindon_borough_council", area="swindon_north")
                        + rows(9, when=days_ago(20)))
    last_week = Filters.last_days(7)
    assert build_report(sqlite_store, last_week).total.n == 13
    assert build_report(sqlite_store, Filters(last_week.start, last_week.end,
                                              channel="telegram")).total.n == 6
    assert build_report(sqlite_store, Filters(last_week.start, last_week.end,
                                              council="swindon_borough_council")).total.n == 7
    month = build_report(sqlite_store, Filters.last_days(40))
    assert month.total.n == 22 and month.bucket == "week"
    assert build_report(sqlite_store, Filters(date(2001, 1, 1), date(2001, 1, 7))).empty
