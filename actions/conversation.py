"""The start of a conversation, starting over, forgetting what the parent said, and a person to call."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, AllSlotsReset, EventType, Restarted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from vocabulary import messages
from vocabulary.emergency import number_entries, numbers_text
from vocabulary.languages import known_language

# Rasa puts the channel's metadata of a conversation's first message into this slot.
SESSION_START_METADATA_SLOT = "session_started_metadata"


def conversation_language(tracker: Tracker) -> str | None:
    """The language the parent speaks with us (slot `language`); the text catalogue falls back to German."""
    value = tracker.get_slot("language")
    return str(value) if value else None


def elterntelefon(language: str | None) -> dict[str, Any]:
    """The national parents' helpline as a contact: where a person listens when nothing local is known."""
    (entry,) = number_entries(("elterntelefon",), language)
    return {"name": entry["label"], "phone": entry["phone"], "opening_hours": entry["hours"], "demo": False}


def help_by_phone(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """We do not understand each other: a person at the Elterntelefon, as text and as a handoff card."""
    language = conversation_language(tracker)
    dispatcher.utter_message(
        response="utter_help_by_phone",
        numbers=numbers_text(("elterntelefon",), language),
        json_message=messages.handoff(elterntelefon(language)),
    )


class ActionSessionStart(Action):
    """A new conversation; the messenger's language (Telegram's `language_code`) goes into the `language` slot."""

    def name(self) -> str:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        events: list[EventType] = [SessionStarted()]
        metadata: Any = tracker.get_slot(SESSION_START_METADATA_SLOT) or {}
        language = known_language(metadata.get("language_code")) if isinstance(metadata, dict) else None
        if language:
            events.append(SlotSet("language", language))
        events.append(ActionExecuted("action_listen"))
        return events


class ActionDeleteConversation(Action):
    """Forgets every answer. The stored conversation itself expires with the tracker store's expiry."""

    def name(self) -> str:
        return "action_delete_conversation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_deleted")
        return [AllSlotsReset(), Restarted()]
