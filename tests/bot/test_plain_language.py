"""Every text a person reads follows the plain-language rules: short sentences, easy words.

The texts are the German catalogue (vocabulary/texts/de.json), filled with sample values. Readability is the
Wiener Sachtextformel (textstat, German; 4 is very easy, 15 very hard). Each text must stay under the ceiling,
and the median of all texts must reach the goal.
"""

from __future__ import annotations

import re
import statistics

import pytest
import textstat

from vocabulary.emergency import NUMBERS
from vocabulary.texts import catalogue, placeholders

MAX_WORDS_PER_SENTENCE = 12
WSTF_CEILING = 9.0
WSTF_MEDIAN_GOAL = 5.0
SAMPLE_VALUES = {
    "town": "Dortmund",
    "jugendamt": "Jugendamt der Stadt Dortmund",
    "places": "Remscheid oder Wuppertal",
    "name": "Familienbüro Nord",
    "label": "Beratung",
    "description": "Hier sprechen Sie mit Fachleuten.",
}
# Names of things (languages, helplines, categories) and the hours of a helpline are not sentences.
NOT_PROSE = re.compile(r"^(language\.|emergency_number\.|category\.\w+\.label$|life_phase\.)")
# Texts for Familienbüro staff (the offers API's messages): short sentences too, but their words are the
# professional ones of the trade (Jugendamt, Gemeinde-Schlüssel), so the readability goal is the parents' only.
STAFF_TEXTS = ("api.", "opening_hours.", "staff.page.")
# What the staff member reads out to the family word for word (the consent) is a parent's text again.
READ_OUT = ("staff.page.say.",)


def parent_texts() -> dict[str, str]:
    texts: dict[str, str] = {}
    for key, template in catalogue("de").items():
        # A template made of placeholders only ("{label}: {description}") has no words of its own.
        if NOT_PROSE.match(key) or not re.sub(r"\{\w+\}", "", template).strip(" :()\n"):
            continue
        texts[key] = template.format_map({name: SAMPLE_VALUES.get(name, "") for name in placeholders(template)})
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


PARENT_TEXTS = sorted(
    key
    for key in TEXTS
    if len(TEXTS[key].split()) >= 4 and (not key.startswith(STAFF_TEXTS) or key.startswith(READ_OUT))
)


@pytest.mark.parametrize("key", PARENT_TEXTS)
def test_each_text_is_easy_to_read(key: str) -> None:
    assert readability(TEXTS[key]) <= WSTF_CEILING, f"{key}: {TEXTS[key]!r}"


def test_median_readability_reaches_the_goal() -> None:
    scores = [readability(TEXTS[key]) for key in PARENT_TEXTS]
    median = statistics.median(scores)
    print(f"Wiener Sachtextformel over {len(scores)} texts: median {median:.1f}, max {max(scores):.1f}")
    assert median <= WSTF_MEDIAN_GOAL


def test_emergency_numbers_are_the_national_free_ones() -> None:
    assert set(NUMBERS.values()) == {
        "110",
        "112",
        "116 117",
        "116 016",
        "116 111",
        "0800 111 0 550",
        "0800 111 0 111",
        "0800 111 0 222",
        "0800 40 40 020",
        "0800 123 99 00",
    }
