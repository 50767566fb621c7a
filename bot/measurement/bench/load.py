"""Closed-loop load over the REST channel: N users, each holding one conversation at a time and
sending its next message as soon as the previous answer arrives (no think time).

    python -m bot.measurement.bench.load --url http://127.0.0.1:PORT/webhooks/rest/webhook \
        [--system signpost|reference] [--users 16] [--duration 20] [--warmup 3]

Only requests that complete inside the measurement window (after the warm-up) count. An error is a
non-200 status, a reply that is not a JSON list, an empty reply, a timeout, a connection error, or
(for Signpost) a reply that is wrong in a way the load can see: the "couldn't finish that answer"
apology (an action failed or timed out) or an emergency whose first message is not the 999 one.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import aiohttp

from bot.measurement.bench.conversations import Step, reference_conversation, signpost_conversation

Check = Callable[[str, list], str | None]
APOLOGY = "couldn't finish that answer"
# Signpost steps whose answer comes from action_answer (greetings and thanks are static rules).
ACTION_TAGS = ("ask_place", "route", "fallback", "emergency")


def no_check(_tag: str, _reply: list) -> str | None:
    return None


def signpost_check(tag: str, reply: list) -> str | None:
    texts = [m.get("text") or "" for m in reply if isinstance(m, dict)]
    if any(APOLOGY in t for t in texts):
        return "apology"
    if tag == "emergency" and not (texts and texts[0].startswith("CALL 999")):
        return "emergency_not_first"
    return None


SYSTEMS = {
    "signpost": (signpost_conversation, signpost_check),
    "reference": (reference_conversation, no_check),
}


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100) of an unsorted list; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
    return ordered[rank - 1]


@dataclass
class LoadResult:
    users: int
    duration_s: float
    latencies_ms: list[float] = field(default_factory=list)
    by_tag: dict = field(default_factory=dict)   # tag -> latencies (ms) of good replies
    errors: Counter = field(default_factory=Counter)
    conversations: int = 0
    client_cpu_s: float = 0.0
    error_examples: list = field(default_factory=list)

    @property
    def ok(self) -> int:
        return len(self.latencies_ms)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def action_latencies(self) -> list[float]:
        """Signpost turns answered through the action server (everything but greet/thanks)."""
        return [x for tag in ACTION_TAGS for x in self.by_tag.get(tag, [])]

    def summary(self) -> dict:
        lat = self.latencies_ms
        r = lambda v: None if v is None else round(v, 2)  # noqa: E731
        return {
            "users": self.users,
            "duration_s": round(self.duration_s, 2),
            "messages": self.ok,
            "errors": self.error_count,
            "error_kinds": dict(self.errors),
            "error_examples": self.error_examples[:5],
            "msgs_per_s": round(self.ok / self.duration_s, 1) if self.duration_s else None,
            "p50_ms": r(percentile(lat, 50)),
            "p95_ms": r(percentile(lat, 95)),
            "p99_ms": r(percentile(lat, 99)),
            "mean_ms": r(statistics.fmean(lat)) if lat else None,
            "max_ms": r(max(lat)) if lat else None,
            "conversations": self.conversations,
            "p50_ms_by_tag": {t: r(percentile(v, 50)) for t, v in sorted(self.by_tag.items())},
            "action_turns": len(self.action_latencies()),
            "p50_ms_action_turns": r(percentile(self.action_latencies(), 50)),
            "client_cpu_s": round(self.client_cpu_s, 2),
        }


async def send(session: aiohttp.ClientSession, url: str, sender: str, text: str,
               tag: str, check: Check) -> str | None:
    """POST one message; None when the reply is good, else the kind of error."""
    try:
        async with session.post(url, json={"sender": sender, "message": text}) as resp:
            body = await resp.read()
            if resp.status != 200:
                return f"http_{resp.status}"
    except asyncio.TimeoutError:
        return "timeout"
    except aiohttp.ClientError:
        return "connection"
    try:
        reply = json.loads(body)
    except ValueError:
        return "invalid_json"
    if not isinstance(reply, list):
        return "invalid_json"
    if not reply:
        return "empty"
    return check(tag, reply)


async def run_load(url: str, conversation: Callable[[random.Random], list[Step]], users: int,
                   duration: float, warmup: float = 3.0, timeout: float = 10.0,
                   check: Check = no_check, seed: int = 1, sender_prefix: str = "bench",
                   on_window: Callable[[str], None] | None = None) -> LoadResult:
    """on_window("start") / on_window("stop") run when the measurement window opens and closes
    (e.g. to read the servers' CPU time)."""
    result = LoadResult(users=users, duration_s=duration)
    loop = asyncio.get_running_loop()
    measure_from = loop.time() + warmup
    stop_at = measure_from + duration
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    run_id = f"{sender_prefix}-{int(time.time() * 1000) % 10**8}"
    if on_window is not None:
        loop.call_at(measure_from, on_window, "start")
        loop.call_at(stop_at, on_window, "stop")

    async def user(index: int, session: aiohttp.ClientSession) -> None:
        rng = random.Random(seed * 100_003 + index)
        number = 0
        while loop.time() < stop_at:
            sender = f"{run_id}-u{index}-c{number}"
            number += 1
            for text, tag in conversation(rng):
                if loop.time() >= stop_at:
                    break
                started = time.perf_counter()
                kind = await send(session, url, sender, text, tag, check)
                elapsed_ms = (time.perf_counter() - started) * 1000
                done = loop.time()
                if measure_from <= done <= stop_at:
                    if kind is None:
                        result.latencies_ms.append(elapsed_ms)
                        result.by_tag.setdefault(tag, []).append(elapsed_ms)
                    else:
                        result.errors[kind] += 1
                        if len(result.error_examples) < 20:
                            result.error_examples.append({"kind": kind, "text": text})
                if kind is not None:
                    break  # a broken conversation is abandoned, as a person would
            else:
                if loop.time() >= measure_from:
                    result.conversations += 1

    connector = aiohttp.TCPConnector(limit=0)
    client_timeout = aiohttp.ClientTimeout(total=timeout)
    async with aiohttp.ClientSession(connector=connector, timeout=client_timeout) as session:
        await asyncio.gather(*(user(i, session) for i in range(users)))
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    result.client_cpu_s = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    return result


def run(url: str, system: str, users: int, duration: float, warmup: float = 3.0,
        timeout: float = 10.0, seed: int = 1,
        on_window: Callable[[str], None] | None = None) -> LoadResult:
    conversation, check = SYSTEMS[system]
    return asyncio.run(run_load(url, conversation, users, duration, warmup, timeout, check,
                                seed, sender_prefix=system, on_window=on_window))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True)
    parser.add_argument("--system", choices=sorted(SYSTEMS), default="signpost")
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--timeout", type=float, default=10)
    args = parser.parse_args(argv)
    result = run(args.url, args.system, args.users, args.duration, args.warmup, args.timeout)
    print(json.dumps(result.summary(), indent=2))
    return 0 if result.error_count == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
