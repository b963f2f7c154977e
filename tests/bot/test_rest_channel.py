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


def test_a_town_without_offers_names_the_jugendamt_with_phone_and_web_page(talk: Conversation) -> None:
    """Wuppertal has no offers: the reply carries the Jugendamt's contact as a handoff card (sourced data)."""
    replies = talk.say("Ich bin schwanger, wohne in Wuppertal und weiß nicht, was mir zusteht")
    for _ in range(3):
        if payloads(replies, "handoff") or payloads(replies, "offers"):
            break
        replies = talk.say("egal")
    (offers,) = payloads(replies, "offers")
    assert offers["offers"] == [] and offers["fitting"] is False
    (handoff,) = payloads(replies, "handoff")
    assert handoff["contact"]["name"].startswith("Jugendamt der Stadt Wuppertal")
    assert handoff["contact"]["phone"] and handoff["contact"]["url"].startswith("https://")


# --- issue 10: every fact of a message counts; misunderstandings end with a person, never a third question -----


def _texts(replies: list[dict[str, Any]]) -> str:
    return " ".join(str(m.get("text") or "") for m in replies)


def _slots(system: dict[str, Any], talk: Conversation) -> dict[str, Any]:
    url = f"{system['rasa']}/conversations/{talk.sender}/tracker"
    answer = httpx.get(url, params={"token": system["api_token"]}, timeout=10)
    assert answer.status_code == 200, answer.text
    slots: dict[str, Any] = answer.json()["slots"]
    return slots


def test_town_and_childrens_ages_are_taken_and_an_age_is_no_postal_code(
    system: dict[str, Any], talk: Conversation
) -> None:
    replies = talk.say("Wir wohnen in Dortmund, Kinder 8 und 3")
    said = _texts(replies)
    assert "nicht verstanden" not in said and "Diesen Ort kenne ich nicht" not in said
    # Place and age are known: the next question is the need.
    assert [ask["slot"] for ask in payloads(replies, "ask")] == ["topic"]
    slots = _slots(system, talk)
    assert slots["municipality_name"] == "Dortmund" and slots["postal_code"] != "8"
    assert (slots["life_phase"], slots["child_age"]) == ("kita", 3.0)
    replies = talk.say("/need_childcare")
    for _ in range(2):
        if payloads(replies, "offers"):
            break
        replies = talk.say("egal")
    (offers,) = payloads(replies, "offers")
    assert offers["municipality"]["name"] == "Dortmund"
    assert offers["offers"][0]["category"] == "familienzentrum"


def test_a_pregnancy_in_learner_german_is_understood(system: dict[str, Any], talk: Conversation) -> None:
    replies = talk.say("ich schwanga wohne köln kein deutsch gut")
    assert "nicht verstanden" not in _texts(replies)
    assert [ask["slot"] for ask in payloads(replies, "ask")] == ["topic"]
    slots = _slots(system, talk)
    assert slots["life_phase"] == "schwangerschaft" and slots["municipality_name"] == "Köln"
    replies = talk.say("/need_birth")
    for _ in range(2):
        if payloads(replies, "offers"):
            break
        replies = talk.say("egal")
    (offers,) = payloads(replies, "offers")
    assert offers["offers"][0]["category"] == "lotsendienst_geburtsklinik"


@pytest.mark.parametrize(
    "text",
    [
        "Mein Sohn ist 16 und weiß nicht, was er nach der Schule machen soll. Wir wohnen in Gelsenkirchen",
        "ich bin 16 und hab keine ahnung was ich werden will, wohne in 45879",
    ],
)
def test_a_16_year_old_after_school_gets_the_way_into_a_job_first(talk: Conversation, text: str) -> None:
    replies = talk.say(text)
    for _ in range(3):
        if payloads(replies, "offers"):
            break
        (ask,) = payloads(replies, "ask")
        replies = talk.say({"contact_preference": "egal", "topic": "/need_job_training"}.get(ask["slot"], "16"))
    (offers,) = payloads(replies, "offers")
    assert offers["offers"][0]["category"] == "uebergang_beruf"
    assert "familiengrundschulzentrum" not in [offer["category"] for offer in offers["offers"]]


def test_two_misunderstandings_bring_the_needs_a_contact_and_a_person_never_a_third_question(
    talk: Conversation,
) -> None:
    # Off-topic messages the classifier knows well (out_of_scope): the same path as "not understood".
    first = talk.say("wie wird das wetter morgen")
    assert [ask["slot"] for ask in payloads(first, "ask")] == ["topic"]
    second = talk.say("erzähl mir einen witz")
    (handoff,) = payloads(second, "handoff")
    # No place known yet: the parents' helpline, with its number in the text too.
    assert handoff["contact"]["phone"] == "0800 111 0 550" and "0800 111 0 550" in _texts(second)
    assert [ask["slot"] for ask in payloads(second, "ask")] == ["topic"]
    buttons = [button["payload"] for reply in second for button in reply.get("buttons") or []]
    assert "/need_birth" in buttons and "/need_job_training" in buttons
    third = talk.say("was ist die hauptstadt von frankreich")
    assert payloads(third, "handoff") and not payloads(third, "ask"), "no third identical question"


def test_a_free_text_answer_to_the_need_question_not_understood_twice_moves_on(talk: Conversation) -> None:
    # "Weiß ich nicht" on the need buttons: three questions, the need last.
    talk.say("/dont_know")
    talk.say("44137")
    asked = talk.say("sie ist 4")
    assert [ask["slot"] for ask in payloads(asked, "ask")] == ["topic"]
    again = talk.say("erzähl mir einen witz")
    assert [ask["slot"] for ask in payloads(again, "ask")] == ["topic"]
    assert "Dabei kann ich nicht helfen" in _texts(again)
    moved_on = talk.say("wie wird das wetter morgen")
    assert payloads(moved_on, "ask") == []
    # With what is known (Dortmund, a child of 4): the offers for the under-sixes.
    (offers,) = payloads(moved_on, "offers")
    assert offers["offers"][0]["category"] == "familienzentrum"


def test_misunderstandings_after_the_offers_bring_the_towns_familienbuero(talk: Conversation) -> None:
    talk.say("Ich bin schwanger, wohne in Gelsenkirchen und weiß nicht, was mir zusteht")
    assert payloads(talk.say("egal"), "offers")
    talk.say("wie wird das wetter morgen")
    replies = talk.say("erzähl mir einen witz")
    (handoff,) = payloads(replies, "handoff")
    assert handoff["contact"]["phone"].startswith("0221 4710")
    assert handoff["contact"]["phone"] in _texts(replies)


# --- crisis replies end to end (issue 10): the card in the very first reply, first message or mid-conversation ---


def _first_is_the_card(replies: list[dict[str, Any]]) -> dict[str, Any]:
    # The REST channel sends the emergency words and their card as two messages: both come first.
    (card,) = payloads(replies, "emergency")
    assert replies.index(next(m for m in replies if m.get("custom") == card)) <= 1, "the card comes first"
    assert not payloads(replies, "ask"), "no question right after the emergency card"
    return card


@pytest.mark.parametrize(
    ("text", "first_phones"),
    [
        ("Er hat mich heute Nacht gewürgt und ich habe Angst", ["110", "116 016"]),
        ("ich bin der vater, meine frau schlägt mich seit monaten", ["110", "0800 123 99 00"]),
        ("mein nachbar prügelt seinen sohn, ich höre es jeden abend", ["110", "112"]),
        ("ich will einfach nicht mehr aufwachen", ["0800 111 0 111"]),
        ("die kleine hat waschmittel getrunken", ["112"]),
    ],
)
def test_a_crisis_as_the_first_message(talk: Conversation, text: str, first_phones: list[str]) -> None:
    card = _first_is_the_card(talk.say(text))
    assert [number["phone"] for number in card["numbers"]][: len(first_phones)] == first_phones


def test_a_crisis_after_the_postal_code_question(talk: Conversation) -> None:
    (ask,) = payloads(talk.say("ich brauche hilfe beim elterngeld"), "ask")
    assert ask["slot"] == "postal_code"
    card = _first_is_the_card(talk.say("er hat mich gerade wieder geschlagen, ich sitz im bad"))
    assert card["numbers"][0]["phone"] == "110"


def test_a_man_hit_mid_conversation_gets_the_mens_helpline_with_its_hours(talk: Conversation) -> None:
    talk.say("wir suchen einen kitaplatz")
    card = _first_is_the_card(talk.say("meine partnerin hat mich wieder geschlagen, ich bin ein mann"))
    phones = [number["phone"] for number in card["numbers"]]
    assert phones[:2] == ["110", "0800 123 99 00"] and "116 016" not in phones
    assert card["numbers"][1]["hours"] == "Mo–Do 8–20 Uhr, Fr 8–15 Uhr"


def test_an_everyday_exaggeration_gets_no_card(talk: Conversation) -> None:
    assert not payloads(talk.say("ich sterbe vor lachen, die kinder sind so lustig"), "emergency")
