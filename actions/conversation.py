"""Starting over and forgetting what the parent said."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, EventType, Restarted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict


class ActionDeleteConversation(Action):
    """Forgets every answer. The stored conversation itself expires with the tracker store's expiry."""

    def name(self) -> str:
        return "action_delete_conversation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_deleted")
        return [AllSlotsReset(), Restarted()]
