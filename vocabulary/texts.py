"""The text catalogue: every text a parent or staff member reads, by key, one JSON file per language.

    text("offers.intro", "de", town="Dortmund")  →  "Das passt zu Ihnen in Dortmund:"

Keys are dotted ("category.beratung.label"); placeholders are named (`{town}`), never positional. A key missing
in a language falls back to German, so a partly translated language still answers. Files are edited by hand;
keep them sorted (`python -m vocabulary.texts --sort`).
"""

from __future__ import annotations

import json
import string
import sys
from functools import cache
from pathlib import Path

TEXTS_DIR = Path(__file__).resolve().parent / "texts"
DEFAULT_LANGUAGE = "de"
# Entries starting with "_" describe the file itself (its language, name and writing direction).
META_PREFIX = "_"


@cache
def _entries(language: str) -> dict[str, str]:
    """One catalogue file as it is (meta entries included), read once; an unknown language gives nothing."""
    path = TEXTS_DIR / f"{language}.json"
    if not language.isalpha() or not path.exists():
        return {}
    entries: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return entries


@cache
def catalogue(language: str) -> dict[str, str]:
    """All texts of one language (without the meta entries); an unknown language gives an empty catalogue."""
    return {key: value for key, value in _entries(language).items() if not key.startswith(META_PREFIX)}


def meta(language: str) -> dict[str, str]:
    return {key[1:]: value for key, value in _entries(language).items() if key.startswith(META_PREFIX)}


def languages() -> tuple[str, ...]:
    """The languages with a catalogue file, German first."""
    found = sorted(path.stem for path in TEXTS_DIR.glob("*.json"))
    return (DEFAULT_LANGUAGE, *(code for code in found if code != DEFAULT_LANGUAGE))


def direction(language: str) -> str:
    """Writing direction, "rtl" or "ltr": a property of the language, set by the renderer, never written into a text."""
    return meta(language).get("direction", "ltr")


def resolve(language: str | None) -> str:
    """The catalogue language to use for a conversation language ("en-GB" → "en"; unknown → German)."""
    code = (language or "").split("-")[0].split("_")[0].lower()
    return code if catalogue(code) else DEFAULT_LANGUAGE


def text(key: str, language: str | None = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The text for `key` in `language` (German when missing there), with its placeholders filled in.

    Raises KeyError for a key that exists in no catalogue or a placeholder without a value: both are bugs that
    the catalogue tests catch before a parent could see them.
    """
    template = catalogue(resolve(language)).get(key)
    if template is None:
        template = catalogue(DEFAULT_LANGUAGE)[key]
    return template.format_map(values) if values or "{" in template else template


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def with_prefix(prefix: str, language: str | None = DEFAULT_LANGUAGE) -> dict[str, str]:
    """All texts whose key starts with `prefix`, German where the language has none."""
    merged = {**catalogue(DEFAULT_LANGUAGE), **catalogue(resolve(language))}
    return {key: value for key, value in merged.items() if key.startswith(prefix)}


def sort_file(path: Path) -> None:
    entries = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(entries, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--sort"]:
        for file in TEXTS_DIR.glob("*.json"):
            sort_file(file)
    else:
        print(__doc__)
