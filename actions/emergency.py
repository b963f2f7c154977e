"""The emergency answer: calm words and the fitting national numbers, first, whatever the dialogue state."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.content import CRISIS_NUMBERS, numbers_payload

CRISIS_INTENT_PREFIX = "crisis_"


def crisis_kind(tracker: Tracker) -> str:
    intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
    kind = intent.removeprefix(CRISIS_INTENT_PREFIX)
    return kind if kind in CRISIS_NUMBERS else "child_danger"


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
            json_message={"type": "emergency", "kind": kind, "numbers": numbers_payload(keys)},
        )
        return []
