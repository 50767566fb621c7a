"""The insight page (/insights) and its CSV export (/insights.csv), behind a token.

    SIGNPOST_INSIGHTS_TOKEN   the shared secret (16+ characters); unset = page switched off (404)
    SIGNPOST_ANALYTICS_URL    the outcome store to read (see bot/analytics/store.py)

Send the token as `Authorization: Bearer <token>` (scripts, the CSV) or type it once into the
login form, which sets an HttpOnly, SameSite=Strict cookie signed with the token (12 hours;
changing the token logs everyone out). Pages are server-rendered HTML with SVG charts: no
JavaScript, every value escaped, small numbers suppressed (bot/analytics/suppress.py).
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import os
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Blueprint, response
from sanic.request import Request

from bot.analytics.charts import COLOURS, columns, hbar
from bot.analytics.export import report_csv
from bot.analytics.outcome import CHANNELS
from bot.analytics.report import CHANNEL_LABELS, CLASS_LABELS, CLASSES, build_report
from bot.analytics.store import Filters, Store, configured_url
from bot.directory import COUNCILS, default_directory

logger = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent / "insights"
ENV_TOKEN = "SIGNPOST_INSIGHTS_TOKEN"
MIN_TOKEN_CHARS = 16
COOKIE = "signpost_insights"
SESSION_S = 12 * 3600
MAX_DAYS = 366
DEFAULT_DAYS = 7
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer", "Cache-Control": "no-store",
}
_jinja = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                     autoescape=select_autoescape(default=True, default_for_string=True))


def _sign(token: str, expires: int) -> str:
    key = hmac.new(token.encode(), b"signpost-insights-session", hashlib.sha256).digest()
    return hmac.new(key, str(expires).encode(), hashlib.sha256).hexdigest()


def session_cookie(token: str, now: float | None = None) -> str:
    expires = int((now or time.time()) + SESSION_S)
    return f"{expires}.{_sign(token, expires)}"


def valid_session(token: str, value: str | None, now: float | None = None) -> bool:
    if not value or "." not in value:
        return False
    expires, _, sig = value.partition(".")
    if not expires.isdigit() or int(expires) < (now or time.time()):
        return False
    return hmac.compare_digest(sig.encode(), _sign(token, int(expires)).encode())


def token_matches(token: str, offered: str | None) -> bool:
    return hmac.compare_digest((offered or "").strip().encode(), token.encode())


WEEKS_UP_TO_DAYS = 63          # nine whole weeks; longer views are whole months


def _whole_weeks(start: date, end: date) -> tuple:
    return start - timedelta(days=start.weekday()), end + timedelta(days=6 - end.weekday())


def period_kind(start: date, end: date) -> str:
    """"day" for one day; "week" when the whole weeks covering it are at most WEEKS_UP_TO_DAYS;
    "month" beyond."""
    if start == end:
        return "day"
    first, last = _whole_weeks(start, end)
    return "week" if (last - first).days + 1 <= WEEKS_UP_TO_DAYS else "month"


def fixed_period(start: date, end: date) -> tuple:
    """The smallest run of whole fixed periods (a day; Monday-to-Sunday weeks; calendar months)
    that covers start..end. Views are only ever unions of these, never arbitrary ranges, so two
    views cannot differ by a day or two whose small counts a subtraction would reveal
    (bot/analytics/suppress.py, rule 4). fixed_period(*fixed_period(a, b)) == fixed_period(a, b)."""
    kind = period_kind(start, end)
    if kind == "week":
        return _whole_weeks(start, end)
    if kind == "month":
        following = (end.replace(day=28) + timedelta(days=4)).replace(day=1)
        first = start.replace(day=1)
        while (following - first).days > MAX_DAYS:      # whole months within the limit
            first = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        return first, following - timedelta(days=1)
    return start, end


def parse_filters(args, today: date | None = None) -> tuple:
    """GET query -> (Filters, [problems]) with safe defaults for anything missing or wrong."""
    today = today or datetime.now(timezone.utc).date()
    problems = []

    def day(name: str) -> date | None:
        raw = (args.get(name) or "").strip()
        if not raw:
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            problems.append(f"'{name}' is not a date like 2025-01-31: ignored.")
            return None

    end = day("to") or today
    start = day("from") or end - timedelta(days=6)
    if not args.get("from") and not args.get("to"):
        # the default view: the whole weeks holding the last seven days (on a Monday morning
        # "this week so far" is a few hours: nearly every count would be suppressed)
        start, end = fixed_period(start, end)
    if start > end:
        start, end = end, start
        problems.append("'from' was after 'to': swapped.")
    if (end - start).days + 1 > MAX_DAYS:
        start = end - timedelta(days=MAX_DAYS - 1)
        problems.append(f"At most {MAX_DAYS} days at a time: showing the last {MAX_DAYS}.")
    fixed = fixed_period(start, end)
    if fixed != (start, end):
        problems.append(f"Figures are published for whole {period_kind(start, end)}s only: showing "
                        f"{fixed[0].isoformat()} to {fixed[1].isoformat()}.")
        start, end = fixed
    council = (args.get("council") or "").strip() or None
    if council and council not in COUNCILS:
        problems.append("Unknown council: showing both.")
        council = None
    channel = (args.get("channel") or "").strip() or None
    if channel and channel not in CHANNELS:
        problems.append("Unknown channel: showing all.")
        channel = None
    return Filters(start=start, end=end, council=council, channel=channel), problems


def _query(f: Filters, **extra) -> str:
    params = {"from": f.start.isoformat(), "to": f.end.isoformat(), "council": f.council or "",
              "channel": f.channel or "", **extra}
    return urlencode({k: v for k, v in params.items() if v})


def insights_blueprint(token: str | None = None, store_url: str | None = None,
                       store: Store | None = None) -> Blueprint:
    """The /insights routes. Defaults come from SIGNPOST_INSIGHTS_TOKEN / SIGNPOST_ANALYTICS_URL."""
    token = (os.environ.get(ENV_TOKEN, "") if token is None else token).strip()
    off_reason = None
    if not token:
        off_reason = f"The insight page is switched off on this server (set {ENV_TOKEN})."
    elif len(token) < MIN_TOKEN_CHARS:
        off_reason = (f"The insight page is switched off: {ENV_TOKEN} must be at least "
                      f"{MIN_TOKEN_CHARS} characters.")
        logger.warning("insights: token too short, page switched off")
    url = store_url if store_url is not None else configured_url()
    state = {"store": store}
    bp = Blueprint("signpost_insights")

    def get_store() -> Store | None:
        if state["store"] is None and url:
            state["store"] = Store(url)
        return state["store"]

    @bp.after_server_stop
    async def _dispose(_app, _loop) -> None:
        if state["store"] is not None:
            state["store"].dispose()

    def page(template: str, status: int = 200, **ctx):
        html = _jinja.get_template(template).render(**ctx)
        return response.html(html, status=status, headers=dict(HEADERS))

    def text(message: str, status: int, **headers):
        return response.text(message, status=status, headers={**HEADERS, **headers})

    def authorised(request: Request) -> bool | None:
        """True: allowed; False: wrong credentials; None: none offered."""
        auth = request.headers.get("authorization") or ""
        if auth:
            scheme, _, value = auth.partition(" ")
            return scheme.lower() == "bearer" and token_matches(token, value)
        cookie = request.cookies.get(COOKIE)
        if cookie:
            return valid_session(token, cookie) or None
        return None

    def refuse(request: Request, verdict: bool | None, html: bool):
        status = 403 if verdict is False else 401
        challenge = {"WWW-Authenticate": 'Bearer realm="Signpost insights"'}
        if not html:
            return text("Not allowed: send Authorization: Bearer <token>.", status, **challenge)
        message = "That token is not right." if verdict is False else None
        resp = page("login.html", status=status, message=message)
        resp.headers.update(challenge)
        return resp

    async def report_for(request: Request):
        f, problems = parse_filters(request.args)
        s = get_store()
        if s is None:
            return f, problems, None, "Analytics are switched off (SIGNPOST_ANALYTICS_URL=off)."
        loop = asyncio.get_running_loop()
        try:
            report = await loop.run_in_executor(None, build_report, s, f)
        except Exception as exc:  # noqa: BLE001 - no details (they can include the URL)
            logger.warning("insights: store not readable (%s)", type(exc).__name__)
            return f, problems, None, "The analytics store can't be read right now. Try later."
        return f, problems, report, None

    @bp.get("/insights/static/insights.css")
    async def css(_request: Request):
        return await response.file(HERE / "static" / "insights.css",
                                   headers={"X-Content-Type-Options": "nosniff",
                                            "Cache-Control": "max-age=3600"})

    def gate(request: Request, html: bool):
        """The answer for a request that may not see the insights, or None when it may."""
        if off_reason:
            return text(off_reason, 404)
        verdict = authorised(request)
        return None if verdict else refuse(request, verdict, html=html)

    @bp.get("/insights")
    async def insights(request: Request):
        refused = gate(request, html=True)
        if refused:
            return refused
        f, problems, report, error = await report_for(request)
        if report is None:
            return page("insights.html", status=503, f=f, problems=problems, error=error,
                        form=_form(f), r=None)
        return page("insights.html", f=f, problems=problems, error=None, form=_form(f), r=report,
                    charts=_charts(report), csv_query=_query(f), labels=CLASS_LABELS,
                    classes=CLASSES, span_query=_span_query(report, f))

    @bp.get("/insights.csv")
    async def insights_csv(request: Request):
        refused = gate(request, html=False)
        if refused:
            return refused
        f, _problems, report, error = await report_for(request)
        if report is None:
            return text(error, 503)
        name = f"signpost-insights-{f.start.isoformat()}-{f.end.isoformat()}.csv"
        return response.text(report_csv(report), content_type="text/csv; charset=utf-8",
                             headers={**HEADERS,
                                      "Content-Disposition": f'attachment; filename="{name}"'})

    @bp.post("/insights/login")
    async def login(request: Request):
        if off_reason:
            return text(off_reason, 404)
        offered = request.form.get("token") if request.form else None
        if not token_matches(token, offered):
            await asyncio.sleep(0.5)   # slows guessing; the token is long anyway
            return page("login.html", status=403, message="That token is not right.")
        resp = response.redirect("/insights", status=303, headers=dict(HEADERS))
        _set_cookie(resp, session_cookie(token), secure=secure_cookies(request))
        return resp

    @bp.post("/insights/logout")
    async def logout(_request: Request):
        resp = response.redirect("/insights", status=303, headers=dict(HEADERS))
        _set_cookie(resp, "", max_age=0)
        return resp

    return bp


def secure_cookies(request: Request) -> bool:
    """Secure cookies over HTTPS, and always in production (TLS ends at nginx there)."""
    profile = os.environ.get("SIGNPOST_PROFILE") or os.environ.get("SIGNPOST_ENV") or ""
    return request.scheme == "https" or profile == "production" \
        or os.environ.get("SIGNPOST_SECURE_COOKIES") == "1"


def _set_cookie(resp, value: str, secure: bool = False, max_age: int = SESSION_S) -> None:
    resp.cookies[COOKIE] = value
    cookie = resp.cookies[COOKIE]
    cookie["path"] = "/"          # /insights.csv is not under /insights/
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["max-age"] = max_age
    if secure:
        cookie["secure"] = True


def _form(f: Filters) -> dict:
    d = default_directory()
    return {
        "from": f.start.isoformat(), "to": f.end.isoformat(),
        "councils": [("", "Both councils", not f.council)] + [
            (c, d.council_names[c], f.council == c) for c in COUNCILS],
        "channels": [("", "All channels", not f.channel)] + [
            (c, CHANNEL_LABELS.get(c, c), f.channel == c) for c in CHANNELS],
    }


def _span_query(report, f: Filters) -> str | None:
    """A link to the days that do have data, when the chosen period has none."""
    if not report.empty or not report.span:
        return None
    first, last = report.span
    first = max(first, last - timedelta(days=MAX_DAYS - 1))
    return _query(Filters(first, last, f.council, f.channel))


def _charts(r) -> dict:
    period_labels = [p.label for p in r.periods]
    series = {c: (CLASS_LABELS[c], [p.classes[c] for p in r.periods]) for c in CLASSES}
    agency_colours = [COLOURS[x.extra["class"]] for x in r.agencies]
    return {
        "time": columns("Questions by who they were sent to, per " + r.bucket, period_labels,
                        series, desc="Grouped bars per " + r.bucket + ": police, councils, other "
                        "bodies and not routed. The same numbers are in the table below."),
        "topics": hbar("Questions by topic", [(x.label, x.cell) for x in r.topics],
                       desc="Every topic asked about in the period, largest first."),
        "agencies": hbar("Where people were sent", [(x.label, x.cell) for x in r.agencies],
                         colours=agency_colours,
                         desc="Bodies Signpost sent people to; blue police, green councils, "
                              "purple other bodies."),
        "guesses": hbar("Questions Signpost could not answer, by what it guessed",
                        [(x.label, x.cell) for x in r.guesses], colour=COLOURS["none"]),
        "channels": hbar("Questions by channel", [(x.label, x.cell) for x in r.channels]),
        "hours": columns("Questions by hour of day (UK time)", [x.label[:2] for x in r.hours],
                         {"bar": ("Questions", [x.cell for x in r.hours])},
                         desc="All days in the period added together, by hour of day.",
                         value_labels=True),
    }
