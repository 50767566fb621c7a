"""Overload: far more residents at once than the machine can answer. Every request gets an HTTP
answer quickly: the answer, or a polite 503 with Retry-After (bot/channels/admission.py, nginx's
ceiling in bot/runtime/proxy.py); never silence, never another 5xx; every answered turn stored."""
import asyncio
import json
import time

import aiohttp

from bot.channels.admission import DEFAULT_WAIT_S
from tests.prod.client import new_ip

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
