"""What the insight page and the CSV show: counts from the store, grouped, labelled, suppressed.

Everything here is built once per request from a handful of GROUP BY queries; the page and the
CSV read the same Report, so they can never disagree or suppress differently.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from bot.analytics.outcome import CHANNELS, POLICE_AGENCIES
from bot.analytics.store import Filters, Store
from bot.analytics.suppress import Cell, Group, Share, percent, protect, ranked
from bot.directory import COUNCILS, Directory, default_directory

UK = ZoneInfo("Europe/London")
CLASSES = ("police", "council", "other", "none")
CLASS_LABELS = {"police": "Police", "council": "Councils", "other": "Other bodies",
                "none": "Not routed"}
TOP_TOPICS = 8
TOP_GUESSES = 10
WEEKLY_AFTER_DAYS = 31
EXTRA_TOPIC_LABELS = {None: "Not understood", "out_of_scope": "Out of scope",
                      "human_handoff": "Asked for a person"}
CHANNEL_LABELS = {"rest": "Web chat and REST", "socketio": "Web chat (socket.io)",
                  "facebook": "Facebook Messenger", "telegram": "Telegram",
                  "twilio": "SMS (Twilio)",
                  "twilio_voice": "Voice (Twilio)", "slack": "Slack", "whatsapp": "WhatsApp",
                  "other": "Other"}


def agency_class(agency: str | None) -> str:
    if not agency:
        return "none"
    if agency in POLICE_AGENCIES:
        return "police"
    if agency == "council" or agency in COUNCILS:
        return "council"
    return "other"


@dataclass
class Row:
    """One labelled line of a ranked list: a count, and its share of the list's total."""

    key: str | None
    label: str
    cell: Cell
    pct: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class PeriodRow:
    period: date
    label: str
    total: Cell
    classes: dict[str, Cell]
    emergencies: Cell
    fallbacks: Cell
    topics: list[Cell] = field(default_factory=list)   # TOP topics, then "other topics"


@dataclass
class Hotspot:
    level: str            # council | area | town
    key: str | None
    label: str
    council: str
    total: Cell
    hidden_demand: Cell
    pct: str = ""


@dataclass
class Report:
    filters: Filters
    bucket: str                         # "day" or "week"
    total: Cell
    routed: Cell
    hidden_demand: Share
    emergencies: Share
    fallbacks: Share
    asked_place: Share
    classes: dict[str, Cell]
    periods: list[PeriodRow]
    topic_columns: list[Row]            # the TOP topics and "All other topics", as columns
    topics: list[Row]
    agencies: list[Row]
    guesses: list[Row]
    channels: list[Row]
    hours: list[Row]
    councils: list[Hotspot]
    areas: list[Hotspot]
    towns: list[Hotspot]
    span: tuple | None = None        # first and last day with data in the store

    @property
    def empty(self) -> bool:
        return self.total.n == 0


def _sum(counter: dict) -> int:
    return sum(counter.values())


def period_start(day: date, bucket: str) -> date:
    return day - timedelta(days=day.weekday()) if bucket == "week" else day


def build_report(store: Store, f: Filters, directory: Directory | None = None) -> Report:
    d = directory or default_directory()
    bucket = "week" if (f.end - f.start).days + 1 > WEEKLY_AFTER_DAYS else "day"
    t = store.table
    days = [f.start + timedelta(days=i) for i in range((f.end - f.start).days + 1)]
    periods = list(dict.fromkeys(period_start(day, bucket) for day in days))

    # -- queries -----------------------------------------------------------------------------
    by_period_agency: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    agencies: dict[str | None, int] = defaultdict(int)
    for day, agency, n in store.counts(f, "day", "agency"):
        day = _date(day)
        by_period_agency[period_start(day, bucket)][agency_class(agency)] += n
        agencies[agency] += n
    by_period_topic: dict[date, dict[str | None, int]] = defaultdict(lambda: defaultdict(int))
    topics: dict[str | None, int] = defaultdict(int)
    for day, topic, n in store.counts(f, "day", "topic"):
        by_period_topic[period_start(_date(day), bucket)][topic] += n
        topics[topic] += n
    emerg: dict[date, int] = defaultdict(int)
    for day, n in store.counts(f, "day", extra=t.c.emergency.is_(True)):
        emerg[period_start(_date(day), bucket)] += n
    fell: dict[date, int] = defaultdict(int)
    for day, n in store.counts(f, "day", extra=t.c.fallback.is_(True)):
        fell[period_start(_date(day), bucket)] += n
    guesses = {g: n for g, n in store.counts(f, "guess", extra=t.c.fallback.is_(True))}
    channels = {c: n for c, n in store.counts(f, "channel")}
    hours: dict[int, int] = defaultdict(int)
    for day, hour, n in store.counts(f, "day", "hour_of_day"):
        utc = datetime.combine(_date(day), datetime.min.time()).replace(hour=int(hour),
                                                                        tzinfo=timezone.utc)
        hours[utc.astimezone(UK).hour] += n
    places = store.counts(f, "council", "area", "town", "agency")
    asked = store.total(f, extra=t.c.asked_place.is_(True))

    # -- headline cells ------------------------------------------------------------------------
    total = Cell(_sum(agencies))
    class_n: dict[str, int] = defaultdict(int)
    for agency, n in agencies.items():
        class_n[agency_class(agency)] += n
    classes = {c: Cell(class_n[c]) for c in CLASSES}
    routed = Cell(class_n["police"] + class_n["council"] + class_n["other"])
    hidden = Cell(class_n["council"] + class_n["other"])
    e_total, f_total = Cell(sum(emerg.values())), Cell(sum(fell.values()))
    groups = [Group([classes[c] for c in CLASSES], total),
              Group([routed, classes["none"]], total),
              Group([classes["police"], classes["council"], classes["other"]], routed),
              Group([classes["police"], hidden], routed),
              Group([classes["council"], classes["other"]], hidden)]

    # -- agencies, by class ----------------------------------------------------------------------
    agency_rows = []
    for agency, n in agencies.items():
        if agency is None:
            continue
        label = ("Both councils (place not known)" if agency == "council"
                 else d.agencies[agency].name if agency in d.agencies else agency)
        agency_rows.append(Row(agency, label, Cell(n), extra={"class": agency_class(agency)}))
    for c in ("police", "council", "other"):
        groups.append(Group([r.cell for r in agency_rows if r.extra["class"] == c], classes[c]))

    # -- periods ---------------------------------------------------------------------------------
    top = [k for k, _ in sorted(((k, v) for k, v in topics.items()),
                                key=lambda kv: (-kv[1], str(kv[0])))][:TOP_TOPICS]
    rest_keys = [k for k in topics if k not in top]
    topic_cells = {k: Cell(n) for k, n in topics.items()}
    other_topics = Cell(sum(topics[k] for k in rest_keys))
    period_rows = []
    for p in periods:
        pc = by_period_agency.get(p, {})
        pt = by_period_topic.get(p, {})
        row = PeriodRow(p, _period_label(p, bucket, f), Cell(sum(pc.values())),
                        {c: Cell(pc.get(c, 0)) for c in CLASSES}, Cell(emerg.get(p, 0)),
                        Cell(fell.get(p, 0)),
                        [Cell(pt.get(k, 0)) for k in top] + [Cell(sum(pt.get(k, 0)
                                                                      for k in rest_keys))])
        period_rows.append(row)
        groups.append(Group(list(row.classes.values()), row.total))
        groups.append(Group(row.topics, row.total))
    groups.append(Group([r.total for r in period_rows], total))
    for c in CLASSES:
        groups.append(Group([r.classes[c] for r in period_rows], classes[c]))
    groups.append(Group([r.emergencies for r in period_rows], e_total))
    groups.append(Group([r.fallbacks for r in period_rows], f_total))
    for i, k in enumerate(top):
        groups.append(Group([r.topics[i] for r in period_rows], topic_cells[k]))
    groups.append(Group([r.topics[-1] for r in period_rows], other_topics))
    groups.append(Group([topic_cells[k] for k in rest_keys], other_topics))
    groups.append(Group([topic_cells[k] for k in top] + [other_topics], total))
    groups.append(Group(list(topic_cells.values()), total))

    # -- fallbacks, channels, hours ----------------------------------------------------------------
    guess_rows = _top_and_rest(
        [Row(g, d.topics[g].title if g in d.topics else "No topic guessed", Cell(n))
         for g, n in guesses.items()], TOP_GUESSES, "Other guessed topics")
    groups.append(Group([r.cell for r in guess_rows], f_total))
    channel_rows = [Row(c, CHANNEL_LABELS.get(c, c), Cell(n)) for c, n in channels.items()
                    if c in CHANNELS]
    groups.append(Group([r.cell for r in channel_rows], total,
                        unshown=total.n - sum(r.cell.n for r in channel_rows)))
    hour_rows = [Row(str(h), f"{h:02d}:00", Cell(hours.get(h, 0))) for h in range(24)]
    groups.append(Group([r.cell for r in hour_rows], total))

    # -- hotspots ----------------------------------------------------------------------------------
    councils, areas, towns, hot_groups = _hotspots(places, d, total, hidden)
    groups += hot_groups

    protect(groups)
    shares = dict(hidden_demand=Share(hidden, routed), emergencies=Share(e_total, total),
                  fallbacks=Share(f_total, total), asked_place=Share(Cell(asked), total))
    protect(groups)   # a share may hide a part; make sure no group leaks because of it

    def listing(rows: list[Row], whole: Cell) -> list[Row]:
        for r in rows:
            r.pct = percent(r.cell, whole)
        return ranked(rows, key=lambda r: r.cell, name=lambda r: r.label)

    topic_rows = [Row(k, _topic_label(k, d), c) for k, c in topic_cells.items()]
    topic_columns = [Row(k, _topic_label(k, d), topic_cells[k]) for k in top]
    if rest_keys:
        topic_columns.append(Row("_other", "All other topics", other_topics))
    else:
        for r in period_rows:
            r.topics.pop()
    for h in councils + areas + towns:
        h.pct = percent(h.hidden_demand, h.total)
    return Report(
        filters=f, bucket=bucket, total=total, routed=routed, classes=classes,
        periods=period_rows, topic_columns=topic_columns,
        topics=listing(topic_rows, total), agencies=listing(agency_rows, routed),
        guesses=listing(guess_rows, f_total), channels=listing(channel_rows, total),
        hours=[_pct(r, total) for r in hour_rows],
        councils=_rank_hot(councils), areas=_rank_hot(areas), towns=_rank_hot(towns),
        span=store.day_span(), **shares)


def _top_and_rest(rows: list[Row], top: int, rest_label: str) -> list[Row]:
    """The `top` largest rows and the others added up in one row (fewer rows, fewer small cells)."""
    rows = sorted(rows, key=lambda r: (-r.cell.shown, r.label))   # published order only
    if len(rows) <= top + 1:
        return rows
    rest = rows[top:]
    return rows[:top] + [Row("_other", rest_label, Cell(sum(r.cell.n for r in rest)))]


def _pct(row: Row, whole: Cell) -> Row:
    row.pct = percent(row.cell, whole)
    return row


def _rank_hot(rows: list[Hotspot]) -> list[Hotspot]:
    return ranked(rows, key=lambda h: h.total, name=lambda h: h.label)


def _hotspots(places, d: Directory, total: Cell, hidden: Cell):
    """Ranked councils, policing areas and towns, with the hidden demand of each.

    A town is counted once even when its neighbourhoods lie in several policing areas (Swindon).
    """
    # keys: a council id (or None) for "council", (council, area) and (council, town) tuples
    n: dict[str, dict[Any, int]] = {level: defaultdict(int) for level in ("council", "area", "town")}
    h: dict[str, dict[Any, int]] = {level: defaultdict(int) for level in ("council", "area", "town")}
    town_areas = defaultdict(set)
    for council, area, town, agency, count in places:
        is_hidden = agency_class(agency) in ("council", "other")
        keys = {"council": council, "area": (council, area) if area else None,
                "town": (council, town) if (area and town) else None}
        if keys["town"]:
            town_areas[keys["town"]].add(area)
        for level, key in keys.items():
            if level != "council" and key is None:
                continue
            n[level][key] += count
            if is_hidden:
                h[level][key] += count
    council_names = {**d.council_names, None: "Place not known"}

    def spot(level, key, label, council):
        return Hotspot(level, key if isinstance(key, str) or key is None else key[-1], label,
                       council_names.get(council, council), Cell(n[level][key]),
                       Cell(h[level][key]))

    councils = {k: spot("council", k, council_names.get(k, str(k)), k) for k in n["council"]}
    areas = {k: spot("area", k, d.areas[k[1]].name if k[1] in d.areas else k[1], k[0])
             for k in n["area"]}
    towns = {k: spot("town", k, k[1], k[0]) for k in n["town"]}
    groups = [Group([c.total for c in councils.values()], total),
              Group([c.hidden_demand for c in councils.values()], hidden)]

    def nest(parent: Hotspot, kids: list) -> None:
        groups.append(Group([k.total for k in kids], parent.total,
                            unshown=parent.total.n - sum(k.total.n for k in kids)))
        groups.append(Group([k.hidden_demand for k in kids], parent.hidden_demand,
                            unshown=parent.hidden_demand.n - sum(k.hidden_demand.n for k in kids)))

    for ck, c in councils.items():
        nest(c, [a for k, a in areas.items() if k[0] == ck])
        nest(c, [t for k, t in towns.items() if k[0] == ck])
    for ak, a in areas.items():
        nest(a, [t for k, t in towns.items() if town_areas[k] == {ak[1]} and k[0] == ak[0]])
    for spot_ in [*councils.values(), *areas.values(), *towns.values()]:
        groups.append(Group([spot_.hidden_demand], spot_.total,
                            unshown=spot_.total.n - spot_.hidden_demand.n))
        # A place whose rest (police and not routed) is small would give that rest away.
        Share(spot_.hidden_demand, spot_.total)
    return list(councils.values()), list(areas.values()), list(towns.values()), groups


def _topic_label(key: str | None, d: Directory) -> str:
    if key in d.topics:
        return d.topics[key].title
    return EXTRA_TOPIC_LABELS.get(key, str(key))


def _period_label(p: date, bucket: str, f: Filters) -> str:
    if bucket == "week":
        return f"w/c {p:%d %b %Y}"
    return f"{p:%a %d %b}"


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
