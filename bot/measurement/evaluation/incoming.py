"""New real-voice batches before they join the corpus: check them, then score them once unseen.

A batch is a corpus-format file (tests/realvoice/README.md) written from public posts that nothing
has been trained or tuned on. Two steps, in this order:

    python -m bot.measurement.evaluation.incoming check FILE...
    python -m bot.measurement.evaluation.incoming score FILE... [--model M] [--dump out.json]

`check` loads the batch together with the corpus and tests/realvoice/incoming/ through the corpus
loader (so every field, id, place, reused source and repeated text fails with file, line and field),
then lists runs of 8 words or more that a new item shares with any other item (a sign of copying
between writers) and prints the batch's counts by split, agency, kind and emergency. Exit 1 on any
problem.

`score` starts the whole bot (Rasa, action server, web) on a model, sends every item as a new REST
conversation exactly as `make evaluate` does, and prints Signpost beside the keyword script:
routed (ratio of items that reached an acceptable body first), 999 recall, false 999, both problems
answered. `--dump` writes every outcome as JSON for reading the misses.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from bot.measurement.evaluation.corpus import CORPUS_DIR, CorpusError, Item, load

INCOMING_DIR = CORPUS_DIR.parent / "incoming"
RUN = 8   # words: a shared run this long is unlikely to be chance between independent writers


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    w = _words(text)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f} %"


def load_batch(files: list[Path], folders: tuple[Path, ...] = (CORPUS_DIR, INCOMING_DIR)
               ) -> tuple[list[Item], list[Item]]:
    """(the batch's items, every other item of `folders`) after loading all of them together.

    Raises CorpusError (file, line, field) for any broken item, reused source or repeated text."""
    with tempfile.TemporaryDirectory(prefix="signpost-incoming-") as tmp:
        root = Path(tmp)
        names = {f.name for f in files}
        for folder in folders:
            for path in folder.glob("*.yml"):
                if path.name not in names:
                    shutil.copy(path, root / path.name)
        for f in files:
            if (root / f.name).exists():
                raise CorpusError(f"{f.name}: a corpus or incoming file already has this name")
            shutil.copy(f, root / f.name)
        every = load(root)
    return [i for i in every if i.file in names], [i for i in every if i.file not in names]


def check(files: list[Path], out=print, folders: tuple[Path, ...] = (CORPUS_DIR, INCOMING_DIR)) -> int:
    try:
        batch, others = load_batch(files, folders)
    except CorpusError as err:
        out(f"ERROR {err}")
        return 1
    known: dict[tuple[str, ...], str] = {}
    for item in others:
        for run in _runs(item.text):
            known.setdefault(run, f"{item.file}:{item.line}")
    problems = 0
    for item in batch:
        for run in _runs(item.text):
            if run in known and known[run] != f"{item.file}:{item.line}":
                out(f"SHARED {item.file}:{item.line} with {known[run]}: {' '.join(run)!r}")
                problems += 1
                break
        for run in _runs(item.text):
            known.setdefault(run, f"{item.file}:{item.line}")
    out(f"{len(batch)} items; emergencies {sum(i.emergency for i in batch)}; "
        f"two problems {sum(bool(i.also_topic) for i in batch)}")
    out("split:   " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(i.split for i in batch).items())))
    out("kind:    " + ", ".join(f"{k} {v}" for k, v in Counter(i.kind for i in batch).most_common()))
    out("agency:  " + ", ".join(f"{k} {v}" for k, v in
                                Counter(a for i in batch for a in i.agencies).most_common()))
    out("topic:   " + ", ".join(f"{k} {v}" for k, v in Counter(i.topic for i in batch).most_common()))
    return 1 if problems else 0


def score_batch(files: list[Path], model: str | None, dump: Path | None, out=print) -> int:
    from bot.measurement.evaluation.routing import keyword_outcomes, rest_poster, run_items, score
    from bot.runtime.stack import Stack, free_port

    batch, _ = load_batch(files)
    tmp = Path(tempfile.mkdtemp(prefix="signpost-incoming-"))
    stack = Stack(model, rasa_port=free_port(), actions_port=free_port(), web_port=free_port(),
                  tracker_db=str(tmp / "tracker.db"), log_dir=tmp / "logs")
    with stack:
        outcomes = run_items(rest_poster(stack.rest_url), batch, prefix="incoming")
    out(f"model {Path(stack.model).name}")
    by_file: dict[str, list] = {}
    for item, o in zip(batch, outcomes, strict=True):
        by_file.setdefault(item.file, []).append((item, o))
    rows = sorted(by_file.items()) + [("all", list(zip(batch, outcomes, strict=True)))]
    for name, pairs in rows:
        s = score([o for _, o in pairs])
        k = score(keyword_outcomes([i for i, _ in pairs]))
        out(f"{name}: {s['items']} items: routed {pct(s['accuracy'])} (keyword {pct(k['accuracy'])}); "
            f"999 recall {pct(s['emergency_recall'])} of {s['emergencies']}; false 999 "
            f"{s['false_999_count']} of {s['items'] - s['emergencies']}; both answered "
            f"{pct(s['both_answered'])} of {s['two_problems']}")
    if dump is not None:
        dump.write_text(json.dumps([{**asdict(o), "file": i.file, "line": i.line, "source": i.source}
                                    for i, o in zip(batch, outcomes, strict=True)], indent=1))
        out(f"outcomes written to {dump}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("step", choices=("check", "score"))
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--model", default=None, help="model file (default: the newest in models/)")
    parser.add_argument("--dump", type=Path, default=None, help="score: write every outcome as JSON")
    args = parser.parse_args(argv)
    if args.step == "check":
        return check(args.files)
    return score_batch(args.files, args.model, args.dump)


if __name__ == "__main__":
    sys.exit(main())
