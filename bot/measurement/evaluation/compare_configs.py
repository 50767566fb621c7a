"""Compare candidate NLU configs by measurement and name the winner (issue 2, "Understanding the
question").

    python -m bot.measurement.evaluation.compare_configs [--folds 5] [--only NAME ...] [--no-cache]
    make compare-configs

Candidates: config.yml (what Signpost runs) and every reports/candidates/*.yml with a `pipeline`.
For each: k-fold cross-validation on data/nlu.yml (accuracy, macro-F1), the held-out set
tests/nlu/heldout.yml (accuracy, macro-F1; written independently of the training data), the time
to train on all of data/nlu.yml, and a quick latency check (median ms per message through a loaded
Agent, with the process's peak memory). Writes reports/nlu_comparison.md and .json.

The winner is the most accurate in cross-validation; candidates within WITHIN_POINTS of it are
treated as equally accurate and the fastest of those wins. Cross-validation picks, the held-out
set confirms: it is reported, not used to choose. Results are cached in build/evaluation/ (DIET
cross-validation takes a while on two cores), so a rerun only measures what changed.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import yaml

from bot.measurement.bench.conversations import ALL_SIGNPOST_TEXTS
from bot.measurement.bench.procs import machine
from bot.measurement.evaluation import nlu
from bot.runtime.stack import ROOT

REPORTS = ROOT / "reports"
CANDIDATES = REPORTS / "candidates"
WITHIN_POINTS = 0.5   # accuracy points (of 100) inside which candidates count as tied


def candidates() -> dict:
    found = {"current (config.yml)": ROOT / "config.yml"}
    for path in sorted(CANDIDATES.glob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text()) or {}
        except yaml.YAMLError:
            continue
        if isinstance(data, dict) and data.get("pipeline"):
            found[path.stem] = path
    return found


def describe(config: Path) -> str:
    data = yaml.safe_load(config.read_text())
    parts = []
    for step in data["pipeline"]:
        name = step["name"].split(".")[-1]
        extra = {k: v for k, v in step.items() if k != "name"}
        parts.append(name + (f"({', '.join(f'{k}={v}' for k, v in extra.items())})"
                             if extra and name not in ("SpacyNLP",) else ""))
    return " → ".join(parts)


def measure(name: str, config: Path, folds: int, use_cache: bool, log) -> dict:
    log(f"[{name}] {folds}-fold cross-validation ...")
    cv = nlu.cross_validate(config, folds, use_cache=use_cache)
    took = "(cached)" if cv.get("cached") else f"in {cv['seconds']:.0f} s"
    log(f"[{name}]   accuracy {cv['accuracy']:.3f}, macro-F1 {cv['macro_f1']:.3f} {took}")

    def full() -> dict:
        with tempfile.TemporaryDirectory(prefix="signpost-cmp-") as tmp:
            log(f"[{name}] training on all of data/nlu.yml ...")
            model, seconds = nlu.train_nlu(config, Path(tmp))
            log(f"[{name}] held-out set and latency ...")
            return {"train_seconds": round(seconds, 1), "heldout": nlu.heldout(model),
                    "latency": nlu.parse_latency(model, ALL_SIGNPOST_TEXTS)}
    rest = nlu.cached("full", nlu.fingerprint("full", config, nlu.DATA_NLU, nlu.HELDOUT,
                                              *nlu.code_inputs(config)), full, use_cache)
    log(f"[{name}]   held-out accuracy {rest['heldout']['accuracy']:.3f}, "
        f"train {rest['train_seconds']:.0f} s, parse {rest['latency']['median_ms']:.2f} ms")
    return {"name": name, "config": str(config.relative_to(ROOT)), "pipeline": describe(config),
            "cv": cv, **{k: v for k, v in rest.items() if k != "cached"}}


def choose(results: list) -> tuple:
    best_acc = max(r["cv"]["accuracy"] for r in results)
    tied = [r for r in results if (best_acc - r["cv"]["accuracy"]) * 100 <= WITHIN_POINTS]
    winner = min(tied, key=lambda r: r["latency"]["median_ms"])
    if len(tied) == 1:
        why = (f"highest cross-validated accuracy ({winner['cv']['accuracy']:.3f}); the others are "
               f"more than {WITHIN_POINTS} points behind")
    else:
        why = (f"within {WITHIN_POINTS} points of the best cross-validated accuracy "
               f"({best_acc:.3f}) and the fastest of those "
               f"({winner['latency']['median_ms']:.2f} ms per message)")
    return winner, why


def pct(x) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def write_reports(results: list, winner: dict, why: str, folds: int) -> None:
    info = machine()
    doc = {"date": info["date"], "machine": info, "folds": folds, "rule": (
        f"most accurate in {folds}-fold cross-validation; within {WITHIN_POINTS} points, the "
        "fastest"), "winner": winner["name"], "why": why, "candidates": results}
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "nlu_comparison.json").write_text(json.dumps(doc, indent=1) + "\n")
    lines = [
        "# NLU config comparison",
        "",
        f"`make compare-configs` (`python -m bot.measurement.evaluation.compare_configs --folds {folds}`), "
        f"{info['date']}, on {info['nproc']} × {info['cpu']}, {info['ram_gb']} GB RAM "
        f"(load average {info['loadavg_at_start'][0]} when written; other work was running "
        "during the measurements, so the times are indicative; accuracies do not depend on load).",
        "",
        f"**Winner: {winner['name']}** — {why}.",
        "",
        "| candidate | CV accuracy | CV macro-F1 | CV fold acc. (mean ± sd) | held-out accuracy "
        "| held-out macro-F1 | train (s) | parse median / p95 (ms) | peak RSS (MB) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        cv, ho, lat = r["cv"], r["heldout"], r["latency"]
        sd = (f"{100 * cv['fold_accuracy_mean']:.1f} ± {100 * cv['fold_accuracy_std']:.1f}"
              if cv.get("fold_accuracy_mean") is not None else "–")
        mark = " **(winner)**" if r is winner else ""
        lines.append(f"| {r['name']}{mark} | {pct(cv['accuracy'])} | {pct(cv['macro_f1'])} | {sd} "
                     f"| {pct(ho['accuracy'])} | {pct(ho['macro_f1'])} | {r['train_seconds']:.0f} "
                     f"| {lat['median_ms']:.2f} / {lat['p95_ms']:.2f} | {lat['peak_rss_mb']:.0f} |")
    lines += ["", "CV: pooled predictions of all folds on data/nlu.yml "
              f"({results[0]['cv']['n']} examples); held-out: tests/nlu/heldout.yml "
              f"({results[0]['heldout']['n']} examples, never trained on). Parse latency: one "
              f"process per candidate, model loaded with Rasa's Agent (with bot.runtime.speedups, as "
              f"served), {len(ALL_SIGNPOST_TEXTS)} benchmark messages × 3 after a warm-up; "
              "peak RSS of that process (TensorFlow is imported only by DIET).", "",
              "Rasa shuffles the cross-validation folds without a fixed seed "
              "(sklearn StratifiedKFold(shuffle=True)), so a rerun of the same config moves by "
              "about half a point (measured: 0.801 to 0.807 for config.yml); differences below "
              f"{WITHIN_POINTS} points are treated as ties for that reason.", ""]
    for r in results:
        when = r["cv"].get("measured") or {}
        lines += [f"## {r['name']}", "", f"`{r['config']}`: {r['pipeline']}", "",
                  f"Cross-validation measured {when.get('started', '?')[:16]} to "
                  f"{when.get('finished', '?')[11:16]} (load average "
                  f"{' → '.join(str(x) for x in when.get('loadavg_before_after', ['?']))}).", "",
                  "Most frequent cross-validation confusions (true → predicted, count): " +
                  ", ".join(f"{c['intent']} → {c['predicted']} ({c['count']})"
                            for c in r["cv"]["top_confusions"][:6]) + ".", "",
                  "Weakest intents in cross-validation (F1): " +
                  ", ".join(f"{w['intent']} {w['f1']:.2f}" for w in r["cv"]["worst_intents"][:6])
                  + ".", ""]
    (REPORTS / "nlu_comparison.md").write_text("\n".join(lines))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--only", nargs="*", help="candidate names (default: all)")
    parser.add_argument("--no-cache", action="store_true", help="measure everything again")
    args = parser.parse_args(argv)
    found = candidates()
    if args.only:
        found = {k: v for k, v in found.items() if any(o in k for o in args.only)}
    log = lambda msg: print(msg, flush=True)  # noqa: E731
    results = [measure(name, path, args.folds, not args.no_cache, log)
               for name, path in found.items()]
    winner, why = choose(results)
    write_reports(results, winner, why, args.folds)
    print(f"\nWINNER: {winner['name']} ({winner['config']}): {why}")
    current = next((r for r in results if r["config"] == "config.yml"), None)
    if current is not None and current is not winner:
        print(f"NOTE: config.yml is not the winner; the lead may switch to {winner['config']}")
    print("written: reports/nlu_comparison.md, reports/nlu_comparison.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
