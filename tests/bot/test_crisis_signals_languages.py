"""The crisis net in English, Turkish, Arabic, Ukrainian and Russian (vocabulary/crisis_signals/<code>.yml, read by
bot/nlu/crisis_signals.py): a few behaviours per language, in wording that is not in the dev sets
(data/crisis/<code>.yml, where the figures are) — a plain danger is caught with its kind and situation, an
exaggeration, a past event that ended well or a question asked to learn is no alarm, and a man hurt by his wife is
the one hurt. No Rasa model needed."""

from __future__ import annotations

from typing import Any

import pytest

from bot.nlu import crisis_signals
from bot.nlu.crisis import analyse

# (text, kind, sub) of a plain danger signal.
CRISES = {
    "en": [
        ("I've made up my mind, I'm going to kill myself this weekend", "suicidal", "direct"),
        ("last night he wrapped his hands round my throat and pressed hard", "violence", "strangling"),
        ("help the baby stopped breathing", "medical", "breathing"),
        ("my 2 yr old got into the cupboard and drank some drain cleaner", "medical", "poisoning"),
        ("i press a cigarette on my arm when the kids are asleep", "suicidal", "self_harm"),
        (
            "the baby is 3 weeks, i keep wanting to put the blanket over her face until she is quiet",
            "child_danger",
            "fear_of_harming",
        ),
        ("my brother in law picked her up by the throat, she is 3", "child_danger", "hitting_child"),
        ("he picked me up by the throat and threw me on the bed", "violence", "strangling"),
    ],
    # Turkish with and without the Turkish letters.
    "tr": [
        ("Artık kendimi öldürmeye karar verdim.", "suicidal", "direct"),
        ("kocam dün boğazımı iki eliyle sıktı", "violence", "strangling"),
        ("esim bogazimi sikti nefes alamadim", "violence", "strangling"),
        ("bebek nefes almıyor yardım edin", "medical", "breathing"),
        ("kucuk bulasik deterjani yutmus galiba", "medical", "poisoning"),
        ("sigarayla bileklerimi yakiyorum kimse bilmiyor", "suicidal", "self_harm"),
        ("bebek 2 haftalik, bazen yuzune yorgani bastirip susturmak istiyorum", "child_danger", "fear_of_harming"),
        ("babasi oglumu boynundan tutup yere atti", "child_danger", "hitting_child"),
        # A partner who burns the writer's arm: violence, not self-harm.
        ("esim kolumu utuyle yakti", "violence", "hitting"),
    ],
    "ar": [
        ("صرت فكر جديا اني انتحر الليلة", "suicidal", "direct"),
        ("قررت اقتل نفسي وما حدا رح يوقفني", "suicidal", "direct"),
        ("امبارح بالليل خنقني لحد ما دخت", "violence", "strangling"),
        ("الطفلة عمرها شهرين وما عم تتنفس ابدا", "medical", "breathing"),
        ("ibni el baby ma 3am yetnaffas", "medical", "breathing"),
        ("سكّر على تمي ومناخيري بإيده وما خلاني اتنفس", "violence", "strangling"),
    ],
    "uk": [
        ("я більше не можу, хочу накласти на себе руки", "suicidal", "direct"),
        ("він вчора знову душив мене на кухні", "violence", "strangling"),
        ("немовля зовсім не дихає, що робити", "medical", "breathing"),
        ("він грозився що мене закопає в лісі", "violence", "threats"),
    ],
    "ru": [
        ("решила покончить с собой, все уже приготовила", "suicidal", "direct"),
        ("сожитель схватил меня за горло и душил", "violence", "strangling"),
        ("грудничок перестал дышать, помогите", "medical", "breathing"),
        ("отчим по вечерам раздевает младшую и запирается с ней", "child_danger", "sexual_abuse"),
    ],
}
# Everyday messages with a danger word in them: no signal.
HARMLESS = {
    "en": [
        "lol my twins are killing me today",
        "I could murder my husband, he booked the wrong Kita appointment again",
        "my daughter had a seizure two years ago and has been fine ever since, we want a swimming course",
        "where can I do a first aid course so I know what to do if my baby stops breathing?",
        "I can't leave the house with two toddlers alone, is there a playgroup nearby?",
        "I got my school certificate last week and want an apprenticeship",
        "my 5 year old got angry at bedtime and bit me on the arm",
        "my manager doesnt let me leave before 6, is that legal?",
        "the scratch on her cheek from the cat has completely healed",
    ],
    "tr": [
        "ayy gülmekten öldüm 😂",
        "bu kira artışı beni öldürdü resmen",
        "kızım iki yıl önce havale geçirdi, o zamandan beri hiçbir sorun yok",
        "oglum bebekken bir kere deterjan yalamis, doktor zararsiz dedi",
        "3 yasindaki kizim parkta sinirlenip bana tokat atti 🙈",
        "mutfakta ekmek keserken parmagimi kestim, bant yeter mi",
    ],
    "ar": [
        "ولادي رح يجننوني من الصبح 😂",
        "مت من الضحك لما شفت رسمته",
        "ابني كان عنده تشنج حراري قبل سنتين والحمدلله كل شي تمام هلق",
        "ابني كان يجيه تشنج مع الحرارة وهو رضيع، وما رجع صار معه شي من وقتها",
    ],
    "uk": [
        "я просто вмираю від сміху з цієї відповіді",
        "донька колись випила сироп від кашлю, лікар сказав нічого страшного",
        "минулого року синові було важко дихати при бронхіті, зараз все добре",
        "ці рахунки з Familienkasse мене вб'ють 🙈",
    ],
    "ru": [
        "я щас помру со смеху, он опять нарядился в мою шапку",
        "сын когда-то проглотил пуговицу, врач сказал все в порядке",
        "год назад у дочки были судороги при температуре, сейчас все хорошо",
        "убила бы за шоколадку прямо сейчас",
    ],
}
# The whole net (the German rules too) raises nothing on these (the harmless readings of the language's file).
VETOED = ("ar", "uk", "ru")
# A man hurt by his wife: a violence alarm that names him as the one hurt.
MALE_VICTIMS = {
    "en": ["my wife punches me when she's drunk"],
    "tr": ["karım her tartışmada beni tokatlıyor"],
    "ar": ["انا رجال وزوجتي بتضربني كل ما تعصب", "مراتي ضربتني بالكرسي وانا راجل"],
    "uk": ["я батько двох дітей, а жінка б'є мене і дряпає", "дружина вдарила мене сковорідкою, я чоловік"],
    "ru": ["я мужик, а жена избивает меня при детях", "супруга ударила меня утюгом, я отец троих детей"],
}


def _cases(table: dict[str, list[Any]]) -> list[Any]:
    """One pytest case per entry, named by its language: "ar-0", "uk-2", …"""
    return [
        pytest.param(*([case] if isinstance(case, str) else case), id=f"{language}-{number}")
        for language, cases in table.items()
        for number, case in enumerate(cases)
    ]


@pytest.mark.parametrize(("text", "kind", "sub"), _cases(CRISES))
def test_a_plain_danger_is_a_crisis_of_its_kind(text: str, kind: str, sub: str) -> None:
    found = crisis_signals.find(text)
    assert found is not None, text
    assert (found.kinds[0], found.sub) == (kind, sub)
    finding = analyse(text)
    assert finding is not None and (finding.kind, finding.sub) == (kind, sub)


@pytest.mark.parametrize("text", _cases(HARMLESS))
def test_an_everyday_reading_raises_nothing(text: str) -> None:
    assert crisis_signals.find(text) is None, text


@pytest.mark.parametrize("text", _cases({code: HARMLESS[code] for code in VETOED}))
def test_an_everyday_reading_raises_nothing_in_the_whole_net(text: str) -> None:
    assert analyse(text) is None, analyse(text)


@pytest.mark.parametrize("text", _cases(MALE_VICTIMS))
def test_a_man_hit_by_his_wife_is_the_one_hurt(text: str) -> None:
    finding = analyse(text)
    assert finding is not None and finding.kind == "violence", text
    assert finding.male_victim
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


def test_the_files_do_not_fire_on_german() -> None:
    for text in ("Ich habe ein Baby und suche eine Kita in Köln", "mein mann ist Vater von drei kindern"):
        assert crisis_signals.find(text) is None
