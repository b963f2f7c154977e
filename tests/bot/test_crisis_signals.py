"""The crisis-signal files of the languages besides German (bot/nlu/crisis_signals.py): every language has one,
every file covers the four kinds, and no file raises a false alarm on German messages (the German net reads them)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.nlu import crisis_signals
from vocabulary.crisis import CRISIS_KINDS
from vocabulary.texts import DEFAULT_LANGUAGE, languages

GERMAN_DEV_SET = Path("data/crisis/de_rounds_1-6.yml")


def test_every_language_besides_german_has_a_file_with_the_four_kinds() -> None:
    loaded = {language.language: language for language in crisis_signals.all_languages()}
    assert set(loaded) == set(languages()) - {DEFAULT_LANGUAGE}
    for code, language in loaded.items():
        assert {signal.kind for signal in language.signals} == set(CRISIS_KINDS), code
        assert language.harmless is not None, code
        assert language.male_victim is not None, code


def test_a_file_with_an_unknown_kind_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "xx.yml"
    path.write_text("signals:\n  - {kind: flood, sub: water, patterns: ['\\\\bflood\\\\b']}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown kind"):
        crisis_signals.load(path)


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Öldüreceğim", "oldurecegim"), ("أقتل", "اقتل"), ("УБЬЁТ", "убьет"), ("مدرسة", "مدرسه"), ("Işık", "isik")],
)
def test_text_and_patterns_fold_alike(text: str, folded: str) -> None:
    assert crisis_signals.fold(text) == folded


def test_escapes_keep_their_meaning_when_patterns_are_folded(tmp_path: Path) -> None:
    path = tmp_path / "xx.yml"
    pattern = r"\bKNIFE\W+\S"
    path.write_text(yaml.safe_dump({"signals": [{"kind": "violence", "sub": "threats", "patterns": [pattern]}]}))
    (signal,) = crisis_signals.load(path).signals
    assert signal.pattern.search("knife! x") and not signal.pattern.search("knifes x")


def test_no_other_language_raises_an_alarm_on_harmless_german_messages() -> None:
    messages = yaml.safe_load(GERMAN_DEV_SET.read_text(encoding="utf-8"))["messages"]
    harmless = [entry["text"] for entry in messages if entry["kind"] is None]
    fired = [message for message in harmless if crisis_signals.find(message) is not None]
    assert fired == []
