"""The actions' offers-API client and place handling against the real offers API (started by the `system`
fixture), not a fake: the two sides must agree on the contract."""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.intake import locate_place
from actions.offers import ActionShowOffers
from actions.offers_api.client import OffersApi
from actions.offers_api.shared import use_offers_api
from tests.actions.conftest import tracker_from


def test_places_and_offers_from_the_real_api(system: dict[str, str]) -> None:
    async def scenario() -> None:
        client = OffersApi(system["api"], 2.0)
        use_offers_api(client)
        try:
            dispatcher = CollectingDispatcher()
            tracker = tracker_from("intake_first_message")
            heek = await locate_place(dispatcher, tracker, "48619")
            assert heek["municipality_name"] == "Heek"
            assert heek["jugendamt"]["id"] == "kreis-borken"
            two = await locate_place(dispatcher, tracker, "42369")
            assert two["municipality_choices"] == ["Remscheid", "Wuppertal"]
            district = await locate_place(dispatcher, tracker, "Köln-Ehrenfeld")
            assert district["municipality"] == "05315000"
            assert (await locate_place(dispatcher, tracker, "10115"))["municipality"] is None
            assert dispatcher.messages[-1]["response"] == "utter_not_in_nrw"

            result = await client.search(municipality="05554024", categories=["aufsuchend"], child_age=1)
            assert result["items"] and all(item["category"] == "aufsuchend" for item in result["items"])
            assert result["items"][0]["jugendamt_id"] == "kreis-borken"
        finally:
            await client.aclose()
            use_offers_api(None)

    asyncio.run(scenario())


def _contact_row(jugendamt_id: str) -> dict[str, str]:
    path = Path(__file__).resolve().parents[2] / "api" / "data" / "directory" / "jugendamt_contacts.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return next(row for row in csv.DictReader(handle) if row["id"] == jugendamt_id)


def test_a_town_without_offers_gets_its_jugendamt_phone_and_web_page(system: dict[str, str]) -> None:
    """Wuppertal has no offers yet: the answer names its Jugendamt with the sourced phone and web page."""
    expected = _contact_row("wuppertal")

    async def scenario() -> list[dict[str, Any]]:
        client = OffersApi(system["api"], 2.0)
        use_offers_api(client)
        try:
            place = await locate_place(CollectingDispatcher(), tracker_from("intake_first_message"), "Wuppertal")
            assert place["jugendamt"]["id"] == "wuppertal"
            assert place["jugendamt"]["phone"] == expected["phone"], "the contact reaches the slot"
            dispatcher = CollectingDispatcher()
            tracker = tracker_from("pregnant_gelsenkirchen", slots=place)
            await ActionShowOffers().run(dispatcher, tracker, {"slots": {}})
            return dispatcher.messages
        finally:
            await client.aclose()
            use_offers_api(None)

    messages = asyncio.run(scenario())
    assert messages[0]["response"] == "utter_no_offers"
    (handoff,) = [m["custom"] for m in messages if (m.get("custom") or {}).get("type") == "handoff"]
    assert handoff["contact"]["phone"] == expected["phone"]
    assert handoff["contact"]["url"] == expected["url"]
    assert handoff["contact"]["name"].startswith("Jugendamt der Stadt Wuppertal")
