"""Custom actions offline: what they say, which payloads they send and which slots they set."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.emergency import ActionEmergency
from actions.intake import ActionAskPostalCode, ValidateIntakeForm, stage_from_message
from actions.offers import ActionHandoff, ActionMoreOffers, ActionShowOffers
from tests.actions.conftest import tracker_from
from vocabulary.categories import CATEGORY_SLUGS

DOMAIN: dict[str, Any] = {"slots": {}, "forms": {"intake_form": {"required_slots": []}}}
DOMAIN_FILE = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text(encoding="utf-8"))


def _offer(category: str, number: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"{category}-{number}",
        "name": f"{category} {number}",
        "category": category,
        "category_label": category.title(),
        "address": "Beispielweg 1 (Beispieladresse), 45879 Gelsenkirchen",
        "phone": f"0221 4710 {number:03d}",
        "email": "",
        "url": "",
        "opening_hours": "Mo-Fr 09:00-12:00",
        "languages": ["Deutsch"],
        "language_codes": ["de"],
        "free_of_charge": True,
        "home_visit": False,
        "demo": True,
        "last_verified": "2026-10-01",
        **extra,
    }


def offers_api(categories_with_offers: dict[str, int]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/offers":
            category = request.url.params.get("category")
            count = categories_with_offers.get(category or "", 0)
            items = [_offer(category, number) for number in range(1, count + 1)]
            return httpx.Response(200, json={"total": count, "items": items})
        return httpx.Response(404, json={"detail": "nicht gefunden"})

    return handler


def run(action: Any, tracker: Any) -> tuple[CollectingDispatcher, list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, DOMAIN))
    return dispatcher, events


def _payloads(dispatcher: CollectingDispatcher, kind: str) -> list[dict[str, Any]]:
    return [m["custom"] for m in dispatcher.messages if (m.get("custom") or {}).get("type") == kind]


def test_offers_best_first_at_most_three_each_with_why(fake_api: Any) -> None:
    seen = fake_api(offers_api({"familienbuero": 2, "lotsendienst_geburtsklinik": 1, "beratung": 3}))
    dispatcher, events = run(ActionShowOffers(), tracker_from("pregnant_gelsenkirchen"))
    (payload,) = _payloads(dispatcher, "offers")
    categories = [offer["category"] for offer in payload["offers"]]
    assert categories == ["familienbuero", "lotsendienst_geburtsklinik", "beratung"]
    assert all(offer["why"] and offer["phone"] for offer in payload["offers"])
    assert payload["jugendamt"]["name"] == "Jugendamt der Stadt Gelsenkirchen"
    assert dispatcher.messages[0]["response"] == "utter_offers_intro"
    assert {request.url.params["municipality"] for request in seen} == {"05513000"}
    shown = next(e for e in events if e.get("name") == "shown_offer_ids")["value"]
    assert shown == [offer["id"] for offer in payload["offers"]]


def test_more_offers_skips_those_shown(fake_api: Any) -> None:
    fake_api(offers_api({"familienbuero": 2, "lotsendienst_geburtsklinik": 1, "beratung": 3}))
    tracker = tracker_from(
        "pregnant_gelsenkirchen",
        slots={"shown_offer_ids": ["familienbuero-1", "lotsendienst_geburtsklinik-1", "beratung-1"]},
    )
    dispatcher, _ = run(ActionMoreOffers(), tracker)
    (payload,) = _payloads(dispatcher, "offers")
    ids = {offer["id"] for offer in payload["offers"]}
    assert ids and not ids & {"familienbuero-1", "lotsendienst_geburtsklinik-1", "beratung-1"}


def test_no_fitting_offer_the_familienbuero_stands_in(fake_api: Any) -> None:
    fake_api(offers_api({"familienbuero": 1}))
    tracker = tracker_from(
        "pregnant_gelsenkirchen", slots={"topic": "parenting_conflict", "life_phase": "schule", "child_age": 13}
    )
    dispatcher, _ = run(ActionShowOffers(), tracker)
    (payload,) = _payloads(dispatcher, "offers")
    assert [offer["category"] for offer in payload["offers"]] == ["familienbuero"]
    # The Familienbüro helps, but the need (counselling for a conflict) found no offer nearby.
    assert payload["need"] == "beratung" and payload["fitting"] is False


def test_nothing_in_the_area_says_so_and_names_the_jugendamt(fake_api: Any) -> None:
    fake_api(offers_api({}))
    dispatcher, _ = run(ActionShowOffers(), tracker_from("pregnant_gelsenkirchen"))
    # An empty list, marked as nothing fitting: front ends show no cards, the staff page counts the gap.
    (payload,) = _payloads(dispatcher, "offers")
    assert payload["offers"] == [] and payload["fitting"] is False
    assert payload["need"] in CATEGORY_SLUGS
    message = dispatcher.messages[0]
    assert message["response"] == "utter_no_offers"
    assert message["jugendamt"] == "Jugendamt der Stadt Gelsenkirchen"
    # Then how to reach the Jugendamt (tests/actions/test_jugendamt_contact.py).
    assert len(dispatcher.messages) == 2


@pytest.mark.parametrize("failure", [httpx.ConnectError("down"), httpx.ReadTimeout("slow"), 503])
def test_api_down_gives_an_honest_answer_with_numbers_and_a_retry(fake_api: Any, failure: Any) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if isinstance(failure, int):
            return httpx.Response(failure)
        raise failure

    fake_api(handler)
    started = time.monotonic()
    dispatcher, events = run(ActionShowOffers(), tracker_from("pregnant_gelsenkirchen"))
    assert time.monotonic() - started < 3
    (message,) = dispatcher.messages
    assert message["response"] == "utter_api_down"
    assert "0800 111 0 550" in message["numbers"]
    # The "Nochmal versuchen" button belongs to the response (domain.yml), so every channel shows it.
    assert [button["payload"] for button in DOMAIN_FILE["responses"]["utter_api_down"][0]["buttons"]] == [
        "/retry_offers"
    ]
    assert not any(e.get("name") == "shown_offer_ids" for e in events)


def test_a_slow_api_is_cut_off_within_three_seconds() -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from actions.offers_api.client import OffersApi
    from actions.offers_api.shared import use_offers_api

    class Slow(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            time.sleep(5)

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Slow)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        use_offers_api(OffersApi(f"http://127.0.0.1:{server.server_port}", 2.0))
        started = time.monotonic()
        dispatcher, _ = run(ActionShowOffers(), tracker_from("pregnant_gelsenkirchen"))
        assert time.monotonic() - started < 3
        assert dispatcher.messages[0]["response"] == "utter_api_down"
    finally:
        use_offers_api(None)
        server.shutdown()


def _hanging_api(seconds: float) -> Any:
    """A real HTTP server that answers every call only after `seconds` (a hanging offers API)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Slow(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            time.sleep(seconds)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_all_calls_for_one_message_share_one_budget() -> None:
    from actions.offers_api.client import OffersApi
    from actions.offers_api.shared import use_offers_api

    server = _hanging_api(5)
    try:
        # Each call alone may take 2 s; the message arrived 2 s ago, so only 0.5 s of its 2.5 s are left.
        use_offers_api(OffersApi(f"http://127.0.0.1:{server.server_port}", 2.0))
        received = {"event": "user", "timestamp": time.time() - 2.0, "text": "44137"}
        tracker = tracker_from("pregnant_gelsenkirchen", events=[received])
        started = time.monotonic()
        dispatcher, _ = run(ActionShowOffers(), tracker)
        assert time.monotonic() - started < 0.9
        assert dispatcher.messages[0]["response"] == "utter_api_down"
    finally:
        use_offers_api(None)
        server.shutdown()


def test_a_place_the_api_could_not_check_is_said_and_kept() -> None:
    from actions.offers_api.client import OffersApi
    from actions.offers_api.shared import use_offers_api

    server = _hanging_api(5)
    try:
        use_offers_api(OffersApi(f"http://127.0.0.1:{server.server_port}", 0.5))
        tracker = tracker_from("intake_first_message", slots={"postal_code": "44137"})
        dispatcher = CollectingDispatcher()
        slots = asyncio.run(ValidateIntakeForm().validate_postal_code("44137", dispatcher, tracker, DOMAIN))
        assert [message["response"] for message in dispatcher.messages] == ["utter_place_unchecked"]
        assert slots["postal_code"] == "44137" and slots["municipality"] is None
    finally:
        use_offers_api(None)
        server.shutdown()


@pytest.mark.parametrize(
    ("intent", "first_number"),
    [
        ("crisis_violence", "110"),
        ("crisis_child_danger", "110"),
        ("crisis_suicidal", "0800 111 0 111"),
        ("crisis_medical", "112"),
    ],
)
def test_emergency_payload_with_the_fitting_numbers(intent: str, first_number: str) -> None:
    tracker = tracker_from("pregnant_gelsenkirchen", latest_message={"text": "x", "intent": {"name": intent}})
    dispatcher, _ = run(ActionEmergency(), tracker)
    (payload,) = _payloads(dispatcher, "emergency")
    assert payload["numbers"][0]["phone"] == first_number
    assert all({"label", "phone", "hours"} <= set(number) for number in payload["numbers"])
    assert dispatcher.messages[0]["response"] == f"utter_emergency_{intent.removeprefix('crisis_')}"


def test_handoff_gives_the_familienbuero_contact(fake_api: Any) -> None:
    fake_api(offers_api({"familienbuero": 1}))
    dispatcher, _ = run(ActionHandoff(), tracker_from("pregnant_gelsenkirchen"))
    (payload,) = _payloads(dispatcher, "handoff")
    assert payload["contact"]["name"] == "familienbuero 1"
    assert payload["contact"]["phone"] == "0221 4710 001"


def _locate_api(answers: dict[str, dict[str, Any]]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        body = answers.get(request.url.params.get("q", ""))
        if body is None:
            return httpx.Response(404, json={"type": "not_found", "detail": "Diesen Ort finden wir nicht."})
        return httpx.Response(200, json=body)

    return handler


def _match(ags: str, name: str, district: str | None = None) -> dict[str, Any]:
    return {
        "municipality": {"ags": ags, "name": name, "jugendamt": {"id": name.lower(), "name": f"Jugendamt {name}"}},
        "district": district,
        "matched_by": "postal_code",
    }


def _validate(tracker: Any) -> tuple[CollectingDispatcher, dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    result = asyncio.run(
        ValidateIntakeForm().validate_postal_code(tracker.get_slot("postal_code"), dispatcher, tracker, DOMAIN)
    )
    return dispatcher, result


def test_the_place_is_resolved_through_the_api(fake_api: Any) -> None:
    fake_api(_locate_api({"Gelsenkirchen": {"status": "found", "matches": [_match("05513000", "Gelsenkirchen")]}}))
    _, slots = _validate(tracker_from("intake_first_message"))
    assert slots["municipality"] == "05513000"
    assert slots["jugendamt"]["name"] == "Jugendamt Gelsenkirchen"


def test_two_municipalities_ask_which_with_buttons(fake_api: Any) -> None:
    fake_api(
        _locate_api(
            {
                "42369": {
                    "status": "ambiguous",
                    "matches": [_match("05120000", "Remscheid"), _match("05124000", "Wuppertal")],
                }
            }
        )
    )
    _, slots = _validate(tracker_from("intake_first_message", slots={"postal_code": "42369"}))
    assert slots["postal_code"] is None
    assert slots["municipality_choices"] == ["Remscheid", "Wuppertal"]
    dispatcher, _events = run(
        ActionAskPostalCode(),
        tracker_from("intake_first_message", slots={"municipality_choices": ["Remscheid", "Wuppertal"]}),
    )
    (message,) = dispatcher.messages
    assert [button["title"] for button in message["buttons"]] == ["Remscheid", "Wuppertal"]
    assert message["custom"] == {"type": "ask", "slot": "postal_code", "input": "choice"}


def test_outside_nrw_is_said_kindly_with_national_numbers(fake_api: Any) -> None:
    fake_api(_locate_api({"10115": {"status": "not_in_nrw", "state": "BE", "matches": []}}))
    dispatcher, slots = _validate(tracker_from("intake_first_message", slots={"postal_code": "10115"}))
    assert slots["postal_code"] is None
    (message,) = dispatcher.messages
    assert message["response"] == "utter_not_in_nrw"
    assert "0800 111 0 550" in message["numbers"]


def test_the_first_message_gives_the_life_phase() -> None:
    dispatcher = CollectingDispatcher()
    slots = asyncio.run(
        ValidateIntakeForm().extract_life_phase(dispatcher, tracker_from("intake_first_message"), DOMAIN)
    )
    assert slots == {"life_phase": "schwangerschaft", "child_age": None}


@pytest.mark.parametrize(
    ("text", "phase"),
    [
        # Dev round 3 of the first messages: a ten-year-old "an der Grundschule" was sent to counselling.
        ("Unser Sohn ist 10 und geht noch auf die Grundschule, gibt es dort Treffen für Eltern?", "grundschule"),
        ("Unser Sohn ist 10 und geht seit dem Sommer aufs Gymnasium", "schule"),
        ("Meine Tochter ist 12, in der Grundschule lief alles gut, jetzt nicht mehr", "schule"),
    ],
)
def test_a_ten_year_old_named_at_primary_school_stays_in_that_phase(text: str, phase: str) -> None:
    latest = {"text": text, "intent": {"name": "need_school", "confidence": 0.9}, "entities": []}
    tracker = Tracker("family", {}, latest, [], False, None, {}, "action_listen")
    stage = stage_from_message(tracker, asked=False)
    assert stage is not None and stage.life_phase == phase


def test_at_most_three_questions() -> None:
    form = ValidateIntakeForm()
    dispatcher = CollectingDispatcher()
    # Two of three answers came with the first message: one question left, so contact preference may be asked.
    told_much = tracker_from("intake_first_message")
    assert "contact_preference" in asyncio.run(form.required_slots([], dispatcher, told_much, DOMAIN))
    # Nothing known yet: three questions are needed, the contact preference is not asked.
    told_nothing = tracker_from("intake_first_message", slots={"postal_code": None, "topic": None})
    assert "contact_preference" not in asyncio.run(form.required_slots([], dispatcher, told_nothing, DOMAIN))


@pytest.mark.parametrize(("language_code", "slot"), [("tr", "tr"), ("pt-BR", "pt"), ("xx", None), (None, None)])
def test_a_new_conversation_takes_the_messengers_language(language_code: str | None, slot: str | None) -> None:
    from actions.conversation import ActionSessionStart

    metadata = {"language_code": language_code} if language_code else {}
    tracker = tracker_from("pregnant_gelsenkirchen", slots={"session_started_metadata": metadata, "language": None})
    _, events = run(ActionSessionStart(), tracker)
    assert events[0]["event"] == "session_started" and events[-1]["name"] == "action_listen"
    assert [event["value"] for event in events if event.get("name") == "language"] == ([slot] if slot else [])
