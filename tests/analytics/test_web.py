"""/insights and /insights.csv on a real web app process: token, cookie, filters, HTML, CSV.

The HTML is checked with Python's HTML parser (tests/browser/ has the real-browser check).
"""
import csv
import io
import re
import urllib.parse
from html.parser import HTMLParser

import pytest

from bot.analytics.store import Store
from bot.web.demo import synthetic_rows
from tests.analytics.conftest import TOKEN, WebApp, days_ago, get, rows

BEARER = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def store_url(tmp_path_factory):
    path = tmp_path_factory.mktemp("insights") / "analytics.db"
    store = Store(f"sqlite:///{path}")
    # a realistic week, plus a village-sized area: 3 questions from Mere (Warminster area)
    store.insert([r for r in synthetic_rows(days=7, seed=3) if r["town"] != "Mere"]
                 + rows(3, when=days_ago(1), topic="graffiti", agency="wiltshire_council",
                        council="wiltshire_council", area="warminster_area", place="Mere",
                        channel="telegram"))
    store.dispose()
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def web(store_url, tmp_path_factory):
    app = WebApp({"SIGNPOST_INSIGHTS_TOKEN": TOKEN, "SIGNPOST_ANALYTICS_URL": store_url},
                 tmp_path_factory.mktemp("weblog") / "web.log").wait()
    yield app
    app.stop()


class Page(HTMLParser):
    """Collects what a reader (or a screen reader) gets: svg titles, table cells, headings."""

    def __init__(self, html: str):
        super().__init__()
        self.svgs, self.cells, self.headings, self.tables = [], [], [], 0
        self._stack, self._text = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg":
            self.svgs.append({"role": attrs.get("role"), "labelled": attrs.get("aria-labelledby"),
                              "title": None, "rects": 0, "texts": []})
        if tag == "rect" and self.svgs:
            self.svgs[-1]["rects"] += 1
        if tag == "table":
            self.tables += 1
        self._stack.append((tag, attrs))
        self._text = []

    def handle_endtag(self, tag):
        text = "".join(self._text).strip()
        if self._stack:
            open_tag, attrs = self._stack.pop()
            if open_tag == "title" and self.svgs and self.svgs[-1]["title"] is None:
                self.svgs[-1]["title"] = text
            if open_tag == "text" and self.svgs:
                self.svgs[-1]["texts"].append(text)
            if open_tag == "td" and "n" in (attrs.get("class") or "").split():
                self.cells.append(text)
            if open_tag in ("h1", "h2"):
                self.headings.append(text)
        self._text = []

    def handle_data(self, data):
        self._text.append(data)


def _numbers_ok(values):
    """Every count shown is 0, 5 or more, "<5" or "—" (a share in brackets may follow)."""
    for v in values:
        count = v.split(" (")[0].replace(",", "")
        assert count in ("<5", "—", "") or count == "0" or (count.isdigit() and int(count) >= 5) \
            or count.endswith("%"), v


def test_refused_without_the_token(web):
    status, headers, body = get(f"{web.url}/insights")
    assert status == 401 and 'name="token"' in body and "Bearer" in headers["WWW-Authenticate"]
    assert get(f"{web.url}/insights.csv")[0] == 401
    assert get(f"{web.url}/insights", {"Authorization": "Bearer wrong-token-0123456789"})[0] == 403
    assert get(f"{web.url}/insights.csv", {"Authorization": "Basic Zm9vOmJhcg=="})[0] == 403
    assert get(f"{web.url}/insights", {"Cookie": "signpost_insights=9999999999.abcdef"})[0] == 401


def test_login_form_sets_a_strict_httponly_cookie(web):
    status, _, body = get(f"{web.url}/insights/login", data=b"token=nope")
    assert status == 403 and "not right" in body
    status, headers, _ = get(f"{web.url}/insights/login",
                             data=urllib.parse.urlencode({"token": TOKEN}).encode())
    assert status == 303 and headers["Location"] == "/insights"
    cookie = headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert TOKEN not in cookie
    value = cookie.split(";")[0]
    assert get(f"{web.url}/insights", {"Cookie": value})[0] == 200
    assert get(f"{web.url}/insights.csv", {"Cookie": value})[0] == 200
    status, headers, _ = get(f"{web.url}/insights/logout", {"Cookie": value}, data=b"")
    assert status == 303 and "Max-Age=0" in headers["Set-Cookie"]


def test_page_shows_every_part_with_charts_and_suppression(web):
    status, headers, body = get(f"{web.url}/insights", BEARER)
    assert status == 200
    assert "script-src" not in headers["Content-Security-Policy"]   # no script at all
    assert headers["Cache-Control"] == "no-store" and "<script" not in body
    page = Page(body)
    assert {"Demand over time", "Demand by topic", "Hotspots",
            "What Signpost can't answer yet"} <= set(page.headings)
    assert any(h.startswith("Where people were sent") for h in page.headings)
    assert "hidden demand" in body and "emergencies signposted" in body
    titles = [s["title"] for s in page.svgs]
    assert "Questions by topic" in titles and "Where people were sent" in titles
    assert all(s["role"] == "img" and s["labelled"] and s["title"] for s in page.svgs)
    topics = next(s for s in page.svgs if s["title"] == "Questions by topic")
    assert topics["rects"] > 10 and "Fly-tipping" in topics["texts"]
    assert page.tables >= 6
    _numbers_ok(page.cells)
    _numbers_ok([t for s in page.svgs if "hour of day" not in s["title"]   # (00-23 axis)
                 for t in s["texts"] if re.fullmatch(r"[\d,<—]+", t)])
    mere = re.search(r"<th scope=\"row\">Mere</th><td>Wiltshire Council</td>"
                     r"<td class=\"n[^\"]*\"[^>]*>([^<]*)</td>", body)
    assert mere and mere.group(1) == "&lt;5"        # 3 questions from Mere: never "3"


def test_filters_work_without_javascript_and_are_escaped(web):
    swindon = get(f"{web.url}/insights?council=swindon_borough_council&channel=telegram",
                  BEARER)[2]
    assert '<option value="swindon_borough_council" selected>' in swindon
    assert '<option value="telegram" selected>' in swindon
    nasty = urllib.parse.quote('"><script>alert(1)</script>')
    status, _, body = get(f"{web.url}/insights?council={nasty}&channel={nasty}&from={nasty}",
                          BEARER)
    assert status == 200 and "<script>alert" not in body
    assert "Unknown council" in body and "is not a date" in body
    old = get(f"{web.url}/insights?from=2001-01-01&to=2001-01-31", BEARER)[2]
    assert "No answered questions in this period" in old and "Show the days that have data" in old


def test_csv_export_uses_the_same_filters_and_suppression(web):
    status, headers, body = get(f"{web.url}/insights.csv?council=wiltshire_council", BEARER)
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert "attachment" in headers["Content-Disposition"]
    lines = list(csv.DictReader(io.StringIO(body)))
    assert lines[0]["section"] == "filters" and "council=wiltshire_council" in lines[0]["name"]
    sections = {x["section"] for x in lines}
    assert {"summary", "by_day", "topic", "agency", "hotspot", "fallback_guess", "channel"} \
        <= sections
    for x in lines[1:]:
        assert x["count"] in ("<5", "hidden") or int(x["count"]) == 0 or int(x["count"]) >= 5
        assert not x["percent"] or x["count"] not in ("<5", "hidden")
    hot = {(x["level"], x["name"]): x["count"] for x in lines if x["section"] == "hotspot"}
    assert hot[("town", "Mere")] == "<5"
    assert not any(x["council"] == "Swindon Borough Council" for x in lines)
    page = get(f"{web.url}/insights?council=wiltshire_council", BEARER)[2]
    total = next(x["count"] for x in lines if x["name"] == "questions answered")
    assert f'<span class="big">{int(total):,}</span> questions answered' in page


def test_switched_off_without_a_token(store_url, tmp_path):
    for token, words in ((None, "switched off"), ("short", "at least 16")):
        app = WebApp({"SIGNPOST_INSIGHTS_TOKEN": token, "SIGNPOST_ANALYTICS_URL": store_url},
                     tmp_path / "web.log").wait()
        try:
            for path in ("/insights", "/insights.csv"):
                status, _, body = get(app.url + path, BEARER)
                assert status == 404 and words in body
            assert get(app.url + "/insights", {"Authorization": "Bearer short"})[0] == 404
        finally:
            app.stop()
