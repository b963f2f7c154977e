"""The translations of the text catalogue: complete, with the German placeholders, numbers and legal references,
their writing direction, nothing left in German by accident, and short sentences in every language.

German (vocabulary/texts/de.json) is the source. The offers API's messages (`api.*`) exist in German and English
only. A German key without its translation fails here by name: the translations follow the German texts.
"""

from __future__ import annotations

import json
import re

import pytest

from vocabulary.texts import TEXTS_DIR, catalogue, languages, placeholders

GERMAN = catalogue("de")
TRANSLATIONS = [code for code in languages() if code != "de"]
# The offers API's error messages stay German and English (issue 11); other languages do without them.
API_PREFIX = "api."
API_LANGUAGES = {"en"}
RIGHT_TO_LEFT = {"ar", "fa", "he", "ps", "ur"}
OWN_NAMES = {"en": "English", "tr": "Türkçe", "ar": "العربية", "uk": "Українська", "ru": "Русский"}
MAX_WORDS_PER_SENTENCE = 12

# Values that may stay the same in every language: the product's name, each language's name in its own script,
# and names of German states (Berlin, Hamburg, …).
SAME_EVERYWHERE = re.compile(r"^(widget\.(bot|title)|staff\.page\.language\.\w+|api\.state\.\w+)$")
# Words that are the same as the German one in a language, (language, key): names and shared words.
SAME_WORD = {
    ("en", "language.so"),  # Somali
    ("en", "language.ti"),  # Tigrinya
    ("en", "language.ur"),  # Urdu
    ("en", "staff.page.referrals.change"),  # Status
    ("tr", "card.phone"),  # Telefon
    ("tr", "laufzettel.phone"),  # Telefon
}
# Texts that may be written in Latin letters only in a language with another script: the product's name and
# the names of languages in their own script.
LATIN_ALLOWED = SAME_EVERYWHERE
# Keys whose texts are names or lists, not sentences (as in tests/bot/test_plain_language.py).
NOT_PROSE = re.compile(r"^(language\.|emergency_number\.|category\.\w+\.label$|life_phase\.|staff\.page\.language\.)")
# Sentences longer than 12 words, with the reason they stay so: (language, key) → reason.
LONG_SENTENCES: dict[tuple[str, str], str] = {}


def entries(language: str) -> dict[str, str]:
    raw: dict[str, str] = json.loads((TEXTS_DIR / f"{language}.json").read_text(encoding="utf-8"))
    return raw


def expected_keys(language: str) -> set[str]:
    return {key for key in GERMAN if language in API_LANGUAGES or not key.startswith(API_PREFIX)}


def numbers(value: str) -> set[str]:
    """Phone numbers, emergency numbers and counts: digit groups joined ("116 016" → "116016"), ":00" ignored."""
    value = re.sub(r"(?<=\d):00\b", "", re.sub(r"\{\w+\}", "", value))
    return {re.sub(r"\D", "", run) for run in re.findall(r"\d+(?:[ .,\u00a0\u202f]\d{3})*", value)}


def sentences(value: str) -> list[str]:
    # Lines that only list phone numbers are not sentences; a line ends a sentence; a placeholder is one word.
    prose = "\n".join(line for line in value.splitlines() if not re.search(r"\d{3}", line))
    prose = re.sub(r"\{\w+\}", "X", prose)
    return [part.strip() for part in re.split(r"(?<=[.!?؟:])\s+|\n", prose) if part.strip()]


def words(sentence: str) -> list[str]:
    return re.findall(r"[\w§-]+", sentence)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_the_file_describes_its_language(language: str) -> None:
    raw = entries(language)
    assert raw["_language"] == language
    assert raw["_direction"] == ("rtl" if language in RIGHT_TO_LEFT else "ltr")
    assert raw["_name"] == OWN_NAMES.get(language, raw["_name"]) and raw["_name"] != GERMAN.get(f"language.{language}")


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_german_key_is_translated(language: str) -> None:
    missing = sorted(expected_keys(language) - catalogue(language).keys())
    assert not missing, f"{language}.json lacks {len(missing)} German keys (translate them): {missing}"


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_no_key_beyond_the_german_ones(language: str) -> None:
    extra = sorted(catalogue(language).keys() - expected_keys(language))
    assert not extra, f"{language}.json has keys that German lacks or that stay German and English: {extra}"


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_placeholders_numbers_and_references_are_kept(language: str) -> None:
    wrong = []
    for key, value in catalogue(language).items():
        german = GERMAN.get(key)
        if german is None:
            continue
        if placeholders(value) != placeholders(german):
            wrong.append(f"{key}: placeholders {sorted(placeholders(value))}")
        if numbers(value) != numbers(german):
            wrong.append(f"{key}: numbers {sorted(numbers(value))} instead of {sorted(numbers(german))}")
        for fixed in ("§ 8a SGB VIII", "Familiennavi", "https://", "CSV"):
            if fixed in german and fixed not in value:
                wrong.append(f"{key}: lost {fixed!r}")
    assert not wrong, f"{language}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_nothing_is_left_in_german_by_accident(language: str) -> None:
    # Stricter than "longer than 3 words": any text with letters of its own that equals the German one is flagged
    # unless it is listed above, so a forgotten "Beispiel" is caught as well as a forgotten sentence.
    left = [
        key
        for key, value in catalogue(language).items()
        if value == GERMAN.get(key)
        and re.sub(r"\{\w+\}|\W", "", value)
        and not SAME_EVERYWHERE.match(key)
        and (language, key) not in SAME_WORD
    ]
    assert not left, f"{language}: still the German text (translate it, or list it in SAME_WORD): {left}"


@pytest.mark.parametrize("language", sorted(set(TRANSLATIONS) & {"ar", "uk", "ru"}))
def test_texts_in_another_script_use_it(language: str) -> None:
    latin_only = [
        key
        for key, value in catalogue(language).items()
        if not LATIN_ALLOWED.match(key)
        and re.search(r"[A-Za-z]", re.sub(r"\{\w+\}", "", value))
        and not re.search(r"[^\W\d_A-Za-zÄÖÜäöüß]", value)
    ]
    assert not latin_only, f"{language}: only Latin letters in {latin_only}"


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_sentences_are_short(language: str) -> None:
    long = []
    for key, value in catalogue(language).items():
        if NOT_PROSE.match(key) or (language, key) in LONG_SENTENCES:
            continue
        long += [f"{key}: {s!r}" for s in sentences(value) if len(words(s)) > MAX_WORDS_PER_SENTENCE]
    assert not long, f"{language}: sentences over {MAX_WORDS_PER_SENTENCE} words:\n" + "\n".join(long)


def test_the_checks_see_what_they_should() -> None:
    assert numbers("Rufen Sie 110. Mo–Fr 9:00–17:00, Hilfetelefon 116 016, 1.000 Zeichen") == {
        "110", "9", "17", "116016", "1000"
    }  # fmt: skip
    assert [len(words(s)) for s in sentences("Ist Ihr Kind in {town}? هل طفلكم في خطر؟ Ja.")] == [5, 4, 1]
    assert sentences("Diese Telefone helfen:\n116 016") == ["Diese Telefone helfen:"]
