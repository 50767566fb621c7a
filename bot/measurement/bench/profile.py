"""Profile the Rasa server under load with py-spy and print where its time goes.

    python -m bot.measurement.bench.profile [--seconds 20] [--users 4] [--endpoints endpoints.yml]
                                [--speedups all|none|...] [--out reports/tmp/profile]

Starts Signpost on free ports (bot.runtime.stack.Stack, as `make run` does), drives it with the
benchmark's conversations, samples the Rasa process with py-spy (and the action server), and
prints the functions with the most inclusive and own time. The raw samples (flamegraph input) are
kept in --out. py-spy is a profiling tool, not a dependency: `pip install py-spy` into .venv.
"""
from __future__ import annotations

import argparse
import collections
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import yaml

from bot.measurement.bench import load
from bot.runtime.stack import ROOT, Stack, free_port

_LINE = re.compile(r":\d+\)$")


def summarise(raw: Path, top: int = 40) -> str:
    """Inclusive and self time per function from py-spy's raw (collapsed stack) output."""
    inclusive: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = [_LINE.sub(")", f) for f in stack.split(";")]
        for frame in set(frames):
            inclusive[frame] += n
        own[frames[-1]] += n
    if not total:
        return "no samples"
    lines = [f"{total} samples", "-- inclusive"]
    lines += [f"{100 * v / total:5.1f}%  {k[:150]}" for k, v in inclusive.most_common(top)]
    lines += ["-- own"] + [f"{100 * v / total:5.1f}%  {k[:150]}" for k, v in own.most_common(20)]
    return "\n".join(lines)


def py_spy() -> str:
    found = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if not found:
        raise SystemExit("py-spy is not installed: .venv/bin/pip install py-spy")
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--users", type=int, default=4)
    parser.add_argument("--endpoints", default="endpoints.yml")
    parser.add_argument("--speedups", default="all")
    parser.add_argument("--out", default="reports/tmp/profile")
    args = parser.parse_args(argv)
    spy = py_spy()
    out = ROOT / args.out
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="signpost-profile-"))
    actions_port = free_port()
    endpoints = yaml.safe_load((ROOT / args.endpoints).read_text())
    endpoints["action_endpoint"]["url"] = f"http://127.0.0.1:{actions_port}/webhook"
    if endpoints.get("tracker_store", {}).get("dialect") == "sqlite":
        endpoints["tracker_store"]["db"] = str(tmp / "tracker.db")
    stack = Stack(rasa_port=free_port(), actions_port=actions_port, web=False,
                  endpoints=endpoints, env={"SIGNPOST_SPEEDUPS": args.speedups},
                  log_dir=tmp / "logs")
    with stack:
        load.run(stack.rest_url, "signpost", args.users, 3, 0)  # warm-up
        recorders = []
        for name in ("rasa", "actions"):
            raw = out / f"{name}.txt"
            recorders.append((name, raw, subprocess.Popen(
                [spy, "record", "--pid", str(stack.procs[name].pid), "-d", str(int(args.seconds)),
                 "-r", "250", "-f", "raw", "-o", str(raw), "--nonblocking"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)))
        result = {}
        worker = threading.Thread(target=lambda: result.update(load.run(
            stack.rest_url, "signpost", args.users, args.seconds - 1, 0.5).summary()))
        worker.start()
        worker.join()
        for _, _, proc in recorders:
            proc.wait(timeout=args.seconds + 60)
    print(f"load: {result.get('messages')} messages, {result.get('msgs_per_s')} msg/s, "
          f"p50 {result.get('p50_ms')} ms, errors {result.get('errors')}")
    for name, raw, _ in recorders:
        text = summarise(raw) if raw.exists() else "py-spy wrote nothing (ptrace not allowed?)"
        (out / f"{name}-summary.txt").write_text(text + "\n")
        print(f"\n===== {name} =====\n{text}")
    print(f"\nraw samples in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
