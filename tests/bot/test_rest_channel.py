"""The trained model over the REST channel, with the real action server and offers API: the message contract."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from vocabulary.messages import OFFER_PAYLOAD_FIELDS


class Conversation:
    def __init__(self, base_url: str) -> None:
        self.url = f"{base_url}/webhooks/rest/webhook"
        self.sender = f"test-{uuid.uuid4().hex[:12]}"

    def say(self, text: str) -> list[dict[str, Any]]:
        response = httpx.post(self.url, json={"sender": self.sender, "message": text}, timeout=30)
        assert response.status_code == 200, response.text
        messages: list[dict[str, Any]] = response.json()
        return messages


def payloads(messages: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [m["custom"] for m in messages if isinstance(m.get("custom"), dict) and m["custom"].get("type") == kind]


@pytest.fixture
def talk(system: dict[str, str]) -> Conversation:
    return Conversation(system["rasa"])


def test_pregnant_in_dortmund_gets_offers_after_at_most_three_questions(talk: Conversation) -> None:
    replies = talk.say("Ich bin schwanger und wohne in 44137")
    questions = 0
    for _ in range(4):
        offers = payloads(replies, "offers")
        if offers:
            break
        (ask,) = payloads(replies, "ask")
        questions += 1
        answer = {
            "postal_code": "44137",
            "life_phase": "schwanger",
            "topic": "/need_birth",
            "contact_preference": "egal",
        }[ask["slot"]]
        replies = talk.say(answer)
    assert questions <= 3
    (payload,) = payloads(replies, "offers")
    assert payload["municipality"]["name"] == "Dortmund"
    assert 1 <= len(payload["offers"]) <= 3
    assert payload["offers"][0]["category"] == "lotsendienst_geburtsklinik"
    for offer in payload["offers"]:
        assert set(offer) >= set(OFFER_PAYLOAD_FIELDS)
        assert offer["why"]


def test_the_whole_story_in_one_message(talk: Conversation) -> None:
    replies = talk.say("Ich bin schwanger, wohne in Gelsenkirchen und weiß nicht, was mir zusteht")
    asks = payloads(replies, "ask")
    assert [ask["slot"] for ask in asks] in (["contact_preference"], [])
    if asks:
        replies = talk.say("egal")
    (payload,) = payloads(replies, "offers")
    assert payload["municipality"]["name"] == "Gelsenkirchen"
    assert payload["offers"][0]["category"] == "familienbuero"


@pytest.mark.parametrize(
    ("text", "first_phone"),
    [
        ("Mein Mann schlägt mich", "110"),
        ("ich will nicht mehr leben", "0800 111 0 111"),
        ("mein baby atmet nicht", "112"),
        ("Ich habe Angst, dass ich meinem Baby etwas antue", "110"),
    ],
)
def test_danger_gets_the_emergency_card_in_the_very_first_reply(
    talk: Conversation, text: str, first_phone: str
) -> None:
    replies = talk.say(text)
    (card,) = payloads(replies, "emergency")
    assert card["numbers"][0]["phone"] == first_phone
    assert replies.index(next(m for m in replies if m.get("custom") == card)) <= 1


def test_danger_in_the_middle_of_the_questions(talk: Conversation) -> None:
    assert payloads(talk.say("ich brauche hilfe mit dem kindergeld"), "ask")
    replies = talk.say("Mein Freund hat mich gestern wieder geschlagen")
    assert payloads(replies, "emergency")
    assert not payloads(replies, "ask"), "no further question right after the emergency card"


def test_outside_nrw_is_said_kindly(talk: Conversation) -> None:
    talk.say("ich brauche hilfe bei anträgen")
    replies = talk.say("10115")
    text = " ".join(m.get("text", "") for m in replies)
    assert "nicht in Nordrhein-Westfalen" in text
    assert "0800 111 0 550" in text


def test_a_person_gets_the_familienbuero_contact(talk: Conversation) -> None:
    talk.say("Ich bin schwanger, wohne in Gelsenkirchen und weiß nicht, was mir zusteht")
    talk.say("egal")
    replies = talk.say("ich möchte mit einem menschen sprechen")
    (handoff,) = payloads(replies, "handoff")
    assert handoff["contact"]["phone"].startswith("0221 4710")
