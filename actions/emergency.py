"""The emergency answer: calm words and the numbers that fit the danger and the person, first, whatever the
dialogue state. The NLU's safety net (bot/nlu/safety_net.py) says in the parse's `crisis` what it found: every
kind of danger the message names, the situation, and whether a man is the one hurt."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import conversation_language
from vocabulary import messages
from vocabulary.crisis import kind_of_intent
from vocabulary.emergency import number_entries, numbers_for
from vocabulary.texts import text

# Situations that are a pregnancy even before the life phase is known.
PREGNANCY_SUBS = ("pregnancy_bleeding", "fetal_movement")


def crisis_kind(tracker: Tracker) -> str:
    kind = kind_of_intent((tracker.latest_message.get("intent") or {}).get("name"))
    return kind or "child_danger"


def crisis_numbers(tracker: Tracker) -> tuple[str, ...]:
    """The number keys for the latest message: its kind, the other kinds it names, the person hurt."""
    kind = crisis_kind(tracker)
    found = tracker.latest_message.get("crisis") or {}
    pregnant = tracker.get_slot("life_phase") == "schwangerschaft" or found.get("sub") in PREGNANCY_SUBS
    return numbers_for(
        kind,
        also=tuple(found.get("kinds") or ()),
        male_victim=bool(found.get("male_victim")),
        pregnant=pregnant,
    )


class ActionEmergency(Action):
    def name(self) -> str:
        return "action_emergency"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        kind = crisis_kind(tracker)
        language = conversation_language(tracker)
        payload = messages.emergency(kind, number_entries(crisis_numbers(tracker), language))
        if kind == "violence" and (tracker.latest_message.get("crisis") or {}).get("male_victim"):
            # The women's text names a helpline open day and night; the men's helpline is not.
            dispatcher.utter_message(text=text("emergency.violence_male", language), json_message=payload)
        else:
            dispatcher.utter_message(response=f"utter_emergency_{kind}", json_message=payload)
        return []
