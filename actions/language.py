"""The language buttons, alike in every channel (widget, Telegram, WhatsApp, staff page).

`/choose_language` (the "other language" button under the topic question) shows one button per language of the
text catalogue, each titled in its own language, so a parent who reads no German finds theirs.
`/choose_language{"conversation_language": "uk"}` (one of those buttons, or the widget's language picker) has already
set the slot `language` through its mapping; this action confirms in the new language. During the intake the
rules let the form ask its question again, now in that language.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from vocabulary.texts import languages, meta

ACTION_NAME = "action_choose_language"
ENTITY = "conversation_language"


def chosen_language(tracker: Tracker) -> str | None:
    """The language a button chose in the latest message, if it is one of the catalogue's."""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == ENTITY and entity.get("value") in languages():
            return str(entity["value"])
    return None


def language_buttons() -> list[dict[str, Any]]:
    """One button per catalogue language, titled with the language's own name ("Українська", "Türkçe")."""
    return [
        {"title": meta(code)["name"], "payload": f'/choose_language{{"{ENTITY}":"{code}"}}'} for code in languages()
    ]


class ActionChooseLanguage(Action):
    def name(self) -> str:
        return ACTION_NAME

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if chosen_language(tracker):
            dispatcher.utter_message(response="utter_language_chosen")
        else:
            dispatcher.utter_message(response="utter_choose_language", buttons=language_buttons())
        return []
