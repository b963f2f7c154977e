"""Children's ages and a pregnancy in English, Turkish, Arabic, Ukrainian and Russian (vocabulary/facts.py with the
tables of vocabulary/facts_words.py): the ways families write them, and the numbers that are no age."""

from __future__ import annotations

import pytest

from vocabulary.facts import ChildStage, find_facts, need_of, parse_stage, postal_codes, youngest

PREGNANT = ChildStage("schwangerschaft", None)


def _ages(text: str) -> list[str]:
    return [fact.value for fact in find_facts(text).ages]


def _stage(text: str) -> ChildStage | None:
    return youngest(find_facts(text).stages)


# --- ages in a message: (message, values found, youngest stage) -----------------------------------------------------

MESSAGES: dict[str, list[tuple[str, list[str], ChildStage]]] = {
    "en": [
        ("my daughter is 8 and my son 3", ["8", "3"], ChildStage("kita", 3.0)),
        ("three kids: 2, 5 and 9", ["2", "5", "9"], ChildStage("kleinkind", 2.0)),
        ("my son is 7 years old and can't read", ["7 years"], ChildStage("grundschule", 7.0)),
        ("postcode 57462, baby 4 months", ["4 months"], ChildStage("baby", 0.33)),
        ("he's 18 months and doesn't talk yet", ["18 months"], ChildStage("kleinkind", 1.5)),
        ("I'm 32 weeks pregnant and have no midwife", ["I'm 32 weeks pregnant"], PREGNANT),
        ("first time mum, 35 weeks, panicking a bit", ["35 weeks"], PREGNANT),
        ("I am in the 20th week", ["20th week"], PREGNANT),
        ("she's in year 4 and struggles with maths", ["year 4"], ChildStage("grundschule", 9.0)),
        ("he is in 7th grade at the Gesamtschule", ["7th grade"], ChildStage("schule", 12.0)),
        ("my baby is 3 weeks old", ["3 weeks"], ChildStage("baby", 0.06)),
        ("I'm 17 and can't find an Ausbildung", ["17"], ChildStage("beruf", 17.0)),
        ("she is 2 and a half", ["2 and a half"], ChildStage("kleinkind", 2.5)),
        ("a toddler, he goes to Kita", ["toddler"], ChildStage("kleinkind", 2.0)),
    ],
    "tr": [
        ("kızım 8", ["8"], ChildStage("grundschule", 8.0)),
        ("oğlum 3 yaşında, Kita arıyoruz", ["3 yaşında"], ChildStage("kita", 3.0)),
        ("6 aylık bebeğim var", ["6 aylık"], ChildStage("baby", 0.5)),
        ("32. haftadayım, ebe bulamadım", ["32. haftadayım"], PREGNANT),
        ("hamileyim ve Essen'de yaşıyorum", ["hamileyim"], PREGNANT),
        ("7 aylik hamileyim", ["7 aylik hamileyim"], PREGNANT),
        ("kızım 2. sınıfta", ["2. sınıfta"], ChildStage("grundschule", 7.0)),
        ("cocuklar 3 ve 6 yasinda", ["3", "6 yasinda"], ChildStage("kita", 3.0)),
        ("üç çocuk: 1, 4 ve 9", ["1", "4", "9"], ChildStage("kleinkind", 1.0)),
        ("küçük 6 aylık, büyük 8", ["6 aylık", "8"], ChildStage("baby", 0.5)),
        ("oğlum iki buçuk yaşında", ["iki buçuk yaşında"], ChildStage("kleinkind", 2.5)),
        ("17 yaşındayım, meslek eğitimi arıyorum", ["17 yaşındayım"], ChildStage("beruf", 17.0)),
        ("bebeğim 3 haftalık", ["3 haftalık"], ChildStage("baby", 0.06)),
    ],
    "ar": [
        ("بنتي 8", ["8"], ChildStage("grundschule", 8.0)),
        ("ابني عمره 3 سنين", ["3 سنين"], ChildStage("kita", 3.0)),
        ("عمره ٣ سنين", ["٣ سنين"], ChildStage("kita", 3.0)),
        ("بنتي عمرها سنتين", ["سنتين"], ChildStage("kleinkind", 2.0)),
        ("عمرها سنة ونص", ["سنة ونص"], ChildStage("kleinkind", 1.5)),
        ("انا حامل بالشهر الخامس", ["حامل", "بالشهر الخامس"], PREGNANT),
        ("حامل في الأسبوع 20", ["حامل", "الأسبوع 20"], PREGNANT),
        ("ابني بالصف التالت", ["صف التالت"], ChildStage("grundschule", 8.0)),
        ("ولادي 3 و 5", ["3", "5"], ChildStage("kita", 3.0)),
        ("بنتي 8 شهور", ["8 شهور"], ChildStage("baby", 0.67)),
        ("عمري 17 وبدي تدريب", ["17"], ChildStage("beruf", 17.0)),
        ("البيبي عمره 3 اسابيع", ["3 اسابيع"], ChildStage("baby", 0.06)),
    ],
    "uk": [
        ("донька 8", ["8"], ChildStage("grundschule", 8.0)),
        ("доньці 8 років", ["8 років"], ChildStage("grundschule", 8.0)),
        ("синові 5, доньці 3", ["5", "3"], ChildStage("kita", 3.0)),
        ("йому 3 роки", ["3 роки"], ChildStage("kita", 3.0)),
        ("малюку 3 тижні", ["3 тижні"], ChildStage("baby", 0.06)),
        ("я на 24 тижні, шукаю акушерку", ["на 24 тижні"], PREGNANT),
        ("я вагітна", ["вагітна"], PREGNANT),
        ("донька у 2 класі", ["2 класі"], ChildStage("grundschule", 7.0)),
        ("синові півтора року", ["півтора року"], ChildStage("kleinkind", 1.5)),
        ("Hebamme шукаю терміново, 32 тиждень", ["32 тиждень"], PREGNANT),
        ("трирічний син не говорить", ["трирічний"], ChildStage("kita", 3.0)),
        ("дитині тиждень", ["тиждень"], ChildStage("baby", 0.02)),
        ("мені 17, шукаю Ausbildung", ["17"], ChildStage("beruf", 17.0)),
    ],
    "ru": [
        ("дочке 8", ["8"], ChildStage("grundschule", 8.0)),
        ("дочке 8 лет", ["8 лет"], ChildStage("grundschule", 8.0)),
        ("сыну 5, дочке 3", ["5", "3"], ChildStage("kita", 3.0)),
        ("малышу 3 недели", ["3 недели"], ChildStage("baby", 0.06)),
        ("я на 20 неделе", ["на 20 неделе"], PREGNANT),
        ("я беременна, живу в Эссене", ["беременна"], PREGNANT),
        ("сын во 2 классе", ["2 классе"], ChildStage("grundschule", 7.0)),
        ("ему уже 3 месяца", ["3 месяца"], ChildStage("baby", 0.25)),
        ("дочке два с половиной года", ["два с половиной года"], ChildStage("kleinkind", 2.5)),
        ("30 недель, акушерки нет", ["30 недель"], PREGNANT),
        ("ищу садик для двухлетки", ["двухлетки"], ChildStage("kleinkind", 2.0)),
        ("на седьмом месяце", ["на седьмом месяце"], PREGNANT),
        ("мне 17, ищу Ausbildung", ["17"], ChildStage("beruf", 17.0)),
    ],
}


@pytest.mark.parametrize(
    ("text", "ages", "stage"),
    [pytest.param(*case, id=f"{language}-{case[0]}") for language, cases in MESSAGES.items() for case in cases],
)
def test_ages_and_pregnancy_in_a_message(text: str, ages: list[str], stage: ChildStage) -> None:
    assert _ages(text) == ages
    assert _stage(text) == stage


# --- numbers that are no age: counts, times, postal codes ---------------------------------------------------------

NOT_AGES: dict[str, list[str]] = {
    "en": ["I have 3 kids", "we have been waiting for 3 months", "we moved 2 years ago", "I am 35 and alone"],
    "tr": ["3 çocuğum var", "3 aydır bekliyoruz", "2 yıl önce geldik", "saat 3 te"],
    "ar": ["عندي 3 أولاد", "من 3 شهور ننتظر", "قبل سنتين جينا", "انا 35"],
    "uk": ["в мене 3 дітей", "вже 3 місяці чекаємо", "3 роки тому переїхали", "мені 35"],
    "ru": ["у меня 3 детей", "уже 3 месяца ждем место", "5 лет назад переехали", "мне 35"],
}


@pytest.mark.parametrize(
    "text", [pytest.param(text, id=f"{language}-{text}") for language, texts in NOT_AGES.items() for text in texts]
)
def test_no_age_where_there_is_none(text: str) -> None:
    assert _ages(text) == []


@pytest.mark.parametrize(
    ("text", "codes", "ages"),
    [
        ("we live in 44137, son 4", ["44137"], ["4"]),
        ("Essen 45127, kızım 8", ["45127"], ["8"]),
        ("الرمز البريدي ٤٤١٣٧ وبنتي 5", ["44137"], ["5"]),
        ("живу в 44137, донька 8", ["44137"], ["8"]),
        ("индекс 50823, сыну 3 года", ["50823"], ["3 года"]),
    ],
)
def test_a_postal_code_is_never_an_age(text: str, codes: list[str], ages: list[str]) -> None:
    assert [fact.value for fact in postal_codes(text)] == codes
    assert _ages(text) == ages


# --- one value as DIET marks it or a parent answers -----------------------------------------------------------------

VALUES: dict[str, list[tuple[str, ChildStage]]] = {
    "en": [
        ("3 years old", ChildStage("kita", 3.0)),
        ("6 months", ChildStage("baby", 0.5)),
        ("32 weeks pregnant", PREGNANT),
        ("26 weeks", PREGNANT),
        ("3 weeks", ChildStage("baby", 0.06)),
        ("year 4", ChildStage("grundschule", 9.0)),
        ("4th class", ChildStage("grundschule", 9.0)),
        ("2 and a half", ChildStage("kleinkind", 2.5)),
        ("newborn", ChildStage("baby", 0.0)),
        ("teenager", ChildStage("schule", 13.0)),
        ("pregnant", PREGNANT),
    ],
    "tr": [
        ("3 yaşında", ChildStage("kita", 3.0)),
        ("2 yasinda", ChildStage("kleinkind", 2.0)),
        ("6 aylık", ChildStage("baby", 0.5)),
        ("32. haftadayım", PREGNANT),
        ("hamileyim", PREGNANT),
        ("9 aylık hamileyim", PREGNANT),
        ("2. sınıfta", ChildStage("grundschule", 7.0)),
        ("ikinci sınıf", ChildStage("grundschule", 7.0)),
        ("on iki yaşında", ChildStage("schule", 12.0)),
        ("5 günlük", ChildStage("baby", 0.014)),
        ("yeni doğan", ChildStage("baby", 0.0)),
        ("ilkokulda", ChildStage("grundschule", 7.0)),
        ("ergen", ChildStage("schule", 13.0)),
    ],
    "ar": [
        ("حامل", PREGNANT),
        ("حامل بالشهر السادس", PREGNANT),
        ("بالأسبوع 30", PREGNANT),
        ("٣ سنين", ChildStage("kita", 3.0)),
        ("سنتين", ChildStage("kleinkind", 2.0)),
        ("شهرين", ChildStage("baby", 0.17)),
        ("3 اسابيع", ChildStage("baby", 0.06)),
        ("بالصف الرابع", ChildStage("grundschule", 9.0)),
        ("فالقسم الثاني", ChildStage("grundschule", 7.0)),
        ("البيبي", ChildStage("baby", 0.5)),
        ("مراهق", ChildStage("schule", 13.0)),
        ("في الروضة", ChildStage("kita", 4.0)),
    ],
    "uk": [
        ("3 роки", ChildStage("kita", 3.0)),
        ("півтора року", ChildStage("kleinkind", 1.5)),
        ("вагітна", PREGNANT),
        ("на 24 тижні", PREGNANT),
        ("на 7 місяці", PREGNANT),
        ("у 2 класі", ChildStage("grundschule", 7.0)),
        ("п'ять", ChildStage("kita", 5.0)),
        ("чотирирічною", ChildStage("kita", 4.0)),
        ("немовля", ChildStage("baby", 0.5)),
        ("ходить в кіту", ChildStage("kita", 4.0)),
    ],
    "ru": [
        ("5 лет", ChildStage("kita", 5.0)),
        ("на 20 неделе", PREGNANT),
        ("беременна", PREGNANT),
        ("во 2 классе", ChildStage("grundschule", 7.0)),
        ("в первом классе", ChildStage("grundschule", 6.0)),
        ("1 году", ChildStage("kleinkind", 1.0)),
        ("12-летней", ChildStage("schule", 12.0)),
        ("полтора года", ChildStage("kleinkind", 1.5)),
        ("шесть", ChildStage("grundschule", 6.0)),
        ("новорожденный", ChildStage("baby", 0.0)),
        ("подросток", ChildStage("schule", 13.0)),
        ("в садик", ChildStage("kita", 4.0)),
    ],
}


@pytest.mark.parametrize(
    ("text", "stage"),
    [pytest.param(*case, id=f"{language}-{case[0]}") for language, cases in VALUES.items() for case in cases],
)
def test_a_value_gives_the_stage(text: str, stage: ChildStage) -> None:
    assert parse_stage(text) == stage


@pytest.mark.parametrize("text", ["3 kids", "3 çocuk", "3 أولاد", "3 детей", "3 дітей", "hello", "مرحبا", "привіт"])
def test_no_stage_in_a_count_or_a_greeting(text: str) -> None:
    assert parse_stage(text) is None


# --- the need named in plain words ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "need"),
    [
        ("my son needs help with homework", "school"),
        ("I am so exhausted", "overwhelmed"),
        ("I need help with the forms", "money_forms"),
        ("kızım okulda zorlanıyor", "school"),
        ("kreş arıyoruz", "childcare"),
        ("ابني عنده مشاكل بالمدرسة", "school"),
        ("ما لقينا قابلة بعد الولادة", "birth"),
        ("дочке нужен садик", "childcare"),
        ("мы не можем найти акушерку после родов", "birth"),
        ("потрібен лікар для дитини", "doctor_referral"),
        ("постійно сваримося з сином", "parenting_conflict"),
        ("hello", None),
        ("Kita or money, I don't know", None),
    ],
)
def test_the_need_named_by_plain_words(text: str, need: str | None) -> None:
    assert need_of(text) == need
