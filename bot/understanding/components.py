"""Signpost's Rasa graph components (referenced from config.yml).

SignpostIntentClassifier: TF-IDF words + characters -> logistic regression (bot.understanding.textclf);
chosen over Rasa's CountVectors + LogisticRegression and DIET by measurement
(reports/nlu_comparison.md).

The two below run after the classifier:

SafetyNet: the deterministic 999 check (bot.understanding.safety) on every message. When it fires, the intent
becomes `emergency` whatever the classifier said, so the static 999 rule answers first even when
the action server is down. A short follow-up that is dangerous only in context becomes
`danger_followup`: data/rules.yml answers it with 999 when the danger_context slot is true (set by
action_answer after a crime, abuse or danger answer), else as the classifier's next intent. The
classifier's own ranking is kept underneath.

PlaceOnly: a message that is nothing but a place ("Melksham", "in SN15 3BX") is `inform_place`,
which the classifier finds hard with so many place names and typos.
"""
from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.understanding import safety
from bot.understanding.places import _FILLER
from bot.understanding.textclf import DEFAULT_C, IntentModel, model_text
from bot.understanding.textnorm import normalise, words

RANKING_LENGTH = 10
DANGER_FOLLOWUP = "danger_followup"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class SignpostIntentClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"C": DEFAULT_C}

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 model: IntentModel | None = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._storage, self._resource, self.model = model_storage, resource, model

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> SignpostIntentClassifier:
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> SignpostIntentClassifier:
        with model_storage.read_from(resource) as folder:
            return cls(config, model_storage, resource, IntentModel.load(folder))

    @staticmethod
    def _text(message: Message) -> str:
        tokens = message.get(TOKENS_NAMES[TEXT]) or []
        return model_text(message.get(TEXT) or "", [t.lemma or t.text for t in tokens])

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(TEXT) and e.get(INTENT)]
        self.model = IntentModel.fit([self._text(e) for e in examples],
                                     [e.get(INTENT) for e in examples], c=self.config["C"])
        with self._storage.write_to(self._resource) as folder:
            self.model.save(folder)
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if self.model is None or not message.get(TEXT):
                continue
            ranking = [{"name": name, "confidence": conf}
                       for name, conf in self.model.ranking(self._text(message))[:RANKING_LENGTH]]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

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


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyNet(_Override):
    @classmethod
    def create(cls, *args, **kwargs) -> SafetyNet:
        safety.known_words()  # load the word list at start-up, not on the first message
        return cls()

    def apply(self, message: Message, text: str) -> None:
        result = safety.check(text)
        if result.is_emergency:
            _set_intent(message, "emergency")
        elif result.danger_if_context:
            # A short "he's back, he's outside": a 999 only after a crime, abuse or danger answer.
            # This component can't see the conversation; a rule on the danger_context slot decides.
            _set_intent(message, DANGER_FOLLOWUP)


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
