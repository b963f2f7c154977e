"""The intake form: where the family lives, the child's age or stage, the need, and (if few questions were
asked so far) how they want to get in touch. Every answer is checked here; the place through the offers API."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.age import ChildStage, parse_stage, youngest
from actions.conversation import conversation_language
from actions.offers_api.client import OffersApiUnavailable, PlaceNotFound
from actions.offers_api.shared import message_budget, offers_api
from vocabulary import messages
from vocabulary.crisis import CRISIS_INTENTS
from vocabulary.emergency import GENERAL_NUMBERS, numbers_text
from vocabulary.texts import text

FORM = "intake_form"
# Questions before the first offers, at most: the design's promise to parents who answer plainly.
MAX_QUESTIONS = 3
CORE_SLOTS = ("postal_code", "life_phase", "topic")


def _latest_intent(tracker: Tracker) -> str:
    return str((tracker.latest_message.get("intent") or {}).get("name") or "")


def questions_asked(tracker: Tracker) -> int:
    """How many different questions the form has asked since it was last started."""
    asked: set[str] = set()
    for event in reversed(tracker.events):
        if event.get("event") == "active_loop" and event.get("name") == FORM and not asked:
            continue
        if event.get("event") == "active_loop" and event.get("name") == FORM:
            break
        if event.get("event") == "slot" and event.get("name") == "requested_slot" and event.get("value"):
            asked.add(str(event["value"]))
    return len(asked)


def stage_from_message(tracker: Tracker, *, asked: bool) -> ChildStage | None:
    entities = tracker.latest_message.get("entities") or []
    for entity in entities:
        if entity.get("entity") == "life_phase" and entity.get("value"):
            return ChildStage(life_phase=str(entity["value"]), age=None)
    stages = [stage for e in entities if e.get("entity") == "child_age" if (stage := parse_stage(str(e.get("value"))))]
    written = str(tracker.latest_message.get("text") or "")
    if stages and (tracker.latest_message.get("intent") or {}).get("name") == "correct_info":
        # "nein, sie ist 4, nicht 3" names the right age first; "nicht 3, sondern 4" last.
        return stages[-1] if "sondern" in written.lower() else stages[0]
    if not stages:
        # Free text counts only as an answer to our question; elsewhere "2" may mean anything.
        stage = parse_stage(written) if asked or len(written) > 12 else None
        stages = [stage] if stage else []
    return youngest(stages)


async def locate_place(dispatcher: CollectingDispatcher, tracker: Tracker, value: str) -> dict[str, Any]:
    """Slots for a place the parent named; asks again kindly when it is unknown, outside NRW or unclear."""
    cleared: dict[str, Any] = {"postal_code": None, "municipality": None, "municipality_choices": None}
    try:
        result = await offers_api().locate(value)
    except PlaceNotFound:
        dispatcher.utter_message(response="utter_place_unknown")
        return cleared
    except OffersApiUnavailable:
        # Keep what the parent said and say that it could not be checked; the offers step tries again.
        dispatcher.utter_message(response="utter_place_unchecked")
        return {"postal_code": value, "municipality": None, "municipality_choices": None}
    if result["status"] == "not_in_nrw":
        numbers = numbers_text(GENERAL_NUMBERS, conversation_language(tracker))
        dispatcher.utter_message(response="utter_not_in_nrw", numbers=numbers)
        return cleared
    matches = result["matches"]
    if result["status"] == "ambiguous":
        choices = [
            f"{m['municipality']['name']}-{m['district']}" if m.get("district") else m["municipality"]["name"]
            for m in matches
        ]
        return {**cleared, "municipality_choices": choices}
    municipality = matches[0]["municipality"]
    return {
        "postal_code": value,
        "located_place": value,
        "municipality": municipality["ags"],
        "municipality_name": municipality["name"],
        "jugendamt": municipality["jugendamt"],
        "municipality_choices": None,
    }


class ValidateIntakeForm(FormValidationAction):
    def name(self) -> str:
        return "validate_intake_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        with message_budget(tracker):
            return await super().run(dispatcher, tracker, domain)

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        required = list(CORE_SLOTS)
        core_missing = [slot for slot in CORE_SLOTS if tracker.get_slot(slot) is None]
        if questions_asked(tracker) + len(core_missing) < MAX_QUESTIONS or tracker.get_slot("requested_slot") == (
            "contact_preference"
        ):
            required.append("contact_preference")
        return required

    async def extract_life_phase(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        intent = _latest_intent(tracker)
        if intent in CRISIS_INTENTS:
            return {}
        asked = tracker.get_slot("requested_slot") == "life_phase"
        if asked and intent == "dont_know":
            return {"life_phase": "unbekannt", "child_age": None}
        stage = stage_from_message(tracker, asked=asked)
        if stage is None:
            return {}
        return {"life_phase": stage.life_phase, "child_age": stage.age}

    async def validate_postal_code(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        place = str(value or "").strip()
        if not place:
            return {"postal_code": None}
        if tracker.get_slot("municipality") and place == tracker.get_slot("located_place"):
            return {"postal_code": place}
        return await locate_place(dispatcher, tracker, place)

    async def validate_topic(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"topic": value}

    async def validate_contact_preference(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"contact_preference": value if value in ("go", "phone", "home_visit", "any") else "any"}


class ActionAskPostalCode(Action):
    """Asks where the family lives, or which of two places they mean."""

    def name(self) -> str:
        return "action_ask_postal_code"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        choices = tracker.get_slot("municipality_choices") or []
        if choices:
            buttons = [{"title": choice, "payload": f'/inform{{"town": "{choice}"}}'} for choice in choices]
            joiner = f" {text('ask.or', conversation_language(tracker))} "
            dispatcher.utter_message(
                response="utter_ask_which_place",
                places=joiner.join(choices),
                buttons=buttons,
                json_message=messages.ask("postal_code", "choice"),
            )
        else:
            dispatcher.utter_message(response="utter_ask_postal_code")
        return [SlotSet("municipality_choices", None)] if choices else []
