"""A stand-in action server that accepts a request and never answers (a hung action server)."""
from __future__ import annotations

import socket
import threading
import time


class HangingServer:
    def __init__(self, port: int, hold: float = 30.0) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.hold, self.accepted, self._stop = hold, 0, threading.Event()
        self._conns = []
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.accepted += 1
            self._conns.append((conn, time.time()))
            try:
                conn.settimeout(0.5)
                conn.recv(65536)      # read the request, answer nothing
            except OSError:
                pass

    def __enter__(self) -> HangingServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self.thread.join(2)
        for conn, _ in self._conns:
            conn.close()
        self.sock.close()
