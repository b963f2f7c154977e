from __future__ import annotations

import pytest

from actions.age import ChildStage, parse_stage, youngest


@pytest.mark.parametrize(
    ("text", "phase", "age"),
    [
        ("2 Jahre", "kleinkind", 2.0),
        ("zweijährig", "kleinkind", 2.0),
        ("18 Monate", "kleinkind", 1.5),
        ("6 Wochen", "baby", 0.12),
        ("Neugeborenes", "baby", 0.0),
        ("10 Tage", "baby", 0.027),
        ("3. Klasse", "grundschule", 8.0),
        ("in der Kita", "kita", 4.0),
        ("bin schwanger", "schwangerschaft", None),
        ("in der 20. Woche", "schwangerschaft", None),
        ("Baby", "baby", 0.5),
        ("16", "beruf", 16.0),
        ("sie ist 7", "grundschule", 7.0),
        ("er wird drei", "kita", 3.0),
        ("anderthalb jahre", "kleinkind", 1.5),
        ("9. klasse", "schule", 14.0),
    ],
)
def test_every_usual_form(text: str, phase: str, age: float | None) -> None:
    assert parse_stage(text) == ChildStage(life_phase=phase, age=age)


def test_no_stage_in_unrelated_text() -> None:
    assert parse_stage("ich wohne in Dortmund") is None
    assert parse_stage("44137") is None


def test_youngest_of_several_children() -> None:
    stages = [parse_stage("7"), parse_stage("3"), parse_stage("12")]
    assert youngest([stage for stage in stages if stage]) == ChildStage("kita", 3.0)
    assert youngest([ChildStage("schule", 12.0), ChildStage("schwangerschaft", None)]).life_phase == "schwangerschaft"
