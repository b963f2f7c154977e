"""Messages the assistant does not understand, offline: the form's questions are asked at most twice, two
misunderstandings in a row bring a person (Familienbüro, Jugendamt or Elterntelefon) with the need buttons, and
every fact of an answer counts even when it answers another question."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.intake import ActionAskPostalCode, ValidateIntakeForm
from actions.not_understood import ActionNotUnderstood, misunderstood_in_a_row

DOMAIN: dict[str, Any] = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text("utf-8"))


def user(text: str, intent: str, entities: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    parse = {"text": text, "intent": {"name": intent, "confidence": 0.45}, "entities": entities or []}
    return {"event": "user", "text": text, "parse_data": parse, "timestamp": None}


def action(name: str) -> dict[str, Any]:
    return {"event": "action", "name": name}


def slot(name: str, value: Any) -> dict[str, Any]:
    return {"event": "slot", "name": name, "value": value}


def tracker(events: list[dict[str, Any]], **slots: Any) -> Tracker:
    """A tracker whose latest message is the last user event; slot events after it are the form's candidates."""
    latest = next(event for event in reversed(events) if event["event"] == "user")
    values = {"requested_slot": None, "misses": None, "municipality": None, "jugendamt": None, **slots}
    for event in events:
        if event["event"] == "slot":
            values[event["name"]] = event["value"]
    return Tracker(
        sender_id="test",
        slots=values,
        latest_message=latest["parse_data"],
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": "intake_form"},
        latest_action_name="action_listen",
    )


def run_form(current: Tracker) -> tuple[CollectingDispatcher, dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateIntakeForm().run(dispatcher, current, DOMAIN))
    return dispatcher, {event["name"]: event["value"] for event in events if event["event"] == "slot"}


def responses(dispatcher: CollectingDispatcher) -> list[str | None]:
    return [message.get("response") for message in dispatcher.messages]


def handoffs(dispatcher: CollectingDispatcher) -> list[dict[str, Any]]:
    return [m["custom"] for m in dispatcher.messages if (m.get("custom") or {}).get("type") == "handoff"]


# --- the form's questions ---------------------------------------------------------------------------------------


def test_a_free_text_answer_to_the_need_question_is_asked_once_more_then_the_form_goes_on() -> None:
    known = {"postal_code": "44137", "municipality": "05913000", "life_phase": "kita", "child_age": 4.0}
    first = tracker([user("weiß nich so genau was", "nlu_fallback")], requested_slot="topic", **known)
    dispatcher, slots = run_form(first)
    assert responses(dispatcher) == ["utter_ask_again"]
    assert slots["misses"] == {"slot": "topic", "count": 1} and "topic" not in slots
    assert slots.get("requested_slot", "topic") == "topic"

    second = tracker(
        [user("hmm das ist kompliziert", "nlu_fallback")], requested_slot="topic", misses=slots["misses"], **known
    )
    dispatcher, slots = run_form(second)
    # Not a third time: the need stays unknown, the routing goes by what is known.
    assert slots["topic"] == "unknown" and slots["misses"] is None
    assert responses(dispatcher) == []
    assert slots.get("requested_slot") != "topic"


def test_an_off_topic_answer_is_said_to_be_off_topic() -> None:
    current = tracker([user("wie wird das wetter", "out_of_scope")], requested_slot="life_phase", postal_code="44137")
    dispatcher, slots = run_form(current)
    assert responses(dispatcher) == ["utter_out_of_scope"]
    assert slots["misses"] == {"slot": "life_phase", "count": 1}


def test_the_life_phase_is_given_up_after_two_answers_without_one() -> None:
    misses = {"slot": "life_phase", "count": 1}
    current = tracker([user("öhm", "nlu_fallback")], requested_slot="life_phase", misses=misses, postal_code="44137")
    _, slots = run_form(current)
    assert slots["life_phase"] == "unbekannt" and slots["child_age"] is None


def test_the_contact_preference_is_not_asked_again() -> None:
    current = tracker([user("hä", "nlu_fallback")], requested_slot="contact_preference", topic="birth")
    dispatcher, slots = run_form(current)
    assert slots["contact_preference"] == "any" and responses(dispatcher) == []


def test_a_question_of_the_parent_during_the_form_goes_to_its_rule() -> None:
    current = tracker([user("bist du ein mensch", "bot_challenge")], requested_slot="topic", postal_code="44137")
    dispatcher, slots = run_form(current)
    assert "misses" not in slots and dispatcher.messages == []


def test_an_answer_with_another_fact_is_no_misunderstanding() -> None:
    age = {"entity": "child_age", "value": "3 Jahre", "start": 7, "end": 8}
    current = tracker([user("Kinder 3", "inform", [age])], requested_slot="topic", misses={"slot": "topic", "count": 1})
    dispatcher, slots = run_form(current)
    assert slots["life_phase"] == "kita" and slots["misses"] is None
    assert responses(dispatcher) == []


def _locate_nothing(seen: list[str]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.params.get("q", ""))
        return httpx.Response(404, json={"type": "not_found", "detail": "Diesen Ort finden wir nicht."})

    return handler


def test_ages_written_as_the_answer_to_the_place_question_are_taken_and_never_looked_up(fake_api: Any) -> None:
    asked: list[str] = []
    fake_api(_locate_nothing(asked))
    text = "Kinder 8 und 3"
    entities = [
        {"entity": "child_age", "value": "8 Jahre", "start": 7, "end": 8},
        {"entity": "child_age", "value": "3 Jahre", "start": 13, "end": 14},
    ]
    current = tracker([user(text, "inform", entities), slot("postal_code", text)], requested_slot="postal_code")
    dispatcher, slots = run_form(current)
    assert asked == [], "an age is no place to look up"
    assert "utter_place_unknown" not in responses(dispatcher)
    assert slots["postal_code"] is None
    assert (slots["life_phase"], slots["child_age"]) == ("kita", 3.0)


def test_the_place_question_comes_twice_then_a_person_helps_instead(fake_api: Any) -> None:
    asked: list[str] = []
    fake_api(_locate_nothing(asked))
    first = tracker(
        [user("Hintertupfingen", "inform"), slot("postal_code", "Hintertupfingen")], requested_slot="postal_code"
    )
    dispatcher, slots = run_form(first)
    # The place search says it does not know the place; nothing more before the question comes again.
    assert responses(dispatcher) == ["utter_place_unknown"]
    assert slots["misses"] == {"slot": "postal_code", "count": 1}

    second = tracker(
        [user("Hinter Tupfingen", "inform"), slot("postal_code", "Hinter Tupfingen")],
        requested_slot="postal_code",
        misses=slots["misses"],
    )
    dispatcher, slots = run_form(second)
    assert responses(dispatcher) == ["utter_place_unknown", "utter_help_by_phone"]
    (card,) = handoffs(dispatcher)
    assert card["contact"]["phone"] == "0800 111 0 550"
    assert "0800 111 0 550" in dispatcher.messages[1]["numbers"]

    # The question is not asked a third time (a place the parent writes later still counts).
    ask = CollectingDispatcher()
    asyncio.run(ActionAskPostalCode().run(ask, tracker([user("x", "inform")], misses=slots["misses"]), DOMAIN))
    assert ask.messages == []
    asyncio.run(ActionAskPostalCode().run(ask, tracker([user("x", "inform")]), DOMAIN))
    assert [message["response"] for message in ask.messages] == ["utter_ask_postal_code"]


# --- misunderstandings in a row -----------------------------------------------------------------------------------


def understand(events: list[dict[str, Any]], **slots: Any) -> CollectingDispatcher:
    current = tracker(events, **slots)
    current.active_loop = {}
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionNotUnderstood().run(dispatcher, current, DOMAIN))
    return dispatcher


def _offers_api(familienbuero: bool) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        items = [
            {"id": "fb-1", "name": "Familienbüro Nordstadt", "category": "familienbuero", "phone": "0221 4710 101"}
        ]
        return httpx.Response(200, json={"total": 1, "items": items if familienbuero else []})

    return handler


def test_the_first_misunderstanding_asks_to_say_it_again_and_shows_the_needs() -> None:
    dispatcher = understand([user("asdfgh", "nlu_fallback")])
    assert responses(dispatcher) == ["utter_please_rephrase", "utter_ask_topic"]
    assert not handoffs(dispatcher)


def test_off_topic_first() -> None:
    assert responses(understand([user("wer hat gewonnen", "out_of_scope")])) == [
        "utter_out_of_scope",
        "utter_ask_topic",
    ]


def test_two_misunderstandings_in_a_row_bring_the_local_familienbuero_and_the_needs(fake_api: Any) -> None:
    fake_api(_offers_api(familienbuero=True))
    events = [user("asdfgh", "nlu_fallback"), action("action_not_understood"), user("qwertz", "out_of_scope")]
    dispatcher = understand(events, municipality="05913000")
    assert responses(dispatcher) == ["utter_help_by_a_person", "utter_ask_topic"]
    (card,) = handoffs(dispatcher)
    assert card["contact"]["name"] == "Familienbüro Nordstadt" and card["contact"]["phone"] == "0221 4710 101"
    assert dispatcher.messages[0]["lines"] == "Familienbüro Nordstadt: 0221 4710 101"


def test_without_a_familienbuero_the_jugendamt_with_its_phone(fake_api: Any) -> None:
    fake_api(_offers_api(familienbuero=False))
    jugendamt = {"name": "Jugendamt der Stadt Wuppertal", "phone": "0202 563-0", "url": "https://www.wuppertal.de"}
    events = [user("asdfgh", "nlu_fallback"), action("action_not_understood"), user("qwertz", "nlu_fallback")]
    dispatcher = understand(events, municipality="05124000", jugendamt=jugendamt)
    (card,) = handoffs(dispatcher)
    assert card["contact"]["name"].startswith("Jugendamt der Stadt Wuppertal")
    assert card["contact"]["phone"] == "0202 563-0"
    assert "0202 563-0" in dispatcher.messages[0]["lines"]


def test_without_a_place_the_elterntelefon() -> None:
    events = [user("asdfgh", "nlu_fallback"), action("action_not_understood"), user("qwertz", "nlu_fallback")]
    dispatcher = understand(events)
    assert responses(dispatcher) == ["utter_help_by_phone", "utter_ask_topic"]
    (card,) = handoffs(dispatcher)
    assert card["contact"]["phone"] == "0800 111 0 550"


def test_the_third_time_only_the_person_no_question() -> None:
    events = [
        user("a", "nlu_fallback"),
        action("action_not_understood"),
        user("b", "nlu_fallback"),
        action("action_not_understood"),
        user("c", "out_of_scope"),
    ]
    dispatcher = understand(events)
    assert responses(dispatcher) == ["utter_help_by_phone"]


@pytest.mark.parametrize(
    ("events", "count"),
    [
        ([user("a", "nlu_fallback")], 1),
        ([user("a", "nlu_fallback"), action("action_not_understood"), user("b", "nlu_fallback")], 2),
        # Something understood in between starts the count again.
        (
            [
                user("a", "nlu_fallback"),
                action("action_not_understood"),
                user("hallo", "greet"),
                action("utter_greet"),
                user("b", "nlu_fallback"),
            ],
            1,
        ),
        # Unclear answers that the form dealt with are not counted here.
        ([user("a", "nlu_fallback"), action("intake_form"), user("b", "nlu_fallback")], 1),
    ],
)
def test_misunderstandings_are_counted_in_a_row(events: list[dict[str, Any]], count: int) -> None:
    assert misunderstood_in_a_row(tracker(events)) == count
