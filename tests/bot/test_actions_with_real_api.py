"""The actions' offers-API client and place handling against the real offers API (started by the `system`
fixture), not a fake: the two sides must agree on the contract."""

from __future__ import annotations

import asyncio

from rasa_sdk.executor import CollectingDispatcher

from actions.intake import locate_place
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
