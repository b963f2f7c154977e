"""Towns named in another language or script in a parent's message (bot/nlu/facts.py `other_towns`): found also
inflected or with a prefix written together, with the key the offers API's locate resolves; everyday words are
no towns."""

from __future__ import annotations

import pytest

from bot.nlu.facts import other_towns


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
    (town,) = other_towns(text, [])
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
    assert other_towns(text, []) == []


def test_a_town_another_extractor_found_is_not_found_twice() -> None:
    text = "we live in Cologne"
    found = {"entity": "town", "start": 11, "end": 18, "value": "Cologne", "extractor": "RegexEntityExtractor"}
    assert other_towns(text, [found]) == []
