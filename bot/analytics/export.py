"""The insight Report as CSV: one tidy table, the same (suppressed) numbers as the page.

Columns: section, period, level, name, council, count, percent. A count is a number, "<5" (fewer
than five) or "hidden" (hidden so that a small number can't be worked out by subtraction).
"""
from __future__ import annotations

import csv
import io

from bot.analytics.report import CLASS_LABELS, CLASSES, Report
from bot.analytics.suppress import Cell

COLUMNS = ("section", "period", "level", "name", "council", "count", "percent")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _safe(value) -> str:
    """No spreadsheet formulas: a text cell starting with = + - @ gets a leading quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def report_csv(r: Report) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(COLUMNS)

    def row(section, name, cell: Cell, pct="", period="", level="", council=""):
        w.writerow([_safe(v) for v in (section, period, level, name, council, cell.csv, pct)])

    f = r.filters
    w.writerow([_safe(v) for v in ("filters", f"{f.start.isoformat()}/{f.end.isoformat()}", "",
                                   f"council={f.council or 'all'};channel={f.channel or 'all'}",
                                   "", "", "")])
    row("summary", "questions answered", r.total)
    row("summary", "routed to a body", r.routed)
    row("summary", "hidden demand: routed to councils and others, not police",
        r.hidden_demand.part, r.hidden_demand.pct)
    row("summary", "emergencies signposted to 999", r.emergencies.part, r.emergencies.pct)
    row("summary", "fell back (not understood or out of scope)", r.fallbacks.part,
        r.fallbacks.pct)
    row("summary", "had to be asked for the place", r.asked_place.part, r.asked_place.pct)
    for c in CLASSES:
        row("routed_to", CLASS_LABELS[c], r.classes[c])
    for p in r.periods:
        period = p.period.isoformat()
        row(f"by_{r.bucket}", "questions", p.total, period=period)
        for c in CLASSES:
            row(f"by_{r.bucket}", CLASS_LABELS[c], p.classes[c], period=period)
        row(f"by_{r.bucket}", "emergencies", p.emergencies, period=period)
        row(f"by_{r.bucket}", "fell back", p.fallbacks, period=period)
        for col, cell in zip(r.topic_columns, p.topics, strict=True):
            row(f"topic_by_{r.bucket}", col.label, cell, period=period)
    for x in r.topics:
        row("topic", x.label, x.cell, x.pct)
    for x in r.agencies:
        row("agency", x.label, x.cell, x.pct, level=CLASS_LABELS[x.extra["class"]])
    for x in r.guesses:
        row("fallback_guess", x.label, x.cell, x.pct)
    for level, spots in (("council", r.councils), ("policing area", r.areas), ("town", r.towns)):
        for s in spots:
            row("hotspot", s.label, s.total, level=level, council=s.council)
            row("hotspot_hidden_demand", s.label, s.hidden_demand, s.pct, level=level,
                council=s.council)
    for x in r.channels:
        row("channel", x.label, x.cell, x.pct)
    for x in r.hours:
        row("hour_of_day_uk", x.label, x.cell, x.pct)
    return out.getvalue()
