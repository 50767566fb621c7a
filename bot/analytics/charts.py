"""Server-side SVG bar charts: no JavaScript, text labels on every bar, accessible titles.

Every string that goes into the SVG is escaped. A hidden (suppressed) count gets no bar, only
its "<5" or "—" label, so the bar length can never give a small number away.
"""
from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

from bot.analytics.suppress import Cell

COLOURS = {"police": "#1d4f91", "council": "#2e7d32", "other": "#8e4ea2", "none": "#757575",
           "bar": "#1d4f91", "emergency": "#b3261e"}
_ids = itertools.count(1)
FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def _uid(prefix: str) -> str:
    return f"{prefix}{next(_ids)}"


def _open(width: int, height: int, title: str, desc: str) -> tuple[str, list[str]]:
    tid, did = _uid("t"), _uid("d")
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'aria-labelledby="{tid} {did}" {FONT}>',
             f'<title id="{tid}">{escape(title)}</title>',
             f'<desc id="{did}">{escape(desc)}</desc>']
    return tid, parts


def hbar(title: str, rows: Sequence[tuple[str, Cell]], desc: str = "",
         colour: str = COLOURS["bar"], colours: Sequence[str] | None = None,
         width: int = 680, label_width: int = 280) -> Markup:
    """Horizontal bars, one per (label, cell), largest value sets the scale."""
    row_h, top = 22, 6
    height = top * 2 + row_h * max(1, len(rows))
    _, parts = _open(width, height, title, desc or title)
    values = [c.value for _, c in rows if c.value]
    scale = (width - label_width - 60) / max(values) if values else 0
    if not rows:
        parts.append(f'<text x="0" y="{top + 14}">No data for this period.</text>')
    for i, (label, cell) in enumerate(rows):
        y = top + i * row_h
        fill = colours[i] if colours else colour
        parts.append(f'<g><title>{escape(label)}: {escape(cell.text)}</title>')
        parts.append(f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">'
                     f'{escape(_short(label, 40))}</text>')
        bar = (cell.value or 0) * scale
        if bar:
            parts.append(f'<rect x="{label_width}" y="{y + 3}" width="{bar:.1f}" '
                         f'height="{row_h - 6}" fill="{escape(fill)}"/>')
        parts.append(f'<text x="{label_width + bar + 6:.1f}" y="{y + 15}">'
                     f'{escape(cell.text)}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))


def columns(title: str, periods: Sequence[str], series: Mapping[str, tuple[str, Sequence[Cell]]],
            desc: str = "", width: int = 760, height: int = 260,
            value_labels: bool | None = None) -> Markup:
    """Grouped vertical bars: one group per period, one bar per series (key -> label, cells)."""
    left, bottom, top, legend_h = 8, 40, 24, 22
    n_series = max(1, len(series))
    plot_h = height - bottom - top - legend_h
    group_w = (width - left * 2) / max(1, len(periods))
    bar_w = max(2.0, (group_w - 6) / n_series)
    values = [c.value for _, cells in series.values() for c in cells if c.value]
    scale = plot_h / max(values) if values else 0
    if value_labels is None:
        value_labels = len(periods) * n_series <= 40
    _, parts = _open(width, height, title, desc or title)
    x = left
    for key, (label, _) in series.items():   # legend
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" '
                     f'fill="{COLOURS.get(key, COLOURS["bar"])}"/>'
                     f'<text x="{x + 16}" y="14">{escape(label)}</text>')
        x += 24 + 7 * len(label)
    base = height - bottom
    parts.append(f'<line x1="{left}" y1="{base}" x2="{width - left}" y2="{base}" stroke="#555"/>')
    for i, period in enumerate(periods):
        gx = left + i * group_w + 3
        for j, (key, (label, cells)) in enumerate(series.items()):
            cell = cells[i]
            h = (cell.value or 0) * scale
            bx = gx + j * bar_w
            parts.append(f'<g><title>{escape(period)}, {escape(label)}: '
                         f'{escape(cell.text)}</title>')
            if h:
                parts.append(f'<rect x="{bx:.1f}" y="{base - h:.1f}" width="{bar_w - 1:.1f}" '
                             f'height="{h:.1f}" fill="{COLOURS.get(key, COLOURS["bar"])}"/>')
            if value_labels and cell.n:
                parts.append(f'<text x="{bx + bar_w / 2:.1f}" y="{base - h - 3:.1f}" '
                             f'text-anchor="middle" font-size="10">{escape(cell.text)}</text>')
            parts.append("</g>")
        every = max(1, round(len(periods) / 12))
        if i % every == 0:
            parts.append(f'<text x="{gx + (group_w - 6) / 2:.1f}" y="{base + 16}" '
                         f'text-anchor="middle" font-size="11">{escape(period)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
