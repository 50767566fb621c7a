"""Choosing the intent model by real-voice dev routing: candidates trained the same way, scored by
the whole conversation logic in-process.

The simulation is the served path minus Rasa's plumbing: the candidate's ranking, the fallback
threshold (config.yml), the safety net (and the candidate's emergency detector, if any), then
bot.conversation.dialogue answering exactly as the action server would, including the place
follow-up. `make evaluate` then measures the served model through real servers.

    python -m bot.measurement.evaluation.candidates     # -> reports/candidates.json, printed table

Training data: data/nlu.yml (and every other NLU file in data/) - which already holds the corpus'
train split (data/realvoice.yml). Dev is scored; the test split is never read here.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.conversation.dialogue import Conversation, State, Turn
from bot.measurement.evaluation.corpus import ROOT, Item, load
from bot.measurement.evaluation.routing import converse, score
from bot.understanding import safety

FALLBACK_THRESHOLD = 0.25
SPACY_DIR = ROOT / "build" / "spacy_pipeline"
MINILM_DIR = ROOT / "build" / "minilm"
Ranker = Callable[[str], list]   # text -> [(intent, confidence), ...] best first


def training_examples(data_dir: Path = ROOT / "data") -> tuple[list[str], list[str], list[float]]:
    """(texts, intents, weights) of every intent example in the project's NLU training data; the
    weight is config.yml's `real_voice_weight` for the corpus' examples, else 1."""
    from rasa.shared.nlu.training_data.loading import load_data

    from bot.understanding.components import example_weight

    weight = float(served_settings().get("real_voice_weight", 1.0))
    texts, intents, weights = [], [], []
    for path in sorted(data_dir.glob("*.yml")):
        if "nlu:" not in path.read_text():
            continue
        for ex in load_data(str(path)).intent_examples:
            if ex.get("text") and ex.get("intent"):
                texts.append(ex.get("text"))
                intents.append(ex.get("intent"))
                weights.append(example_weight(ex, weight))
    return texts, intents, weights


def served_settings() -> dict:
    """The SignpostIntentClassifier entry of config.yml."""
    import yaml

    pipeline = yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]
    return next(c for c in pipeline if c["name"].endswith("SignpostIntentClassifier"))


def lemmatiser() -> Callable[[str], str]:
    """text -> what the TF-IDF model reads (bot.understanding.textclf.model_text with lemmas), using
    the project's spaCy pipeline as Rasa's SpacyTokenizer does."""
    import spacy

    from bot.understanding.textclf import model_text

    nlp = spacy.load(SPACY_DIR)
    return lambda text: model_text(text, [t.lemma_ or t.text for t in nlp(text)])


@dataclass
class Simulated:
    """An in-process Signpost: post(sender, text) -> REST-shaped replies."""

    rank: Ranker
    emergency: Callable[[str], bool] = lambda text: False

    def __post_init__(self) -> None:
        self.conversation = Conversation()
        self.states: dict[str, State] = {}

    def post(self, sender: str, text: str) -> list:
        ranking = self.rank(text)
        intent = ranking[0][0] if ranking[0][1] >= FALLBACK_THRESHOLD else "nlu_fallback"
        if safety.check(text).is_emergency or self.emergency(text):
            intent = "emergency"
        state = self.states.get(sender, State())
        entities: list[str] = []
        reply = self.conversation.respond(Turn(text=text, intent=intent, ranking=ranking,
                                               entities=entities), state)
        self.states[sender] = reply.state
        messages = list(reply.messages)
        if intent == "emergency":  # the static utter_emergency rule answers first
            messages.insert(0, {"text": "CALL 999", "custom": {"route": {"agency": "police_999",
                                                                         "emergency": True}}})
        return messages


def simulate(rank: Ranker, items: list[Item], emergency: Callable[[str], bool] | None = None) -> dict:
    bot = Simulated(rank, emergency or (lambda text: False))
    outcomes = [converse(bot.post, item, f"sim-{i}") for i, item in enumerate(items)]
    return score(outcomes)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_latency(rank: Ranker, texts: list[str], rounds: int = 2) -> float:
    times = []
    for _ in range(rounds):
        for t in texts:
            start = time.perf_counter()
            rank(t)
            times.append(time.perf_counter() - start)
    return round(1000 * float(np.median(times)), 2)


def main(argv: list[str] | None = None) -> int:
    from bot.understanding.embedding import SentenceEncoder
    from bot.understanding.textclf import IntentModel

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(ROOT / "reports" / "candidates.json"))
    args = parser.parse_args(argv)
    texts, intents, weights = training_examples()
    dev = load(split="dev")
    to_model = lemmatiser()
    model_texts = [to_model(t) for t in texts]
    rows: list[tuple[str, Ranker, float | None]] = []   # name, ranker, extra MB (None: not measured)
    rss0 = _rss_mb()

    tfidf = IntentModel.fit(model_texts, intents, weights=weights)
    rank_tfidf: Ranker = lambda t: tfidf.ranking(to_model(t))  # noqa: E731
    rows.append(("TF-IDF words + char n-grams, LR (C=10)", rank_tfidf, _rss_mb() - rss0))

    encoder = SentenceEncoder(MINILM_DIR)
    dense = encoder.encode(texts)
    for weight in (1.0, 2.0, 3.0):
        both = IntentModel.fit(model_texts, intents, dense=dense, dense_weight=weight, weights=weights)

        def rank_both(t: str, m: IntentModel = both) -> list:
            return m.ranking(to_model(t), dense=encoder.encode([t])[0])
        rows.append((f"TF-IDF + MiniLM embedding (weight {weight})", rank_both, None))

    results = []
    sample = [i.text for i in dev[:60]]
    for name, rank, rss in rows:
        s = simulate(rank, dev)
        results.append({"name": name, "dev": s["accuracy"], "dev_recall": s["emergency_recall"],
                        "dev_false_999": s["false_999"], "parse_ms": measure_latency(rank, sample),
                        "rss_mb": None if rss is None else round(rss, 1)})
        print(f"{name:50s} dev {s['accuracy']:.3f}  fell back {s['fell_back']:.3f}  "
              f"999 recall {s['emergency_recall']}  false 999 {s['false_999']}  "
              f"{results[-1]['parse_ms']} ms")
    served = served_settings()
    for row in results:
        row["served"] = bool(served.get("embedding")) and \
            f"(weight {float(served.get('dense_weight', 2.0))})" in row["name"]
    note = ("Each candidate is trained on data/ (including the corpus' train split) and scored on the "
            "real-voice dev split by the whole conversation logic in-process (fallback threshold, "
            "safety net, the body decision, the place follow-up); parse = median ms per message "
            "(the embedding computed every time here; the served model skips it when TF-IDF alone "
            "is sure). The served model is then measured through real servers above.")
    Path(args.out).write_text(json.dumps({"rows": results, "note": note}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
