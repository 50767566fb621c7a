"""NLU measurements shared by the config comparison (bot.measurement.evaluation.compare_configs) and the
benchmark (bot.measurement.bench): cross-validation, held-out scores, training time, parse latency.

Everything runs the project's own Rasa (`rasa test nlu`, `rasa train nlu`) from the project root,
so custom components and build/spacy_pipeline resolve as in `make train`. Results are cached under
build/evaluation/ keyed by everything they depend on (config, data, held-out set, bot/understanding code,
places, Rasa version), so a rerun with nothing changed is instant.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bot.runtime.stack import ROOT

RASA = str(Path(sys.executable).parent / "rasa")
DATA_NLU = ROOT / "data" / "nlu.yml"
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
CACHE = ROOT / "build" / "evaluation"
# What a trained NLU model depends on besides its config and data: the project's components
# (SafetyNet, PlaceOnly), the spaCy pipeline's source, and what they read. The intent model
# (textclf.py) only counts for configs that use it, so a change to it does not throw away, say,
# an hour of DIET cross-validation.
UNDERSTANDING = ROOT / "bot" / "understanding"
CODE_INPUTS = [UNDERSTANDING / "components.py", UNDERSTANDING / "build_pipeline.py",
               ROOT / "bot" / "directory" / "places.yml", UNDERSTANDING / "safety.py",
               UNDERSTANDING / "places.py", UNDERSTANDING / "textnorm.py"]
CLASSIFIER_INPUTS = {"SignpostIntentClassifier": [UNDERSTANDING / "textclf.py"]}


def code_inputs(config: Path) -> list:
    text = config.read_text()
    extra = [p for name, paths in CLASSIFIER_INPUTS.items() if name in text for p in paths]
    return CODE_INPUTS + extra


def rasa_version() -> str:
    import rasa
    return rasa.__version__


def env() -> dict:
    return {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3",
            "PYTHONDONTWRITEBYTECODE": "1"}


def run_rasa(*args: str, timeout: float = 7200, extra_env: dict | None = None
             ) -> subprocess.CompletedProcess:
    result = subprocess.run([RASA, *args], cwd=ROOT, env={**env(), **(extra_env or {})},
                            capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"rasa {' '.join(args)} failed:\n{result.stdout[-2000:]}"
                           f"\n{result.stderr[-3000:]}")
    return result


def fingerprint(*parts) -> str:
    h = hashlib.sha256(rasa_version().encode())
    for part in parts:
        if isinstance(part, Path):
            h.update(part.name.encode())
            h.update(part.read_bytes() if part.exists() else b"<missing>")
        else:
            h.update(json.dumps(part, sort_keys=True, default=str).encode())
    return h.hexdigest()[:16]


def cached(kind: str, key: str, compute: Callable[[], dict], use_cache: bool = True) -> dict:
    path = CACHE / f"{kind}-{key}.json"
    if use_cache and path.exists():
        result = json.loads(path.read_text())
        result["cached"] = True
        return result
    started = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    load_before = os.getloadavg()[0]
    result = compute()
    result["measured"] = {"started": started, "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                          "loadavg_before_after": [round(load_before, 2),
                                                   round(os.getloadavg()[0], 2)]}
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=1))
    result["cached"] = False
    return result


# -- reading rasa's reports ---------------------------------------------------------------------
_NOT_INTENTS = {"accuracy", "macro avg", "weighted avg", "micro avg"}


def read_report(out: Path, top: int = 10) -> dict:
    report = json.loads((out / "intent_report.json").read_text())
    errors_file = out / "intent_errors.json"
    errors = json.loads(errors_file.read_text()) if errors_file.exists() else []
    pairs = Counter((e["intent"], (e.get("intent_prediction") or {}).get("name"))
                    for e in errors)
    per_intent = {k: {"precision": round(v["precision"], 3), "recall": round(v["recall"], 3),
                      "f1": round(v["f1-score"], 3), "support": v["support"]}
                  for k, v in report.items() if k not in _NOT_INTENTS and isinstance(v, dict)}
    n = sum(v["support"] for v in per_intent.values())
    return {
        "n": n,
        "accuracy": round(report["accuracy"], 4),
        "macro_f1": round(report["macro avg"]["f1-score"], 4),
        "weighted_f1": round(report["weighted avg"]["f1-score"], 4),
        "errors": len(errors),
        "top_confusions": [{"intent": a, "predicted": b, "count": c}
                           for (a, b), c in pairs.most_common(top)],
        "worst_intents": sorted(({"intent": k, **v} for k, v in per_intent.items()),
                                key=lambda r: (r["f1"], r["intent"]))[:top],
        "per_intent": per_intent,
    }


# -- measurements -------------------------------------------------------------------------------
def cross_validate(config: Path, folds: int = 5, nlu: Path = DATA_NLU,
                   use_cache: bool = True) -> dict:
    """k-fold cross-validation of a config on the training data (`rasa test nlu -f`)."""
    def compute() -> dict:
        with tempfile.TemporaryDirectory(prefix="signpost-cv-") as tmp:
            started = time.perf_counter()
            result = run_rasa("test", "nlu", "--nlu", str(nlu), "--config", str(config),
                              "--cross-validation", "--folds", str(folds), "--out", tmp,
                              "--no-plot")
            seconds = time.perf_counter() - started
            out = read_report(Path(tmp))
        log = result.stdout + result.stderr
        fold = {m.group(1).lower(): (float(m.group(2)), float(m.group(3))) for m in re.finditer(
            r"test (Accuracy|F1-score): ([0-9.]+) \(([0-9.]+)\)", log)}
        return {"config": config.name, "folds": folds, "seconds": round(seconds, 1),
                "fold_accuracy_mean": fold.get("accuracy", (None, None))[0],
                "fold_accuracy_std": fold.get("accuracy", (None, None))[1],
                **out}
    key = fingerprint("cv", folds, config, nlu, *code_inputs(config))
    return cached("cv", key, compute, use_cache)


def train_nlu(config: Path, out_dir: Path, nlu: Path = DATA_NLU) -> tuple:
    """Train an NLU-only model; returns (model path, seconds)."""
    started = time.perf_counter()
    run_rasa("train", "nlu", "--config", str(config), "--nlu", str(nlu), "--out", str(out_dir),
             "--fixed-model-name", "nlu", extra_env={"RASA_CACHE_DIRECTORY":
                                                     str(out_dir / "cache")})
    return str(out_dir / "nlu.tar.gz"), time.perf_counter() - started


def heldout(model: str, nlu: Path = HELDOUT) -> dict:
    """Intent accuracy, macro-F1 and confusions of a trained model on the held-out set."""
    with tempfile.TemporaryDirectory(prefix="signpost-heldout-") as tmp:
        run_rasa("test", "nlu", "--model", model, "--nlu", str(nlu), "--out", tmp, "--no-plot")
        return read_report(Path(tmp))


LATENCY_PROBE = r"""
import asyncio, json, statistics, sys, time
from bot.runtime import speedups
speedups.apply()
from rasa.core.agent import Agent
from bot.measurement.bench.procs import peak_rss_mb
import os
texts = json.loads(sys.argv[2])
async def main():
    started = time.perf_counter()
    agent = Agent.load(sys.argv[1])
    load_s = time.perf_counter() - started
    for t in texts[:20]:
        await agent.parse_message(t)
    times = []
    for _ in range(int(sys.argv[3])):
        for t in texts:
            a = time.perf_counter()
            await agent.parse_message(t)
            times.append((time.perf_counter() - a) * 1000)
    times.sort()
    print(json.dumps({"median_ms": round(statistics.median(times), 3),
                      "p95_ms": round(times[int(0.95 * (len(times) - 1))], 3),
                      "parses": len(times), "load_s": round(load_s, 2),
                      "peak_rss_mb": peak_rss_mb(os.getpid())}))
asyncio.run(main())
"""


def parse_latency(model: str, texts: list, rounds: int = 3) -> dict:
    """Median/p95 ms per message through a loaded Agent (in its own process), and its memory."""
    result = subprocess.run([sys.executable, "-c", LATENCY_PROBE, model, json.dumps(texts),
                             str(rounds)], cwd=ROOT, env=env(), capture_output=True, text=True,
                            timeout=1800)
    if result.returncode != 0:
        raise RuntimeError(f"latency probe failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])
