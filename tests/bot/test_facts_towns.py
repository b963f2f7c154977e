"""Towns the lookup table does not know in a parent's message (bot/nlu/facts.py `towns_named`): named in another
language or script, found also inflected or with a prefix written together, with the key the offers API's locate
resolves; everyday words are no towns. Towns whose name is an everyday word (Heiden, Essen, Lage) count where the
words around them make them a place."""

from __future__ import annotations

import pytest

from bot.nlu.facts import towns_named, without_doubtful_towns


@pytest.mark.parametrize(
    ("text", "said", "key"),
    [
        ("we live in Cologne and my son is 4", "Cologne", "cologne"),
        ("Здравствуйте, сыну 4 года, живём в Кёльне", "Кёльне", "кельн"),
        ("мы из Ахена, нужна помощь с документами", "Ахена", "ахен"),
        ("Живемо у Дюссельдорфі, доньці 2 роки", "Дюссельдорфі", "дюссельдорф"),
        ("نحن ساكنين بكولونيا وعندي طفل", "بكولونيا", "كولونيا"),
        ("انا في دوسلدورف", "دوسلدورف", "دوسلدورف"),
    ],
)
def test_a_town_in_another_language_is_a_town(text: str, said: str, key: str) -> None:
    (town,) = towns_named(text, [])
    assert (text[town["start"] : town["end"]], town["value"], town["entity"]) == (said, key, "town")


@pytest.mark.parametrize(
    "text",
    [
        "wir essen gern zusammen",
        "hilde sagt, der zest einer zitrone",
        "Это очень важно для нас",  # no town, a Cyrillic sentence
        "هذا هام جدا",  # "هام" (important) is also an Arabic name of Hamm: too short to count in a sentence
        "мой кельнер в кафе",
    ],
)
def test_everyday_words_are_no_towns(text: str) -> None:
    assert towns_named(text, []) == []


def test_a_town_another_extractor_found_is_not_found_twice() -> None:
    text = "we live in Cologne"
    found = {"entity": "town", "start": 11, "end": 18, "value": "Cologne", "extractor": "RegexEntityExtractor"}
    assert towns_named(text, [found]) == []


def town(value: str, start: int, end: int, extractor: str) -> dict[str, object]:
    return {"entity": "town", "value": value, "start": start, "end": end, "extractor": extractor}


def test_a_town_only_the_classifier_guessed_gives_way_to_a_town_the_tables_know() -> None:
    # "мы живём в Кёльне, ищем детский сад": DIET once took "сад" (garden) for a town.
    known = town("кельн", 11, 17, "FactExtractor")
    guess = town("сад", 33, 36, "DIETClassifier")
    age = {"entity": "child_age", "value": "4", "start": 20, "end": 21, "extractor": "FactExtractor"}
    assert without_doubtful_towns([known, age, guess]) == [known, age]


def test_the_classifiers_town_stays_where_it_is_the_only_one_or_the_same_as_a_known_one() -> None:
    alone = [town("Kölln", 14, 19, "DIETClassifier")]
    assert without_doubtful_towns(alone) == alone
    same = [town("Köln", 14, 18, "DIETClassifier"), town("Köln", 14, 18, "RegexEntityExtractor")]
    assert without_doubtful_towns(same) == same


@pytest.mark.parametrize(
    ("text", "said", "name"),
    [
        ("Heiden", "Heiden", "Heiden"),  # the answer to "Wo wohnen Sie?"
        ("essen!", "essen", "Essen"),
        ("wohne in heiden, baby kommt im mai", "heiden", "Heiden"),
        ("beratung in Lage?", "Lage", "Lage"),
        ("wir kommen aus Löhne", "Löhne", "Löhne"),
    ],
)
def test_a_town_named_like_an_everyday_word_is_a_town_alone_or_after_in_or_aus(text: str, said: str, name: str) -> None:
    (town,) = towns_named(text, [])
    assert (text[town["start"] : town["end"]], town["value"], town["entity"]) == (said, name, "town")


@pytest.mark.parametrize(
    "text",
    ["wir gehen heute essen", "nach dem essen hat er bauchweh", "ich bin nicht in der lage", "die kinder senden grüße"],
)
def test_the_everyday_word_in_a_sentence_is_no_town(text: str) -> None:
    assert towns_named(text, []) == []
