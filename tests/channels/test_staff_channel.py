"""Rasa's staff channel: the parents' dialogue phrased for the staff member, reachable only with the API's token.

The rendering is checked on its own; the channel against the whole running system (the `system` fixture)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from bot.channels.staff import for_staff
from tests.conftest import STAFF_CHANNEL_TOKEN
from vocabulary import messages
from vocabulary.texts import text

AUTH = {"Authorization": f"Bearer {STAFF_CHANNEL_TOKEN}"}


def payloads(replies: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [r["custom"] for r in replies if isinstance(r.get("custom"), dict) and r["custom"].get("type") == kind]


class Intake:
    def __init__(self, rasa: str) -> None:
        self.rasa = rasa
        self.sender = f"staff-{uuid.uuid4().hex}"

    def say(self, written: str) -> list[dict[str, Any]]:
        answer = httpx.post(
            f"{self.rasa}/webhooks/staff/webhook",
            json={"sender": self.sender, "message": written},
            headers=AUTH,
            timeout=30,
        )
        assert answer.status_code == 200, answer.text
        replies: list[dict[str, Any]] = answer.json()
        return replies


@pytest.fixture
def intake(system: dict[str, Any]) -> Intake:
    return Intake(system["rasa"])


def test_an_ask_sent_after_its_text_gets_the_staff_question_and_the_hint() -> None:
    replies = [
        {"text": text("ask.topic"), "buttons": [{"title": "Geld", "payload": "/need_money"}]},
        {"custom": messages.ask("topic", "choice")},
    ]
    shown = for_staff(replies)
    assert shown[0]["text"] == text("staff.ask.topic")
    assert shown[0]["buttons"] == replies[0]["buttons"]
    assert shown[1]["custom"]["hint"] == text("staff.hint.topic")


def test_choosing_among_places_has_its_own_staff_question() -> None:
    shown = for_staff([{"text": "Meinen Sie A oder B?", "custom": messages.ask("postal_code", "choice")}])
    assert shown[0]["text"] == text("staff.ask.postal_code.choice")


def test_an_emergency_is_followed_by_the_child_protection_route() -> None:
    alarm = {"custom": messages.emergency("child", [{"label": "Polizei", "phone": "110", "hours": ""}])}
    shown = for_staff([{"text": "Rufen Sie an."}, alarm])
    assert shown[:2] == [{"text": "Rufen Sie an."}, alarm]
    assert shown[2]["custom"] == {"type": "child_protection", "text": text("staff.child_protection")}
    assert "§ 8a SGB VIII" in shown[2]["custom"]["text"]


@pytest.mark.parametrize("authorization", [None, "", "Bearer wrong-token", f"Basic {STAFF_CHANNEL_TOKEN}"])
def test_without_the_apis_token_nothing_reaches_the_dialogue(system: dict[str, Any], authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization is not None else {}
    for path, body in (("webhook", {"sender": "staff-abcdefgh", "message": "Hallo"}), ("forget", {"sender": "x"})):
        answer = httpx.post(f"{system['rasa']}/webhooks/staff/{path}", json=body, headers=headers, timeout=10)
        assert answer.status_code == 403
        assert answer.json()["text"] == text("channel.invalid")


ANSWERS = {"postal_code": "44137", "life_phase": "schwanger", "topic": "/need_birth", "contact_preference": "egal"}


def test_an_intake_reaches_offers_with_staff_questions_need_and_fitting(intake: Intake) -> None:
    replies = intake.say("/greet")
    asked = []
    for _ in range(5):
        if payloads(replies, "offers"):
            break
        (ask,) = payloads(replies, "ask")
        asked.append(ask["slot"])
        assert ask["hint"] == text(f"staff.hint.{ask['slot']}")
        assert text(f"staff.ask.{ask['slot']}") in [r.get("text") for r in replies]
        replies = intake.say(ANSWERS[ask["slot"]])
    # The greeting asks for the need first.
    assert asked and asked[0] == "topic"
    (offers,) = payloads(replies, "offers")
    assert offers["need"] == "lotsendienst_geburtsklinik"
    assert offers["fitting"] is True
    assert offers["municipality"]["name"] == "Dortmund"
    assert offers["offers"]


def test_a_crisis_shows_the_numbers_and_the_child_protection_route_at_once(intake: Intake) -> None:
    replies = intake.say("Der Vater schlägt das Kind jeden Tag")
    assert payloads(replies, "emergency")
    (route,) = payloads(replies, "child_protection")
    assert route["text"] == text("staff.child_protection")


def test_forget_deletes_the_conversation(system: dict[str, Any], intake: Intake) -> None:
    intake.say("Wir wohnen in 44137")
    tracker_url = f"{system['rasa']}/conversations/{intake.sender}/tracker"
    token = {"token": system["api_token"]}
    assert "44137" in httpx.get(tracker_url, params=token, timeout=10).text
    forgotten = httpx.post(
        f"{system['rasa']}/webhooks/staff/forget", json={"sender": intake.sender}, headers=AUTH, timeout=10
    )
    assert forgotten.status_code == 204
    # Rasa's API answers an unknown conversation with an empty one: no event of it is left.
    assert "44137" not in httpx.get(tracker_url, params=token, timeout=10).text
