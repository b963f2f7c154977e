"""The text catalogue: every key the code and the domain use exists, every list of vocabulary/ has its texts,
every language has the German placeholders, and no text a person reads is written anywhere else in code."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
import yaml

from vocabulary.categories import CATEGORY_SLUGS
from vocabulary.emergency import NUMBERS
from vocabulary.languages import OFFER_LANGUAGES
from vocabulary.life_phases import LIFE_PHASES
from vocabulary.needs import NEEDS
from vocabulary.texts import TEXTS_DIR, catalogue, languages, placeholders, text

ROOT = Path(__file__).resolve().parents[2]
GERMAN = catalogue("de")
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
# What the actions pass to responses (dispatcher.utter_message(response=..., **values)).
RESPONSE_VALUES = {"places", "town", "jugendamt", "numbers", "name", "lines"}
CODE_DIRS = ("actions", "api", "bot", "vocabulary")


def test_catalogue_files_are_valid_sorted_json_with_their_language() -> None:
    for path in TEXTS_DIR.glob("*.json"):
        entries = json.loads(path.read_text(encoding="utf-8"))
        assert list(entries) == sorted(entries), f"{path.name}: run python -m vocabulary.texts --sort"
        assert entries["_language"] == path.stem
        assert entries["_direction"] in ("ltr", "rtl")
        assert all(isinstance(value, str) and value.strip() for value in entries.values()), path.name


@pytest.mark.parametrize("language", [code for code in languages() if code != "de"])
def test_every_translation_has_the_german_placeholders(language: str) -> None:
    for key, template in catalogue(language).items():
        assert key in GERMAN, f"{language}: {key} is not a German key"
        assert placeholders(template) == placeholders(GERMAN[key]), f"{language}: {key}"


def test_domain_responses_are_catalogue_keys_with_known_placeholders() -> None:
    for name, variants in DOMAIN["responses"].items():
        for variant in variants:
            assert variant["text"] in GERMAN, f"{name}: {variant['text']} is not in the catalogue"
            assert placeholders(GERMAN[variant["text"]]) <= RESPONSE_VALUES, name
            for button in variant.get("buttons", []):
                assert button["title"] in GERMAN, f"{name}: button {button['title']}"


def test_every_listed_thing_has_its_texts() -> None:
    for slug in CATEGORY_SLUGS:
        for part in ("label", "description", "why"):
            assert f"category.{slug}.{part}" in GERMAN
    for need in NEEDS:
        assert f"need.{need}" in GERMAN
    for key in NUMBERS:
        assert f"emergency_number.{key}.label" in GERMAN and f"emergency_number.{key}.hours" in GERMAN
    for code in OFFER_LANGUAGES:
        assert f"language.{code}" in GERMAN


def test_life_phase_texts_name_the_ages_of_the_vocabulary() -> None:
    for phase in LIFE_PHASES:
        label = text(f"life_phase.{phase.slug}.label")
        button = text(f"life_phase.{phase.slug}.button")
        if phase.min_age is None or phase.max_age is None:
            continue
        ages = re.findall(r"\d+", label)
        assert ages[-1] == f"{phase.max_age:g}", (phase.slug, label)
        assert f"{phase.max_age:g}" in button, (phase.slug, button)
        if phase.min_age:
            assert ages[0] == f"{phase.min_age:g}" and f"{phase.min_age:g}" in button, (phase.slug, label, button)


def _literal_keys(source: str) -> set[str]:
    """Keys passed as a literal to text(...) or as `text_key`/`label_key` constants."""
    return set(re.findall(r"""\btext\(\s*["']([a-z_]+(?:\.[a-z0-9_]+)+)["']""", source))


def test_every_key_used_in_code_exists() -> None:
    used: dict[str, str] = {}
    for folder in CODE_DIRS:
        for path in (ROOT / folder).rglob("*.py"):
            for key in _literal_keys(path.read_text(encoding="utf-8")):
                used[key] = str(path.relative_to(ROOT))
    missing = {key: where for key, where in used.items() if key not in GERMAN}
    assert used and not missing


# Words that show a string is German prose meant for a person (not a pattern, a name or a code).
GERMAN_WORDS = {
    "sie", "ihr", "ihre", "ihren", "ihnen", "ich", "wir", "bitte", "nicht", "kein", "keine", "keinen", "ist",
    "sind", "hat", "haben", "wird", "werden", "und", "oder", "der", "die", "das", "dem", "den", "des", "ein",
    "eine", "einen", "einer", "mit", "für", "auf", "zu", "zum", "zur", "von", "bei", "nach", "hier", "dort",
    "auch", "noch", "nur", "schon", "gibt", "kann", "können", "möchten", "wie", "was", "wo", "wann",
}  # fmt: skip
REGEX_SIGNS = re.compile(r"\\[bwdsSWD]|\(\?|\[\^|\|")


def german_prose(value: str) -> bool:
    if REGEX_SIGNS.search(value):
        return False
    words = re.findall(r"[A-Za-zÄÖÜäöüß]+", value)
    return len(words) >= 3 and sum(word.lower() in GERMAN_WORDS for word in words) >= 2


def _python_strings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def _script_strings(path: Path) -> list[tuple[int, str]]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip().startswith(("//", "*", "/*")):
            continue
        found += [(number, match[2]) for match in re.finditer(r"""(['"`])((?:\\.|(?!\1).)*)\1""", line)]
    return found


def test_no_text_for_people_is_written_in_code() -> None:
    offending = []
    for folder in CODE_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix == ".py":
                strings = _python_strings(path)
            elif path.suffix == ".js":
                strings = _script_strings(path)
            else:
                continue
            where = path.relative_to(ROOT)
            offending += [f"{where}:{line}: {value!r}" for line, value in strings if german_prose(value)]
    assert not offending, "texts belong in vocabulary/texts/de.json:\n" + "\n".join(offending)


def test_the_scanner_finds_german_prose() -> None:
    assert german_prose("Das hat nicht geklappt. Bitte laden Sie die Seite neu.")
    assert german_prose("Auch für Schwangere.")
    assert not german_prose(r"\bnicht mehr (leben|weiterleben)\b")
    assert not german_prose("the configured tracker store cannot delete conversations")
