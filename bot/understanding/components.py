"""Signpost's Rasa graph components (referenced from config.yml).

SignpostIntentClassifier: TF-IDF words + characters, plus (config `embedding`) the all-MiniLM-L6-v2
sentence embedding of the message (bot.understanding.embedding), -> one logistic regression
(bot.understanding.textclf); chosen by real-voice dev routing (reports/routing.md). With an
embedding it also trains a learned emergency detector on the same words and the embedding
(textclf.EmergencyDetector) whose verdict the SafetyNet adds to its own: either can raise a 999.

The two below run after the classifier:

SafetyNet: the deterministic 999 check (bot.understanding.safety) on every message, or the learned
detector's verdict. When either fires, the intent becomes `emergency` whatever the classifier said,
so the static 999 rule answers first even when the action server is down. A short follow-up that is
dangerous only in context becomes `danger_followup`: data/rules.yml answers it with 999 when the
danger_context slot is true (set by action_answer after a crime, abuse or danger answer), else as
the classifier's next intent. The classifier's own ranking is kept underneath. A message from a
channel was already checked on its whole raw text by the inbound path (bot.channels.inbound),
before the cut and the redaction that Rasa's text has been through; that verdict comes in the
message metadata (`seal`), bound to the text by an HMAC with a key that only this process holds,
and the SafetyNet uses it instead of checking the text again. A verdict without a valid seal can
only add a 999 (harmless), never hide one: the SafetyNet then checks the text itself.

The classifier also ranks each part of a longer message on its own (bot.understanding.problems:
sentences, and clauses opened by "also", "on top of that" ...), TF-IDF only, and outputs each
part's best intent as `signpost_problems`, so the conversation can answer a second problem for a
different body (bot.conversation.decide.second_problem).

PlaceOnly: a message that is nothing but a place ("Melksham", "in SN15 3BX") is `inform_place`,
which the classifier finds hard with so many place names and typos.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, METADATA, METADATA_INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.understanding import safety
from bot.understanding.places import _FILLER
from bot.understanding.problems import problem_spans
from bot.understanding.textclf import DEFAULT_C, REAL_VOICE, EmergencyDetector, IntentModel, model_text
from bot.understanding.textnorm import normalise, words

RANKING_LENGTH = 10
MAX_PARTS = 12   # parts of one message ranked on their own (a 10 kB message stays quick)
EMERGENCY_SCORE = "signpost_emergency"   # message attribute: the learned detector's verdict
# message attribute (in the parse data): [{"start", "end", "intent", "confidence"}] per part of a
# message with two or more parts (bot.understanding.problems), each part ranked on its own
PROBLEMS = "signpost_problems"
SPACY_DOC = "text_spacy_doc"   # where Rasa's SpacyNLP leaves the message's spaCy Doc


@lru_cache(maxsize=2)
def _encoder(path: str):
    """One encoder per process (the weights are ~90 MB): hash-checked once when first loaded."""
    from bot.understanding.embedding import SentenceEncoder

    # The layers run as a TensorFlow graph: Rasa has TensorFlow loaded already, and it is about
    # twice as fast as numpy on one core here (identical vectors: tests/understanding).
    encoder = SentenceEncoder(Path(path), backend="tensorflow")
    # Trace the graph now, at start-up: otherwise the first resident whose message the words alone
    # don't settle waits for it (about 1 s measured; a 10 kB message then took 1.13 s in CI).
    encoder.encode(["warm up"])
    return encoder


DANGER_FOLLOWUP = "danger_followup"


@lru_cache(maxsize=1)
def _harmless_intents() -> frozenset:
    """Council and information topics, less those whose messages can be a danger now (a child
    missing, an animal dying in a car, a lorry swerving, smoke), and the small-talk intents."""
    from bot.directory import default_directory

    topics = default_directory().topics
    can_be_danger = {"missing_person", "animal_cruelty", "motorway", "bonfire_smoke", "wild_animal"}
    return frozenset({t for t, topic in topics.items()
                      if topic.kind in ("council", "info") and t not in can_be_danger}
                     | {"greet", "goodbye", "thanks", "affirm", "deny", "bot_challenge", "inform_place"})


def example_weight(example: Message, real_voice_weight: float) -> float:
    """`real_voice_weight` for an example whose intent block is marked `corpus: real_voice`
    (data/realvoice.yml, written by `make corpus`), else 1.0."""
    intent_meta = (example.get(METADATA) or {}).get(METADATA_INTENT) or {}
    return real_voice_weight if intent_meta.get("corpus") == REAL_VOICE else 1.0


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class SignpostIntentClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # embedding: folder made by `python -m bot.understanding.embedding` (None: TF-IDF only)
        # emergency_min_confidence: below it the classifier's own "emergency" guess is dropped
        # (the net and the detector decide 999s; a weak guess is mostly a false 999)
        # cascade_confidence: a message whose TF-IDF-only ranking is at least this sure of a topic
        # that is not a crime, danger or support topic skips the embedding (about 15 ms of CPU);
        # cascade_confidence_any: as sure as this, any topic but `emergency` skips it (the net
        # still reads every message)
        # real_voice_weight: the weight of each example from the real-voice corpus (intent metadata
        # `corpus: real_voice`, data/realvoice.yml) against 1 for the team's own examples
        return {"C": DEFAULT_C, "embedding": None, "dense_weight": 2.0, "real_voice_weight": 1.0,
                "emergency_threshold": 0.8, "emergency_C": 10.0, "emergency_agreement": 1.0,
                "emergency_min_confidence": 0.5,
                "cascade_confidence": 0.6, "cascade_confidence_any": 0.8}

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 model: IntentModel | None = None, detector: EmergencyDetector | None = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._storage, self._resource, self.model, self.detector = model_storage, resource, model, detector
        self.encoder = _encoder(str(self.config["embedding"])) if self.config["embedding"] else None

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> SignpostIntentClassifier:
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> SignpostIntentClassifier:
        with model_storage.read_from(resource) as folder:
            return cls(config, model_storage, resource, IntentModel.load(folder),
                       EmergencyDetector.load(folder))

    @staticmethod
    def _text(message: Message) -> str:
        tokens = message.get(TOKENS_NAMES[TEXT]) or []
        return model_text(message.get(TEXT) or "", [t.lemma or t.text for t in tokens])

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(TEXT) and e.get(INTENT)]
        labels = [e.get(INTENT) for e in examples]
        weights = [example_weight(e, float(self.config["real_voice_weight"])) for e in examples]
        dense = self.encoder.encode([e.get(TEXT) for e in examples]) if self.encoder else None
        model_texts = [self._text(e) for e in examples]
        self.model = IntentModel.fit(model_texts, labels, c=self.config["C"],
                                     dense=dense, dense_weight=self.config["dense_weight"],
                                     weights=weights)
        self.detector = None
        if dense is not None:
            self.detector = EmergencyDetector.fit(self.model, model_texts, dense,
                                                  [y == "emergency" for y in labels],
                                                  c=self.config["emergency_C"],
                                                  threshold=self.config["emergency_threshold"],
                                                  weights=weights,
                                                  agreement=self.config["emergency_agreement"])
        with self._storage.write_to(self._resource) as folder:
            self.model.save(folder)
            if self.detector is not None:
                self.detector.save(folder)
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if self.model is None or not message.get(TEXT):
                continue
            text = self._text(message)
            features = self.model.sparse_features(text)
            fast = self.model.fast_ranking(text, features) if self.encoder is not None else None
            ranked = fast if self._settles(fast) else None
            if ranked is None:
                vector = self._vector(message)
                if self.detector is not None and vector is not None:
                    words_say = dict(fast or []).get("emergency", 0.0)
                    message.set(EMERGENCY_SCORE,
                                self.detector.is_emergency(features, vector, words_say))
                ranked = self.model.ranking(text, dense=vector, features=features)
            if ranked[0][0] == "emergency" and ranked[0][1] < self.config["emergency_min_confidence"]:
                ranked = ranked[1:] + ranked[:1]
            ranking = [{"name": name, "confidence": conf} for name, conf in ranked[:RANKING_LENGTH]]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
            problems = self._problems(message)
            if problems:
                message.set(PROBLEMS, problems, add_to_output=True)
        return messages

    def _problems(self, message: Message) -> list[dict]:
        """Each part's best intent when the message has two or more parts (TF-IDF only: about
        0.2 ms a part, against ~15 ms for an embedding), else []."""
        doc = message.get(SPACY_DOC)
        if doc is None or self.model is None:
            return []
        spans = problem_spans(doc)
        if len(spans) < 2:
            return []
        tokens = message.get(TOKENS_NAMES[TEXT]) or []
        out = []
        for start, end in spans[:MAX_PARTS]:
            lemmas = [t.lemma or t.text for t in tokens if t.start >= start and t.end <= end]
            text = model_text(doc.text[start:end], lemmas)
            ranked = self.model.fast_ranking(text) or self.model.ranking(text)
            out.append({"start": start, "end": end, "intent": ranked[0][0],
                        "confidence": round(ranked[0][1], 4)})
        return out

    def _settles(self, fast: list | None) -> bool:
        """Does the TF-IDF-only ranking settle the message alone (sure of a harmless topic, or very
        sure of any topic but `emergency`)? If not, the embedding is computed."""
        if not fast or fast[0][0] == "emergency":
            return False
        top, conf = fast[0]
        return conf >= self.config["cascade_confidence_any"] or \
            (conf >= self.config["cascade_confidence"] and top in _harmless_intents())

    def _vector(self, message: Message) -> np.ndarray | None:
        if self.encoder is None or not self.model or not self.model.uses_dense:
            return None
        return self.encoder.encode([message.get(TEXT)])[0]

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


def _set_intent(message: Message, name: str) -> None:
    ranking = [r for r in (message.get(INTENT_RANKING_KEY) or []) if r.get("name") != name]
    message.set(INTENT, {"name": name, "confidence": 1.0}, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [{"name": name, "confidence": 1.0}] + ranking,
                add_to_output=True)


class _Override(GraphComponent):
    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> _Override:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text and not text.startswith("/"):
                self.apply(message, text)
        return messages

    def apply(self, message: Message, text: str) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


# -- the inbound path's verdict ------------------------------------------------------------------
INBOUND_SAFETY = "signpost_safety"      # metadata key: {"flags": [...], "seal": "..."}
DANGER_IF_CONTEXT = "danger_if_context"
_FLAGS = (safety.EMERGENCY, safety.CRISIS, safety.DOMESTIC, DANGER_IF_CONTEXT)
# The channels (bot.channels) run in the Rasa server process, like this component, so a key made
# here at import is shared by the two and by nothing else: no client, no other process.
_SEAL_KEY = secrets.token_bytes(32)


def verdict_flags(result: safety.SafetyResult) -> frozenset:
    """What a safety.check result says, as the flags a seal carries."""
    return frozenset(result.flags) | ({DANGER_IF_CONTEXT} if result.danger_if_context else set())


def _mac(text: str, flags: list) -> str:
    body = ",".join(flags).encode() + b"\x00" + text.encode("utf-8", "surrogatepass")
    digest = hmac.new(_SEAL_KEY, body, hashlib.sha256).digest()[:18]
    return base64.urlsafe_b64encode(digest).decode()


def seal(text: str, flags) -> dict:
    """Metadata carrying the inbound path's safety verdict on the raw words of the message that
    reaches Rasa as `text`: {INBOUND_SAFETY: {"flags": sorted subset of emergency, crisis,
    domestic, danger_if_context, "seal": HMAC-SHA256 of flags and text, 24 characters}}."""
    flags = sorted(f for f in flags if f in _FLAGS)
    return {INBOUND_SAFETY: {"flags": flags, "seal": _mac(text, flags)}}


def inbound_verdict(text: str, metadata: Any) -> tuple:
    """(flags, trusted) from a message's metadata. trusted is True only when the seal matches this
    text and these flags; otherwise flags hold what was claimed, for the caller to use only where
    it cannot hurt (an extra 999)."""
    verdict = metadata.get(INBOUND_SAFETY) if isinstance(metadata, dict) else None
    if not isinstance(verdict, dict) or not isinstance(verdict.get("flags"), list):
        return frozenset(), False
    flags = [f for f in verdict["flags"] if isinstance(f, str)]
    given = verdict.get("seal")
    trusted = isinstance(given, str) and flags == sorted(set(flags) & set(_FLAGS)) and \
        hmac.compare_digest(given.encode(), _mac(text or "", flags).encode())
    return frozenset(flags), trusted


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyNet(_Override):
    @classmethod
    def create(cls, *args, **kwargs) -> SafetyNet:
        safety.known_words()  # load the word list at start-up, not on the first message
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            readable = bool(text) and not text.startswith("/")   # not a button payload
            flags, trusted = inbound_verdict(text, message.get("metadata"))
            if not trusted:
                result = safety.check(text) if readable else None
                # an unsealed claim may add a 999 (harmless), never take one away
                flags = (flags & {safety.EMERGENCY}) | (verdict_flags(result) if result else set())
            if safety.EMERGENCY in flags or (readable and message.get(EMERGENCY_SCORE)):
                _set_intent(message, "emergency")
            elif DANGER_IF_CONTEXT in flags:
                # A short "he's back, he's outside": a 999 only after a crime, abuse or danger
                # answer. This component can't see the conversation; a rule on the danger_context
                # slot decides.
                _set_intent(message, DANGER_FOLLOWUP)
        return messages

    def apply(self, message: Message, text: str) -> None:  # pragma: no cover - process does it
        self.process([message])


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class PlaceOnly(_Override):
    def apply(self, message: Message, text: str) -> None:
        intent = (message.get(INTENT) or {}).get("name")
        places = [e for e in message.get(ENTITIES) or [] if e.get("entity") == "place"]
        if not places or intent == "emergency":
            return
        rest = text
        for ent in sorted(places, key=lambda e: -e["start"]):
            rest = rest[:ent["start"]] + " " + rest[ent["end"]:]
        if all(w in _FILLER for w in words(normalise(rest))):
            _set_intent(message, "inform_place")
