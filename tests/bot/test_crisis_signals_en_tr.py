"""The English and Turkish crisis signals (vocabulary/crisis_signals/en.yml, tr.yml): a few behaviours that must not
regress. The messages are written for this test, not taken from the dev sets (tests/nlu/en|tr/dev_crisis.yml, where
the figures are): a plain danger is caught with its kind, an exaggeration or a past event that ended well is not,
and a man hurt by his wife is recognised as the one hurt."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.nlu import crisis_signals
from bot.nlu.crisis import analyse


@pytest.mark.parametrize(
    ("text", "kind", "sub"),
    [
        # English
        ("I've made up my mind, I'm going to kill myself this weekend", "suicidal", "direct"),
        ("last night he wrapped his hands round my throat and pressed hard", "violence", "strangling"),
        ("help the baby stopped breathing", "medical", "breathing"),
        ("my 2 yr old got into the cupboard and drank some drain cleaner", "medical", "poisoning"),
        # Turkish, with and without the Turkish letters
        ("Artık kendimi öldürmeye karar verdim.", "suicidal", "direct"),
        ("kocam dün boğazımı iki eliyle sıktı", "violence", "strangling"),
        ("esim bogazimi sikti nefes alamadim", "violence", "strangling"),
        ("bebek nefes almıyor yardım edin", "medical", "breathing"),
        ("kucuk bulasik deterjani yutmus galiba", "medical", "poisoning"),
    ],
)
def test_plain_danger_is_caught(text: str, kind: str, sub: str) -> None:
    found = crisis_signals.find(text)
    assert found is not None, text
    assert found.kinds[0] == kind
    assert found.sub == sub
    finding = analyse(text)
    assert finding is not None and finding.kind == kind


@pytest.mark.parametrize(
    "text",
    [
        # exaggerations
        "lol my twins are killing me today",
        "I could murder my husband, he booked the wrong Kita appointment again",
        "ayy gülmekten öldüm 😂",
        "bu kira artışı beni öldürdü resmen",
        # past events that ended well
        "my daughter had a seizure two years ago and has been fine ever since, we want a swimming course",
        "kızım iki yıl önce havale geçirdi, o zamandan beri hiçbir sorun yok",
        "oglum bebekken bir kere deterjan yalamis, doktor zararsiz dedi",
        # a question asked to learn
        "where can I do a first aid course so I know what to do if my baby stops breathing?",
    ],
)
def test_everyday_readings_raise_nothing(text: str) -> None:
    assert crisis_signals.find(text) is None, text


@pytest.mark.parametrize(
    "text",
    ["my wife punches me when she's drunk", "karım her tartışmada beni tokatlıyor"],
)
def test_a_man_hit_by_his_wife_is_the_one_hurt(text: str) -> None:
    found = crisis_signals.find(text)
    assert found is not None and found.kinds[0] == "violence"
    assert found.male_victim
    assert crisis_signals.male_victim(text)


def test_a_woman_hit_by_her_husband_is_not_a_male_victim() -> None:
    for text in ("my husband punches me when he's drunk", "kocam her tartışmada beni tokatlıyor"):
        found = crisis_signals.find(text)
        assert found is not None and found.kinds[0] == "violence"
        assert not found.male_victim, text


def test_a_child_hurt_by_an_adult_is_child_danger_not_violence() -> None:
    for text in ("her boyfriend slapped my son across the face", "kocam oğlumu terlikle dövüyor"):
        found = crisis_signals.find(text)
        assert found is not None and found.kinds[0] == "child_danger", text


@pytest.mark.parametrize("code", ["en", "tr"])
def test_no_upper_case_escape_in_the_patterns(code: str) -> None:
    """fold() lower-cases the patterns too: a \\W would silently become \\w and the pattern would never match."""
    text = (Path(crisis_signals.SIGNALS_DIR) / f"{code}.yml").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in lines if any(escape in line for escape in ("\\W", "\\S", "\\D", "\\B"))]
