"""When the assistant does not understand a message (nlu_fallback or out_of_scope; a message with a fact in it
never gets here, bot/nlu/facts.py makes it information).

The first time it says so and shows the needs to tap. The second time in a row a person takes over: the local
Familienbüro, else the Jugendamt with its phone number and web page, else the Elterntelefon, as text and as a
handoff card, with the needs once more. After that only the person: no question is asked a third time.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import conversation_language, help_by_phone
from actions.offers import jugendamt_contact
from actions.offers_api.client import OffersApiUnavailable, PlaceNotFound
from actions.offers_api.shared import message_budget, offers_api
from vocabulary import messages
from vocabulary.texts import text

ACTION_NAME = "action_not_understood"
UNCLEAR_INTENTS = {"nlu_fallback", "out_of_scope"}
# From this many misunderstandings in a row a person takes over; the needs are shown up to this many times.
PERSON_FROM = 2
NEEDS_SHOWN_UP_TO = 2


def misunderstood_in_a_row(tracker: Tracker) -> int:
    """The latest message and the ones before it that this action answered, one after the other."""
    count = 0
    answered_by_us = True
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") == ACTION_NAME:
            answered_by_us = True
        elif event.get("event") == "user":
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            if not answered_by_us or intent not in UNCLEAR_INTENTS:
                break
            count += 1
            answered_by_us = False
    return max(count, 1)


async def local_contact(tracker: Tracker) -> dict[str, Any] | None:
    """The Familienbüro of the family's town, else its Jugendamt (when the directory has a way to reach it)."""
    municipality = tracker.get_slot("municipality")
    if municipality:
        try:
            found = await offers_api().search(municipality=municipality, categories=["familienbuero"], page_size=1)
        except (OffersApiUnavailable, PlaceNotFound):
            found = {"items": []}
        if found.get("items"):
            item: dict[str, Any] = found["items"][0]
            return item
    return jugendamt_contact(tracker.get_slot("jugendamt") or {})


class ActionNotUnderstood(Action):
    def name(self) -> str:
        return ACTION_NAME

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        count = misunderstood_in_a_row(tracker)
        off_topic = (tracker.latest_message.get("intent") or {}).get("name") == "out_of_scope"
        if count < PERSON_FROM:
            dispatcher.utter_message(response="utter_out_of_scope" if off_topic else "utter_please_rephrase")
        else:
            with message_budget(tracker):
                contact = await local_contact(tracker)
            if contact is None:
                help_by_phone(dispatcher, tracker)
            else:
                reach = contact.get("phone") or contact.get("url") or contact.get("address") or ""
                line = text("offers.line", conversation_language(tracker), name=contact["name"], value=reach)
                dispatcher.utter_message(
                    response="utter_help_by_a_person", lines=line, json_message=messages.handoff(contact)
                )
        if count <= NEEDS_SHOWN_UP_TO:
            dispatcher.utter_message(response="utter_ask_topic")
        return []
