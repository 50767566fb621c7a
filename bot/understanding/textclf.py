"""A small, fast intent model: TF-IDF over words (1-2-grams, plus lemmas) and characters (2-5-grams,
for typos and slang), then one-vs-rest logistic regression.

Trained with scikit-learn; saved as plain arrays and JSON (no pickle, so a model file cannot run
code); predicted with a few dictionary look-ups and one small matrix product (well under a
millisecond), instead of scikit-learn's per-call overhead.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.special import expit

WORD = {"analyzer": "word", "ngram_range": (1, 2), "sublinear_tf": True, "lowercase": True}
CHAR = {"analyzer": "char_wb", "ngram_range": (2, 5), "sublinear_tf": True, "lowercase": True,
        "min_df": 2}
DEFAULT_C = 10.0
WORD_CACHE = 50_000   # distinct words whose character n-grams are remembered


def model_text(text: str, lemmas: Sequence[str] = ()) -> str:
    """What the model reads: the message plus its lemmas ("burgled" also counts as "burgle")."""
    return f"{text.lower()} || {' '.join(lemmas).lower()}" if lemmas else text.lower()


class _Block:
    """One TF-IDF block (words or characters) with its vocabulary and idf weights."""

    def __init__(self, params: dict, vocabulary: dict, idf: np.ndarray, offset: int) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.params, self.vocabulary, self.idf, self.offset = params, vocabulary, idf, offset
        kwargs = {k: v for k, v in params.items() if k != "min_df"}
        vectoriser = TfidfVectorizer(**kwargs)
        self.analyse = vectoriser.build_analyzer()
        # char_wb n-grams never cross a space: a message's n-grams are its words' n-grams, in
        # order. Words recur across messages, so each word's known n-grams are looked up once
        # (bounded cache) - the same features in the same order as analysing the whole text.
        self._by_word = None
        if set(kwargs) <= {"analyzer", "ngram_range", "sublinear_tf", "lowercase"} and \
                kwargs.get("analyzer") == "char_wb":
            lower = kwargs.get("lowercase", True)
            self._words = (lambda t: t.lower().split()) if lower else (lambda t: t.split())
            ngrams, vocab = vectoriser._char_wb_ngrams, vocabulary

            def known(word: str) -> tuple:
                return tuple(j for j in map(vocab.get, ngrams(word)) if j is not None)

            self._by_word = lru_cache(maxsize=WORD_CACHE)(known)

    def _known(self, text: str) -> Iterable[int]:
        if self._by_word is not None:
            return (j for word in self._words(text) for j in self._by_word(word))
        return (j for j in map(self.vocabulary.get, self.analyse(text)) if j is not None)

    def features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        counts: dict = {}
        for j in self._known(text):
            counts[j] = counts.get(j, 0) + 1
        if not counts:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
        values = (1.0 + np.log(tf)) * self.idf[idx] if self.params["sublinear_tf"] else tf * self.idf[idx]
        values /= np.linalg.norm(values) or 1.0
        return idx + self.offset, values


class IntentModel:
    def __init__(self, classes: list, blocks: list, coef: np.ndarray, intercept: np.ndarray,
                 c: float = DEFAULT_C) -> None:
        self.classes, self.blocks, self.coef, self.intercept, self.c = classes, blocks, coef, intercept, c
        # one contiguous row per feature: a message's few hundred features are gathered as rows
        self._coef_rows = np.ascontiguousarray(coef.T)

    # -- training ------------------------------------------------------------------------------
    @classmethod
    def fit(cls, texts: Sequence[str], labels: Sequence[str], c: float = DEFAULT_C) -> IntentModel:
        from scipy.sparse import hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        vectorisers = [TfidfVectorizer(**WORD), TfidfVectorizer(**CHAR)]
        X = hstack([v.fit_transform(texts) for v in vectorisers]).tocsr()
        clf = LogisticRegression(C=c, solver="liblinear", class_weight="balanced")
        clf.fit(X, list(labels))
        blocks, offset = [], 0
        for params, v in zip((WORD, CHAR), vectorisers):
            vocab = {gram: int(i) for gram, i in v.vocabulary_.items()}
            blocks.append(_Block(params, vocab, v.idf_.astype(np.float32), offset))
            offset += len(vocab)
        return cls([str(k) for k in clf.classes_], blocks, clf.coef_.astype(np.float32),
                   clf.intercept_.astype(np.float32), c)

    # -- prediction ----------------------------------------------------------------------------
    def scores(self, text: str) -> np.ndarray:
        parts = [b.features(text) for b in self.blocks]
        idx = np.concatenate([p[0] for p in parts])
        values = np.concatenate([p[1] for p in parts])
        return values @ self._coef_rows[idx] + self.intercept

    def predict_proba(self, text: str) -> np.ndarray:
        """One-vs-rest probabilities, normalised to sum to 1 (as scikit-learn's liblinear does)."""
        p = expit(self.scores(text))
        return p / p.sum()

    def ranking(self, text: str) -> list:
        p = self.predict_proba(text)
        order = np.argsort(-p)
        return [(self.classes[i], float(p[i])) for i in order]

    # -- persistence (arrays + JSON, never pickle) ------------------------------------------------
    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        meta = {"classes": self.classes, "c": self.c,
                "blocks": [{"params": {**b.params, "ngram_range": list(b.params["ngram_range"])},
                            "vocabulary": sorted(b.vocabulary, key=b.vocabulary.get),
                            "offset": b.offset} for b in self.blocks]}
        (folder / "intent_model.json").write_text(json.dumps(meta))
        np.savez(folder / "intent_model.npz", coef=self.coef, intercept=self.intercept,
                 **{f"idf{i}": b.idf for i, b in enumerate(self.blocks)})

    @classmethod
    def load(cls, folder: Path) -> IntentModel:
        meta = json.loads((folder / "intent_model.json").read_text())
        arrays = np.load(folder / "intent_model.npz", allow_pickle=False)
        blocks = []
        for i, b in enumerate(meta["blocks"]):
            params = {**b["params"], "ngram_range": tuple(b["params"]["ngram_range"])}
            vocab = {gram: j for j, gram in enumerate(b["vocabulary"])}
            blocks.append(_Block(params, vocab, arrays[f"idf{i}"], b["offset"]))
        return cls(meta["classes"], blocks, arrays["coef"], arrays["intercept"], meta["c"])


def accuracy(model: IntentModel, texts: Iterable[str], labels: Iterable[str]) -> float:
    pairs = list(zip(texts, labels))
    return sum(model.ranking(t)[0][0] == y for t, y in pairs) / max(1, len(pairs))
