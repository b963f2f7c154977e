"""The API's texts in the catalogue: every `api.*` key in German and English with the same placeholders, and every
key the API's code names exists."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from api.main import HTTP_ERRORS
from api.services.locate import STATE_CODES
from api.services.transfer import FLAG_DESCRIPTION_KEYS
from vocabulary.categories import CATEGORY_SLUGS
from vocabulary.languages import OFFER_LANGUAGES
from vocabulary.life_phases import LIFE_PHASE_SLUGS
from vocabulary.texts import TEXTS_DIR, placeholders

ROOT = Path(__file__).resolve().parents[2]
API = ROOT / "api"
# The first parts of keys the API's code may name; other dotted strings (modules, loggers) are not keys.
KEY_PREFIXES = ("api.", "category.", "language.", "life_phase.", "opening_hours.")


def _entries(language: str) -> dict[str, str]:
    entries: dict[str, str] = json.loads((TEXTS_DIR / f"{language}.json").read_text(encoding="utf-8"))
    return {key: value for key, value in entries.items() if not key.startswith("_")}


GERMAN, ENGLISH = _entries("de"), _entries("en")


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or path.is_dir()


def _keys_in_code() -> set[str]:
    """Every string literal in api/ that looks like a catalogue key (text keys, error keys, keys in tables)."""
    found: set[str] = set()
    for path in API.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value.startswith(KEY_PREFIXES)
                and " " not in node.value
                and not node.value.endswith(".")  # the fixed part of a key built in an f-string
                and not _is_module(node.value)
                and node.value != "api.access"  # the access logger's name
            ):
                found.add(node.value)
    return found


def test_the_english_file_describes_itself() -> None:
    raw = json.loads((TEXTS_DIR / "en.json").read_text(encoding="utf-8"))
    assert (raw["_language"], raw["_name"], raw["_direction"]) == ("en", "English", "ltr")


@pytest.mark.parametrize("key", sorted(key for key in GERMAN.keys() | ENGLISH.keys() if key.startswith("api.")))
def test_api_keys_exist_in_german_and_english_with_the_same_placeholders(key: str) -> None:
    assert key in GERMAN, f"{key} is missing in de.json"
    assert key in ENGLISH, f"{key} is missing in en.json"
    assert placeholders(GERMAN[key]) == placeholders(ENGLISH[key]), key


def test_english_keys_are_german_keys_with_the_same_placeholders() -> None:
    for key, english in ENGLISH.items():
        assert key in GERMAN, f"{key} is in en.json but not in de.json"
        assert placeholders(english) == placeholders(GERMAN[key]), key


def test_every_key_the_api_names_exists() -> None:
    keys = _keys_in_code()
    assert "api.offer.not_found" in keys and "opening_hours.bad_time" in keys  # the scan finds keys at all
    missing = sorted(key for key in keys if key not in GERMAN)
    assert not missing, f"keys in api/ without a German text: {missing}"


def test_every_key_the_api_builds_exists() -> None:
    built = [
        *(key for _, key in HTTP_ERRORS.values()),
        *FLAG_DESCRIPTION_KEYS.values(),
        *(f"api.state.{code.lower()}" for code in STATE_CODES),
        *(f"category.{slug}.{part}" for slug in CATEGORY_SLUGS for part in ("label", "description")),
        *(f"life_phase.{slug}.label" for slug in LIFE_PHASE_SLUGS),
        *(f"language.{code}" for code in OFFER_LANGUAGES),
    ]
    assert not [key for key in built if key not in GERMAN]


def test_pydantic_error_texts_fall_back_and_fill_in() -> None:
    from api.validation_messages import describe

    assert describe({"type": "string_too_long", "ctx": {"max_length": 200}}) == (
        "Der Text ist zu lang. Erlaubt sind 200 Zeichen."
    )
    assert describe({"type": "string_too_long"}) == "Der Text ist zu lang."
    assert describe({"type": "something_new"}) == GERMAN["api.validation.invalid"]
    assert describe({"type": "missing"}, "en") == ENGLISH["api.validation.missing"]
