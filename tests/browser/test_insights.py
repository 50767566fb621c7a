"""The insight page in a real browser: log in, charts and tables render, filters without JS.

Its own web app (no Rasa needed) over a store holding a synthetic week plus questions answered
by the real dialogue and recorded by the real recorder (the session's stack keeps analytics off).
"""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from bot.analytics.recorder import Recorder, record_turn
from bot.analytics.store import Store
from bot.conversation.dialogue import Conversation, State, Turn
from bot.web.demo import synthetic_rows
from tests.analytics.conftest import TOKEN, WebApp
from tests.browser.test_widget import axe_violations

REAL = [  # (text, intent, place entity): one conversation, as the NLU would hand it over
    ("someone has dumped a fridge by the garages", "fly_tipping", None),
    ("Lacock", "inform_place", "Lacock"),
    ("there's a car parked on the pavement in Penhill", "parking", "Penhill"),
    ("someone is trying to break in right now", "emergency", None),
    ("can you order me a pizza", "out_of_scope", None),
]


@pytest.fixture(scope="module")
def insights_url(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("insights-browser")
    url = f"sqlite:///{tmp / 'analytics.db'}"
    store = Store(url)
    store.insert([r for r in synthetic_rows(days=7, seed=11) if r["town"] != "Mere"])
    store.dispose()
    recorder, conv, state = Recorder(url), Conversation(), State()
    for text, intent, place in REAL:
        turn = Turn(text=text, intent=intent, entities=[place] if place else [],
                    ranking=[(intent, 0.9)])
        reply = conv.respond(turn, state)
        record_turn(reply, turn, state, "socketio", recorder=recorder)
        state = reply.state
    assert recorder.flush(15) and recorder.written == 4
    recorder.close()
    app = WebApp({"SIGNPOST_INSIGHTS_TOKEN": TOKEN, "SIGNPOST_ANALYTICS_URL": url},
                 tmp / "web.log").wait()
    yield app.url
    app.stop()


def test_insights_login_charts_tables_and_filters(page, insights_url, axe_source):
    response = page.goto(insights_url + "/insights")
    assert response.status == 401
    page.get_by_label("Insight token").fill(TOKEN)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("What people ask Signpost")

    # charts: server-rendered SVG with accessible names and real bars
    topics = page.get_by_role("img", name="Questions by topic")
    expect(topics).to_be_visible()
    assert topics.locator("rect").count() > 10
    assert topics.bounding_box()["height"] > 200
    expect(page.get_by_role("img", name="Where people were sent")).to_be_visible()
    # tables: the hotspots, with the headline figures
    towns = page.get_by_role("table", name="Towns, most questions first")
    expect(towns).to_be_visible()
    expect(towns.get_by_role("row", name="Swindon").first).to_be_visible()
    expect(page.locator(".tiles")).to_contain_text("hidden demand")
    assert int(page.locator(".tiles .big").first.inner_text().replace(",", "")) > 500

    # filters are a plain GET form: the socket.io channel holds only the real conversations
    page.select_option("#channel", "socketio")
    page.select_option("#council", "swindon_borough_council")
    page.get_by_role("button", name="Show").click()
    assert "channel=socketio" in page.url and "council=swindon_borough_council" in page.url
    socketio_towns = page.get_by_role("table", name="Towns, most questions first")
    expect(socketio_towns).to_contain_text("Swindon")

    csv_link = page.get_by_role("link", name="Download CSV")
    assert "channel=socketio" in csv_link.get_attribute("href")
    errors = [e for e in page.console_errors if "401" not in e]    # (the login page's status)
    assert not errors, errors                                      # no CSP violations, no errors

    violations = axe_violations(page, axe_source)
    assert not violations, json.dumps(violations, indent=1)
