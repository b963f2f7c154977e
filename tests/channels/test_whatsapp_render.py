"""Bot messages as WhatsApp bodies: numbered or lettered choices, the answer back to the payload, the size limit."""

from __future__ import annotations

from typing import Any

from bot.channels.whatsapp.render import MAX_BODY_CHARS, bodies, choice_payload
from vocabulary import messages
from vocabulary.texts import text

TOPIC_QUESTION: dict[str, Any] = {
    "text": "Wobei brauchen Sie Hilfe?",
    "buttons": [
        {"title": "Schwangerschaft und Geburt", "payload": "/need_birth"},
        {"title": "Geld und Anträge", "payload": "/need_money"},
        {"title": "Streit in der Familie", "payload": "/need_conflict"},
    ],
    "custom": messages.ask("topic", "choice"),
}
AGE_QUESTION: dict[str, Any] = {
    "text": "Wie alt ist Ihr Kind? Oder sind Sie schwanger?",
    "buttons": [
        {"title": "Ich bin schwanger", "payload": '/inform{"life_phase": "schwangerschaft"}'},
        {"title": "Jünger als 1 Jahr", "payload": '/inform{"life_phase": "baby"}'},
    ],
    "custom": messages.ask("child_age", "number"),
}


def offer(number: int) -> dict[str, Any]:
    return {
        "id": number,
        "name": f"Familienbüro {number}",
        "category_label": "Familienbüro",
        "why": "Hier bekommt man Hilfe bei Anträgen. " * 60,
        "phone": f"0221 4710 {number:03d}",
        "address": "Beispielstraße 1, 44137 Dortmund",
        "opening_hours": "Mo-Fr 9-12",
        "demo": True,
    }


def test_buttons_become_numbered_lines_then_how_to_answer() -> None:
    (body,) = bodies(TOPIC_QUESTION, "de")
    assert body.splitlines() == [
        "Wobei brauchen Sie Hilfe?",
        "",
        "1 Schwangerschaft und Geburt",
        "2 Geld und Anträge",
        "3 Streit in der Familie",
        "",
        text("channel.choose_number", "de"),
    ]


def test_a_question_that_wants_a_number_letters_its_choices() -> None:
    (body,) = bodies(AGE_QUESTION, "de")
    lines = body.splitlines()
    assert "A Ich bin schwanger" in lines
    assert "B Jünger als 1 Jahr" in lines
    assert lines[-1] == text("channel.choose_letter", "de")
    assert not any(line.startswith("1 ") for line in lines)


def test_a_number_picks_the_payload_of_that_button() -> None:
    assert choice_payload(TOPIC_QUESTION, "1", "de") == "/need_birth"
    assert choice_payload(TOPIC_QUESTION, " 3. ", "de") == "/need_conflict"
    assert choice_payload(TOPIC_QUESTION, "4", "de") is None
    assert choice_payload(TOPIC_QUESTION, "0", "de") is None
    assert choice_payload(TOPIC_QUESTION, "Geld", "de") is None


def test_a_letter_picks_the_payload_and_a_number_stays_an_age() -> None:
    assert choice_payload(AGE_QUESTION, "a", "de") == '/inform{"life_phase": "schwangerschaft"}'
    assert choice_payload(AGE_QUESTION, "B)", "de") == '/inform{"life_phase": "baby"}'
    assert choice_payload(AGE_QUESTION, "2", "de") is None
    assert choice_payload(AGE_QUESTION, "1", "de") is None


def test_a_message_without_buttons_picks_nothing() -> None:
    assert choice_payload({"text": "Danke."}, "1", "de") is None


def test_long_replies_are_split_below_the_whatsapp_limit_without_losing_text() -> None:
    message = {
        "text": "Das passt zu Ihnen in Dortmund:",
        "custom": messages.offers({"name": "Dortmund"}, {"name": "Jugendamt"}, [offer(n) for n in range(1, 4)]),
    }
    sent = bodies(message, "de")
    assert len(sent) > 4, "each offer is over 1,600 characters and must be split"
    assert all(0 < len(body) <= MAX_BODY_CHARS for body in sent)
    joined = "\n".join(sent)
    assert joined.count("Hilfe bei Anträgen") == 3 * 60
    for number in range(1, 4):
        assert f"0221 4710 {number:03d}" in joined
    assert sent[0] == "Das passt zu Ihnen in Dortmund:"


def test_emergency_numbers_come_first_and_on_their_own() -> None:
    message = {
        "text": "Das tut mir leid.",
        "custom": messages.emergency("violence", [{"label": "Polizei", "phone": "110", "hours": "immer"}]),
    }
    first, second = bodies(message, "de")
    assert "110" in first and "Das tut mir leid." not in first
    assert second == "Das tut mir leid."
