"""The language of an answer: the `lang` query parameter wins, else the best match of `Accept-Language`, else German.

Only languages with a catalogue file count (vocabulary.texts.languages()): a seventh language is a seventh file.
Answers with texts say which language they are in (`Content-Language`) and that they depend on the header
(`Vary: Accept-Language`), so a shared cache keeps one answer per language. Error bodies do not depend on it:
they carry German `detail` and English `detail_en` whatever was asked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from vocabulary.texts import DEFAULT_LANGUAGE, languages

# The longest language tag worth reading (BCP 47 tags in use stay far below).
MAX_TAG_LENGTH = 35
# A browser sends a handful of entries; an endless header is cut here instead of being read to its end.
MAX_HEADER_LENGTH = 1000
LANG_DESCRIPTION = (
    "Language of the texts in the answer (ISO 639-1, e.g. de, en, tr, ar, uk, ru; en-GB counts as en). "
    "Wins over Accept-Language; a language without a catalogue gives way to Accept-Language, then German."
)
ACCEPT_LANGUAGE_DESCRIPTION = "Used when `lang` is not given, with its q-values (tr-TR,tr;q=0.9,de;q=0.8)."

# RFC 9110 §12.5.4: language-range [ ";" "q=" qvalue ]; "_" (de_DE) is read as "-" for lenient clients.
_RANGE = re.compile(r"\*|[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*")
_QVALUE = re.compile(r"0(?:\.\d{0,3})?|1(?:\.0{0,3})?")


@cache
def available() -> tuple[str, ...]:
    """The catalogue languages, German first (read once: the catalogue files do not change while running)."""
    return languages()


def _primary(tag: str) -> str:
    return tag.replace("_", "-").split("-")[0].lower()


def parse_accept_language(header: str) -> list[tuple[str, float]]:
    """The language ranges of an Accept-Language header with their weights, best first; equal weights keep the
    header's order. Malformed entries (a bad tag or q-value) are left out, the others still count."""
    ranges: list[tuple[str, float]] = []
    for entry in header[:MAX_HEADER_LENGTH].split(","):
        tag, *parameters = (part.strip() for part in entry.split(";"))
        if not _RANGE.fullmatch(tag):
            continue
        weight: float | None = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                value = value.strip()
                weight = float(value) if _QVALUE.fullmatch(value) else None
        if weight is not None:
            ranges.append((tag.replace("_", "-").lower(), weight))
    return sorted(ranges, key=lambda item: -item[1])


def best_match(header: str, offered: Sequence[str]) -> str | None:
    """The offered language the header prefers most (lookup: "tr-TR" falls back to "tr"); None when none fits.

    "q=0" refuses a language; "*" stands for any language not named otherwise, German first.
    """
    ranges = parse_accept_language(header)
    refused = {tag for tag, weight in ranges if weight == 0}
    named = {_primary(tag) for tag, _ in ranges}
    for tag, weight in ranges:
        if weight == 0:
            break
        if tag == "*":
            rest = [code for code in offered if code not in refused and code not in named]
            if rest:
                return rest[0]
            continue
        code = _primary(tag)
        if code in offered and code not in refused:
            return code
    return None


def choose(lang: str | None, accept_language: str | None) -> str:
    """The answer's language: `lang` when it names a catalogue language, else Accept-Language's best, else German."""
    offered = available()
    if lang and _primary(lang.strip()) in offered:
        return _primary(lang.strip())
    if accept_language:
        return best_match(accept_language, offered) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def language_headers(language: str) -> dict[str, str]:
    """The headers of an answer whose texts are in `language`."""
    return {"Content-Language": language, "Vary": "Accept-Language"}
