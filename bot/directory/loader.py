"""Load and validate the directory YAML files. Any problem stops start-up, naming file/line/entry/field."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from bot.directory.model import (
    COUNCILS,
    OUTSIDE,
    Agency,
    Area,
    Contact,
    Directory,
    District,
    Fact,
    Hint,
    OutOfScope,
    Place,
    Rule,
    Topic,
)
from bot.directory.yamlfile import DirectoryFileError, LineDict, load_yaml

DEFAULT_DIR = Path(__file__).resolve().parent
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
PHONE_RE = re.compile(r"^[0-9][0-9 ]{1,20}[0-9]$")
URL_RE = re.compile(r"^https?://[^\s<>\"']+$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")
# a phone number written in free text ("call 105", "0800 111 999")
NUMBER_IN_TEXT_RE = re.compile(r"(?<![\d£.,])\d{3}(?:[ -]?\d{3,4}){0,3}(?![\d%])")
DISTRICT_RE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
TOPIC_KINDS = ("crime", "asb", "council", "emergency", "support", "info")
PLACE_KINDS = ("city", "town", "village", "neighbourhood", "parish", "area", "hamlet", "suburb")


class _Checker:
    """Validation helpers bound to one file, so every error carries the file name."""

    def __init__(self, file: Path) -> None:
        self.file = file.name if file.parent == DEFAULT_DIR else str(file)

    def fail(self, message: str, node: Any = None, entry: str | None = None,
             field: str | None = None) -> DirectoryFileError:
        line = None
        if isinstance(node, LineDict):
            line = node.line_of(field) if field else node.line
        elif node is not None:
            line = getattr(node, "line", None)
        return DirectoryFileError(message, file=self.file, line=line, entry=entry, field=field)

    def mapping(self, node: Any, entry: str | None, field: str | None = None,
                parent: Any = None) -> LineDict:
        if not isinstance(node, LineDict):
            raise self.fail("must be a mapping (key: value pairs)", parent if parent is not None else node,
                            entry, field)
        return node

    def text(self, node: LineDict, key: str, entry: str | None, required: bool = True,
             default: str = "") -> str:
        value = node.get(key)
        if value is None:
            if required:
                raise self.fail("is required", node, entry, key)
            return default
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            raise self.fail("must be non-empty text", node, entry, key)
        return value.strip()

    def id_list(self, node: LineDict, key: str, entry: str) -> tuple[str, ...]:
        value = node.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail("must be a list of text items", node, entry, key)
        return tuple(v.strip() for v in value)

    def unknown_keys(self, node: LineDict, allowed: set, entry: str) -> None:
        for key in node:
            if key not in allowed:
                raise self.fail(f"unknown field (allowed: {', '.join(sorted(allowed))})",
                                node, entry, str(key))

    def checked_date(self, node: LineDict, entry: str) -> str:
        value = node.get("checked")
        if value is None:
            raise self.fail("is required (the date the fact was checked, YYYY-MM-DD)", node, entry,
                            "checked")
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                raise self.fail("must be a date YYYY-MM-DD", node, entry, "checked") from None
        if not isinstance(value, dt.date):
            raise self.fail("must be a date YYYY-MM-DD", node, entry, "checked")
        if value > dt.date.today():
            raise self.fail("is in the future", node, entry, "checked")
        return value.isoformat()

    def fact(self, node: Any, entry: str, field: str, value_key: str, pattern: re.Pattern,
             parent: LineDict) -> Fact:
        node = self.mapping(node, entry, field, parent)
        where = f"{field}.{value_key}"
        raw = self.text(node, value_key, entry)
        if not pattern.match(raw):
            raise self.fail(f"{raw!r} is not a valid {value_key}", node, entry, where)
        source = self.text(node, "source", entry)
        if not URL_RE.match(source):
            raise self.fail(f"{source!r} is not a web address", node, entry, f"{field}.source")
        self.unknown_keys(node, {value_key, "label", "source", "checked", "hours", "note"}, entry)
        return Fact(value=raw, label=self.text(node, "label", entry, required=False),
                    source=source, checked=self.checked_date(node, entry),
                    hours=self.text(node, "hours", entry, required=False))

    def facts(self, node: LineDict, key: str, entry: str, value_key: str,
              pattern: re.Pattern) -> tuple[Fact, ...]:
        items = node.get(key) or []
        if not isinstance(items, list):
            raise self.fail("must be a list", node, entry, key)
        return tuple(self.fact(item, entry, key, value_key, pattern, node) for item in items)

    def contact(self, node: LineDict, entry: str, name: str) -> Contact:
        hours = None
        if node.get("hours") is not None:
            hours = self.fact(node["hours"], entry, "hours", "text", re.compile(r".+"), node)
        return Contact(
            name=name,
            phones=self.facts(node, "phones", entry, "number", PHONE_RE),
            web=self.facts(node, "web", entry, "url", URL_RE),
            emails=self.facts(node, "emails", entry, "address", EMAIL_RE),
            hours=hours,
            link_note=self.text(node, "link_note", entry, required=False),
            notes=self.text(node, "notes", entry, required=False),
        )


def _top(check: _Checker, data: Any, key: str) -> LineDict:
    if not isinstance(data, LineDict) or key not in data:
        raise check.fail(f"the file must start with '{key}:'", data)
    return check.mapping(data[key], None, key, data)


def load_agencies(path: Path) -> dict:
    check = _Checker(path)
    agencies = {}
    for agency_id, node in _top(check, load_yaml(path), "agencies").items():
        if not isinstance(agency_id, str) or not ID_RE.match(agency_id):
            raise check.fail("agency ids must be lower_snake_case", node, str(agency_id))
        node = check.mapping(node, agency_id)
        check.unknown_keys(node, {"name", "handles", "phones", "web", "emails", "hours", "notes",
                                  "link_note", "services"}, agency_id)
        name = check.text(node, "name", agency_id)
        services = {}
        for service_id, snode in check.mapping(node.get("services") or LineDict(), agency_id,
                                               "services", node).items():
            where = f"{agency_id}.services.{service_id}"
            snode = check.mapping(snode, where)
            check.unknown_keys(snode, {"name", "handles", "phones", "web", "emails", "hours", "notes",
                                       "link_note"}, where)
            services[service_id] = check.contact(snode, where, check.text(snode, "name", where,
                                                                           required=False,
                                                                           default=name))
        contact = check.contact(node, agency_id, name)
        if not (contact.phones or contact.web or services or node.get("notes")):
            # An agency with no confirmed contact must at least say how to reach it in notes.
            raise check.fail("needs a phone, a web address or notes", node, agency_id, "phones")
        agencies[agency_id] = Agency(id=agency_id, name=name,
                                     handles=check.text(node, "handles", agency_id),
                                     contact=contact,
                                     notes=check.text(node, "notes", agency_id, required=False),
                                     services=services)
    return agencies


def load_topics(path: Path, agencies: dict) -> dict:
    check = _Checker(path)

    def agency_ref(node: LineDict, key: str, entry: str, allow_council: bool = True) -> str:
        value = check.text(node, key, entry)
        if value == "council" and allow_council:
            return value
        if value not in agencies:
            raise check.fail(f"unknown agency {value!r}", node, entry, key)
        return value

    def service_ref(node: LineDict, agency: str, entry: str) -> str | None:
        if node.get("service") is None:
            return None
        service = check.text(node, "service", entry)
        targets = COUNCILS if agency == "council" else (agency,)
        for target in targets:
            if service not in agencies[target].services:
                raise check.fail(f"agency {target!r} has no service {service!r}", node, entry,
                                 "service")
        return service

    topics = {}
    data = load_yaml(path)
    for topic_id, node in _top(check, data, "topics").items():
        if not isinstance(topic_id, str) or not ID_RE.match(topic_id):
            raise check.fail("topic ids must be lower_snake_case", node, str(topic_id))
        node = check.mapping(node, topic_id)
        check.unknown_keys(node, {"title", "kind", "agency", "service", "why", "have_ready", "also",
                                  "offer_alerts", "rules"}, topic_id)
        kind = check.text(node, "kind", topic_id)
        if kind not in TOPIC_KINDS:
            raise check.fail(f"must be one of {', '.join(TOPIC_KINDS)}", node, topic_id, "kind")
        agency = agency_ref(node, "agency", topic_id)
        for other in check.id_list(node, "also", topic_id):
            if other not in agencies and other != "council":
                raise check.fail(f"unknown agency {other!r}", node, topic_id, "also")
        rules = []
        raw_rules = node.get("rules") or []
        if not isinstance(raw_rules, list):
            raise check.fail("must be a list", node, topic_id, "rules")
        for i, rnode in enumerate(raw_rules):
            where = f"{topic_id}.rules[{i}]"
            rnode = check.mapping(rnode, where)
            check.unknown_keys(rnode, {"when_any", "and_any", "agency", "service", "why"}, where)
            words = check.id_list(rnode, "when_any", where)
            if not words:
                raise check.fail("needs at least one word or phrase", rnode, where, "when_any")
            also_words = check.id_list(rnode, "and_any", where)
            if "and_any" in rnode and not also_words:
                raise check.fail("needs at least one word or phrase", rnode, where, "and_any")
            ragency = agency_ref(rnode, "agency", where)
            if ragency == "police_999" and also_words:
                raise check.fail("a 999 rule takes when_any only", rnode, where, "and_any")
            rules.append(Rule(when_any=tuple(w.lower() for w in words), agency=ragency,
                              why=check.text(rnode, "why", where),
                              service=service_ref(rnode, ragency, where),
                              and_any=tuple(w.lower() for w in also_words)))
        offer = node.get("offer_alerts", False)
        if not isinstance(offer, bool):
            raise check.fail("must be true or false", node, topic_id, "offer_alerts")
        topics[topic_id] = Topic(
            id=topic_id, title=check.text(node, "title", topic_id), kind=kind, agency=agency,
            why=check.text(node, "why", topic_id), service=service_ref(node, agency, topic_id),
            have_ready=check.id_list(node, "have_ready", topic_id),
            also=check.id_list(node, "also", topic_id), offer_alerts=offer, rules=tuple(rules))
        _check_links(check, node, topics[topic_id], agencies)
    return topics


def is_home_page(url: str) -> bool:
    """True for a site's front page (no path), which is never "the page for this problem"."""
    return urlparse(url).path.strip("/") == ""


def _check_links(check: _Checker, node: LineDict, topic: Topic, agencies: dict) -> None:
    """Every route of a topic (its own and each rule's) must link the body's page for the problem,
    or say in `link_note` (agencies.yml) why it can't: a front page alone is not enough."""
    routes = [(topic.agency, topic.service, node, "agency", topic.id)]
    for i, (rule, rnode) in enumerate(zip(topic.rules, node.get("rules") or [], strict=True)):
        routes.append((rule.agency, rule.service, rnode, "agency", f"{topic.id}.rules[{i}]"))
    for agency, service, where_node, field, entry in routes:
        for target in (COUNCILS if agency == "council" else (agency,)):
            contact = agencies[target].contact_for(service)
            if (not contact.web or is_home_page(contact.web[0].value)) and not contact.link_note:
                desk = f"{target}.services.{service}" if service else target
                raise check.fail(f"routes to {desk}, whose first link is missing or a home page: "
                                 "link its page for this problem or give it a link_note in "
                                 "agencies.yml", where_node, entry, field)


def load_out_of_scope(path: Path, agencies: dict) -> OutOfScope | None:
    """The optional `out_of_scope:` section of topics.yml (answer, then, default, hints)."""
    check = _Checker(path)
    data = load_yaml(path)
    if not isinstance(data, LineDict) or data.get("out_of_scope") is None:
        return None
    node = check.mapping(data["out_of_scope"], "out_of_scope", "out_of_scope", data)
    check.unknown_keys(node, {"answer", "then", "default", "hints"}, "out_of_scope")

    def hint(hnode: Any, entry: str, needs_words: bool) -> Hint:
        hnode = check.mapping(hnode, entry)
        check.unknown_keys(hnode, {"when_any", "say", "answer", "agencies", "source", "checked"}, entry)
        say = check.text(hnode, "say", entry)
        answer = check.text(hnode, "answer", entry, required=False)
        # a number said in the hint is a fact like any other: it carries its source and date
        source = check.text(hnode, "source", entry,
                            required=bool(NUMBER_IN_TEXT_RE.search(f"{answer} {say}")))
        if source and not URL_RE.match(source):
            raise check.fail(f"{source!r} is not a web address", hnode, entry, "source")
        checked = check.checked_date(hnode, entry) if source else ""
        words = check.id_list(hnode, "when_any", entry)
        if needs_words and not words:
            raise check.fail("needs at least one word or phrase", hnode, entry, "when_any")
        ids = check.id_list(hnode, "agencies", entry)
        for agency in ids:
            if agency not in agencies:
                raise check.fail(f"unknown agency {agency!r}", hnode, entry, "agencies")
        return Hint(say=say, when_any=tuple(w.lower() for w in words),
                    answer=answer, agencies=ids,
                    source=source, checked=checked)

    raw = node.get("hints") or []
    if not isinstance(raw, list):
        raise check.fail("must be a list", node, "out_of_scope", "hints")
    if node.get("default") is None:
        raise check.fail("is required", node, "out_of_scope", "default")
    return OutOfScope(answer=check.text(node, "answer", "out_of_scope"),
                      then=check.text(node, "then", "out_of_scope"),
                      default=hint(node["default"], "out_of_scope.default", False),
                      hints=tuple(hint(h, f"out_of_scope.hints[{i}]", True)
                                  for i, h in enumerate(raw)))


def load_places(path: Path) -> tuple[dict, tuple, dict]:
    check = _Checker(path)
    data = load_yaml(path)
    areas = {}
    for area_id, node in _top(check, data, "areas").items():
        node = check.mapping(node, str(area_id))
        council = check.text(node, "council", area_id)
        if council not in COUNCILS:
            raise check.fail(f"must be one of {', '.join(COUNCILS)}", node, area_id, "council")
        areas[area_id] = Area(id=area_id, name=check.text(node, "name", area_id), council=council)

    def where_fields(node: LineDict, entry: str) -> tuple[str, str | None, str | None]:
        council = check.text(node, "council", entry)
        if council not in COUNCILS + (OUTSIDE,):
            raise check.fail(f"must be one of {', '.join(COUNCILS + (OUTSIDE,))}", node, entry,
                             "council")
        area = node.get("area")
        if council == OUTSIDE:
            return council, None, check.text(node, "county", entry)
        if area not in areas:
            raise check.fail(f"unknown policing area {area!r}", node, entry, "area")
        if areas[area].council != council:
            raise check.fail(f"area {area!r} belongs to {areas[area].council}", node, entry, "area")
        return council, area, None

    places: list[Place] = []
    seen: dict[str, str] = {}
    raw_places = data.get("places")
    if not isinstance(raw_places, list):
        raise check.fail("the file needs a 'places:' list", data, None, "places")
    for node in raw_places:
        node = check.mapping(node, None)
        name = check.text(node, "name", None)
        kind = check.text(node, "kind", name)
        if kind not in PLACE_KINDS:
            raise check.fail(f"must be one of {', '.join(PLACE_KINDS)}", node, name, "kind")
        council, area, county = where_fields(node, name)
        aliases = check.id_list(node, "aliases", name)
        for label in (name, *aliases):
            key = label.lower()
            if key in seen:
                raise check.fail(f"{label!r} is already used by {seen[key]!r}", node, name, "aliases"
                                 if label != name else "name")
            seen[key] = name
        places.append(Place(name=name, kind=kind, council=council, area=area, county=county,
                            aliases=aliases, ambiguous=bool(node.get("ambiguous", False))))

    districts = {}
    for code, node in _top(check, data, "postcodes").items():
        code = str(code).upper()
        node = check.mapping(node, code)
        if not DISTRICT_RE.match(code):
            raise check.fail("is not a postcode district such as SN15", node, code)
        if "split" in node:
            split = check.id_list(node, "split", code)
            for name in split:
                if name.lower() not in seen:
                    raise check.fail(f"{name!r} is not in places", node, code, "split")
            districts[code] = District(code=code, split=split)
        else:
            council, area, county = where_fields(node, code)
            districts[code] = District(code=code, council=council, area=area, county=county)
    return areas, tuple(places), districts


def load_directory(folder: Path | str = DEFAULT_DIR) -> Directory:
    folder = Path(folder)
    agencies = load_agencies(folder / "agencies.yml")
    for council in COUNCILS:
        if council not in agencies:
            raise DirectoryFileError(f"agency {council!r} is required", file="agencies.yml")
    topics = load_topics(folder / "topics.yml", agencies)
    areas, places, districts = load_places(folder / "places.yml")
    return Directory(agencies=agencies, topics=topics, areas=areas, places=places,
                     districts=districts,
                     council_names={c: agencies[c].name for c in COUNCILS},
                     out_of_scope=load_out_of_scope(folder / "topics.yml", agencies))
