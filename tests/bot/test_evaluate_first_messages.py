"""The end-to-end runner for first messages (bot/tools/evaluate_first_messages.py), against a scripted assistant."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.tools.evaluate_crisis import FirstMessage, load_first_messages
from bot.tools.evaluate_first_messages import (
    DEV_SET,
    NEED_FOR_CATEGORY,
    age_answer,
    converse,
    print_report,
    report,
)
from vocabulary.categories import CATEGORY_SLUGS

ROOT = Path(__file__).resolve().parents[2]


def ask(slot: str, buttons: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {"text": "?", "buttons": buttons or [], "custom": {"type": "ask", "slot": slot, "input": "text"}}


def offers(*categories: str) -> dict[str, Any]:
    return {"text": "", "custom": {"type": "offers", "offers": [{"category": c} for c in categories]}}


class Scripted:
    """Answers from a list, one reply list per message, and records what the runner said."""

    def __init__(self, *replies: list[dict[str, Any]]) -> None:
        self.replies = list(replies)
        self.heard: list[str] = []

    def __call__(self, text: str) -> list[dict[str, Any]]:
        self.heard.append(text)
        return self.replies.pop(0)


def test_every_category_has_the_need_whose_route_starts_with_it() -> None:
    assert set(NEED_FOR_CATEGORY) == set(CATEGORY_SLUGS)
    assert NEED_FOR_CATEGORY["uebergang_beruf"] == "job_training"


def test_the_questions_are_answered_from_the_fields() -> None:
    message = FirstMessage("hallo", "familienzentrum", place="Köln", age=2)
    say = Scripted(
        [ask("postal_code")], [ask("life_phase")], [ask("topic")], [offers("familienzentrum", "familienbuero")]
    )
    outcome = converse(message, say)
    assert outcome.passed and outcome.turns == 4
    assert say.heard == ["hallo", "Köln", "2 Jahre", "/need_childcare"]


def test_pregnancy_months_choices_and_the_contact_preference() -> None:
    message = FirstMessage("x", "lotsendienst_geburtsklinik", place="Borken", pregnant=True)
    choice = [{"title": "Borken", "payload": '/inform{"town": "Borken"}'}, {"title": "Bocholt", "payload": "/b"}]
    say = Scripted(
        [ask("postal_code", choice)], [ask("life_phase")], [ask("contact_preference")], [offers("aufsuchend")]
    )
    outcome = converse(message, say)
    assert say.heard[1:] == ['/inform{"town": "Borken"}', "ich bin schwanger", "egal"]
    assert not outcome.passed and outcome.reason == "first offer aufsuchend"
    assert age_answer(0.25) == "3 Monate" and age_answer(1.5) == "1,5 Jahre"


def test_need_buttons_without_a_question_are_tapped() -> None:
    buttons = [{"title": "Schule", "payload": "/need_school"}]
    say = Scripted([{"text": "Hallo!", "buttons": buttons}], [offers("familiengrundschulzentrum")])
    assert converse(FirstMessage("hallo", "familiengrundschulzentrum"), say).passed
    assert say.heard == ["hallo", "/need_school"]


@pytest.mark.parametrize(
    ("replies", "reason"),
    [
        ([[{"text": "!", "custom": {"type": "emergency", "numbers": []}}]], "emergency card"),
        ([[{"text": "Das habe ich nicht verstanden."}]], "no question and no offers"),
        ([[ask("contact_preference")]] * 4, "no offers within 4 turns"),
        ([[offers()]], "no offers"),
    ],
)
def test_failures_are_named(replies: list[list[dict[str, Any]]], reason: str) -> None:
    outcome = converse(FirstMessage("x", "beratung", place="Köln"), Scripted(*replies))
    assert not outcome.passed and outcome.reason == reason


def test_the_report_counts_per_category() -> None:
    passed = converse(FirstMessage("a", "beratung"), Scripted([offers("beratung")]))
    failed = converse(FirstMessage("b", "beratung"), Scripted([offers("familienbuero")]))
    summary = report([passed, failed], 4)
    assert summary["rate"] == 0.5 and summary["by_category"]["beratung"] == {"messages": 2, "passed": 1}
    assert [failure["text"] for failure in summary["failures"]] == ["b"]


def test_a_held_out_sets_messages_stay_off_the_screen(capsys: pytest.CaptureFixture[str]) -> None:
    failed = converse(FirstMessage("a held-out text", "beratung"), Scripted([offers("familienbuero")]))
    summary = report([failed], 4)
    print_report(summary, verbose=True, list_messages=False)
    shown = capsys.readouterr().out
    assert "Failures: 1" in shown and "a held-out text" not in shown
    print_report(summary, verbose=False)
    assert "a held-out text" in capsys.readouterr().out


def test_the_dev_set_is_large_and_covers_every_route() -> None:
    messages = load_first_messages(ROOT / DEV_SET)
    assert len(messages) >= 80
    assert {message.category for message in messages} == set(CATEGORY_SLUGS)
    assert all(message.place is None or message.place.lower() in message.text.lower() for message in messages)
