"""NLU component: the last word on danger. Runs after the intent classifier (DIET) and the FallbackClassifier.

Two judges:
1. The crisis classifier (bot/nlu/crisis_classifier.py), trained with this component on every crisis message and
   hard negative of data/crisis/ and the training data's examples, gives the probability that the message tells of
   a danger. From `crisis_threshold` on, the intent becomes crisis_<kind> of its most likely kind.
2. The rules (bot/nlu/crisis.py) find plain danger signals. Their finding is an alarm too (with the rules' kind and
   situation, which decide the numbers), unless the classifier is all but sure there is no danger (probability
   below `rules_veto_below`): the rules' false alarms are everyday words in an unusual order, which the classifier
   has learnt from the hard negatives.
A crisis intent of DIET alone is no alarm ("ich sterbe vor Lachen"): the best other intent takes its place (or
nlu_fallback when that one is unsure). The thresholds were chosen on the ninth German dev round before it became
training data (README, "Crisis net").

Every crisis parse carries `crisis` = {kind, kinds, sub, male_victim, source}: the emergency action chooses the
numbers from it (vocabulary/emergency.py), e.g. the Hilfetelefon Gewalt an Männern for a man who is hit.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import crisis_classifier, crisis_signals
from bot.nlu.crisis import analyse, male_victim
from bot.nlu.crisis_classifier import NO_CRISIS, Assessment, CrisisClassifier, Example, corpus_examples, corpus_files
from vocabulary import crisis as crisis_vocabulary
from vocabulary import names
from vocabulary.crisis import CRISIS_INTENTS, kind_of_intent

CRISIS = "crisis"
FALLBACK_INTENT = "nlu_fallback"
# The code that decides what the crisis classifier learns: the features, the folding of text, which intents are
# crises, how the training examples are assembled (see fingerprint_addon).
TRAINING_CODE = tuple(
    Path(path) for path in (crisis_classifier.__file__, crisis_vocabulary.__file__, names.__file__, __file__) if path
)


def _confidence(entry: dict[str, Any]) -> float:
    return float(entry.get("confidence") or 0.0)


@dataclass(frozen=True)
class Alarm:
    intent: dict[str, Any]  # {name: crisis_<kind>, confidence}
    crisis: dict[str, Any]  # {kind, kinds, sub, male_victim, source}: what the emergency action reads


def raise_alarm(
    text: str, assessment: Assessment | None, crisis_threshold: float, rules_veto_below: float
) -> Alarm | None:
    """The two judges' verdict on a message (see the module's doc): the rules' finding unless the classifier is all
    but sure there is no danger, else the classifier's from `crisis_threshold` on. Without a classifier (not yet
    trained) the rules decide alone."""
    danger = assessment.probability if assessment is not None else 1.0
    finding = analyse(text)
    if finding is not None and danger >= rules_veto_below:
        return Alarm({"name": f"crisis_{finding.kind}", "confidence": 1.0}, {**finding.as_dict(), "source": "rules"})
    if assessment is not None and danger >= crisis_threshold:
        kind = assessment.kind
        crisis = {
            "kind": kind,
            "kinds": [kind],
            "sub": None,
            "male_victim": kind == "violence" and male_victim(text),
            "source": "crisis_classifier",
        }
        return Alarm({"name": f"crisis_{kind}", "confidence": round(danger, 4)}, crisis)
    return None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class CrisisSafetyNet(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            # The crisis classifier's probability of danger from which a message is an alarm.
            "crisis_threshold": 0.7,
            # Below this probability of danger the rules' finding is no alarm.
            "rules_veto_below": 0.3,
            # Below this, the intent that replaces a vetoed crisis intent is nlu_fallback (as the FallbackClassifier).
            "fallback_threshold": 0.45,
        }

    def __init__(
        self,
        config: dict[str, Any],
        crisis_model: CrisisClassifier | None = None,
        model_storage: ModelStorage | None = None,
        resource: Resource | None = None,
    ) -> None:
        config = {**self.get_default_config(), **config}
        self.crisis_threshold = float(config["crisis_threshold"])
        self.rules_veto_below = float(config["rules_veto_below"])
        self.fallback_threshold = float(config["fallback_threshold"])
        self.crisis_model = crisis_model
        self._model_storage = model_storage
        self._resource = resource

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CrisisSafetyNet:
        # The other languages' signal files are read now: a broken pattern stops the start, not a parent's message.
        crisis_signals.all_languages()
        return cls(config, None, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> CrisisSafetyNet:
        crisis_signals.all_languages()
        with model_storage.read_from(resource) as directory:
            crisis_model = CrisisClassifier.load(directory)
        return cls(config, crisis_model, model_storage, resource)

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        # The corpus lies outside Rasa's training data and our code decides what is learnt (the features, the folding
        # of text, which intents count as crises, how training is assembled): a change of any must train again instead
        # of taking the classifier from Rasa's cache. Rasa's packages are in the cache directory's key (Makefile).
        digest = hashlib.sha256()
        for path in TRAINING_CODE:
            digest.update(path.read_bytes())
        for path in corpus_files():
            digest.update(path.name.encode() + path.read_bytes())
        return digest.hexdigest()

    def train(self, training_data: TrainingData) -> Resource:
        examples = corpus_examples() + [
            Example(text=message.get(TEXT), kind=kind_of_intent(message.get(INTENT)) or NO_CRISIS)
            for message in training_data.intent_examples
            if message.get(TEXT)
        ]
        self.crisis_model = CrisisClassifier.train(examples)
        assert self._model_storage is not None and self._resource is not None
        with self._model_storage.write_to(self._resource) as directory:
            self.crisis_model.save(directory)
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._decide(message)
        return messages

    def _decide(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get("name") != FALLBACK_INTENT]
        assessment = self.crisis_model.assess(text) if self.crisis_model is not None else None
        alarm = raise_alarm(text, assessment, self.crisis_threshold, self.rules_veto_below)
        if alarm is not None:
            self._set(message, alarm.intent, ranking, alarm.crisis)
            return
        # DIET's crisis intent alone is no alarm: on the ninth dev round it added no catch to the two above and five
        # false alarms. The best other intent takes its place, or nlu_fallback when that one is unsure.
        if (message.get(INTENT) or {}).get("name") in CRISIS_INTENTS:
            others = [entry for entry in ranking if entry.get("name") not in CRISIS_INTENTS]
            replacement = others[0] if others else None
            if replacement is None or _confidence(replacement) < self.fallback_threshold:
                replacement = {"name": FALLBACK_INTENT, "confidence": self.fallback_threshold}
            self._set(message, replacement, others, None)

    @staticmethod
    def _set(
        message: Message, intent: dict[str, Any], ranking: list[dict[str, Any]], crisis: dict[str, Any] | None
    ) -> None:
        ordered = [intent] + [entry for entry in ranking if entry.get("name") != intent["name"]]
        message.set(INTENT, intent, add_to_output=True)
        message.set(INTENT_RANKING_KEY, ordered, add_to_output=True)
        if crisis is not None:
            message.set(CRISIS, crisis, add_to_output=True)
