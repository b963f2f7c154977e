"""The spaCy pipeline the NLU loads (bot/nlu/spacy_pipeline.py): a Turkish case ending after an apostrophe is its
own token, so the town, postal code or word before it counts as itself; Ukrainian words keep their apostrophe."""

from __future__ import annotations

import pytest
import spacy

from bot.nlu.spacy_pipeline import build


@pytest.fixture(scope="module")
def nlp(tmp_path_factory: pytest.TempPathFactory) -> spacy.language.Language:
    return spacy.load(build(tmp_path_factory.mktemp("spacy") / "pipeline"))


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Köln'de oturuyoruz", ["Köln", "'de", "oturuyoruz"]),
        ("44137'ye taşındık", ["44137", "'ye", "taşındık"]),
        ("Kita’ya gidiyor", ["Kita", "’ya", "gidiyor"]),
        ("моя сім'я", ["моя", "сім'я"]),
        ("він б'є мене", ["він", "б'є", "мене"]),
        ("Kinder gingen", ["Kinder", "gingen"]),
    ],
)
def test_tokens(nlp: spacy.language.Language, text: str, tokens: list[str]) -> None:
    assert [token.text for token in nlp(text)] == tokens
