"""A small local HTTP server standing in for the Graph, Telegram Bot and Twilio REST APIs.

The channels are pointed at it through SIGNPOST_*_API_URL; it records every request and answers
the way the real API does on success, so nothing real is ever contacted.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Recorded:
    method: str
    path: str
    query: dict
    headers: dict
    body: bytes

    @property
    def json(self):
        return json.loads(self.body or b"null")

    @property
    def form(self) -> dict:
        return {k: v[0] for k, v in parse_qs(self.body.decode(), keep_blank_values=True).items()}


class FakePlatform:
    def __init__(self) -> None:
        self.requests: list = []
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                parts = urlsplit(self.path)
                rec = Recorded("POST", parts.path, parse_qs(parts.query), dict(self.headers),
                               self.rfile.read(length))
                with fake.lock:
                    fake.requests.append(rec)
                status, body = fake.answer(rec)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @staticmethod
    def answer(rec: Recorded):
        if rec.path.startswith("/graph/"):
            return 200, {"recipient_id": "1", "message_id": "m_fake"}
        if rec.path.startswith("/telegram/"):
            return 200, {"ok": True, "result": True}
        if rec.path.startswith("/twilio/"):
            return 201, {"sid": "SMfake", "status": "queued"}
        return 404, {"error": "unknown API"}

    def start(self) -> FakePlatform:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def mark(self) -> int:
        with self.lock:
            return len(self.requests)

    def since(self, mark: int, where: Callable[[Recorded], bool] | None = None) -> list:
        with self.lock:
            recs = self.requests[mark:]
        return [r for r in recs if where is None or where(r)]
