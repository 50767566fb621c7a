"""The reference: a stock `rasa init` bot built with the project's own Rasa, run as shipped
(`rasa run`, REST channel from its credentials.yml, default in-memory tracker store, no action
server: the init bot's stories use none).

Created once and cached under build/reference_bot/rasa-<version>/ (project files, trained model,
and reference.json with its measured training time), so benchmark reruns never retrain it unless
asked (--retrain-reference, e.g. on a quiet machine).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from bot.measurement.evaluation.nlu import env, rasa_version
from bot.runtime.stack import ROOT

RASA = str(Path(sys.executable).parent / "rasa")


def project_dir() -> Path:
    return ROOT / "build" / "reference_bot" / f"rasa-{rasa_version()}"


def _run(args: list, cwd: Path, timeout: float = 3600) -> float:
    started = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, env=env(), capture_output=True, text=True,
                            timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout[-2000:]}"
                           f"\n{result.stderr[-2000:]}")
    return time.perf_counter() - started


def ensure(retrain: bool = False, log=print) -> dict:
    """Create (rasa init) and train the reference bot if needed; returns its facts."""
    folder = project_dir()
    meta_file = folder / "reference.json"
    meta = json.loads(meta_file.read_text()) if meta_file.exists() else {}
    model = folder / "models" / "reference.tar.gz"
    if not (folder / "config.yml").exists():
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        log(f"reference: rasa init --no-prompt --init-dir {folder.relative_to(ROOT)} "
            "(rasa init also trains once) ...")
        _run([RASA, "init", "--no-prompt", "--init-dir", str(folder)], cwd=folder)
        meta = {}
    if retrain or not model.exists() or "training_s" not in meta:
        log("reference: timing a full `rasa train --force` of the init bot ...")
        for old in (folder / "models").glob("*.tar.gz"):
            old.unlink()
        cache = folder / ".rasa-cache-bench"
        shutil.rmtree(cache, ignore_errors=True)
        seconds = _run([RASA, "train", "--force", "--out", "models", "--fixed-model-name",
                        "reference"], cwd=folder)
        shutil.rmtree(cache, ignore_errors=True)
        meta = {"rasa": rasa_version(), "training_s": round(seconds, 1),
                "trained_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "loadavg_when_trained": [round(x, 2) for x in os.getloadavg()]}
        meta_file.write_text(json.dumps(meta, indent=1) + "\n")
    meta["model"] = str(model)
    meta["dir"] = str(folder)
    return meta


class ReferenceBot:
    """`rasa run` of the init bot on a free port; same start/stop shape as bot.runtime.stack.Stack."""

    def __init__(self, port: int, log_dir: Path | None = None) -> None:
        self.port, self.log_dir = port, log_dir
        self.folder = project_dir()
        self.procs: dict = {}

    @property
    def rest_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhooks/rest/webhook"

    def start_process(self) -> None:
        out = None
        if self.log_dir:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            out = open(self.log_dir / "reference.log", "ab")
        cmd = [RASA, "run", "--model", "models/reference.tar.gz", "-i", "127.0.0.1",
               "--port", str(self.port), "--credentials", "credentials.yml",
               "--endpoints", "endpoints.yml"]
        self.procs["rasa"] = subprocess.Popen(cmd, cwd=self.folder, env=env(), stdout=out,
                                              stderr=subprocess.STDOUT if out else None,
                                              start_new_session=True)

    def stop(self) -> None:
        proc = self.procs.get("rasa")
        if proc is None or proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(15)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
