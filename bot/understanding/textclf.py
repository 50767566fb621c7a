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

# Words and pairs seen only once are dropped (min_df 2): 82k -> about a third of the vocabulary,
# ~30 MB less in the Rasa server, same routed accuracy and 999 recall in CV within 2 items of
# 3,765 (README "Speed").
WORD = {"analyzer": "word", "ngram_range": (1, 2), "sublinear_tf": True, "lowercase": True,
        "min_df": 2}
CHAR = {"analyzer": "char_wb", "ngram_range": (2, 5), "sublinear_tf": True, "lowercase": True,
        "min_df": 2}
DEFAULT_C = 10.0
REAL_VOICE = "real_voice"   # `corpus:` in the intent metadata of data/realvoice.yml (make corpus)
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
    """classes: intent names; blocks: TF-IDF blocks; coef (classes x sparse features); intercept
    (classes,); coef_dense (classes x dense dims) for an optional dense block (sentence embeddings,
    bot.understanding.embedding) whose vector the caller passes to `scores`/`ranking`."""

    def __init__(self, classes: list, blocks: list, coef: np.ndarray, intercept: np.ndarray,
                 c: float = DEFAULT_C, coef_dense: np.ndarray | None = None,
                 fast: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        self.classes, self.blocks, self.intercept, self.c = classes, blocks, intercept, c
        self.coef_dense = coef_dense
        # one contiguous row per feature: a message's few hundred features are gathered as rows
        # (kept once: `coef` is a view of it, so the weights are not held twice)
        self._coef_rows = np.ascontiguousarray(coef.T)
        self._dense_t = None if coef_dense is None else np.ascontiguousarray(coef_dense.T)
        # With a dense block: a TF-IDF-only twin on the same features (rows in float16, ~half the
        # memory), so a message the words alone settle need not pay for the sentence embedding.
        self.fast = fast

    @property
    def coef(self) -> np.ndarray:
        """(classes x sparse features) weights, a view of the row-major copy used to predict."""
        return self._coef_rows.T

    @property
    def uses_dense(self) -> bool:
        return self.coef_dense is not None

    # -- training ------------------------------------------------------------------------------
    @classmethod
    def fit(cls, texts: Sequence[str], labels: Sequence[str], c: float = DEFAULT_C,
            dense: np.ndarray | None = None, dense_weight: float = 1.0,
            weights: Sequence[float] | None = None) -> IntentModel:
        """Train on model texts (model_text) and intent labels. `dense` (len(texts) x d, e.g.
        unit-length sentence embeddings) adds a dense block scaled by `dense_weight` next to the
        TF-IDF blocks, in the same logistic regression. `weights`: one per example (default 1)."""
        from scipy.sparse import csr_matrix, hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        vectorisers = [TfidfVectorizer(**WORD), TfidfVectorizer(**CHAR)]
        parts = [v.fit_transform(texts) for v in vectorisers]
        n_sparse = sum(p.shape[1] for p in parts)
        if dense is not None:
            parts.append(csr_matrix(np.asarray(dense, dtype=np.float64) * dense_weight))
        X = hstack(parts).tocsr()
        clf = LogisticRegression(C=c, solver="liblinear", class_weight="balanced", random_state=0)
        sample_weight = None if weights is None else np.asarray(weights, dtype=np.float64)
        clf.fit(X, list(labels), sample_weight=sample_weight)
        coef = clf.coef_.astype(np.float32)
        coef_dense = None if dense is None else np.ascontiguousarray(coef[:, n_sparse:] * dense_weight)
        blocks, offset = [], 0
        for params, v in zip((WORD, CHAR), vectorisers, strict=True):
            vocab = {gram: int(i) for gram, i in v.vocabulary_.items()}
            blocks.append(_Block(params, vocab, v.idf_.astype(np.float32), offset))
            offset += len(vocab)
        fast = None
        if dense is not None:
            twin = LogisticRegression(C=c, solver="liblinear", class_weight="balanced", random_state=0)
            twin.fit(X[:, :n_sparse], list(labels), sample_weight=sample_weight)
            fast = (np.ascontiguousarray(twin.coef_.T.astype(np.float16)),
                    twin.intercept_.astype(np.float32))
        return cls([str(k) for k in clf.classes_], blocks, np.ascontiguousarray(coef[:, :n_sparse]),
                   clf.intercept_.astype(np.float32), c, coef_dense, fast)

    # -- prediction ----------------------------------------------------------------------------
    @property
    def n_sparse(self) -> int:
        """Width of the TF-IDF part: every block's vocabulary."""
        return int(self._coef_rows.shape[0])

    def sparse_features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(indices, values) of a model text's non-zero TF-IDF features across all blocks."""
        parts = [b.features(text) for b in self.blocks]
        return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])

    def scores(self, text: str, dense: np.ndarray | None = None,
               features: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
        """Decision values (classes,). `dense` is the message's dense vector when the model has a
        dense block (ValueError if it is missing then); `features`: sparse_features(text), if
        already computed."""
        idx, values = features if features is not None else self.sparse_features(text)
        out = values @ self._coef_rows[idx] + self.intercept
        if self._dense_t is not None:
            if dense is None:
                raise ValueError("this intent model has a dense block: pass the message's vector")
            out = out + dense @ self._dense_t
        return out

    def fast_ranking(self, text: str,
                     features: tuple[np.ndarray, np.ndarray] | None = None) -> list | None:
        """The TF-IDF-only twin's ranking (as `ranking`); None when the model has no twin."""
        if self.fast is None:
            return None
        rows, intercept = self.fast
        idx, values = features if features is not None else self.sparse_features(text)
        p = expit(values @ rows[idx].astype(np.float32) + intercept)
        p /= p.sum()
        order = np.argsort(-p)
        return [(self.classes[i], float(p[i])) for i in order]

    def predict_proba(self, text: str, dense: np.ndarray | None = None,
                      features: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
        """One-vs-rest probabilities, normalised to sum to 1 (as scikit-learn's liblinear does)."""
        p = expit(self.scores(text, dense, features))
        return p / p.sum()

    def ranking(self, text: str, dense: np.ndarray | None = None,
                features: tuple[np.ndarray, np.ndarray] | None = None) -> list:
        p = self.predict_proba(text, dense, features)
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
        dense = {} if self.coef_dense is None else {"coef_dense": self.coef_dense}
        if self.fast is not None:
            dense.update(fast_rows=self.fast[0], fast_intercept=self.fast[1])
        np.savez(folder / "intent_model.npz", coef=self.coef, intercept=self.intercept, **dense,
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
        coef_dense = arrays["coef_dense"] if "coef_dense" in arrays.files else None
        fast = (arrays["fast_rows"], arrays["fast_intercept"]) if "fast_rows" in arrays.files else None
        return cls(meta["classes"], blocks, arrays["coef"], arrays["intercept"], meta["c"], coef_dense,
                   fast)


class EmergencyDetector:
    """A learned danger check: logistic regression, emergency vs not, on the intent model's own
    features (its TF-IDF words and character n-grams) plus the sentence embedding.

    Words and the embedding together separate danger from alarming-but-past far better than the
    embedding alone: on 658 real-voice messages no model had seen (143 emergencies), the embedding
    alone at P >= 0.9 caught 100 for 18 false 999s; this one at 0.8 caught 117 for 8 (README
    "Real voices"). `is_emergency(features, vector)` is True when P(emergency) >= threshold.
    Saved as arrays and JSON (no pickle)."""

    VERSION = 2

    def __init__(self, coef_sparse: np.ndarray, coef_dense: np.ndarray, intercept: float,
                 threshold: float, agreement: float = 1.0) -> None:
        self.coef_sparse = np.ascontiguousarray(coef_sparse, dtype=np.float32)
        self.coef_dense = np.ascontiguousarray(coef_dense, dtype=np.float32)
        self.intercept, self.threshold = float(intercept), float(threshold)
        self.agreement = float(agreement)

    @classmethod
    def fit(cls, model: IntentModel, texts: Sequence[str], dense: np.ndarray,
            is_emergency: Sequence[bool], c: float = 10.0, threshold: float = 0.8,
            weights: Sequence[float] | None = None, agreement: float = 1.0) -> EmergencyDetector:
        """texts: model texts (model_text), featurised by `model`'s fitted TF-IDF blocks, so the
        detector reads exactly what it will read when served; dense: (len(texts), d) vectors."""
        from scipy.sparse import csr_matrix, hstack
        from sklearn.linear_model import LogisticRegression

        rows, cols, vals = [], [], []
        for i, text in enumerate(texts):
            idx, values = model.sparse_features(text)
            rows.extend([i] * len(idx))
            cols.extend(idx.tolist())
            vals.extend(values.tolist())
        sparse = csr_matrix((vals, (rows, cols)), shape=(len(texts), model.n_sparse))
        X = hstack([sparse, csr_matrix(np.asarray(dense, dtype=np.float64))]).tocsr()
        clf = LogisticRegression(C=c, solver="liblinear", class_weight="balanced", random_state=0)
        clf.fit(X, np.asarray(is_emergency, dtype=int),
                sample_weight=None if weights is None else np.asarray(weights, dtype=np.float64))
        coef = clf.coef_[0]
        return cls(coef[:model.n_sparse], coef[model.n_sparse:], clf.intercept_[0], threshold,
                   agreement)

    def probability(self, features: tuple[np.ndarray, np.ndarray], vector: np.ndarray) -> float:
        """P(emergency) in [0, 1]; features: (indices, values) from IntentModel.sparse_features."""
        idx, values = features
        return float(expit(values @ self.coef_sparse[idx] + vector @ self.coef_dense + self.intercept))

    def is_emergency(self, features: tuple[np.ndarray, np.ndarray], vector: np.ndarray,
                     words_say: float = 0.0) -> bool:
        """P >= threshold, or both this detector and the words-only intent ranking (`words_say`:
        its P(emergency)) at least `agreement`: two weak leanings to danger from different
        readings. In CV on train + dev, agreement 0.4 caught 4 more of 928 emergencies for 10 more
        false 999s of 2,837 (config.yml, README "Real voices")."""
        p = self.probability(features, vector)
        return p >= self.threshold or (words_say >= self.agreement and p >= self.agreement)

    def save(self, folder: Path) -> None:
        (folder / "emergency_detector.json").write_text(json.dumps(
            {"version": self.VERSION, "intercept": self.intercept, "threshold": self.threshold,
             "agreement": self.agreement}))
        np.savez(folder / "emergency_detector.npz", coef_sparse=self.coef_sparse,
                 coef_dense=self.coef_dense)

    @classmethod
    def load(cls, folder: Path) -> EmergencyDetector | None:
        """None when the model has no detector (trained without an embedding). ValueError for a
        detector of an older format: retrain (`make train`)."""
        meta = folder / "emergency_detector.json"
        if not meta.exists():
            return None
        m = json.loads(meta.read_text())
        if m.get("version") != cls.VERSION:
            raise ValueError(f"{meta}: emergency detector of an older format; retrain the model")
        arrays = np.load(folder / "emergency_detector.npz", allow_pickle=False)
        return cls(arrays["coef_sparse"], arrays["coef_dense"], m["intercept"], m["threshold"],
                   m.get("agreement", 1.0))


def accuracy(model: IntentModel, texts: Iterable[str], labels: Iterable[str]) -> float:
    pairs = list(zip(texts, labels, strict=True))
    return sum(model.ranking(t)[0][0] == y for t, y in pairs) / max(1, len(pairs))
