"""The emergency answer: calm words and the fitting national numbers, first, whatever the dialogue state."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import conversation_language
from vocabulary import messages
from vocabulary.crisis import kind_of_intent
from vocabulary.emergency import CRISIS_NUMBERS, number_entries


def crisis_kind(tracker: Tracker) -> str:
    kind = kind_of_intent((tracker.latest_message.get("intent") or {}).get("name"))
    return kind or "child_danger"


class ActionEmergency(Action):
    def name(self) -> str:
        return "action_emergency"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        kind = crisis_kind(tracker)
        keys = CRISIS_NUMBERS[kind]
        if kind == "medical" and tracker.get_slot("life_phase") == "schwangerschaft":
            keys = CRISIS_NUMBERS["medical"] + CRISIS_NUMBERS["pregnancy"][:1]
        dispatcher.utter_message(
            response=f"utter_emergency_{kind}",
            json_message=messages.emergency(kind, number_entries(keys, conversation_language(tracker))),
        )
        return []
