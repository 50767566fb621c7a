"""A tiny HTTP client for the production tests: raw bytes in, status/headers/body/time out, and a
chosen loopback source address (127.0.x.y), so each test is its own "client IP" for nginx's
per-IP limits, as real residents would be."""
from __future__ import annotations

import http.client
import itertools
import json
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

_addresses = itertools.count(10)


def new_ip() -> str:
    n = next(_addresses)
    return f"127.0.{n // 250 + 1}.{n % 250 + 2}"


@dataclass
class Answer:
    status: int
    headers: dict          # lower-case names
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)


def request(url: str, method: str = "GET", body: bytes | None = None,
            headers: dict | None = None, source: str | None = None,
            timeout: float = 15) -> Answer:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout,
                                      source_address=(source, 0) if source else None)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    started = time.perf_counter()
    try:
        conn.request(method, path or "/", body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        return Answer(resp.status, {k.lower(): v for k, v in resp.getheaders()}, data,
                      time.perf_counter() - started)
    finally:
        conn.close()


def post_json(url: str, payload, source: str | None = None, timeout: float = 15) -> Answer:
    return request(url, "POST", json.dumps(payload).encode(),
                   {"Content-Type": "application/json"}, source=source, timeout=timeout)


class Resident:
    """One person on the public chat API through nginx, from their own address."""

    def __init__(self, base_url: str, source: str | None = None) -> None:
        self.base = base_url.rstrip("/")
        self.source = source or new_ip()
        answer = post_json(f"{self.base}/api/session", {}, source=self.source)
        assert answer.status == 200, answer.text
        self.session = answer.json()["session"]

    @property
    def sender(self) -> str:
        return self.session.split(".")[1]

    def send(self, text, timeout: float = 15) -> Answer:
        return post_json(f"{self.base}/api/chat", {"session": self.session, "message": text},
                         source=self.source, timeout=timeout)

    def say(self, text: str) -> list:
        answer = self.send(text)
        assert answer.status == 200, (answer.status, answer.text)
        return answer.json()["messages"]


def routes(messages: list) -> list:
    return [m["custom"]["route"] for m in messages
            if isinstance(m.get("custom"), dict) and "route" in m["custom"]]


def texts(messages: list) -> str:
    return " ".join(m.get("text") or "" for m in messages)
