"""Choosing the answer's language: `lang` wins, else Accept-Language by its q-values, else German; only catalogue
languages count."""

from __future__ import annotations

import pytest

from api.response_language import available, best_match, choose, language_headers, parse_accept_language
from vocabulary.texts import languages


def test_the_languages_are_the_catalogue_files() -> None:
    assert available() == languages()
    assert available()[0] == "de" and {"en", "tr", "ar", "uk", "ru"} <= set(available())


def test_q_values_order_the_ranges_and_equal_ones_keep_their_order() -> None:
    assert parse_accept_language("tr-TR,tr;q=0.9,de;q=0.8") == [("tr-tr", 1.0), ("tr", 0.9), ("de", 0.8)]
    assert parse_accept_language("de;q=0.5, en;q=0.9, ru") == [("ru", 1.0), ("en", 0.9), ("de", 0.5)]
    assert parse_accept_language("uk, ru") == [("uk", 1.0), ("ru", 1.0)]
    assert parse_accept_language("en ; Q=0.7 , ar;q=1.000") == [("ar", 1.0), ("en", 0.7)]


@pytest.mark.parametrize(
    "header",
    ["tr;q=2", "tr;q=-1", "tr;q=0.1234", "tr;q=abc", "tr;q=", "t r", "12", "tr-", "", ",,,", ";q=1", "tr;q=1.5"],
)
def test_malformed_entries_are_left_out(header: str) -> None:
    assert parse_accept_language(header) == []


def test_a_malformed_entry_does_not_spoil_the_others() -> None:
    assert parse_accept_language("tr;q=9, en;q=0.4") == [("en", 0.4)]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("tr-TR,tr;q=0.9,de;q=0.8", "tr"),
        ("de;q=0.8, uk;q=0.9", "uk"),
        ("fr-CA, fr;q=0.9, ru;q=0.3", "ru"),  # no French catalogue: the next one that exists
        ("en-GB", "en"),
        ("AR-eg", "ar"),
        ("ru_RU", "ru"),
        ("*", "de"),
        ("tr;q=0, tr-TR", None),  # refused as a language: not even through a regional tag
        ("fr, es", None),
        ("en;q=0", None),
        ("", None),
    ],
)
def test_best_match(header: str, expected: str | None) -> None:
    assert best_match(header, available()) == expected


def test_the_wildcard_means_any_language_not_named_otherwise() -> None:
    assert best_match("de;q=0, *", available()) == available()[1]  # German refused: the next catalogue language
    assert best_match("ru;q=0.1, *;q=0.5", available()) == "de"
    assert best_match("ru, *;q=0.5", available()) == "ru"


@pytest.mark.parametrize(
    ("lang", "accept_language", "expected"),
    [
        ("tr", "en", "tr"),  # lang wins
        ("uk-UA", None, "uk"),
        (" ru ", None, "ru"),
        ("xx", "ar;q=0.5, fr", "ar"),  # a language without a catalogue gives way to Accept-Language
        ("xx", None, "de"),
        (None, "fr, es;q=0.5", "de"),  # nothing fits: German
        (None, None, "de"),
        ("", "en", "en"),
        ("../de", None, "de"),
    ],
)
def test_choose(lang: str | None, accept_language: str | None, expected: str) -> None:
    assert choose(lang, accept_language) == expected


def test_an_endless_header_is_read_only_so_far() -> None:
    assert choose(None, "fr," * 10_000 + "tr") == "de"
    assert choose(None, "tr," + "fr," * 10_000) == "tr"


def test_headers_name_the_language_and_the_header_the_answer_depends_on() -> None:
    assert language_headers("ar") == {"Content-Language": "ar", "Vary": "Accept-Language"}
