"""The crisis net in the languages besides German: plain signals of danger, one data file per language.

German has its own, richer net (bot/nlu/crisis.py: umlaut folding, typo repair, negation and "it ended well"
readings). For every other language, `vocabulary/crisis_signals/<code>.yml` lists, as regular expressions:

    signals:      [{kind, sub, patterns: [...]}]  a plain danger signal: the message is a crisis of that kind
    harmless:     [...]   an everyday reading (an exaggeration, a past event that ended well, a question asked to
                          learn): a signal in the same sentence is cancelled
    male_victim:  [...]   the one who is hurt is a man (he gets the Hilfetelefon Gewalt an Männern)

Adding a language is adding its file: nothing here names a language. Patterns and text are compared in one
folded form (`fold`): lower case, accents and Arabic vowel marks dropped, Arabic letter variants unified, so a
pattern written "öldüreceğim" matches "oldurecegim" and "أقتل" matches "اقتل". Scripts do not collide, and Latin
patterns are written as phrases, so every file is tried on every message (the language is detected only after
the NLU, and a short message says little about its language).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from vocabulary.crisis import CRISIS_KINDS
from vocabulary.names import LATIN_LETTERS, SCRIPT_VARIANTS

SIGNALS_DIR = Path(__file__).resolve().parents[2] / "vocabulary" / "crisis_signals"

# One apostrophe for the typographic ones ("б’є", "Köln’de").
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})
# Sentence ends in the scripts of our languages ("؟" Arabic question mark, "۔" end of sentence).
# A point between digits is a decimal point ("38.5 Fieber"), no sentence end.
_SENTENCE_END = re.compile(r"(?:(?<!\d)\.|\.(?!\d)|[!?؟۔\n])+")


def fold(text: str) -> str:
    """Lower case without accents, vowel marks or letter variants: one form for text and patterns alike."""
    # The letters NFKD does not take apart (dotless i, Arabic letter variants) as the town names fold them.
    lowered = text.lower().translate(LATIN_LETTERS).translate(SCRIPT_VARIANTS).translate(_APOSTROPHES)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True)
class Signal:
    kind: str
    sub: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class LanguageSignals:
    """One language's file, compiled."""

    language: str
    signals: tuple[Signal, ...]
    harmless: re.Pattern[str] | None
    male_victim: re.Pattern[str] | None


# A backslash and what it escapes stays as written: folding "\W" to "\w" would turn its meaning around.
_ESCAPE_OR_TEXT = re.compile(r"(\\.)|([^\\]+)", re.DOTALL)


def _fold_pattern(pattern: str) -> str:
    return _ESCAPE_OR_TEXT.sub(lambda part: part.group(1) or fold(part.group(2)), pattern)


def _compile(patterns: list[str] | None) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{_fold_pattern(pattern)})" for pattern in patterns))


def load(path: Path) -> LanguageSignals:
    """One language's signals; a kind outside the four or an empty pattern list is an error in the file."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    signals = []
    for entry in raw.get("signals") or []:
        if entry["kind"] not in CRISIS_KINDS:
            raise ValueError(f"{path.name}: unknown kind {entry['kind']!r}")
        pattern = _compile(entry["patterns"])
        if pattern is None:
            raise ValueError(f"{path.name}: signal {entry['kind']}/{entry['sub']} has no patterns")
        signals.append(Signal(kind=entry["kind"], sub=entry["sub"], pattern=pattern))
    return LanguageSignals(
        language=path.stem,
        signals=tuple(signals),
        harmless=_compile(raw.get("harmless")),
        male_victim=_compile(raw.get("male_victim")),
    )


@cache
def all_languages() -> tuple[LanguageSignals, ...]:
    return tuple(load(path) for path in sorted(SIGNALS_DIR.glob("*.yml")))


def _sentences(folded: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(folded) if part.strip()]


@dataclass(frozen=True)
class Found:
    kinds: tuple[str, ...]
    sub: str
    male_victim: bool


# The safety net asks about one message more than once (analyse, male_victim): read it once.
@lru_cache(maxsize=256)
def find(text: str) -> Found | None:
    """The danger a message plainly names in one of the languages, kinds in CRISIS_KINDS order; None when none."""
    subs: dict[str, str] = {}
    male = False
    folded = fold(text)
    for language in all_languages():
        for sentence in _sentences(folded):
            named = [
                signal for signal in language.signals if signal.kind not in subs and signal.pattern.search(sentence)
            ]
            # Most sentences name no danger: the harmless readings are read only where a signal is.
            if not named or (language.harmless is not None and language.harmless.search(sentence)):
                continue
            for signal in named:
                subs.setdefault(signal.kind, signal.sub)
            male = male or bool(language.male_victim and language.male_victim.search(folded))
    if not subs:
        return None
    kinds = tuple(kind for kind in CRISIS_KINDS if kind in subs)
    return Found(kinds=kinds, sub=subs[kinds[0]], male_victim=male and kinds[0] == "violence")


def _in_any_language(text: str, part: Callable[[LanguageSignals], re.Pattern[str] | None]) -> bool:
    folded = fold(text)
    return any((pattern := part(language)) is not None and pattern.search(folded) for language in all_languages())


def has_harmless_reading(text: str) -> bool:
    """Whether the text has an everyday reading in one of the languages (long ago, a film, a joke)."""
    return _in_any_language(text, lambda language: language.harmless)


def male_victim(text: str) -> bool:
    return _in_any_language(text, lambda language: language.male_victim)
