"""The offers that fit, and the questions after them: more, what is it, opening hours, phone, a person."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import conversation_language
from actions.intake import locate_place
from actions.offers_api.client import OffersApiUnavailable, PlaceNotFound
from actions.offers_api.shared import message_budget, offers_api
from actions.routing import Situation, route
from vocabulary import messages
from vocabulary.categories import CATEGORY_SLUGS
from vocabulary.emergency import GENERAL_NUMBERS, numbers_text
from vocabulary.languages import known_language
from vocabulary.texts import DEFAULT_LANGUAGE, text

MAX_OFFERS = 3


def situation(tracker: Tracker) -> Situation:
    topic = tracker.get_slot("topic")
    phase = tracker.get_slot("life_phase")
    return Situation(
        topic=topic if topic != "unknown" else None,
        life_phase=phase if phase != "unbekannt" else None,
        child_age=tracker.get_slot("child_age"),
        contact_preference=tracker.get_slot("contact_preference"),
    )


def offer_payload(offer: dict[str, Any], language: str | None) -> dict[str, Any]:
    payload = {key: offer.get(key) for key in messages.OFFER_PAYLOAD_FIELDS}
    payload["why"] = text(f"category.{offer['category']}.why", language)
    return payload


def jugendamt_contact(jugendamt: dict[str, Any]) -> dict[str, Any] | None:
    """The Jugendamt as a handoff contact (its Familienbüro when only that has a phone or web page), or None when
    no public source gave any of it. Every value comes from the directory (api/data/directory), none guessed."""
    phone, url, address = (jugendamt.get(key) or None for key in ("phone", "url", "address"))
    name = str(jugendamt.get("name") or "")
    if name and (phone or url or address):
        note = jugendamt.get("phone_note")
        # The note says what the number reaches when it is not the switchboard, e.g. the social services.
        label = f"{name} ({note})" if phone and note else name
        return {"name": label, "phone": phone, "url": url, "address": address, "demo": False}
    familienbuero = jugendamt.get("familienbuero") or {}
    if familienbuero.get("name") and (familienbuero.get("phone") or familienbuero.get("url")):
        return {
            "name": familienbuero["name"],
            "phone": familienbuero.get("phone"),
            "url": familienbuero.get("url"),
            "demo": False,
        }
    return None


def say_jugendamt_contact(dispatcher: CollectingDispatcher, jugendamt: dict[str, Any], language: str | None) -> bool:
    """Names the Jugendamt's phone number and web page as a handoff card; says so honestly when there is none
    (with the general numbers). Returns whether a contact was given."""
    contact = jugendamt_contact(jugendamt)
    if contact is None:
        numbers = numbers_text(GENERAL_NUMBERS, language)
        dispatcher.utter_message(text=text("offers.jugendamt_no_contact", language, numbers=numbers))
        return False
    dispatcher.utter_message(text=text("offers.jugendamt_contact", language), json_message=messages.handoff(contact))
    return True


async def _search(municipality: str, category: str, tracker: Tracker, page_size: int) -> list[dict[str, Any]]:
    phase = tracker.get_slot("life_phase")
    age = tracker.get_slot("child_age")
    # The language asked for ("Hilfe auf Arabisch"), else the conversation's, when it is not German: the offers API
    # ranks the offers that speak it first among equally fitting ones.
    language = known_language(tracker.get_slot("offer_language")) or conversation_language(tracker)
    language = None if language == DEFAULT_LANGUAGE else language
    result = await offers_api().search(
        municipality=municipality,
        categories=[category],
        child_age=age if age is not None else None,
        life_phase=phase if phase == "schwangerschaft" else None,
        language=language,
        page_size=page_size,
        lang=conversation_language(tracker),
    )
    items: list[dict[str, Any]] = result["items"]
    return items


async def find_offers(tracker: Tracker, categories: list[str], exclude: set[str]) -> tuple[list[dict[str, Any]], bool]:
    """Up to three offers, one per fitting category in order; returns them and whether the Familienbüro
    had to stand in because nothing of the fitting kinds exists nearby."""
    municipality = tracker.get_slot("municipality")
    results = await asyncio.gather(*(_search(municipality, c, tracker, MAX_OFFERS + len(exclude)) for c in categories))
    per_category = [[item for item in items if item["id"] not in exclude] for items in results]
    chosen: list[dict[str, Any]] = []
    for items in per_category:
        if items and len(chosen) < MAX_OFFERS:
            chosen.append(items.pop(0))
    for items in per_category:
        while items and len(chosen) < MAX_OFFERS:
            chosen.append(items.pop(0))
    if chosen or "familienbuero" in categories:
        return chosen, False
    stand_in = [item for item in await _search(municipality, "familienbuero", tracker, 2) if item["id"] not in exclude]
    return stand_in[:1], True


class ActionShowOffers(Action):
    def name(self) -> str:
        return "action_show_offers"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        with message_budget(tracker):
            return await show_offers(dispatcher, tracker, exclude=set())


async def show_offers(dispatcher: CollectingDispatcher, tracker: Tracker, exclude: set[str]) -> list[EventType]:
    events: list[EventType] = []
    language = conversation_language(tracker)
    try:
        if not tracker.get_slot("municipality"):
            place = await locate_place(dispatcher, tracker, str(tracker.get_slot("postal_code") or ""))
            if not place.get("municipality"):
                if tracker.get_slot("postal_code"):
                    raise OffersApiUnavailable("place not resolved")
                return [SlotSet(key, value) for key, value in place.items()]
            events += [SlotSet(key, value) for key, value in place.items()]
            tracker.slots.update(place)
        categories = route(situation(tracker))
        offers, stand_in = await find_offers(tracker, categories, exclude)
    except (OffersApiUnavailable, PlaceNotFound):
        dispatcher.utter_message(response="utter_api_down", numbers=numbers_text(GENERAL_NUMBERS, language))
        return events
    jugendamt = tracker.get_slot("jugendamt") or {}
    town = tracker.get_slot("municipality_name") or ""
    municipality = {"ags": tracker.get_slot("municipality"), "name": town}
    need = categories[0] if categories else None
    if not offers:
        response = "utter_no_more_offers" if exclude else "utter_no_offers"
        jugendamt_name = jugendamt.get("name") or text("offers.jugendamt", language)
        # The empty list still tells front ends (and the staff page's counts) that nothing fitting was found.
        nothing = messages.offers(municipality, jugendamt, [], need=need, fitting=False)
        dispatcher.utter_message(response=response, jugendamt=jugendamt_name, town=town, json_message=nothing)
        # Nowhere to go without a way to reach the Jugendamt: its phone and web page, or honest general numbers.
        say_jugendamt_contact(dispatcher, jugendamt, language)
        return events
    intro = "utter_more_offers_intro" if exclude else "utter_offers_stand_in" if stand_in else "utter_offers_intro"
    payloads = [offer_payload(offer, language) for offer in offers]
    fitting = not stand_in and any(offer["category"] == need for offer in payloads)
    found = messages.offers(municipality, jugendamt, payloads, need=need, fitting=fitting)
    dispatcher.utter_message(response=intro, town=town, json_message=found)
    if not fitting and jugendamt_contact(jugendamt):
        # None of the needed kind (the Familienbüro stands in, or other kinds): the Jugendamt knows what else helps.
        say_jugendamt_contact(dispatcher, jugendamt, language)
    dispatcher.utter_message(response="utter_after_offers")
    shown = [*exclude, *(offer["id"] for offer in offers)]
    return [*events, SlotSet("shown_offer_ids", shown), SlotSet("last_offers", payloads)]


class ActionMoreOffers(Action):
    def name(self) -> str:
        return "action_more_offers"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if not tracker.get_slot("municipality"):
            dispatcher.utter_message(response="utter_ask_postal_code")
            return []
        with message_budget(tracker):
            return await show_offers(dispatcher, tracker, exclude=set(tracker.get_slot("shown_offer_ids") or []))


def _last_offers(tracker: Tracker) -> list[dict[str, Any]]:
    return list(tracker.get_slot("last_offers") or [])


class ActionOfferDetails(Action):
    """Explains the kinds of offer just shown (or asked about) in plain words."""

    def name(self) -> str:
        return "action_offer_details"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        language = conversation_language(tracker)
        written = str(tracker.latest_message.get("text") or "").lower()
        asked = [
            slug
            for slug in CATEGORY_SLUGS
            if text(f"category.{slug}.label", language).lower() in written or slug.split("_")[0] in written
        ]
        if "lotse" in written and not asked:
            asked = ["lotsendienst_geburtsklinik", "lotsendienst_praxis"]
        if not asked:
            asked = list(dict.fromkeys(offer["category"] for offer in _last_offers(tracker)))
        if not asked:
            dispatcher.utter_message(response="utter_explain_what_we_do")
            return []
        for slug in asked:
            label = text(f"category.{slug}.label", language)
            description = text(f"category.{slug}.description", language)
            dispatcher.utter_message(text=text("category.explained", language, label=label, description=description))
        return []


class _OfferContactAnswer:
    """Opening hours or phone numbers of the offers just shown (a mixin: rasa-sdk instantiates every Action)."""

    field = ""
    response = ""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        offers = [offer for offer in _last_offers(tracker) if offer.get(self.field)]
        if not offers:
            dispatcher.utter_message(response="utter_no_offers_yet")
            return []
        lines = "\n".join(f"{offer['name']}: {offer[self.field]}" for offer in offers)
        dispatcher.utter_message(response=self.response, lines=lines)
        return []


class ActionOfferHours(_OfferContactAnswer, Action):
    field = "opening_hours"
    response = "utter_opening_hours"

    def name(self) -> str:
        return "action_offer_hours"


class ActionOfferPhone(_OfferContactAnswer, Action):
    field = "phone"
    response = "utter_phone_numbers"

    def name(self) -> str:
        return "action_offer_phone"


class ActionHandoff(Action):
    """A person: the Familienbüro of the family's town, else the Elterntelefon."""

    def name(self) -> str:
        return "action_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        contact: dict[str, Any] | None = None
        municipality = tracker.get_slot("municipality")
        if municipality:
            try:
                with message_budget(tracker):
                    found = await _search(municipality, "familienbuero", tracker, 1)
            except (OffersApiUnavailable, PlaceNotFound):
                found = []
            if found:
                contact = found[0]
        if contact is None:
            numbers = numbers_text(("elterntelefon",), conversation_language(tracker))
            dispatcher.utter_message(response="utter_handoff_phone", numbers=numbers)
            return []
        dispatcher.utter_message(response="utter_handoff", name=contact["name"], json_message=messages.handoff(contact))
        return []
