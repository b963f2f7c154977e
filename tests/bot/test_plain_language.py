"""Every text a parent reads follows the plain-language rules: short sentences, easy words.

Readability is the Wiener Sachtextformel (textstat, German; 4 is very easy, 15 very hard). Each text must stay
under the ceiling, and the median of all texts must reach the goal.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest
import textstat
import yaml

from actions.content import NUMBERS, WHY_IT_FITS
from api.catalog import CATEGORIES

ROOT = Path(__file__).resolve().parents[2]
MAX_WORDS_PER_SENTENCE = 12
WSTF_CEILING = 9.0
WSTF_MEDIAN_GOAL = 5.0
SAMPLE_VALUES = {
    "town": "Dortmund",
    "jugendamt": "Jugendamt der Stadt Dortmund",
    "places": "Remscheid oder Wuppertal",
    "name": "Familienbüro Nord",
    "numbers": "",
    "lines": "",
}


def parent_texts() -> dict[str, str]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    texts: dict[str, str] = {}
    for name, variants in domain["responses"].items():
        for number, variant in enumerate(variants):
            texts[f"{name}[{number}]"] = variant["text"].format(**SAMPLE_VALUES)
            for button in variant.get("buttons", []):
                texts[f"{name} button {button['title']}"] = button["title"]
    for slug, text in WHY_IT_FITS.items():
        texts[f"why {slug}"] = text
    for category in CATEGORIES:
        texts[f"category {category.slug}"] = category.description
    return texts


def sentences(text: str) -> list[str]:
    # Lines that only list phone numbers are not sentences.
    prose = " ".join(line for line in text.splitlines() if not re.search(r"\d{3}", line))
    return [part.strip() for part in re.split(r"(?<=[.!?:])\s+", prose) if part.strip()]


def readability(text: str) -> float:
    textstat.set_lang("de")
    return float(textstat.wiener_sachtextformel(text, variant=1))


TEXTS = parent_texts()


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_short_sentences(key: str) -> None:
    for sentence in sentences(TEXTS[key]):
        words = re.findall(r"[\wÄÖÜäöüß-]+", sentence)
        assert len(words) <= MAX_WORDS_PER_SENTENCE, f"{key}: {sentence!r} has {len(words)} words"


@pytest.mark.parametrize("key", sorted(key for key in TEXTS if len(TEXTS[key].split()) >= 4))
def test_each_text_is_easy_to_read(key: str) -> None:
    assert readability(TEXTS[key]) <= WSTF_CEILING, f"{key}: {TEXTS[key]!r}"


def test_median_readability_reaches_the_goal() -> None:
    scores = [readability(text) for text in TEXTS.values() if len(text.split()) >= 4]
    median = statistics.median(scores)
    print(f"Wiener Sachtextformel over {len(scores)} texts: median {median:.1f}, max {max(scores):.1f}")
    assert median <= WSTF_MEDIAN_GOAL


def test_emergency_numbers_are_the_national_free_ones() -> None:
    phones = {number.phone for number in NUMBERS.values()}
    assert {
        "110",
        "112",
        "116 117",
        "116 016",
        "116 111",
        "0800 111 0 550",
        "0800 111 0 111",
        "0800 111 0 222",
        "0800 40 40 020",
    } == phones
