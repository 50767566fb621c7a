"""`make bench`: Signpost against a stock `rasa init` bot, same load, same machine, same run.

    python -m bot.measurement.bench [--levels 1,16,64] [--duration 25] [--warmup 5] [--quick]
                        [--endpoints endpoints.yml] [--no-levers] [--no-training] [--no-nlu]
                        [--retrain-reference] [--out reports]

1. Training: a fresh `rasa train --force` of Signpost (empty cache, temp dir), timed; the
   reference's training time comes from its cache (bot.measurement.bench.reference).
2. Cold start of each system, alone: from launching the processes to the first good answer.
3. Closed-loop load (bot.measurement.bench.load) at each level, Signpost then the reference, after a warm-up:
   p50/p95/p99, messages/s, errors, server CPU per message, peak RSS per process.
4. NLU: held-out accuracy / macro-F1 of the served model, 5-fold cross-validation of config.yml
   (cached with `make compare-configs`), top confusions.
5. Levers (unless --no-levers): the same short load on Signpost with each speed lever added in turn.
6. reports/bench.md, bench.json, bench.png and one VERDICT line per target.

Signpost is started as `make run` starts it (bot.runtime.stack.Stack with endpoints.yml, the web app
included) on free ports, with its SQLite file in a temporary folder.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

from bot.measurement.bench import load, procs, reference
from bot.measurement.evaluation import nlu
from bot.runtime.stack import ROOT, Stack, free_port, latest_model

TARGETS = {"throughput_ratio_16": 5.0, "p50_1_user_ms": 5.0, "rss_mb": 800.0,
           "cold_start_s": 10.0, "training_s": 90.0}
FIRST_MESSAGE = {"signpost": "someone has dumped a sofa on the verge outside my house in Calne",
                 "reference": "hello"}


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


# -- helpers -------------------------------------------------------------------------------------
def post(url: str, text: str, sender: str, timeout: float = 10) -> list | None:
    req = urllib.request.Request(url, data=json.dumps({"sender": sender, "message": text}).encode(),
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return json.loads(resp.read()) if resp.status == 200 else None
    except (OSError, ValueError):
        return None


def first_answer(url: str, system: str, started: float, processes: dict,
                 timeout: float = 300) -> float:
    """Seconds from `started` until the system gives a good answer to its first message."""
    def good(reply) -> bool:
        if not reply:
            return False
        if system == "signpost":
            return load.signpost_check("route", reply) is None and any(
                isinstance(m.get("custom"), dict) for m in reply)
        return True
    n = 0
    while time.perf_counter() - started < timeout:
        dead = [name for name, p in processes.items() if p.poll() is not None]
        if dead:
            raise RuntimeError(f"{system}: {', '.join(dead)} exited during start-up")
        n += 1
        if good(post(url, FIRST_MESSAGE[system], f"coldstart-{n}", timeout=5)):
            return time.perf_counter() - started
        time.sleep(0.05)
    raise RuntimeError(f"{system}: no answer within {timeout} s")


def signpost_endpoints(path: Path, actions_port: int, db: Path) -> dict:
    endpoints = yaml.safe_load(path.read_text())
    endpoints["action_endpoint"]["url"] = f"http://127.0.0.1:{actions_port}/webhook"
    store = endpoints.get("tracker_store") or {}
    if store.get("dialect", "sqlite") == "sqlite":
        store["db"] = str(db)
    return endpoints


def measure_level(url: str, system: str, users: int, duration: float, warmup: float,
                  pids: dict, seed: int) -> dict:
    cpu: dict = {}
    result = load.run(url, system, users, duration, warmup, seed=seed, on_window=lambda mark: (
        cpu.__setitem__(mark, {n: procs.cpu_seconds(p) for n, p in pids.items()})))
    summary = result.summary()
    # Server CPU time inside the measurement window per message answered in it: the figure that
    # background load disturbs least (wall-clock latency and msg/s suffer first).
    answered = max(1, summary["messages"] + summary["errors"])
    summary["server_cpu_ms_per_msg"] = {
        n: round(1000 * (cpu["stop"][n] - cpu["start"][n]) / answered, 2)
        for n in pids if cpu.get("start", {}).get(n) is not None
        and cpu.get("stop", {}).get(n) is not None}
    summary["rss_mb_after"] = {n: procs.rss_mb(p) for n, p in pids.items()}
    return summary


# -- the two systems -----------------------------------------------------------------------------
class Signpost:
    name = "signpost"

    def __init__(self, model: str, endpoints_file: Path, tmp: Path,
                 env: dict | None = None, web: bool = True) -> None:
        actions_port = free_port()
        self.stack = Stack(model, rasa_port=free_port(), actions_port=actions_port,
                           web_port=free_port(), web=web, env=env, log_dir=tmp / "logs",
                           endpoints=signpost_endpoints(endpoints_file, actions_port,
                                                        tmp / "tracker.db"))

    @property
    def url(self) -> str:
        return self.stack.rest_url

    def start(self) -> float:
        (ROOT / "var").mkdir(exist_ok=True)
        started = time.perf_counter()
        for name in self.stack.commands():
            self.stack.start_one(name)
        cold = first_answer(self.url, self.name, started, self.stack.procs)
        if not self.stack.wait_ready(120):
            raise RuntimeError("signpost: not every process became healthy")
        return cold

    def pids(self) -> dict:
        return {n: p.pid for n, p in self.stack.procs.items()}

    def stop(self) -> None:
        self.stack.stop()
        self.stack._tmp.cleanup()


class Reference:
    name = "reference"

    def __init__(self, tmp: Path) -> None:
        self.bot = reference.ReferenceBot(free_port(), log_dir=tmp / "logs")

    @property
    def url(self) -> str:
        return self.bot.rest_url

    def start(self) -> float:
        started = time.perf_counter()
        self.bot.start_process()
        return first_answer(self.url, self.name, started, self.bot.procs)

    def pids(self) -> dict:
        return {n: p.pid for n, p in self.bot.procs.items()}

    def stop(self) -> None:
        self.bot.stop()


# -- training ----------------------------------------------------------------------------------
def time_signpost_training() -> dict:
    with tempfile.TemporaryDirectory(prefix="signpost-train-") as tmp:
        started = time.perf_counter()
        nlu.run_rasa("train", "--force", "--out", tmp, "--fixed-model-name", "bench",
                     extra_env={"RASA_CACHE_DIRECTORY": str(Path(tmp) / "cache")})
        return {"training_s": round(time.perf_counter() - started, 1)}


# -- levers ------------------------------------------------------------------------------------
STOCK_SQL = {"type": "SQL", "dialect": "sqlite", "db": "var/signpost.db"}
FAST_SQL = {"type": "bot.runtime.stores.sqlite.FastSQLTrackerStore", "dialect": "sqlite",
            "db": "var/signpost.db"}
LEVER_LABELS = {
    "action_schema": "+ cached action-reply schema validator",
    "action_keepalive": "+ kept-alive action-server connection",
    "event_types": "+ event-type lookup cache",
    "graph_runner": "+ sequential graph runner (no dask)",
    "domain_empty": "+ empty-domain check built once",
    "blas_threads": "+ one BLAS thread",
    "debug_copies": "+ no deep copies for debug logs that are off",
    "rule_keys": "+ RulePolicy matches remembered by the last states",
    "action_events": "+ action-reply events checked against their own schema",
    "slot_copy": "+ plain __copy__ for slots",
    "ruler_len": "+ spaCy EntityRuler without the per-message pattern count",
    "answer_listens": "+ action_answer ends the turn (one policy run per message)",
}


def levers() -> list:
    """(label, SIGNPOST_SPEEDUPS, tracker store, extra action_endpoint keys), cumulative."""
    from bot.runtime import speedups
    rows: list[tuple[str, str, dict, dict]] = [
        ("stock Rasa code paths (type: SQL store, no speed-ups)", "none", STOCK_SQL, {}),
        ("+ FastSQLTrackerStore (WAL, kept connection, Core SQL)", "none", FAST_SQL, {})]
    # latest_turn_events only acts with the endpoint key: measured in its own row below.
    names = [n for n in speedups.ALL if n != "latest_turn_events"]
    for i, name in enumerate(names):
        rows.append((LEVER_LABELS.get(name, f"+ {name}"), ",".join(names[:i + 1]),
                     FAST_SQL, {}))
    rows.append(("+ enable_selective_domain", "all", FAST_SQL,
                 {"enable_selective_domain": True}))
    rows.append(("+ send_events: latest_turn = endpoints.yml", "all", FAST_SQL,
                 {"enable_selective_domain": True, "send_events": "latest_turn"}))
    return rows


def run_levers(model: str, duration: float, tmp_root: Path, levels=(1, 16)) -> list:
    rows = []
    for i, (label, speedups, store, action_extra) in enumerate(levers()):
        tmp = tmp_root / f"lever{i}"
        tmp.mkdir()
        endpoints_file = tmp / "endpoints.yml"
        endpoints_file.write_text(yaml.safe_dump({
            "action_endpoint": {"url": "http://127.0.0.1:5055/webhook", **action_extra},
            "tracker_store": dict(store)}))
        system = Signpost(model, endpoints_file, tmp, env={"SIGNPOST_SPEEDUPS": speedups},
                          web=False)
        log(f"lever {i}: {label}")
        try:
            system.start()
            pids = {k: v for k, v in system.pids().items()}
            row = {"lever": label, "speedups": speedups, "tracker_store": store["type"],
                   **({"action_endpoint": action_extra} if action_extra else {})}
            for users in levels:
                s = measure_level(system.url, "signpost", users, duration, 2.0, pids, seed=7)
                row[f"u{users}"] = {k: s[k] for k in (
                    "msgs_per_s", "p50_ms", "p95_ms", "p50_ms_action_turns", "errors",
                    "server_cpu_ms_per_msg")}
            rows.append(row)
            log(f"  1 user p50 {row['u1']['p50_ms_action_turns']} ms (action turns), "
                f"rasa CPU {row['u1']['server_cpu_ms_per_msg'].get('rasa')} ms/msg; "
                f"{levels[-1]} users {row[f'u{levels[-1]}']['msgs_per_s']} msg/s")
        finally:
            system.stop()
    return rows


# -- main --------------------------------------------------------------------------------------
def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--levels", default="1,16,64")
    parser.add_argument("--duration", type=float, default=25)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--lever-duration", type=float, default=10)
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: levels 1,16 for 5 s, no levers, no training, "
                             "NLU figures only if cached")
    parser.add_argument("--model", default=None, help="default: the newest models/signpost-*")
    parser.add_argument("--endpoints", default="endpoints.yml")
    parser.add_argument("--no-levers", action="store_true")
    parser.add_argument("--no-training", action="store_true")
    parser.add_argument("--no-nlu", action="store_true")
    parser.add_argument("--retrain-reference", action="store_true")
    parser.add_argument("--out", default="reports")
    args = parser.parse_args(argv)
    if args.quick:
        args.levels, args.duration, args.warmup = "1,16", 5.0, 2.0
        args.no_levers = args.no_training = True
    levels = [int(x) for x in args.levels.split(",")]
    model = str((ROOT / args.model).resolve()) if args.model else latest_model()
    out = ROOT / args.out
    info = procs.machine()
    log(f"machine: {info['nproc']} × {info['cpu']}, {info['ram_gb']} GB, "
        f"load {info['loadavg_at_start']}")
    results: dict = {"machine": info, "model": str(Path(model).relative_to(ROOT)),
                     "endpoints": args.endpoints, "levels": levels,
                     "duration_s": args.duration, "warmup_s": args.warmup,
                     "quick": args.quick, "targets": TARGETS, "systems": {}}

    ref_meta = reference.ensure(args.retrain_reference, log=log)
    results["systems"]["reference"] = {"training_s": ref_meta.get("training_s"),
                                       "training_measured_at": ref_meta.get("trained_at"),
                                       "training_loadavg": ref_meta.get("loadavg_when_trained"),
                                       "project": str(Path(ref_meta["dir"]).relative_to(ROOT))}
    results["systems"]["signpost"] = {}
    if not args.no_training:
        log("signpost: timing a fresh `rasa train --force` ...")
        results["systems"]["signpost"].update(time_signpost_training())
        log(f"  {results['systems']['signpost']['training_s']} s")

    tmp_root = Path(tempfile.mkdtemp(prefix="signpost-bench-"))
    systems: dict[str, Signpost | Reference] = {
        "signpost": Signpost(model, ROOT / args.endpoints, tmp_root / "signpost"),
        "reference": Reference(tmp_root / "reference")}
    try:
        for name, system in systems.items():  # cold starts, one system at a time
            log(f"{name}: starting (cold start to first answer) ...")
            cold = system.start()
            results["systems"][name]["cold_start_s"] = round(cold, 2)
            results["systems"][name]["rss_mb_idle"] = {n: procs.rss_mb(p)
                                                       for n, p in system.pids().items()}
            log(f"  first answer after {cold:.1f} s")
        for name in systems:
            results["systems"][name]["levels"] = {}
        for users in levels:  # interleaved, so background load hits both alike
            for name, system in systems.items():
                log(f"{name}: {users} users, {args.warmup:.0f} s warm-up + "
                    f"{args.duration:.0f} s ...")
                summary = measure_level(system.url, name, users, args.duration, args.warmup,
                                        system.pids(), seed=users)
                results["systems"][name]["levels"][str(users)] = summary
                log(f"  {summary['msgs_per_s']} msg/s, p50 {summary['p50_ms']} ms, "
                    f"p95 {summary['p95_ms']} ms, errors {summary['errors']}")
        for name, system in systems.items():
            results["systems"][name]["peak_rss_mb"] = {
                n: procs.peak_rss_mb(p) for n, p in system.pids().items()}
    finally:
        for system in systems.values():
            system.stop()

    if not args.no_nlu:
        results["nlu"] = nlu_figures(model, allow_compute=not args.quick)
    if not args.no_levers:
        results["levers"] = run_levers(model, args.lever_duration, tmp_root)
    shutil.rmtree(tmp_root, ignore_errors=True)

    from bot.measurement.bench.report import verdicts, write
    results["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["verdicts"] = verdicts(results)
    write(results, out)
    for v in results["verdicts"]:
        print(f"VERDICT {v['target']:<24} {v['status']:<7} {v['detail']}")
    log(f"written: {args.out}/bench.md, bench.json, bench.png")
    return 0


def nlu_figures(model: str, allow_compute: bool = True) -> dict:
    figures: dict = {}
    log("nlu: held-out set ...")
    figures["heldout"] = nlu.heldout(model)
    key = nlu.fingerprint("cv", 5, ROOT / "config.yml", nlu.DATA_NLU,
                          *nlu.code_inputs(ROOT / "config.yml"))
    if allow_compute or (nlu.CACHE / f"cv-{key}.json").exists():
        log("nlu: 5-fold cross-validation of config.yml (cached with make compare-configs) ...")
        figures["cv"] = nlu.cross_validate(ROOT / "config.yml", 5)
    comparison = ROOT / "reports" / "nlu_comparison.json"
    if comparison.exists():
        doc = json.loads(comparison.read_text())
        figures["comparison"] = {
            "folds": doc.get("folds"), "winner": doc.get("winner"), "date": doc.get("date"),
            "candidates": {c["name"]: {"config": c["config"], "cv_accuracy": c["cv"]["accuracy"],
                                       "cv_macro_f1": c["cv"]["macro_f1"],
                                       "heldout_accuracy": c["heldout"]["accuracy"],
                                       "parse_median_ms": c["latency"]["median_ms"],
                                       "peak_rss_mb": c["latency"]["peak_rss_mb"],
                                       "train_s": c["train_seconds"]}
                           for c in doc.get("candidates", [])}}
    return figures


if __name__ == "__main__":
    sys.exit(main())
