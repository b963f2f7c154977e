"""The rule-based crisis safety net: each kind of danger, and no alarm on everyday worries."""

from __future__ import annotations

import pytest

from bot.nlu.crisis import detect


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Mein Mann schlägt mich", "violence"),
        ("er hat mich gestern wieder geschlagen", "violence"),
        ("mein freund bedroht mich und die kinder", "violence"),
        ("my husband hits me", "violence"),
        ("Ich habe Angst, dass ich meinem Baby etwas antue", "child_danger"),
        ("mein kind wird vom nachbarn geschlagen", "child_danger"),
        ("er schlägt unser kind", "child_danger"),
        ("Ich will nicht mehr leben", "suicidal"),
        ("ich denke an selbstmord", "suicidal"),
        ("ich will mich umbringen", "suicidal"),
        ("i want to die", "suicidal"),
        ("mein baby atmet nicht", "medical"),
        ("Kind hat einen Fieberkrampf", "medical"),
        ("ich bin schwanger und blute stark", "medical"),
        ("er hat putzmittel verschluckt", "medical"),
    ],
)
def test_plain_danger_signals_are_caught(text: str, kind: str) -> None:
    assert detect(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Ich bin schwanger und wohne in Gelsenkirchen",
        "mein sohn haut in der kita andere kinder",
        "wir streiten oft wegen der hausaufgaben",
        "ich bin so müde, das baby schläft nicht",
        "können sie mir einen vorschlag machen",
        "kindergeld antrag hilfe",
        "meine tochter hat schnupfen und fieber",
        "wo gibt es einen kurs für gewaltfreie kommunikation",
    ],
)
def test_everyday_worries_raise_no_alarm(text: str) -> None:
    assert detect(text) is None


def test_violence_with_children_nearby_is_violence_against_the_parent() -> None:
    assert detect("hilfe er schlägt wieder zu, die kinder sind im nebenzimmer") == "violence"
