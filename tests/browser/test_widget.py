"""The chat page and the council embed in a real browser, against a real Signpost.

Playwright's CSS locators pierce the widget's (open) shadow root, so `.sp-input` finds the input
inside it.
"""
from __future__ import annotations

import json
import re
import time

from playwright.sync_api import expect

from tests.browser.conftest import EXIT_URL

CARD = ".sp-card"


def ask(page, text: str) -> None:
    box = page.locator(".sp-input")
    box.fill(text)
    box.press("Enter")


def bot_turns(page) -> int:
    return page.locator(".sp-bot, .sp-card").count()


def wait_answer(page, before: int, timeout: float = 20) -> None:
    """Wait until the bot has said something new and the typing indicator is gone."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if bot_turns(page) > before and page.locator(".sp-typing.sp-typing-on").count() == 0:
            return
        page.wait_for_timeout(100)
    raise AssertionError("no answer from the widget")


def open_widget(page) -> None:
    page.locator(".sp-launcher").click()
    expect(page.locator(".sp-panel")).to_be_visible()


def csp_errors(page) -> list:
    return [e for e in page.console_errors if "Content Security Policy" in e]


# -- the chat page ---------------------------------------------------------------------------------

def test_chat_page_answers_with_a_route_card(page, stack):
    page.goto(stack.web_url + "/")
    log = page.locator(".sp-log")
    expect(log).to_have_attribute("role", "log")
    expect(log).to_contain_text("automated assistant")
    expect(page.get_by_role("textbox", name="Your message to Signpost")).to_be_visible()
    before = bot_turns(page)
    ask(page, "there's a big pothole on the A4 in Calne")
    wait_answer(page, before)
    card = page.locator(CARD).last
    expect(card).to_contain_text("Wiltshire Council")
    expect(card.locator(".sp-card-why")).not_to_be_empty()
    phone = card.locator("a[href^='tel:']").first
    expect(phone).to_have_attribute("href", re.compile(r"^tel:\+?\d{3,}$"))
    web = card.locator("a[href^='https://']").first
    expect(web).to_have_attribute("target", "_blank")
    # screen readers hear who said what
    expect(page.locator(".sp-user .sp-vh").last).to_have_text("You said: ")
    expect(card.locator(".sp-vh").first).to_have_text("Signpost said: ")
    # quick replies come as buttons
    expect(page.locator(".sp-reply").first).to_be_visible()
    assert not csp_errors(page), csp_errors(page)


def test_messages_are_text_never_html(page, stack):
    page.goto(stack.web_url + "/")
    before = bot_turns(page)
    ask(page, '<img src=x onerror="document.title=1"> <b>bold</b>')
    wait_answer(page, before)
    user = page.locator(".sp-user .sp-text").last
    expect(user).to_have_text('<img src=x onerror="document.title=1"> <b>bold</b>')
    assert page.locator(".sp-log img, .sp-log b").count() == 0
    assert page.title() != "1"


def test_emergency_answer_cannot_be_missed(page, stack):
    page.goto(stack.web_url + "/")
    before = bot_turns(page)
    ask(page, "someone is trying to break in to my house right now")
    wait_answer(page, before)
    first = page.locator(".sp-emergency").first
    expect(first).to_be_visible()
    expect(first).to_contain_text("CALL 999")
    colours = first.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]")
    assert colours == ["rgb(176, 0, 32)", "rgb(255, 255, 255)"]
    card = page.locator(".sp-card-emergency").first
    expect(card.locator("a[href='tel:999']")).to_be_visible()
    # the emergency comes before anything else Signpost said in that turn
    order = page.locator(".sp-log > *").evaluate_all(
        "els => els.map(e => e.className)")
    user_at = max(i for i, c in enumerate(order) if "sp-user" in c)
    assert "sp-emergency" in order[user_at + 1]


def test_reload_keeps_the_conversation_going(page, stack):
    page.goto(stack.web_url + "/")
    before = bot_turns(page)
    ask(page, "who do i tell about a load of rubbish dumped down our lane")
    wait_answer(page, before)
    expect(page.locator(".sp-bot").last).to_contain_text("Which town")
    stored = page.evaluate("() => JSON.stringify(Object.entries(sessionStorage))")
    assert "rubbish" not in stored and "Which town" not in stored
    token = page.evaluate("() => sessionStorage.getItem('signpost:session')")
    assert token and token.startswith("v1.")
    assert page.evaluate("() => localStorage.length") == 0

    page.reload()
    expect(page.locator(".sp-log")).to_contain_text("carrying on an earlier conversation")
    expect(page.locator(".sp-log")).not_to_contain_text("rubbish")   # no transcript kept
    assert page.evaluate("() => sessionStorage.getItem('signpost:session')") == token
    before = bot_turns(page)
    ask(page, "Corsham")
    wait_answer(page, before)
    card = page.locator(CARD).last
    expect(card).to_contain_text("Wiltshire Council")
    expect(card.locator(".sp-card-kicker")).to_contain_text("Fly-tipping")


def test_quick_exit_leaves_at_once_and_forgets_the_session(page, stack):
    # the exit's destination, answered locally: nothing leaves this machine
    page.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<!doctype html><title>Weather</title><p>Weather"))
    page.goto(stack.web_url + "/")
    before = bot_turns(page)
    ask(page, "hello")
    wait_answer(page, before)
    assert page.evaluate("() => sessionStorage.length") > 0
    exit_button = page.get_by_role("button", name="Quick exit")
    expect(exit_button).to_be_visible()
    exit_button.click()
    page.wait_for_url(EXIT_URL)
    page.goto(stack.web_url + "/")          # same tab: its sessionStorage was cleared
    assert page.evaluate("() => sessionStorage.length") == 0
    expect(page.locator(".sp-log")).not_to_contain_text("carrying on")


def test_stale_or_forged_session_is_replaced_quietly(page, stack):
    page.goto(stack.web_url + "/")
    page.evaluate("() => sessionStorage.setItem('signpost:session',"
                  " 'v1.AAAAAAAAAAAAAAAAAAAAAAAA.1700000000.forged')")
    page.reload()
    before = bot_turns(page)
    ask(page, "graffiti on the underpass in Penhill")
    wait_answer(page, before)
    expect(page.locator(CARD).last).to_contain_text("Swindon Borough Council")
    expect(page.locator(".sp-log")).to_contain_text("earlier conversation has ended")
    token = page.evaluate("() => sessionStorage.getItem('signpost:session')")
    assert "AAAAAAAAAAAAAAAAAAAAAAAA" not in token


def test_page_reflows_at_320px_and_respects_reduced_motion(browser, stack):
    ctx = browser.new_context(viewport={"width": 320, "height": 256}, reduced_motion="reduce")
    try:
        page = ctx.new_page()
        page.goto(stack.web_url + "/")
        expect(page.locator(".sp-input")).to_be_visible()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
        panel_box = page.locator(".sp-panel").bounding_box()
        assert panel_box["width"] <= 320
        for sel in (".sp-send", ".sp-exit"):
            box = page.locator(sel).bounding_box()
            assert box["width"] >= 24 and box["height"] >= 24, sel
        dots = page.locator(".sp-dots span").first
        assert dots.evaluate("e => getComputedStyle(e).animationName") == "none"
    finally:
        ctx.close()


def test_open_widget_reflows_at_400_percent_zoom(browser, stack, council):
    """1280x1024 at 400% is a 320x256 CSS-pixel viewport: the open panel takes the screen and
    everything needed stays on it."""
    ctx = browser.new_context(viewport={"width": 320, "height": 256})
    try:
        page = ctx.new_page()
        page.goto(council.url(look="demo"))
        launcher = page.locator(".sp-launcher")
        assert launcher.bounding_box()["x"] + launcher.bounding_box()["width"] <= 320
        open_widget(page)
        for sel in (".sp-input", ".sp-send", ".sp-exit", ".sp-close", ".sp-danger"):
            box = page.locator(sel).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 320, sel
            assert box["y"] >= 0 and box["y"] + box["height"] <= 256, sel
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    finally:
        ctx.close()


# -- the council embed -----------------------------------------------------------------------------

def test_council_embed_under_strict_csp_presets_the_council(page, stack, council):
    sockets = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    api_calls = []
    page.on("request", lambda r: api_calls.append(r.url) if "/api/chat" in r.url else None)
    page.goto(council.url())
    launcher = page.locator(".sp-launcher")
    expect(launcher).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "false")

    # no CSS leaks either way
    assert launcher.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(27, 94, 74)"
    assert launcher.evaluate("e => getComputedStyle(e).fontFamily") != '"Comic Sans MS", cursive'
    host_button = page.locator(".host-button")
    assert host_button.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(0, 255, 0)"
    assert host_button.evaluate("e => getComputedStyle(e).fontSize") == "18px"
    assert page.evaluate("() => typeof window.io") == "undefined"     # no globals left behind

    open_widget(page)
    expect(page.locator(".sp-title")).to_have_text("Swindon Council help")
    before = bot_turns(page)
    ask(page, "there's graffiti all over the underpass")
    wait_answer(page, before)
    card = page.locator(CARD).last
    expect(card).to_contain_text("Swindon Borough Council")
    expect(card.locator("a[href^='tel:']").first).to_be_visible()
    expect(page.locator(".sp-log")).not_to_contain_text("Which town")

    assert any("/socket.io/" in url for url in sockets), "socket.io was not used"
    assert not api_calls, "the REST fallback was used although socket.io works"
    assert not csp_errors(page), csp_errors(page)


def test_council_embed_falls_back_to_rest_when_websockets_are_blocked(page, stack, council):
    """A partner whose CSP allows https: but not wss: to Signpost still gets answers."""
    page.goto(council.url(csp="no-ws"))
    open_widget(page)
    before = bot_turns(page)
    started = time.time()
    with page.expect_response(re.compile(r"/api/chat$")) as resp:
        ask(page, "graffiti on the underpass")
    assert time.time() - started < 5
    assert resp.value.status == 200
    assert resp.value.headers["access-control-allow-origin"] == f"http://localhost:{council.port}"
    wait_answer(page, before)
    expect(page.locator(CARD).last).to_contain_text("Swindon Borough Council")


def test_keyboard_only(page, stack, council):
    page.goto(council.url())
    launcher = page.locator(".sp-launcher")
    expect(launcher).to_be_visible()
    for _ in range(10):                                   # Tab through the host page
        page.keyboard.press("Tab")
        if launcher.evaluate("e => e.getRootNode().activeElement === e"):
            break
    else:
        raise AssertionError("the launcher is not reachable with Tab")
    outline = launcher.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none", "no visible focus on the launcher"
    page.keyboard.press("Enter")
    expect(page.locator(".sp-panel")).to_be_visible()
    focused = lambda: page.evaluate(  # noqa: E731
        "() => { const h = document.querySelector('[data-signpost]');"
        " const a = h && h.shadowRoot.activeElement; return a ? a.className : null; }")
    assert focused() == "sp-input"
    before = bot_turns(page)
    page.keyboard.type("hello")
    page.keyboard.press("Enter")
    wait_answer(page, before)
    expect(page.locator(".sp-reply").first).to_be_visible()
    for _ in range(12):                                   # back up to the quick replies
        page.keyboard.press("Shift+Tab")
        if focused() == "sp-reply":
            break
    else:
        raise AssertionError("quick replies are not reachable with the keyboard")
    before = bot_turns(page)
    page.keyboard.press("Enter")
    wait_answer(page, before)
    assert page.locator(".sp-user").count() == 2
    page.keyboard.press("Escape")
    expect(page.locator(".sp-panel")).to_be_hidden()
    assert launcher.evaluate("e => e.getRootNode().activeElement === e")
    expect(launcher).to_have_attribute("aria-expanded", "false")


def test_not_a_partner_gets_no_service(page, stack, rogue):
    page.goto(rogue.url())
    open_widget(page)
    ask(page, "graffiti on the underpass")
    msg = page.locator(".sp-unavailable")
    expect(msg).to_be_visible(timeout=8_000)
    expect(msg).to_contain_text("999")
    assert page.locator(CARD).count() == 0


# -- server down or slow ---------------------------------------------------------------------------

def test_server_down_gives_999_and_101_quickly(page, dead_web):
    page.goto(dead_web + "/")
    expect(page.locator(".danger")).to_contain_text("999")     # the page's own line
    started = time.time()
    ask(page, "fly tipping in Calne")
    msg = page.locator(".sp-unavailable")
    expect(msg).to_be_visible(timeout=6_000)
    assert time.time() - started < 6
    expect(msg).to_contain_text("999")
    expect(msg).to_contain_text("101")
    expect(page.locator(".sp-typing.sp-typing-on")).to_have_count(0)


def test_slow_server_warns_then_gives_up(page, stack, council):
    page.route(re.compile(r".*/api/chat$"), lambda route: None)     # never answered
    page.goto(council.url(transport="rest", timeout="4000"))
    open_widget(page)
    expect(page.locator(".sp-danger")).to_contain_text("999")
    started = time.time()
    ask(page, "graffiti on the underpass")
    expect(page.locator(".sp-warning").first).to_contain_text("999", timeout=3_000)
    expect(page.locator(".sp-unavailable")).to_be_visible(timeout=5_000)
    assert time.time() - started < 6
    expect(page.locator(".sp-danger")).to_be_visible()
    page.unroute_all(behavior="ignoreErrors")


# -- accessibility -------------------------------------------------------------------------------

def axe_violations(page, axe_source: str, include: str = None) -> list:
    page.evaluate(axe_source)     # DevTools evaluation: not subject to the page's CSP
    result = page.evaluate("""async (include) => {
        const context = include ? {include: [include]} : document;
        const r = await axe.run(context, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact,
                                       nodes: v.nodes.map(n => JSON.stringify(n.target)).slice(0, 3)}));
    }""", include)
    return [v for v in result if v["impact"] in ("serious", "critical")]


def test_axe_chat_page(page, stack, axe_source):
    page.goto(stack.web_url + "/")
    before = bot_turns(page)
    ask(page, "there's a big pothole on the A4 in Calne")
    wait_answer(page, before)
    violations = axe_violations(page, axe_source)
    assert not violations, json.dumps(violations, indent=1)


def test_axe_open_widget_with_emergency(page, stack, council, axe_source):
    page.goto(council.url())
    open_widget(page)
    before = bot_turns(page)
    ask(page, "someone is trying to break in to my house right now")
    wait_answer(page, before)
    # the test page's own hostile CSS is not ours to fix: only the widget is checked
    violations = axe_violations(page, axe_source, include="[data-signpost]")
    assert not violations, json.dumps(violations, indent=1)


# -- screenshots for the README (`make screenshots` writes them to docs/screenshots) -------------

def blur(page) -> None:
    page.evaluate("() => { const h = document.querySelector('[data-signpost]');"
                  " const a = h && h.shadowRoot.activeElement; if (a) a.blur(); }")


def test_screenshots(browser, stack, council, screenshots_dir):
    ctx = browser.new_context(viewport={"width": 1280, "height": 860}, locale="en-GB")
    try:
        page = ctx.new_page()
        page.goto(stack.web_url + "/")
        before = bot_turns(page)
        ask(page, "there's a big pothole on the A4 in Calne")
        wait_answer(page, before)
        blur(page)
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=str(screenshots_dir / "chat-page.png"), full_page=True)

        page.goto(council.url(look="demo"))
        expect(page.locator(".sp-launcher")).to_be_visible()
        page.screenshot(path=str(screenshots_dir / "council-embed-launcher.png"))
        open_widget(page)
        before = bot_turns(page)
        ask(page, "there's graffiti all over the underpass")
        wait_answer(page, before)
        blur(page)
        page.screenshot(path=str(screenshots_dir / "council-embed.png"))
    finally:
        ctx.close()
    phone = browser.new_context(viewport={"width": 390, "height": 780}, locale="en-GB",
                                device_scale_factor=2)
    try:
        page = phone.new_page()
        page.goto(council.url(look="demo"))
        open_widget(page)
        before = bot_turns(page)
        ask(page, "someone is trying to break in to my house right now")
        wait_answer(page, before)
        blur(page)
        page.screenshot(path=str(screenshots_dir / "council-embed-emergency-mobile.png"))
    finally:
        phone.close()
