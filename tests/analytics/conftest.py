"""Helpers for the analytics tests: outcome rows, temporary stores, a standalone web app."""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta

import pytest

from bot.analytics.outcome import anonymous_row
from bot.analytics.store import Store
from bot.runtime.stack import ROOT, free_port

TOKEN = "test-insights-token-0123456789"


def row(topic="fly_tipping", agency="wiltshire_council", council="wiltshire_council",
        area="chippenham_area", place=None, channel="rest", when=None, ranking=None,
        **flags) -> dict:
    outcome = {"topic": topic, "agency": agency, "council": council, "area": area,
               "emergency": False, "asked_place": False, "fallback": False, **flags}
    return anonymous_row(outcome, channel, place=place, now=when or datetime.utcnow(),
                         ranking=ranking)


def rows(n: int, **kw) -> list:
    return [row(**kw) for _ in range(n)]


@pytest.fixture()
def sqlite_store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'analytics.db'}")
    yield store
    store.dispose()


def get(url: str, headers=None, data: bytes = None, timeout: float = 15):
    """(status, headers, body) without raising on 4xx/5xx, and without following redirects."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None
    opener = urllib.request.build_opener(NoRedirect)
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(req, timeout=timeout) as resp:
            return resp.status, resp.headers, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read().decode()


class WebApp:
    """`python -m bot.web` on a free port with the given environment (no Rasa needed)."""

    def __init__(self, env: dict, log_path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        full = {**os.environ, "SIGNPOST_SESSION_SECRET": secrets.token_urlsafe(32), **env}
        for key, value in env.items():
            if value is None:
                full.pop(key, None)
        self.log = open(log_path, "ab")
        self.proc = subprocess.Popen([sys.executable, "-m", "bot.web", "--port", str(self.port),
                                      "--rasa-url", "http://127.0.0.1:9"], cwd=ROOT, env=full,
                                     stdout=self.log, stderr=subprocess.STDOUT)

    def wait(self, timeout: float = 60) -> WebApp:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"web app exited: see {self.log.name}")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=2):
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("web app did not start")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def days_ago(n: int, hour: int = 12) -> datetime:
    return (datetime.utcnow() - timedelta(days=n)).replace(hour=hour, minute=30)
