"""Bounded load test of the production topology, through nginx, as residents would use it.

    python -m bot.measurement.loadtest [--residents 200] [--seconds 60]     (`make load-prod`)

Starts `make run-prod` itself (bot.runtime.production.SupervisedProduction: the supervisor, nginx
and every replica) on free loopback ports with its own PostgreSQL database (dropped afterwards) and
Redis database/prefix, rate limits ON. Each simulated resident has its own
loopback source address (127.0.x.y, so nginx's per-IP limit sees residents, not one client), opens a
session on the public chat API and holds real multi-turn conversations (a problem, the place when
asked, a follow-up, thanks) with a think time between turns, until the time is up. Closed loop, only
loopback traffic, bounded in time (the run stops itself) and in count (--max-messages).

Each turn ends as one of: answered (200 with the answer), shed (503 + Retry-After with the polite
"busy" text, before saturation), limited (429), apology (the 999/101 text: the service had a
problem), silence (no HTTP answer: transport error or timeout) or another 5xx. A lost turn is an
answered turn whose user event is not in PostgreSQL afterwards ("answered but not stored").
Residents told to retry wait as Retry-After asks. Writes reports/<out>.md and .json.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import secrets
import statistics
import sys
import threading
import time
from pathlib import Path

from bot.runtime.stack import ROOT, free_port

PLACES = ["Calne", "Corsham", "Trowbridge", "Penhill", "Melksham", "Devizes", "Chippenham",
          "Salisbury", "Marlborough", "Warminster", "Royal Wootton Bassett", "Highworth"]
SCRIPTS = [
    ["who do i tell about a load of rubbish dumped down our lane", "{place}", "thanks"],
    ["my neighbours have loud parties every weekend", "{place}",
     "and the street light outside my house is broken", "thank you"],
    ["my bike got nicked from the station yesterday in {place}", "thanks, bye"],
    ["hello", "there's dog mess all over the pavement in {place}", "cheers"],
    ["there's a massive pothole on our road", "{place}", "what about graffiti on the bus shelter",
     "thanks"],
    ["someone keeps parking across my drive in {place}", "ok thanks"],
]


def percentile(values: list, p: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def source_ip(i: int) -> str:
    n = i + 10
    return f"127.1.{n // 250}.{n % 250 + 2}"


# -- memory ------------------------------------------------------------------------------------
def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def group_rss_mb(pgid: int) -> float:
    """RSS of every process in a process group (the stack starts each process in its own)."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:
            total += _rss_kb(int(entry))
    return total / 1024


def group_cpu_s(pgid: int) -> float:
    """CPU seconds (user + system) used so far by every process in a process group."""
    total, tick = 0, os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:
            total += int(fields[11]) + int(fields[12])
    return total / tick


def stack_cpu_s(prod) -> float:
    procs = (prod.status(missing_ok=True) or {}).get("processes", {})
    return sum(group_cpu_s(p["pid"]) for p in procs.values() if p.get("pid"))


class RssSampler(threading.Thread):
    def __init__(self, prod, every: float = 1.0) -> None:
        super().__init__(daemon=True)
        self.prod, self.every, self._halt = prod, every, threading.Event()
        self.peak: dict[str, float] = {}

    def sample(self) -> dict:
        procs = (self.prod.status(missing_ok=True) or {}).get("processes", {})
        return {name: group_rss_mb(p["pid"]) for name, p in procs.items() if p.get("pid")}

    def run(self) -> None:
        while not self._halt.is_set():
            for name, mb in self.sample().items():
                self.peak[name] = max(self.peak.get(name, 0.0), mb)
            self._halt.wait(self.every)

    def stop(self) -> dict:
        self._halt.set()
        self.join(5)
        return {k: round(v, 1) for k, v in sorted(self.peak.items())}


# -- residents ---------------------------------------------------------------------------------
OUTCOMES = ("answered", "shed", "limited", "apology", "silence", "other_5xx", "other")


class Totals:
    def __init__(self) -> None:
        self.latencies: list = []     # answered turns
        self.all_latencies: list = []  # every turn that got an HTTP answer
        self.errors: list = []
        self.sent: dict = {}          # sender -> messages sent
        self.answered: dict = {}      # sender -> turns answered normally
        self.outcomes: dict = dict.fromkeys(OUTCOMES, 0)
        self.conversations = 0
        self.status: dict = {}

    def outcome(self, status: int | None, body: bytes, sender: str, took: float) -> float:
        """Classify one turn; returns how long to wait before the next (Retry-After)."""
        if status is None:
            self.outcomes["silence"] += 1
            return 1.0
        self.all_latencies.append(took)
        self.status[status] = self.status.get(status, 0) + 1
        try:
            messages = json.loads(body).get("messages") or []
        except ValueError:
            messages = []
        text = " ".join(m.get("text") or "" for m in messages if isinstance(m, dict))
        if status == 200 and messages and not ("isn't available" in text or "couldn't finish"
                                               in text):
            self.outcomes["answered"] += 1
            self.latencies.append(took)
            self.answered[sender] = self.answered.get(sender, 0) + 1
            return 0.0
        if status == 200:
            self.outcomes["apology"] += 1
        elif status == 503 and "busy" in text:
            self.outcomes["shed"] += 1
        elif status == 429:
            self.outcomes["limited"] += 1
        elif status >= 500 and "999" in text:
            self.outcomes["apology"] += 1
        elif status >= 500:
            self.outcomes["other_5xx"] += 1
        else:
            self.outcomes["other"] += 1
        self.errors.append(f"HTTP {status}")
        return 2.0 if status in (429, 503) else 0.0


async def resident(i: int, base: str, deadline: float, totals: Totals, think: tuple,
                   budget: list) -> None:
    import aiohttp
    rnd = random.Random(i)
    connector = aiohttp.TCPConnector(local_addr=(source_ip(i), 0), limit=2)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(base_url=base, connector=connector, timeout=timeout) as http:
        await asyncio.sleep(rnd.uniform(0, think[1]))       # residents arrive over a few seconds
        while time.monotonic() < deadline:
            try:
                async with http.post("/api/session", json={}) as resp:
                    session = (await resp.json())["session"]
            except Exception as exc:  # noqa: BLE001 - counted, reported
                totals.errors.append(f"session: {type(exc).__name__}")
                await asyncio.sleep(1)
                continue
            sender = session.split(".")[1]
            totals.conversations += 1
            place = rnd.choice(PLACES)
            for turn in rnd.choice(SCRIPTS):
                if time.monotonic() >= deadline or budget[0] <= 0:
                    return
                budget[0] -= 1
                text = turn.format(place=place)
                started = time.perf_counter()
                totals.sent[sender] = totals.sent.get(sender, 0) + 1
                try:
                    async with http.post("/api/chat", json={"session": session,
                                                            "message": text}) as resp:
                        body = await resp.read()
                        wait = totals.outcome(resp.status, body, sender,
                                              time.perf_counter() - started)
                except Exception as exc:  # noqa: BLE001 - no HTTP answer: counted as silence
                    totals.errors.append(f"{type(exc).__name__}")
                    wait = totals.outcome(None, b"", sender, time.perf_counter() - started)
                await asyncio.sleep(max(0.0, min(wait + rnd.uniform(*think),
                                                 deadline - time.monotonic())))


async def drive(base: str, residents: int, seconds: float, think: tuple, max_messages: int):
    totals = Totals()
    deadline = time.monotonic() + seconds
    budget = [max_messages]
    started = time.monotonic()
    await asyncio.gather(*(resident(i, base, deadline, totals, think, budget)
                           for i in range(residents)))
    return totals, time.monotonic() - started


def stored_user_turns(pg_db: str, senders: list) -> dict:
    from bot.runtime.production import pg_connect
    conn = pg_connect({"SIGNPOST_PG_DB": pg_db})
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT sender_id, COUNT(*) FROM events WHERE type_name = 'user' "
                        "AND sender_id = ANY(%s) GROUP BY sender_id", (senders,))
            return dict(cur.fetchall())
    finally:
        conn.close()


def drop_database(name: str) -> None:
    from bot.runtime.production import pg_connect
    conn = pg_connect({}, db="postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        conn.close()


def write_report(result: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(result, indent=2) + "\n")
    lat = result["latency_ms"]
    rss = result["peak_rss_mb"]
    lines = [
        "# Load test: production topology through nginx",
        "",
        f"Run `make load-prod` ({result['when']}, {result['machine']}). "
        f"{result['residents']} simulated residents, each from its own loopback address, held real "
        f"multi-turn conversations (problem, place when asked, follow-up, thanks) with "
        f"{result['think_s'][0]}-{result['think_s'][1]} s think time for {result['seconds']} s, "
        "through nginx -> 2 web apps -> nginx -> 2 Rasa -> nginx -> 2 action servers, on "
        "PostgreSQL and Redis, rate limits on, started by `make run-prod`'s own supervisor.",
        "",
        "| figure | value |", "| --- | --- |",
        f"| conversations started | {result['conversations']} |",
        f"| messages sent | {result['messages']} |",
        f"| rate offered | {result['rate_per_s']} messages/s |",
        f"| answered | {result['answered_per_s']} messages/s |",
        "| outcomes | " + ", ".join(f"{k}: {v}" for k, v in result["outcomes"].items()) + " |",
        f"| slowest HTTP answer of any kind | {result['any_answer_max_ms']} ms |",
        f"| stack CPU per answered turn (all processes) | {result['stack_cpu_ms_per_answer']} ms |",
        f"| capacity this implies on an idle {os.cpu_count()}-core machine | "
        f"{result['capacity_estimate_per_s']} answers/s |",
        f"| load average during the run (1/5/15 min) | {result['load_average']} |",
        f"| latency of answers p50 / p95 / p99 / max | {lat['p50']} / {lat['p95']} / {lat['p99']} / "
        f"{lat['max']} ms |",
        f"| errors | {result['errors']} |",
        f"| answered but not stored | {result['lost_turns']} |",
        f"| HTTP statuses | {', '.join(f'{k}: {v}' for k, v in result['statuses'].items())} |",
        "",
        "Peak resident memory (RSS) per process during the run:",
        "",
        "| process | peak RSS (MB) |", "| --- | --- |",
        *[f"| {name} | {mb} |" for name, mb in rss.items()],
        "",
        "Start-up of the whole topology (model checks, nginx, 2 Rasa, 2 actions, web): "
        f"{result['startup_s']} s.",
        "",
    ]
    if result["error_samples"]:
        lines += ["Error samples: " + ", ".join(result["error_samples"]), ""]
    out.with_suffix(".md").write_text("\n".join(lines))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--residents", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 6.0))
    parser.add_argument("--max-messages", type=int, default=50_000)
    parser.add_argument("--model", default=os.environ.get("SIGNPOST_MODEL"))
    parser.add_argument("--out", default=str(ROOT / "reports" / "load_prod"))
    args = parser.parse_args(argv)
    if args.residents > 3000 or args.seconds > 600:
        parser.error("bounded: at most 3000 residents and 600 seconds")

    import tempfile

    from bot.runtime.production import SupervisedProduction
    pg_db = f"signpost_load_{secrets.token_hex(4)}"
    env = {
        "SIGNPOST_HTTP_PORT": str(free_port()), "SIGNPOST_INTERNAL_PORT": str(free_port()),
        "SIGNPOST_RASA_PORTS": f"{free_port()},{free_port()}",
        "SIGNPOST_ACTIONS_PORTS": f"{free_port()},{free_port()}",
        "SIGNPOST_WEB_PORTS": f"{free_port()},{free_port()}", "SIGNPOST_PG_DB": pg_db,
        "SIGNPOST_REDIS_DB": "8", "SIGNPOST_REDIS_PREFIX": f"load{secrets.token_hex(3)}",
        "SIGNPOST_RATE_LIMITS": "1", "SIGNPOST_RETENTION_EVERY_HOURS": "0", "LOG_LEVEL": "WARNING",
        **({"SIGNPOST_MODEL": args.model} if args.model else {}),
    }
    tmp = Path(tempfile.mkdtemp(prefix="signpost-load-"))
    prod = SupervisedProduction(tmp, env)
    t0 = time.time()
    try:
        prod.start()
        startup = round(time.time() - t0, 1)
        print(f"loadtest: make run-prod up in {startup} s; {args.residents} residents for "
              f"{args.seconds} s", flush=True)
        sampler = RssSampler(prod)
        sampler.start()
        cpu0 = stack_cpu_s(prod)
        totals, elapsed = asyncio.run(drive(prod.public_url, args.residents, args.seconds,
                                            tuple(args.think), args.max_messages))
        cpu = stack_cpu_s(prod) - cpu0
        peak = sampler.stop()
        stored = stored_user_turns(pg_db, list(totals.sent))
        lost = sum(max(0, n - stored.get(s, 0)) for s, n in totals.answered.items())
    finally:
        prod.stop()
        try:
            drop_database(pg_db)
        except Exception as exc:  # noqa: BLE001
            print(f"loadtest: could not drop {pg_db}: {exc}", file=sys.stderr)
    lat = [x * 1000 for x in totals.latencies]
    every = [x * 1000 for x in totals.all_latencies]
    messages = sum(totals.sent.values())
    result = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "model": Path(prod.model).name, "residents": args.residents, "seconds": args.seconds,
        "think_s": list(args.think), "elapsed_s": round(elapsed, 1), "startup_s": startup,
        "conversations": totals.conversations, "messages": messages,
        "rate_per_s": round(messages / elapsed, 1) if elapsed else 0,
        "answered_per_s": round(totals.outcomes["answered"] / elapsed, 1) if elapsed else 0,
        "outcomes": totals.outcomes,
        # CPU the whole stack used per answered turn: with the machine to itself, capacity is
        # about cores / this (other jobs on the machine slow the wall-clock figures, not this).
        "stack_cpu_ms_per_answer": round(1000 * cpu / max(1, totals.outcomes["answered"]), 2),
        "capacity_estimate_per_s": round(os.cpu_count() * max(1, totals.outcomes["answered"])
                                         / max(cpu, 1e-9), 1),
        "latency_ms": {"p50": round(percentile(lat, 50), 1), "p95": round(percentile(lat, 95), 1),
                       "p99": round(percentile(lat, 99), 1), "max": round(max(lat), 1) if lat else 0,
                       "mean": round(statistics.mean(lat), 1) if lat else 0},
        "any_answer_max_ms": round(max(every), 1) if every else 0,
        "errors": len(totals.errors), "error_samples": sorted(set(totals.errors))[:10],
        "lost_turns": lost, "statuses": {str(k): v for k, v in sorted(totals.status.items())},
        "peak_rss_mb": peak,
    }
    write_report(result, Path(args.out))
    print(json.dumps(result, indent=2))
    bad = totals.outcomes["silence"] + totals.outcomes["other_5xx"] + lost
    return 0 if bad == 0 and messages > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
