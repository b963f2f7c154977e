"""The intake form: where the family lives, the child's age or stage, the need, and (if few questions were
asked so far) how they want to get in touch. Every answer is checked here; the place through the offers API.

Every fact of a message counts, also of one that answers another question (the ages come as `child_age`
entities from bot/nlu/facts.py). A question whose answer gives nothing is asked once more; after the second such
answer the form goes on without it (the need: with what is known; the place: a person to call instead), so no
question is asked a third time.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import conversation_language, help_by_phone
from actions.offers_api.client import OffersApiUnavailable, PlaceNotFound
from actions.offers_api.shared import message_budget, offers_api
from vocabulary import messages
from vocabulary.crisis import CRISIS_INTENTS
from vocabulary.emergency import GENERAL_NUMBERS, numbers_text
from vocabulary.facts import ChildStage, as_named, find_facts, parse_stage, youngest
from vocabulary.texts import text

FORM = "intake_form"
# Questions before the first offers, at most: the design's promise to parents who answer plainly.
MAX_QUESTIONS = 3
CORE_SLOTS = ("postal_code", "life_phase", "topic")
# Slots an answer can fill: any of them set by a message means the parent told us something.
ANSWER_SLOTS = (*CORE_SLOTS, "contact_preference", "municipality_choices")
# Set together with a slot of the form, not asked for: the age with the life phase.
COMPANION_SLOTS = ("child_age",)
# Which question went unanswered and how often in a row: {"slot": "topic", "count": 1}.
MISSES_SLOT = "misses"
# Intents that have their own rules during the questions (data/rules): the form lets them pass.
OWN_RULES = {
    "bot_challenge",
    "ask_offer_details",
    "request_human",
    "delete_conversation",
    "restart",
    "goodbye",
    "ask_more_offers",
    "ask_opening_hours",
    "ask_phone",
    "retry_offers",
    *CRISIS_INTENTS,
}
# What the form takes for a question it does not ask again; the routing then goes by what is known.
WITHOUT_ANSWER = {"topic": "unknown", "life_phase": "unbekannt", "contact_preference": "any"}
# The questions a parent may skip at once: how to get in touch only sorts the offers.
OPTIONAL = {"contact_preference"}
# The place cannot be skipped: after this many answers without a place, a person helps instead of the question.
MAX_PLACE_MISSES = 2
PLACE_MESSAGES = {"utter_place_unknown", "utter_not_in_nrw", "utter_place_unchecked"}


def _latest_intent(tracker: Tracker) -> str:
    return str((tracker.latest_message.get("intent") or {}).get("name") or "")


def _entities(tracker: Tracker, kind: str) -> list[dict[str, Any]]:
    return [e for e in tracker.latest_message.get("entities") or [] if e.get("entity") == kind]


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
    """The child's stage from the latest message: its `child_age` entities, else the facts in its text (for a
    model without bot/nlu/facts.py), else — only as the answer to our question — a bare "2" or "acht"."""
    for entity in _entities(tracker, "life_phase"):
        if entity.get("value"):
            return ChildStage(life_phase=str(entity["value"]), age=None)
    written = str(tracker.latest_message.get("text") or "")
    stages = [stage for e in _entities(tracker, "child_age") if (stage := parse_stage(str(e.get("value"))))]
    if not stages and not written.startswith("/"):
        stages = find_facts(written).stages
    if stages and _latest_intent(tracker) == "correct_info":
        # "nein, sie ist 4, nicht 3" names the right age first; "nicht 3, sondern 4" last.
        return stages[-1] if "sondern" in written.lower() else stages[0]
    if not stages and asked:
        stage = parse_stage(written)
        stages = [stage] if stage else []
    return as_named(youngest(stages), written)


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


def names_no_place_but_other_facts(tracker: Tracker, value: str) -> bool:
    """The whole message was taken as the place (the question's free-text mapping), but it names no place and
    says something else: an age ("Kinder 8 und 3"), a pregnancy or a need. Then it is no place to look up."""
    written = str(tracker.latest_message.get("text") or "").strip()
    if value != written or _entities(tracker, "postal_code") or _entities(tracker, "town"):
        return False
    return bool(
        _entities(tracker, "child_age") or find_facts(written).ages or _latest_intent(tracker).startswith("need_")
    )


def _filled(events: list[EventType]) -> bool:
    return any(
        event.get("event") == "slot" and event.get("name") in ANSWER_SLOTS and event.get("value") is not None
        for event in events
    )


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

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """The validated answers, and what happens when the answer to our question gave nothing (before the
        next question is chosen, so a question given up is not asked again)."""
        events = list(await super().get_validation_events(dispatcher, tracker, domain))
        # rasa-sdk keeps only the form's own slots; the child's age comes with the life phase (routing needs it).
        extracted = tracker.slots_to_validate()
        events += [SlotSet(name, extracted[name]) for name in COMPANION_SLOTS if name in extracted]
        return events + self.unanswered(dispatcher, tracker, events)

    def unanswered(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, events: list[EventType]
    ) -> list[EventType]:
        asked = tracker.get_slot("requested_slot")
        previous = tracker.get_slot(MISSES_SLOT) or {}
        if not asked or _latest_intent(tracker) in OWN_RULES:
            return []
        if _filled(events):
            # Any fact counts as an answer: the count of answers without one starts again.
            return [SlotSet(MISSES_SLOT, None)] if previous else []
        count = int(previous.get("count", 0)) + 1 if previous.get("slot") == asked else 1
        place_said = any(message.get("response") in PLACE_MESSAGES for message in dispatcher.messages)
        if asked == "postal_code":
            if count >= MAX_PLACE_MISSES:
                help_by_phone(dispatcher, tracker)
            elif not place_said:
                dispatcher.utter_message(response="utter_ask_again")
            return [SlotSet(MISSES_SLOT, {"slot": asked, "count": count})]
        if count >= 2 or asked in OPTIONAL:
            extra = [SlotSet("child_age", None)] if asked == "life_phase" else []
            return [SlotSet(asked, WITHOUT_ANSWER[asked]), *extra, SlotSet(MISSES_SLOT, None)]
        off_topic = _latest_intent(tracker) == "out_of_scope"
        dispatcher.utter_message(response="utter_out_of_scope" if off_topic else "utter_ask_again")
        return [SlotSet(MISSES_SLOT, {"slot": asked, "count": count})]

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
        if names_no_place_but_other_facts(tracker, place):
            return {"postal_code": None}
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
    """Asks where the family lives, or which of two places they mean; not a third time after two answers
    without a place (a person to call was named instead, and any place the parent writes still counts)."""

    def name(self) -> str:
        return "action_ask_postal_code"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        choices = tracker.get_slot("municipality_choices") or []
        misses = tracker.get_slot(MISSES_SLOT) or {}
        if choices:
            buttons = [{"title": choice, "payload": f'/inform{{"town": "{choice}"}}'} for choice in choices]
            joiner = f" {text('ask.or', conversation_language(tracker))} "
            dispatcher.utter_message(
                response="utter_ask_which_place",
                places=joiner.join(choices),
                buttons=buttons,
                json_message=messages.ask("postal_code", "choice"),
            )
        elif misses.get("slot") == "postal_code" and int(misses.get("count", 0)) >= MAX_PLACE_MISSES:
            return []
        else:
            dispatcher.utter_message(response="utter_ask_postal_code")
        return [SlotSet("municipality_choices", None)] if choices else []
