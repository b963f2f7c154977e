"""No fitting offer nearby: the bot names the Jugendamt with its phone number and web page (a handoff card every
channel shows), or says honestly that it has none and gives the general numbers. Offline, the API faked."""

from __future__ import annotations

from typing import Any

import httpx

from actions.offers import ActionMoreOffers, ActionShowOffers, jugendamt_contact
from bot.channels.plain_text import parts
from tests.actions.conftest import tracker_from
from tests.actions.test_actions import _payloads, _validate, offers_api, run
from vocabulary.emergency import GENERAL_NUMBERS, number_entries
from vocabulary.texts import text

# Contact data for tests only: a drama number (Bundesnetzagentur, Köln 0221 4710 000-999) and example.org.
WITH_CONTACT = {
    "id": "beispielstadt",
    "name": "Jugendamt der Stadt Beispielstadt",
    "kind": "stadt",
    "kinderstark": None,
    "contact_status": "sourced",
    "phone": "0221 4710 123",
    "phone_note": None,
    "url": "https://jugendamt.example.org/",
    "address": "Beispielweg 1, 12345 Beispielstadt",
    "familienbuero": None,
    "contact_source": ["https://example.org/kontakt"],
    "contact_checked": "2026-12-01",
}
WITHOUT_CONTACT = {
    **WITH_CONTACT,
    "contact_status": "no_public_source_found",
    "phone": None,
    "url": None,
    "address": None,
    "contact_source": [],
}


def _nothing_nearby(fake_api: Any, jugendamt: dict[str, Any]) -> Any:
    fake_api(offers_api({}))
    dispatcher, _ = run(ActionShowOffers(), tracker_from("pregnant_gelsenkirchen", slots={"jugendamt": jugendamt}))
    return dispatcher


def test_no_offers_answer_carries_the_jugendamt_phone_and_web_page(fake_api: Any) -> None:
    dispatcher = _nothing_nearby(fake_api, WITH_CONTACT)
    first, second = dispatcher.messages
    assert first["response"] == "utter_no_offers"
    assert second["text"] == text("offers.jugendamt_contact")
    (handoff,) = _payloads(dispatcher, "handoff")
    contact = handoff["contact"]
    assert contact["name"] == "Jugendamt der Stadt Beispielstadt"
    assert contact["phone"] == "0221 4710 123" and contact["url"] == "https://jugendamt.example.org/"
    assert contact["address"] == "Beispielweg 1, 12345 Beispielstadt" and contact["demo"] is False


def test_the_messengers_show_the_contact_as_plain_text(fake_api: Any) -> None:
    dispatcher = _nothing_nearby(fake_api, WITH_CONTACT)
    shown = "\n".join(
        part.text for message in dispatcher.messages if "text" in message for part in parts(message, "de")
    )
    assert "0221 4710 123" in shown and "https://jugendamt.example.org/" in shown
    assert "Beispielweg 1, 12345 Beispielstadt" in shown


def test_no_more_offers_names_the_contact_too(fake_api: Any) -> None:
    fake_api(offers_api({}))
    tracker = tracker_from(
        "pregnant_gelsenkirchen", slots={"jugendamt": WITH_CONTACT, "shown_offer_ids": ["familienbuero-1"]}
    )
    dispatcher, _ = run(ActionMoreOffers(), tracker)
    assert dispatcher.messages[0]["response"] == "utter_no_more_offers"
    (handoff,) = _payloads(dispatcher, "handoff")
    assert handoff["contact"]["phone"] == "0221 4710 123"


def test_without_a_public_contact_it_says_so_and_gives_the_general_numbers(fake_api: Any) -> None:
    dispatcher = _nothing_nearby(fake_api, WITHOUT_CONTACT)
    assert not _payloads(dispatcher, "handoff"), "no invented contact"
    honest = dispatcher.messages[-1]["text"]
    assert honest.startswith(text("offers.jugendamt_no_contact", numbers="").split("\n")[0])
    for number in number_entries(GENERAL_NUMBERS, "de"):
        assert number["phone"] in honest


def test_an_old_slot_without_contact_fields_is_treated_as_no_contact(fake_api: Any) -> None:
    old = {"id": "gelsenkirchen", "name": "Jugendamt der Stadt Gelsenkirchen", "kind": "kreisfreie_stadt"}
    dispatcher = _nothing_nearby(fake_api, old)
    assert not _payloads(dispatcher, "handoff")
    assert "Elterntelefon" in dispatcher.messages[-1]["text"]


def test_the_note_says_what_the_number_reaches() -> None:
    contact = jugendamt_contact({**WITH_CONTACT, "phone_note": "Allgemeiner Sozialer Dienst"})
    assert contact is not None
    assert contact["name"] == "Jugendamt der Stadt Beispielstadt (Allgemeiner Sozialer Dienst)"


def test_the_familienbuero_stands_in_when_only_it_has_a_phone() -> None:
    familienbuero = {"name": "Familienbüro Beispielstadt", "phone": "0221 4710 124", "url": None}
    contact = jugendamt_contact({**WITHOUT_CONTACT, "familienbuero": familienbuero})
    assert contact is not None and contact["name"] == "Familienbüro Beispielstadt"
    assert contact["phone"] == "0221 4710 124"
    assert jugendamt_contact({**WITHOUT_CONTACT, "familienbuero": {**familienbuero, "phone": None}}) is None


def test_when_the_familienbuero_stands_in_the_jugendamt_is_named_too(fake_api: Any) -> None:
    fake_api(offers_api({"familienbuero": 1}))
    tracker = tracker_from(
        "pregnant_gelsenkirchen",
        slots={"jugendamt": WITH_CONTACT, "topic": "parenting_conflict", "life_phase": "schule", "child_age": 13},
    )
    dispatcher, _ = run(ActionShowOffers(), tracker)
    (offers,) = _payloads(dispatcher, "offers")
    assert offers["fitting"] is False
    (handoff,) = _payloads(dispatcher, "handoff")
    assert handoff["contact"]["url"] == "https://jugendamt.example.org/"
    assert dispatcher.messages[-1]["response"] == "utter_after_offers"


def test_fitting_offers_need_no_extra_contact(fake_api: Any) -> None:
    fake_api(offers_api({"familienbuero": 2, "lotsendienst_geburtsklinik": 1, "beratung": 3}))
    dispatcher, _ = run(ActionShowOffers(), tracker_from("pregnant_gelsenkirchen", slots={"jugendamt": WITH_CONTACT}))
    assert not _payloads(dispatcher, "handoff")


def test_the_located_place_keeps_the_jugendamt_contact_in_the_slot(fake_api: Any) -> None:
    municipality = {"ags": "05513000", "name": "Gelsenkirchen", "jugendamt": WITH_CONTACT}
    match = {"municipality": municipality, "district": None, "matched_by": "municipality"}

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"status": "found", "matches": [match]})

    fake_api(handler)
    _, slots = _validate(tracker_from("intake_first_message"))
    assert slots["jugendamt"]["phone"] == "0221 4710 123"
    assert slots["jugendamt"]["url"] == "https://jugendamt.example.org/"
    assert slots["jugendamt"]["contact_source"] == ["https://example.org/kontakt"]
