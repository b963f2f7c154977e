"""NLU component: the last word on danger. Runs after the classifiers and the FallbackClassifier.

1. When bot/nlu/crisis.py finds a plain danger signal, the intent becomes crisis_<kind> with confidence 1.0,
   whatever the classifiers said.
2. When the classifier (DIET) ranks a crisis intent above its other intents with at least `classifier_threshold`,
   and the message names something dangerous at all and is no everyday matter (crisis.names_danger, .everyday),
   that intent stands — also when the FallbackClassifier replaced it by nlu_fallback because the second intent
   was close: a missed crisis costs more than a card of phone numbers too many.
3. Otherwise a crisis intent of the classifier is no alarm ("mein Partner und ich wollen heiraten", "ich sterbe
   vor Lachen", "hatte letztes Jahr einen Fieberkrampf, jetzt ist alles gut"): the best other intent takes its
   place (or nlu_fallback when that one is unsure). The classifier takes "Kind" with any worry for danger; the
   dev set (tests/nlu/dev_crisis.yml) has the figures.

Every crisis parse carries `crisis` = {kind, kinds, sub, male_victim, source}: the emergency action chooses the
numbers from it (vocabulary/emergency.py), e.g. the Hilfetelefon Gewalt an Männern for a man who is hit.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import crisis_signals
from bot.nlu.crisis import analyse, everyday, male_victim, names_danger
from vocabulary.crisis import CRISIS_INTENTS, kind_of_intent

CRISIS = "crisis"
FALLBACK_INTENT = "nlu_fallback"


def _confidence(entry: dict[str, Any]) -> float:
    return float(entry.get("confidence") or 0.0)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisSafetyNet(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            # A crisis intent ranked first by the classifier is an alarm from this confidence on (config.yml says why).
            "classifier_threshold": 0.3,
            # Below this, the intent that replaces a vetoed crisis intent is nlu_fallback (as the FallbackClassifier).
            "fallback_threshold": 0.45,
        }

    def __init__(self, config: dict[str, Any]) -> None:
        self.classifier_threshold = float(config["classifier_threshold"])
        self.fallback_threshold = float(config["fallback_threshold"])

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
        return cls({**cls.get_default_config(), **config})

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._decide(message)
        return messages

    def _decide(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get("name") != FALLBACK_INTENT]
        finding = analyse(text)
        if finding is not None:
            crisis = {**finding.as_dict(), "source": "rules"}
            self._set(message, {"name": f"crisis_{finding.kind}", "confidence": 1.0}, ranking, crisis)
            return
        crises = [entry for entry in ranking if entry.get("name") in CRISIS_INTENTS]
        if not crises:
            return
        best = max(crises, key=_confidence)
        # The classifier's other intents. An intent a component before this one put on top with confidence 1.0
        # (bot/nlu/facts.py: "a message with a fact is information") is not the classifier's judgement.
        others = [entry for entry in ranking if entry.get("name") not in CRISIS_INTENTS]
        judged = [entry for entry in others if _confidence(entry) < 1.0]
        if judged and _confidence(judged[0]) >= _confidence(best):
            return
        if _confidence(best) >= self.classifier_threshold and names_danger(text) and not everyday(text):
            kind = kind_of_intent(best["name"]) or ""
            crisis = {
                "kind": kind,
                "kinds": [kind],
                "sub": None,
                "male_victim": kind == "violence" and male_victim(text),
                "source": "classifier",
            }
            self._set(message, best, ranking, crisis)
            return
        if (message.get(INTENT) or {}).get("name") in CRISIS_INTENTS:
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
