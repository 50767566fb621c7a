"""Overload: far more residents at once than the machine can answer. Every request gets an HTTP
answer quickly: the answer, or a polite 503 with Retry-After (bot/channels/admission.py, nginx's
ceiling in bot/runtime/proxy.py); never silence, never another 5xx; every answered turn stored.
The same on the widget's socket.io channel: every message gets the answer or, at once, the busy
notice over the socket; an emergency sent in the middle of it still gets the 999 answer."""
import asyncio
import json
import socket
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import aiohttp
import socketio

from bot.channels.admission import DEFAULT_WAIT_S
from tests.prod.client import Resident, new_ip

CONCURRENT = 400          # each its own address and conversation, no think time
SECONDS = 8


async def flood(base: str):
    results = []
    deadline = time.monotonic() + SECONDS

    async def person():
        connector = aiohttp.TCPConnector(local_addr=(new_ip(), 0), limit=1)
        async with aiohttp.ClientSession(base_url=base, connector=connector,
                                         timeout=aiohttp.ClientTimeout(total=30)) as http:
            async with http.post("/api/session", json={}) as resp:
                session = (await resp.json())["session"]
            n = 0
            while time.monotonic() < deadline and n < 6:   # within the per-conversation limit
                n += 1
                started, status = time.monotonic(), None
                try:
                    async with http.post("/api/chat", json={"session": session,
                                                            "message": "fly tipping in Calne"}) as r:
                        body, status = await r.read(), r.status
                        results.append((session.split(".")[1], r.status, dict(r.headers),
                                        body, time.monotonic() - started))
                except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                    results.append((session.split(".")[1], type(exc).__name__, {}, b"",
                                    time.monotonic() - started))
                if status == 503:
                    await asyncio.sleep(1)                    # as Retry-After asks

    await asyncio.gather(*(person() for _ in range(CONCURRENT)))
    return results


def test_overload_is_shed_politely_and_quickly(prod, events):
    results = asyncio.run(flood(prod.public_url))
    statuses = {}
    for _sender, status, _h, _b, _s in results:
        statuses[status] = statuses.get(status, 0) + 1
    print(f"{len(results)} turns: {statuses}")
    assert set(statuses) <= {200, 503}, statuses            # never silence or another 5xx
    assert statuses.get(503), "nothing was shed: the flood was not beyond capacity"
    answered = {}
    for sender, status, headers, body, seconds in results:
        messages = json.loads(body)["messages"]
        text = " ".join(m.get("text") or "" for m in messages)
        if status == 503:
            assert headers.get("Retry-After") and "999" in text, (headers, text)
            # refused after the admission wait, not after a timeout (the margin is for this
            # shared 2-core machine, where the 400 clients themselves compete for the CPU)
            assert seconds < DEFAULT_WAIT_S + 4, seconds
        else:
            assert any("route" in (m.get("custom") or {}) for m in messages), text
            answered[sender] = answered.get(sender, 0) + 1
        assert seconds < 12, seconds
    for sender, n in answered.items():                      # every answered turn is stored
        assert len([r for r in events(sender) if r[1] == "user"]) >= n


# -- socket.io ------------------------------------------------------------------------------------
# The widget's first-choice transport: nginx -> the web app's relay -> Rasa's socket.io channel
# (bot/channels/socketio.py), which sheds with its own Admission per Rasa process. Real
# python-socketio clients (the threaded one: its asyncio client needs a newer aiohttp than Rasa
# 3.6 has), each from its own address and in its own conversation. Arrivals do not wait for
# answers (people keep typing, new people keep coming), so what is offered does not shrink when
# the stack slows down: ROUNDS messages from each resident, PERIOD_S apart, 200 a second for 15 s,
# over twice what the stack answered on socket.io here without shedding (about 55 a second when all
# of it reached one Rasa under ip_hash; with least connections both Rasa serve, and 120 a second
# was answered without shedding).
SOCKETS = 300
ROUNDS, PERIOD_S = 10, 1.5
WIDGET_TIMEOUT_S = 15           # the widget's hard timeout (bot/web/static/widget.js, hardMs)
EMERGENCY = "a man is attacking someone with a knife outside now"
# The emergency goes in once the first refusal has come back (others are being turned away), and
# no earlier than this: a fixed moment missed the shedding on a faster box (its first refusals
# started later, and none fell within a second of the emergency).
EMERGENCY_AFTER_S = 3.0
# A socket.io refusal is decided inside the Rasa process, behind the event loop that runs the
# admitted turns (the chat API's is decided in the web process): on this shared 2-core machine,
# with the test's own 300 sockets, busy notices took 2.3-5.3 s in all (the wait included) and the
# emergency 1.5-4.3 s over repeated runs; two clean-clone CI runs later saw a busy notice at 7.05
# and 7.1 s. What matters is an answer well inside the widget's 15 s; the margin is for the box.
SOCKET_MARGIN_S = 8


def socket_client(base: str, session: str, source: str) -> socketio.Client:
    """A python-socketio client on a socket bound to `source`, so nginx sees its own address."""
    parts = urlsplit(base)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=10,
                                    source_address=(source, 0))
    client = socketio.Client(reconnection=False, handle_sigint=False,
                             websocket_extra_options={"socket": sock})
    client.connect(base, auth={"token": session}, transports=["websocket"], wait_timeout=10)
    return client


@dataclass
class SocketTurn:
    sender: str
    text: str
    sent: float
    reply: dict | None = None
    seconds: float | None = None

    @property
    def busy(self) -> bool:
        return bool(self.reply and self.reply.get("busy"))

    @property
    def messages(self) -> list:
        return (self.reply or {}).get("messages") or []


def socket_flood(base: str) -> list[SocketTurn]:
    """Every resident's messages on a fixed timetable, plus the emergency sent as soon as a refusal
    has come back (after EMERGENCY_AFTER_S; last in the returned list), each answer recorded by
    its socket.io acknowledgement; waits WIDGET_TIMEOUT_S after the last."""
    people = [Resident(base) for _ in range(SOCKETS + 1)]
    with ThreadPoolExecutor(max_workers=32) as pool:
        clients = list(pool.map(lambda r: socket_client(base, r.session, r.source), people))
    timetable = sorted((i * PERIOD_S / SOCKETS + k * PERIOD_S, i)
                       for i in range(SOCKETS) for k in range(ROUNDS))
    turns: list[SocketTurn] = []
    start = time.monotonic()

    def send(i: int, text: str) -> None:
        turn = SocketTurn(people[i].sender, text, time.monotonic())
        turns.append(turn)

        def answered(reply=None, *_rest, turn=turn):
            turn.seconds, turn.reply = time.monotonic() - turn.sent, reply
        try:
            clients[i].emit("user_uttered", {"message": turn.text}, callback=answered)
        except socketio.exceptions.SocketIOError:
            pass                                   # a dropped socket: no answer, so silence

    sent_emergency = False
    for at, i in timetable:
        time.sleep(max(0.0, start + at - time.monotonic()))
        send(i, "fly tipping in Calne")
        if not sent_emergency and time.monotonic() - start >= EMERGENCY_AFTER_S and \
                any(t.busy for t in turns):
            send(SOCKETS, EMERGENCY)
            sent_emergency = True
    if not sent_emergency:                         # nothing refused: the test says so
        send(SOCKETS, EMERGENCY)
    deadline = time.monotonic() + WIDGET_TIMEOUT_S
    while time.monotonic() < deadline and any(t.reply is None for t in turns):
        time.sleep(0.1)
    for client in clients:
        client.disconnect()
    emergency = next(t for t in turns if t.text == EMERGENCY)
    return [t for t in turns if t is not emergency] + [emergency]


def quantile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def test_socketio_overload_is_shed_politely_and_a_999_still_gets_through(prod, events):
    *turns, emergency = socket_flood(prod.public_url)
    silent = [t for t in turns + [emergency]
              if t.reply is None or (t.seconds or 0) > WIDGET_TIMEOUT_S]
    busy = [t for t in turns if t.busy and t not in silent]
    answered = [t for t in turns if t.reply is not None and not t.busy and t not in silent]
    first = min(t.sent for t in turns)
    span = max(t.sent for t in turns) - first
    finished = max((t.sent + t.seconds for t in answered), default=first + 1) - first
    print(f"\nsocket.io: {SOCKETS} residents, {len(turns)} messages in {span:.1f} s (offered "
          f"{len(turns) / span:.0f}/s): {len(answered)} answered ({len(answered) / finished:.1f}/s), "
          f"{len(busy)} busy, {len(silent)} silent; answers p50/p99/max "
          f"{quantile([t.seconds for t in answered], .5):.2f}/"
          f"{quantile([t.seconds for t in answered], .99):.2f}/"
          f"{max([t.seconds for t in answered], default=0):.2f} s; busy p50/max "
          f"{quantile([t.seconds for t in busy], .5):.2f}/"
          f"{max([t.seconds for t in busy], default=0):.2f} s; emergency "
          f"{'busy' if emergency.busy else 'answered'} in {emergency.seconds or -1:.2f} s")
    assert not silent, f"{len(silent)} messages without an answer in {WIDGET_TIMEOUT_S} s"
    assert busy, "nothing was shed: the flood was not beyond capacity"
    for t in busy:
        text = " ".join(m.get("text") or "" for m in t.messages)
        assert "999" in text and t.reply.get("retry_after"), t.reply
        assert t.seconds < DEFAULT_WAIT_S + SOCKET_MARGIN_S, t.seconds   # at once after the wait
    per_sender = Counter()
    for t in answered:
        assert any("route" in (m.get("custom") or {}) for m in t.messages), t.messages
        assert t.seconds < 12, t.seconds
        per_sender[t.sender] += 1
    for sender in {t.sender for t in turns}:    # every answered turn stored, no refused one
        assert len([r for r in events(sender) if r[1] == "user"]) == per_sender[sender], sender

    # the emergency, sent while others were being refused, got the 999 answer, and it is stored
    done = emergency.sent + emergency.seconds
    assert any(emergency.sent - 1 <= t.sent <= done for t in busy), "no one was refused then"
    assert not emergency.busy and emergency.messages[0]["text"].startswith("CALL 999"), \
        emergency.reply
    assert any(m["custom"].get("route", {}).get("agency") == "police_999"
               for m in emergency.messages if isinstance(m.get("custom"), dict))
    assert emergency.seconds < DEFAULT_WAIT_S + SOCKET_MARGIN_S, emergency.seconds
    assert len([r for r in events(emergency.sender) if r[1] == "user"]) == 1
