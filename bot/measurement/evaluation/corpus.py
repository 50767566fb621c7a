"""The real-voice corpus (tests/realvoice/corpus/*.yml): loading, validation and the split.

Each item is a message the team wrote from one public post (tests/realvoice/README.md), labelled
with every acceptable agency. The split is derived from the source address, never chosen by hand:
sha256(source) mod 10 -> 0-5 train, 6-7 dev, 8-9 test, so one source never spans two splits and the
test part stays unseen by training and tuning.

    python -m bot.measurement.evaluation.corpus            # counts by split, agency, kind
    python -m bot.measurement.evaluation.corpus --write-nlu data/realvoice.yml

Errors: CorpusError names the file, line, item and field of the first problem found.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bot.directory import default_directory
from bot.directory.yamlfile import DirectoryFileError, LineDict, load_yaml
from bot.understanding.textclf import REAL_VOICE

ROOT = Path(__file__).resolve().parents[3]
CORPUS_DIR = ROOT / "tests" / "realvoice" / "corpus"
SPLITS = ("train", "dev", "test")
KINDS = {"question", "story", "no_key_noun", "third_person", "heading", "panic", "past", "other"}
# Labels that are not agency ids: the resident's own council, and "no listed body handles it".
COUNCIL, NONE = "council", "none"
OUT_OF_SCOPE = "out_of_scope"


class CorpusError(ValueError):
    """A corpus file is broken: the message names file, line, item and field."""


@dataclass(frozen=True)
class Item:
    """One real-voice message. `agencies` holds every acceptable agency id (or council / none)."""

    text: str
    topic: str
    agencies: tuple[str, ...]
    place: str | None
    emergency: bool
    kind: str
    source: str
    file: str
    line: int
    also_topic: str | None = None          # a second problem for a different body, if any
    also_agencies: tuple[str, ...] = ()    # ... and every acceptable agency for it

    @property
    def split(self) -> str:
        return split_of(self.source)


def split_of(source: str) -> str:
    """train / dev / test from the source address (stable across machines and Python versions)."""
    bucket = int(hashlib.sha256(source.encode("utf-8")).hexdigest(), 16) % 10
    return "train" if bucket < 6 else "dev" if bucket < 8 else "test"


def same_page(source: str) -> str:
    """The key under which two addresses of one page meet: no scheme, no "www.", no fragment, no
    trailing slash, host lower-cased ("http://www.Example.org/a/" and "https://example.org/a" are one
    source; a writer once reused a page found under the other scheme)."""
    parts = urlsplit(source.strip())
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}?{parts.query}" if parts.query else f"{host}{path}"


def _fail(path: Path, line: int, index: int, field: str, reason: str) -> CorpusError:
    return CorpusError(f"{path.name}:{line}: item {index + 1}, field '{field}': {reason}")


def load(corpus_dir: Path = CORPUS_DIR, split: str | None = None) -> list[Item]:
    """Every item of every corpus file (sorted by file name), optionally one split only.

    Raises CorpusError for a missing or mistyped field, an unknown agency, topic or kind, a place
    that is not in the text, a source address used twice (one item per source; the same page
    under another scheme, with or without "www." or a trailing slash, counts as the same:
    same_page), or a text used twice (compared lower-cased, words only: a repeat across splits
    would train on held-out text)."""
    directory = default_directory()
    topics = set(directory.topics) | {OUT_OF_SCOPE}
    agencies = set(directory.agencies) | {COUNCIL, NONE}
    items: list[Item] = []
    seen: dict[str, str] = {}
    texts: dict[str, str] = {}
    for path in sorted(corpus_dir.glob("*.yml")):
        try:
            data = load_yaml(path)
        except DirectoryFileError as err:
            raise CorpusError(f"{path.name}:{err.line}: {err.reason}") from None
        if not isinstance(data, LineDict) or not isinstance(data.get("items"), list):
            raise CorpusError(f"{path.name}:1: expected a mapping with a list 'items'")
        for i, raw in enumerate(data["items"]):
            if not isinstance(raw, LineDict):
                raise CorpusError(f"{path.name}: item {i + 1} is not a mapping")
            line = raw.line
            for field, kind in (("text", str), ("topic", str), ("source", str), ("agencies", list),
                                ("emergency", bool), ("kind", str)):
                if not isinstance(raw.get(field), kind) or (kind is not bool and not raw.get(field)):
                    raise _fail(path, raw.line_of(field), i, field, f"missing or not a {kind.__name__}")
            if raw["topic"] not in topics:
                raise _fail(path, raw.line_of("topic"), i, "topic", f"unknown topic {raw['topic']!r}")
            unknown = [a for a in raw["agencies"] if a not in agencies]
            if unknown:
                raise _fail(path, raw.line_of("agencies"), i, "agencies", f"unknown agency {unknown}")
            if raw["kind"] not in KINDS:
                raise _fail(path, raw.line_of("kind"), i, "kind", f"unknown kind {raw['kind']!r}")
            place = raw.get("place")
            if place is not None and (not isinstance(place, str) or place.lower() not in raw["text"].lower()):
                raise _fail(path, raw.line_of("place"), i, "place", "must be null or appear in the text")
            if raw["emergency"] and "police_999" not in raw["agencies"]:
                raise _fail(path, raw.line_of("agencies"), i, "agencies", "an emergency needs police_999")
            also_topic, also_agencies = raw.get("also_topic"), raw.get("also_agencies") or []
            if also_topic is not None and also_topic not in topics:
                raise _fail(path, raw.line_of("also_topic"), i, "also_topic",
                            f"unknown topic {also_topic!r}")
            if (also_topic is None) != (not also_agencies) or not isinstance(also_agencies, list) or \
                    any(a not in agencies for a in also_agencies):
                raise _fail(path, raw.line_of("also_agencies" if also_topic else "also_topic"), i,
                            "also_agencies", "also_topic and also_agencies go together, with known ids")
            source = raw["source"]
            page = same_page(source)
            if page in seen:
                raise _fail(path, raw.line_of("source"), i, "source", f"already used in {seen[page]}")
            seen[page] = f"{path.name}:{raw.line_of('source')}"
            words = " ".join(re.findall(r"[a-z0-9]+", raw["text"].lower()))
            if words in texts:
                raise _fail(path, raw.line_of("text"), i, "text", f"same words as {texts[words]}")
            texts[words] = f"{path.name}:{raw.line_of('text')}"
            item = Item(text=raw["text"].strip(), topic=raw["topic"], agencies=tuple(raw["agencies"]),
                        place=place, emergency=raw["emergency"], kind=raw["kind"], source=source,
                        file=path.name, line=line, also_topic=also_topic,
                        also_agencies=tuple(also_agencies))
            if split is None or item.split == split:
                items.append(item)
    return items


def nlu_yaml(items: list[Item]) -> str:
    """Rasa NLU training data (YAML, version 3.1) for the items' topics, sorted for stable diffs."""
    by_intent: dict[str, list[str]] = {}
    for item in items:
        by_intent.setdefault(item.topic, []).append(" ".join(item.text.split()))
    out = ['version: "3.1"',
           "# GENERATED by `make corpus` from the train split of tests/realvoice/corpus: do not edit.",
           "# Each example was written by the team from one public post (source in the corpus file).",
           "nlu:"]
    for intent in sorted(by_intent):
        # the intent-level metadata marks the block as real voice: the classifier can weight it
        # (config.yml `real_voice_weight`) without telling it apart by text
        out.append(f"- intent: {intent}\n  metadata:\n    corpus: {REAL_VOICE}\n  examples: |")
        out.extend(f"    - {text}" for text in sorted(set(by_intent[intent])))
    return "\n".join(out) + "\n"


def held_out_in_training(items: list[Item], training_text: str) -> list[Item]:
    """Dev and test items whose whole text (lower case, spaces collapsed) occurs inside the training
    text: a short heading held out can sit inside a longer train item ("Report an abandoned vehicle"
    in "Report an abandoned vehicle - what counts as abandoned"), which the loader's equal-words
    check does not see. Empty when nothing held out is trained on."""
    training = training_text.lower()
    return [i for i in items if i.split != "train" and " ".join(i.text.lower().split()) in training]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write-nlu", metavar="FILE", help="write the train split as Rasa NLU data")
    args = parser.parse_args(argv)
    try:
        items = load()
    except CorpusError as err:
        print(f"corpus error: {err}", file=sys.stderr)
        return 2
    if args.write_nlu:
        generated = nlu_yaml([i for i in items if i.split == "train"])
        leaked = held_out_in_training(items, generated + (ROOT / "data" / "nlu.yml").read_text())
        if leaked:
            for i in leaked:
                print(f"corpus error: {i.file}:{i.line}: field 'text': this {i.split} text is inside the "
                      f"training data (a train item or data/nlu.yml); reword one of them", file=sys.stderr)
            return 2
        Path(args.write_nlu).write_text(generated)
    splits = Counter(i.split for i in items)
    emergencies = Counter(i.split for i in items if i.emergency)
    print(f"{len(items)} items: " + ", ".join(f"{s} {splits[s]} ({emergencies[s]} emergencies)"
                                                for s in SPLITS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
