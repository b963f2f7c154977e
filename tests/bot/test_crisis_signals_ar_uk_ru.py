"""The crisis net in Arabic, Ukrainian and Russian (vocabulary/crisis_signals/{ar,uk,ru}.yml, read by
bot/nlu/crisis_signals.py): a few behaviours per language, in wording that is not in the dev sets
(tests/nlu/<lang>/dev_crisis.yml) — a direct suicidal message, strangling, a baby who does not breathe, an
exaggeration and a past event that ended well (no alarm), a man hit by his wife (male_victim). No Rasa needed."""

from __future__ import annotations

from typing import Any

import pytest

from bot.nlu import crisis_signals
from bot.nlu.crisis import analyse, everyday

# (text, kind, sub) of a plain danger signal.
CRISES = {
    "ar": [
        ("صرت فكر جديا اني انتحر الليلة", "suicidal", "direct"),
        ("قررت اقتل نفسي وما حدا رح يوقفني", "suicidal", "direct"),
        ("امبارح بالليل خنقني لحد ما دخت", "violence", "strangling"),
        ("الطفلة عمرها شهرين وما عم تتنفس ابدا", "medical", "breathing"),
        ("ibni el baby ma 3am yetnaffas", "medical", "breathing"),
    ],
    "uk": [
        ("я більше не можу, хочу накласти на себе руки", "suicidal", "direct"),
        ("він вчора знову душив мене на кухні", "violence", "strangling"),
        ("немовля зовсім не дихає, що робити", "medical", "breathing"),
    ],
    "ru": [
        ("решила покончить с собой, все уже приготовила", "suicidal", "direct"),
        ("сожитель схватил меня за горло и душил", "violence", "strangling"),
        ("грудничок перестал дышать, помогите", "medical", "breathing"),
    ],
}
# A man hurt by his wife: a violence alarm that names him as the victim.
MALE_VICTIMS = {
    "ar": ["انا رجال وزوجتي بتضربني كل ما تعصب", "مراتي ضربتني بالكرسي وانا راجل"],
    "uk": ["я батько двох дітей, а жінка б'є мене і дряпає", "дружина вдарила мене сковорідкою, я чоловік"],
    "ru": ["я мужик, а жена избивает меня при детях", "супруга ударила меня утюгом, я отец троих детей"],
}
# Everyday messages with a danger word in them: no signal, and the classifier's crisis alarm is vetoed too.
HARMLESS = {
    "ar": [
        "ولادي رح يجننوني من الصبح 😂",
        "مت من الضحك لما شفت رسمته",
        "ابني كان عنده تشنج حراري قبل سنتين والحمدلله كل شي تمام هلق",
    ],
    "uk": [
        "я просто вмираю від сміху з цієї відповіді",
        "донька колись випила сироп від кашлю, лікар сказав нічого страшного",
        "минулого року синові було важко дихати при бронхіті, зараз все добре",
    ],
    "ru": [
        "я щас помру со смеху, он опять нарядился в мою шапку",
        "сын когда-то проглотил пуговицу, врач сказал все в порядке",
        "год назад у дочки были судороги при температуре, сейчас все хорошо",
    ],
}


def _cases(table: dict[str, list[Any]]) -> list[Any]:
    """One pytest case per entry, named by its language: "ar-0", "uk-2", …"""
    return [
        pytest.param(*([case] if isinstance(case, str) else case), id=f"{language}-{number}")
        for language, cases in table.items()
        for number, case in enumerate(cases)
    ]


def test_the_three_files_load_with_every_kind() -> None:
    loaded = {language.language: language for language in crisis_signals.all_languages()}
    for code in ("ar", "uk", "ru"):
        language = loaded[code]
        assert {signal.kind for signal in language.signals} == {"violence", "child_danger", "suicidal", "medical"}
        assert language.harmless is not None and language.danger_words is not None
        assert language.male_victim is not None


@pytest.mark.parametrize(("text", "kind", "sub"), _cases(CRISES))
def test_a_plain_danger_is_a_crisis_of_its_kind(text: str, kind: str, sub: str) -> None:
    finding = analyse(text)
    assert finding is not None, text
    assert (finding.kind, finding.sub) == (kind, sub)
    # The file's own gate names the danger too (crisis.names_danger reads Latin-script text as German).
    assert crisis_signals.names_danger(text) and not crisis_signals.harmless(text)


@pytest.mark.parametrize("text", _cases(MALE_VICTIMS))
def test_a_man_hit_by_his_wife_is_a_male_victim(text: str) -> None:
    finding = analyse(text)
    assert finding is not None, text
    assert finding.kind == "violence"
    assert finding.male_victim


@pytest.mark.parametrize("text", _cases(HARMLESS))
def test_an_exaggeration_or_a_past_event_that_ended_well_is_no_alarm(text: str) -> None:
    assert analyse(text) is None, analyse(text)
    assert everyday(text)


def test_ukrainian_and_russian_patterns_do_not_fire_on_german() -> None:
    for text in ("Ich habe ein Baby und suche eine Kita in Köln", "mein mann ist Vater von drei kindern"):
        assert crisis_signals.find(text) is None
