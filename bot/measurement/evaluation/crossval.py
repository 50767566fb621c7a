"""Cross-validation on the real-voice train + dev splits: choosing model settings without ever
reading the test split, and with more held-out messages than dev alone.

The corpus' train and dev items are cut into k folds by source (the same hash family as the split,
so an item never meets its own source). For each fold a candidate is trained on the project's own
NLU data (data/nlu.yml, never the generated data/realvoice.yml) plus the other folds' items, then
the fold is scored in-process by the whole conversation logic (bot.measurement.evaluation
.candidates.simulate: fallback threshold, safety net, body decision, place follow-up). The served
component's decision path is copied: the TF-IDF-only cascade, the learned emergency detector, the
classifier's emergency guess dropped under `emergency_min_confidence`.

    python -m bot.measurement.evaluation.crossval [--folds 5] [--rv-weight 1 2] [--no-rules]

prints, per candidate, routed accuracy, 999 recall and false-999 rate over all folds (ratios in
[0, 1]) and the counts behind them. Sentence embeddings are computed once per text and cached in
build/crossval_embeddings.npz (keyed by text).
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.measurement.evaluation.candidates import MINILM_DIR, lemmatiser, served_settings, simulate
from bot.measurement.evaluation.corpus import ROOT, Item, load

CACHE = ROOT / "build" / "crossval_embeddings.npz"


def fold_of(source: str, k: int) -> int:
    """The fold of a source address (a different hash salt from the split, so folds cut across
    the train/dev boundary)."""
    return int(hashlib.sha256(("fold:" + source).encode("utf-8")).hexdigest(), 16) % k


def synthetic_examples() -> tuple[list[str], list[str]]:
    """(texts, intents) of data/nlu.yml: the team's own examples, without the corpus."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(ROOT / "data" / "nlu.yml"))
    pairs = [(e.get("text"), e.get("intent")) for e in data.intent_examples
             if e.get("text") and e.get("intent")]
    return [t for t, _ in pairs], [i for _, i in pairs]


class Embeddings:
    """text -> unit-length MiniLM vector, remembered on disk between runs."""

    def __init__(self) -> None:
        from bot.understanding.embedding import SentenceEncoder

        self.encoder = SentenceEncoder(MINILM_DIR)
        self.known: dict[str, np.ndarray] = {}
        if CACHE.exists():
            data = np.load(CACHE, allow_pickle=False)
            self.known = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self.known})
        for start in range(0, len(missing), 64):
            batch = missing[start:start + 64]
            self.known.update(zip(batch, self.encoder.encode(batch), strict=True))
        if missing:
            CACHE.parent.mkdir(parents=True, exist_ok=True)
            np.savez(CACHE, texts=np.array(list(self.known)), vectors=np.stack(list(self.known.values())))
        return np.stack([self.known[t] for t in texts])


@dataclass
class Candidate:
    """rank: text -> [(intent, confidence)] best first; flag: the learned detector says 999;
    probability: the detector's P(emergency) in [0, 1]; fast: the TF-IDF-only twin's top intent,
    its confidence and its P(emergency)."""

    rank: Callable[[str], list]
    flag: Callable[[str], bool]
    probability: Callable[[str], float]
    fast: Callable[[str], dict]


def candidate(texts: list[str], intents: list[str], weights: list[float], embed: Embeddings,
              to_model: Callable[[str], str], settings: dict) -> Candidate:
    """Train one candidate, answering as the served component would."""
    from bot.understanding.textclf import EmergencyDetector, IntentModel

    dense = embed(texts)
    model_texts = [to_model(t) for t in texts]
    model = IntentModel.fit(model_texts, intents, c=settings.get("C", 10.0),
                            dense=dense, dense_weight=float(settings["dense_weight"]),
                            weights=weights)
    detector = EmergencyDetector.fit(model, model_texts, dense, [i == "emergency" for i in intents],
                                     c=float(settings.get("emergency_C", 3.0)),
                                     threshold=float(settings["emergency_threshold"]),
                                     weights=weights,
                                     agreement=float(settings.get("emergency_agreement", 1.0)))
    harmless = _harmless()
    min_conf = float(settings["emergency_min_confidence"])

    def settles(fast: list) -> bool:
        return bool(fast) and fast[0][0] != "emergency" and (
            fast[0][1] >= settings["cascade_confidence_any"] or
            (fast[0][1] >= settings["cascade_confidence"] and fast[0][0] in harmless))

    def decide(text: str) -> tuple[list, bool]:
        m = to_model(text)
        features = model.sparse_features(m)   # read once, as the served component does
        fast = model.fast_ranking(m, features) or []
        ranked: list
        if settles(fast):
            ranked, flagged = fast, False
        else:
            vector = embed([text])[0]
            ranked = model.ranking(m, dense=vector, features=features)
            flagged = detector.is_emergency(features, vector, dict(fast).get("emergency", 0.0))
        if ranked[0][0] == "emergency" and ranked[0][1] < min_conf:
            ranked = ranked[1:] + ranked[:1]
        return ranked, flagged

    def fast(text: str) -> dict:
        ranked = model.fast_ranking(to_model(text)) or []
        return {"settled": settles(ranked),
                "fast_top": ranked[0][0] if ranked else None,
                "fast_confidence": ranked[0][1] if ranked else 0.0,
                "fast_emergency": dict(ranked).get("emergency", 0.0)}

    return Candidate(rank=lambda t: decide(t)[0], flag=lambda t: decide(t)[1], fast=fast,
                     probability=lambda t: detector.probability(model.sparse_features(to_model(t)),
                                                                embed([t])[0]))


def _harmless() -> set:
    from bot.understanding.components import _harmless_intents

    return set(_harmless_intents())


def crossvalidate(items: list[Item], k: int, rv_weight: float, settings: dict,
                  rules: bool = True, records: list | None = None) -> dict:
    """Pooled outcome counts over k folds (see module docstring)."""
    from bot.understanding import safety

    texts, intents = synthetic_examples()
    embed, to_model = Embeddings(), lemmatiser()
    totals: dict[str, float] = {"items": 0, "accepted": 0, "emergencies": 0, "caught": 0, "others": 0,
                                "false_999": 0}
    original = safety.check
    try:
        if not rules:   # the learned paths alone: the rules report no emergency
            safety.check = lambda text: original("")
        for fold in range(k):
            held = [i for i in items if fold_of(i.source, k) == fold]
            train = [i for i in items if fold_of(i.source, k) != fold]
            cand = candidate(texts + [i.text for i in train],
                                   intents + [i.topic for i in train],
                                   [1.0] * len(texts) + [rv_weight] * len(train),
                                   embed, to_model, settings)
            s = simulate(cand.rank, held, cand.flag)
            if records is not None:
                for item in held:
                    top, conf = cand.rank(item.text)[0]
                    records.append({"text": item.text, "split": item.split, "file": item.file,
                                    "emergency": item.emergency, "fold": fold, "top": top,
                                    "confidence": conf, "detector": cand.probability(item.text),
                                    "rule": original(item.text).is_emergency,
                                    "flagged": cand.flag(item.text), **cand.fast(item.text)})
            n_em = sum(i.emergency for i in held)
            totals["items"] += len(held)
            totals["accepted"] += round(s["accuracy"] * len(held))
            totals["emergencies"] += n_em
            totals["caught"] += round((s["emergency_recall"] or 0) * n_em)
            totals["others"] += len(held) - n_em
            totals["false_999"] += round((s["false_999"] or 0) * (len(held) - n_em))
    finally:
        safety.check = original
    totals["accuracy"] = round(totals["accepted"] / totals["items"], 4)
    totals["recall"] = round(totals["caught"] / max(1, totals["emergencies"]), 4)
    totals["false_999_rate"] = round(totals["false_999"] / max(1, totals["others"]), 4)
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--rv-weight", type=float, nargs="+", default=None,
                        help="weights of the corpus' examples to compare (default: config.yml's)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="override a classifier setting from config.yml, e.g. dense_weight=2")
    parser.add_argument("--no-rules", action="store_true", help="score the learned paths alone")
    parser.add_argument("--dump", type=Path, default=None, help="write per-item records (JSON)")
    parser.add_argument("--corpus", type=Path, default=None, help="a corpus folder (default: the project's)")
    args = parser.parse_args(argv)
    settings = served_settings()
    for pair in args.set:
        key, value = pair.split("=", 1)
        settings[key] = float(value)
    items = [i for i in (load(args.corpus) if args.corpus else load()) if i.split in ("train", "dev")]
    for w in args.rv_weight or [float(settings.get("real_voice_weight", 1.0))]:
        records: list = []
        t = crossvalidate(items, args.folds, w, settings, rules=not args.no_rules, records=records)
        if args.dump:
            import json
            args.dump.with_suffix(f".w{w:g}.json").write_text(json.dumps(records))
        print(f"rv_weight {w:g} {' '.join(args.set)}: routed {t['accuracy']:.3f} "
              f"({t['accepted']}/{t['items']})  999 recall {t['recall']:.3f} "
              f"({t['caught']}/{t['emergencies']})  false 999 {t['false_999_rate']:.3f} "
              f"({t['false_999']}/{t['others']})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
