"""Browser tests: Playwright driving Debian's Chromium against a real Signpost.

One stack (Rasa, actions, web app) on free ports for the whole session, with a test partner file
that lists only the "council page" origin below. The council page is a tiny HTTP server on another
origin (http://localhost:<port>), served with a strict Content-Security-Policy and hostile CSS; a
"rogue" page on a third origin is not a partner. Chromium is never downloaded: it is the system's
(`make browser-deps` installs it with apt), and axe-core comes from npm (`npm ci`).
"""
from __future__ import annotations

import html
import http.server
import os
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import yaml

from bot.runtime.stack import ROOT, Stack, free_port

CHROMIUM = os.environ.get("SIGNPOST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
EXIT_URL = "https://www.bbc.co.uk/weather"

HOSTILE_CSS = b"""/* A host page whose styles must not reach into the widget, nor the widget's out. */
* { font-family: "Comic Sans MS", cursive !important; color: #c00000 !important; }
button { background: #00ff00 !important; border-radius: 0 !important; }
div, p, section { padding: 20px !important; margin: 0 !important; }
body { background: #fffdf0; }
.host-button { font-size: 18px; }
"""
DEMO_CSS = b"""/* A plain council-style page for the README screenshots. */
body { margin: 0; font-family: Arial, Helvetica, sans-serif; color: #1d1d1b; background: #fff; }
header { background: #fff; border-bottom: 6px solid #1b5e4a; padding: 18px 40px; }
.host-heading { margin: 0; font-size: 26px; font-weight: bold; color: #1b5e4a; }
main { max-width: 720px; padding: 10px 40px; }
h1 { font-size: 36px; margin: 24px 0 12px; }
main p { font-size: 19px; line-height: 1.5; }
.host-button { font-size: 19px; padding: 10px 18px; background: #1b5e4a; color: #fff; border: 0; }
a { color: #1d70b8; }
"""


def council_page(web: str, query: dict) -> bytes:
    attrs = {"data-council": query.get("council", "swindon"),
             "data-title": query.get("title", "Swindon Council help"),
             "data-colour": query.get("colour", "#1b5e4a")}
    for name in ("transport", "timeout", "launcher-text"):
        if name in query:
            attrs[f"data-{name}"] = query[name]
    tag = " ".join(f'{k}="{html.escape(v)}"' for k, v in attrs.items() if v)
    return f"""<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Swindon Borough Council: report a problem</title>
<link rel="stylesheet" href="/{'demo' if query.get('look') == 'demo' else 'council'}.css"></head>
<body>
<header><p class="host-heading">Swindon Borough Council (test page)</p></header>
<main><h1>Report a problem</h1>
<p>Graffiti, fly-tipping, potholes and more. Not sure who to tell? Ask our assistant.</p>
<p><button type="button" class="host-button">A host page button</button></p>
<p><a href="#top">A host page link</a></p>
</main>
<script src="{web}/embed.js" {tag} async></script>
</body></html>""".encode()


def strict_csp(web: str, websocket: bool = True) -> str:
    """The council page's policy: only the Signpost origin may run script, style and connect."""
    ws = " " + web.replace("http://", "ws://") if websocket else ""
    return (f"default-src 'none'; script-src {web}; style-src 'self' {web}; "
            f"connect-src {web}{ws}; img-src 'self'; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'")


class CouncilServer:
    """Serves /council.html (strict CSP) and /council.css on 127.0.0.1:<port>."""

    def __init__(self, web_url: str) -> None:
        self.port = free_port()
        web = web_url

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                url = urllib.parse.urlsplit(self.path)
                query = dict(urllib.parse.parse_qsl(url.query))
                if url.path == "/council.html":
                    body, ctype = council_page(web, query), "text/html; charset=utf-8"
                elif url.path == "/council.css":
                    body, ctype = HOSTILE_CSS, "text/css"
                elif url.path == "/demo.css":
                    body, ctype = DEMO_CSS, "text/css"
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Security-Policy",
                                 strict_csp(web, websocket=query.get("csp") != "no-ws"))
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, host: str = "localhost", **query) -> str:
        qs = ("?" + urllib.parse.urlencode(query)) if query else ""
        return f"http://{host}:{self.port}/council.html{qs}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def web_port():
    return free_port()


@pytest.fixture(scope="session")
def council(web_port):
    with CouncilServer(f"http://127.0.0.1:{web_port}") as server:
        yield server


@pytest.fixture(scope="session")
def rogue(web_port):
    """The same page on an origin that is not in the partner file."""
    with CouncilServer(f"http://127.0.0.1:{web_port}") as server:
        yield server


@pytest.fixture(scope="session")
def partners_file(tmp_path_factory, council):
    path = tmp_path_factory.mktemp("partners") / "partners.yml"
    path.write_text(yaml.safe_dump({"partners": [
        {"name": "Test council page", "origins": [f"http://localhost:{council.port}"]}]}))
    return path


@pytest.fixture(scope="session")
def stack(tmp_path_factory, web_port, partners_file):
    tmp = tmp_path_factory.mktemp("browser-stack")
    s = Stack(os.environ.get("SIGNPOST_MODEL"), rasa_port=free_port(), actions_port=free_port(),
              web_port=web_port, tracker_db=str(tmp / "tracker.db"), log_dir=tmp / "logs",
              env={"SIGNPOST_PARTNERS": str(partners_file), "SIGNPOST_ANALYTICS_URL": "off"})
    s.start()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def dead_web(tmp_path_factory, partners_file):
    """A web app whose Rasa is not running: what a visitor sees when Signpost is down."""
    port, dead = free_port(), free_port()
    log = open(tmp_path_factory.mktemp("dead-web") / "web.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "bot.web", "--port", str(port), "--rasa-url",
                             f"http://127.0.0.1:{dead}"], cwd=ROOT, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True,
                            env={**os.environ, "SIGNPOST_PARTNERS": str(partners_file)})
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/health", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("the web app did not start") from None
            time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(10)
    log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (apt-get install chromium)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
    ctx.set_default_timeout(20_000)
    # No ctx.route() here: with request interception on, Playwright answers CORS preflights itself,
    # and the cross-origin tests must see the web app's real CORS answers.
    yield ctx
    ctx.close()


@pytest.fixture()
def page(context):
    p = context.new_page()
    p.console_errors = []
    p.on("console", lambda m: p.console_errors.append(m.text) if m.type == "error" else None)
    return p


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make browser-deps` (npm ci)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def screenshots_dir(tmp_path_factory):
    """docs/screenshots when `make screenshots` asks for them, else a temporary folder."""
    target = os.environ.get("SIGNPOST_SCREENSHOTS_DIR")
    path = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
