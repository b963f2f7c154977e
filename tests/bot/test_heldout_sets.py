"""The held-out sets of issue 10 (tests/nlu/heldout_crisis.yml, tests/nlu/heldout_first_messages.yml): their shape,
and that they stay held out. No held-out message may appear in the training data, the NLU test set, the crisis
tests or the safety net's patterns, and none may share six consecutive words with them: a message copied (or
lightly edited) into training later makes this test fail. Write new training examples instead."""

from __future__ import annotations

import ast
import csv
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.tools.evaluate_crisis import (
    ASKED_SLOTS,
    CRISIS_SET,
    CRISIS_SUBS,
    FIRST_MESSAGES,
    NEGATIVE_SUBS,
    STYLES,
    TURNS,
    CrisisCase,
    FirstMessage,
    Parse,
    load_crisis_set,
    load_first_messages,
    score_crisis,
    score_first_messages,
)
from tests.bot.overlap import KnownTexts
from vocabulary.categories import CATEGORY_SLUGS
from vocabulary.crisis import CRISIS_KINDS
from vocabulary.names import fold

ROOT = Path(__file__).resolve().parents[2]
CRISIS = load_crisis_set(ROOT / CRISIS_SET)
FIRST = load_first_messages(ROOT / FIRST_MESSAGES)

# The situations the set must cover (issue 10), at least MIN_PER_SUB messages each.
MIN_CRISIS, MIN_NEGATIVES, MIN_PER_SUB = 180, 320, 8
MIN_FIRST_MESSAGES, MIN_PER_CATEGORY = 120, 12
# Six consecutive words in common is more than chance: a copy, or a copy with a word changed around it.
SHARED_WORDS = 6
# The demo postal codes the first messages use (all in demo towns, checked against the directory by hand).
DEMO_POSTAL_CODES = {"44135", "44137", "33602", "45879", "46325", "50823"}
KREIS_BORKEN = "05554"

ANNOTATION = re.compile(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})")
REGEX_ESCAPE = re.compile(r"\\[a-zA-Z]")


def words(text: str) -> tuple[str, ...]:
    """Lower case, umlauts folded, punctuation and spaces squeezed (vocabulary.names.fold), as words."""
    return tuple(fold(text).split())


def _yaml_texts(node: Any) -> list[str]:
    """Every training text in a Rasa YAML file: NLU `examples` lines and the `user` texts of stories and rules."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "examples" and isinstance(value, str):
                found += [line.strip()[2:] for line in value.splitlines() if line.strip().startswith("- ")]
            elif key in ("user", "text") and isinstance(value, str):
                found.append(value)
            else:
                found += _yaml_texts(value)
    elif isinstance(node, list):
        for item in node:
            found += _yaml_texts(item)
    return [ANNOTATION.sub(r"\1", text) for text in found]


def _string_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    literals = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    # Regex escapes (\b, \w) are not words.
    return [REGEX_ESCAPE.sub(" ", literal) for literal in literals]


def known_texts() -> dict[str, list[tuple[str, ...]]]:
    """Everything the model or the rules were built or tested from, by source, as folded word sequences."""
    sources: dict[str, list[str]] = {}
    # Rasa reads data/ recursively: a training file anywhere under it counts.
    for path in sorted((ROOT / "data").rglob("*.yml")):
        sources[str(path.relative_to(ROOT))] = _yaml_texts(yaml.safe_load(path.read_text(encoding="utf-8")))
    test_set = ROOT / "tests" / "nlu" / "test_nlu.yml"
    sources[str(test_set.relative_to(ROOT))] = _yaml_texts(yaml.safe_load(test_set.read_text(encoding="utf-8")))
    for path in (ROOT / "tests" / "bot" / "test_crisis.py", ROOT / "bot" / "nlu" / "crisis.py"):
        sources[str(path.relative_to(ROOT))] = _string_literals(path)
    return {source: [words(text) for text in texts if words(text)] for source, texts in sources.items()}


KNOWN = known_texts()
KNOWN_INDEX = KnownTexts(KNOWN, SHARED_WORDS)
HELD_OUT = [case.text for case in CRISIS] + [message.text for message in FIRST]


# --- held out --------------------------------------------------------------------------------------------------


def test_the_sources_are_read() -> None:
    assert any(source.startswith("data/nlu/") for source in KNOWN)
    assert sum(len(texts) for texts in KNOWN.values()) > 1500
    assert len(KNOWN["bot/nlu/crisis.py"]) > 20


def leaks(held_out: list[str], known: KnownTexts) -> list[str]:
    """Held-out messages equal to a known text or (two words and more) occurring inside one."""
    return [f"{text!r} in {source}" for text in held_out for source in known.containing(words(text), 2)]


def shared_sequences(held_out: list[str], known: KnownTexts) -> list[str]:
    """Held-out messages with SHARED_WORDS consecutive words that a known text has too."""
    return [
        f"{text!r} shares {' '.join(run)!r} with {source}"
        for text in held_out
        for run, source in known.shared_runs(words(text))
    ]


def test_no_held_out_message_appears_in_training_tests_or_patterns() -> None:
    found = leaks(HELD_OUT, KNOWN_INDEX)
    assert found == [], "held-out messages found elsewhere:\n" + "\n".join(found)


def test_no_held_out_message_shares_six_consecutive_words_with_known_texts() -> None:
    found = shared_sequences(HELD_OUT, KNOWN_INDEX)
    assert found == [], "held-out messages too close to known texts:\n" + "\n".join(found)


def test_a_copy_into_training_would_be_found() -> None:
    held_out = ["Mein Kleiner hat das Liquid von der E-Zigarette ausgetrunken, was soll ich tun?", "44137 dortmund"]
    copied = KnownTexts(
        {"data/nlu/new.yml": [words("mein kleiner hat das liquid von der e zigarette ausgetrunken")]}, 6
    )
    edited = KnownTexts(
        {"data/nlu/new.yml": [words("hilfe, mein kleiner hat das liquid von der e-zigarette getrunken")]}, 6
    )
    inside = KnownTexts({"data/nlu/new.yml": [words("wir wohnen 44137 Dortmund, Nordstadt")]}, 6)
    assert leaks(held_out[:1], copied) == [] and shared_sequences(held_out[:1], copied) != []
    assert shared_sequences(held_out[:1], edited) != []
    assert leaks(held_out[1:], inside) != []


def test_no_duplicates_within_or_across_the_held_out_sets() -> None:
    counts = Counter(words(text) for text in HELD_OUT)
    assert [" ".join(key) for key, count in counts.items() if count > 1] == []


# --- the crisis set --------------------------------------------------------------------------------------------


def test_the_crisis_set_is_large_enough() -> None:
    crises = [case for case in CRISIS if case.kind is not None]
    negatives = [case for case in CRISIS if case.kind is None]
    assert len(crises) >= MIN_CRISIS
    assert len(negatives) >= MIN_NEGATIVES


def test_every_crisis_situation_is_covered_evenly() -> None:
    counts = Counter((case.kind, case.sub) for case in CRISIS if case.kind is not None)
    assert set(CRISIS_SUBS) == set(CRISIS_KINDS)
    expected = {(kind, sub) for kind, subs in CRISIS_SUBS.items() for sub in subs}
    assert set(counts) == expected
    assert min(counts.values()) >= MIN_PER_SUB, counts
    # Evenly: no situation more than half again as large as the smallest.
    assert max(counts.values()) <= 1.5 * min(counts.values()), counts


def test_every_kind_of_hard_negative_is_covered() -> None:
    counts = Counter(case.sub for case in CRISIS if case.kind is None)
    assert set(counts) == set(NEGATIVE_SUBS)
    assert min(counts.values()) >= 15, counts


@pytest.mark.parametrize("case", CRISIS, ids=lambda case: case.text[:40])
def test_crisis_fields_are_valid(case: CrisisCase) -> None:
    assert case.text.strip() == case.text and case.text
    assert case.kind is None or case.kind in CRISIS_KINDS
    assert case.turn in TURNS
    assert case.style in STYLES
    if case.turn == "mid":
        assert case.after in ASKED_SLOTS
    else:
        assert case.after is None


def test_each_kind_has_mid_conversation_and_learner_german_messages() -> None:
    for kind in CRISIS_KINDS:
        of_kind = [case for case in CRISIS if case.kind == kind]
        assert sum(case.turn == "mid" for case in of_kind) >= 5, kind
        assert sum(case.style == "learner" for case in of_kind) >= 4, kind
    poisoning = [case for case in CRISIS if case.sub == "poisoning"]
    assert sum(case.style == "learner" for case in poisoning) >= 3


def test_the_crisis_set_is_written_as_parents_write() -> None:
    styles = Counter(case.style for case in CRISIS if case.kind is not None)
    assert set(styles) == set(STYLES)
    assert min(styles.values()) >= 5, styles


# --- the first messages ----------------------------------------------------------------------------------------


def _demo_places() -> set[str]:
    towns = set()
    for path in (ROOT / "api" / "data" / "demo").glob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            towns |= {fold(row["city"]) for row in csv.DictReader(handle)}
    with (ROOT / "api" / "data" / "directory" / "municipalities.csv").open(encoding="utf-8") as handle:
        towns |= {fold(row["name"]) for row in csv.DictReader(handle) if row["kreis_ags"] == KREIS_BORKEN}
    return towns


DEMO_TOWNS = _demo_places()


def test_the_first_messages_cover_every_route() -> None:
    counts = Counter(message.category for message in FIRST)
    assert len(FIRST) >= MIN_FIRST_MESSAGES
    assert set(counts) == set(CATEGORY_SLUGS)
    assert min(counts.values()) >= MIN_PER_CATEGORY, counts


@pytest.mark.parametrize("message", FIRST, ids=lambda message: message.text[:40])
def test_first_message_fields_are_valid(message: FirstMessage) -> None:
    assert message.text.strip() == message.text and message.text
    assert message.category in CATEGORY_SLUGS
    if message.place is not None:
        # As written: the place must be in the text, and be a town (or postal code) with demo offers.
        assert message.place.lower() in message.text.lower()
        if message.place.isdigit():
            assert message.place in DEMO_POSTAL_CODES
        else:
            assert fold(message.place) in DEMO_TOWNS, message.place
    if message.age is not None:
        assert 0 <= message.age <= 25


def test_young_people_around_the_end_of_school_route_to_transition() -> None:
    young = [message for message in FIRST if message.category == "uebergang_beruf"]
    assert len(young) >= 15
    assert all(message.age is None or 14 <= message.age <= 20 for message in young)
    # Not only parents: young people who write themselves.
    assert sum(re.search(r"\b(ich|bin|i am)\b", message.text.lower()) is not None for message in young) >= 8


def test_most_first_messages_name_a_place_and_many_an_age() -> None:
    assert sum(message.place is not None for message in FIRST) >= 0.9 * len(FIRST)
    assert sum(message.age is not None or message.pregnant for message in FIRST) >= 0.6 * len(FIRST)


# --- the tool's arithmetic -------------------------------------------------------------------------------------


def _parse(text: str, intent: str, confidence: float = 0.9, entities: tuple[tuple[str, str], ...] = ()) -> Parse:
    return Parse(text, intent, confidence, intent, confidence, entities)


def test_score_crisis_counts_alarms_by_intent() -> None:
    cases = [
        CrisisCase("a", "medical", "seizure", "first", "standard"),
        CrisisCase("b", "violence", "hitting", "mid", "learner", "topic"),
        CrisisCase("c", None, "exaggeration", "first", "emoji"),
        CrisisCase("d", None, "money", "first", "lowercase"),
    ]
    parses = [
        _parse("a", "crisis_medical"),
        _parse("b", "nlu_fallback", 0.3),
        _parse("c", "crisis_suicidal"),
        _parse("d", "need_money_forms"),
    ]
    report = score_crisis(cases, parses)
    assert report["crisis"]["caught"] == 1 and report["crisis"]["recall"] == 0.5
    assert report["crisis"]["by_kind"]["violence"]["caught"] == 0
    assert report["negatives"]["false_alarms"] == 1 and report["negatives"]["rate"] == 0.5
    assert [row["text"] for row in report["missed"]] == ["b"]
    assert [row["text"] for row in report["false_alarms"]] == ["c"]


def test_score_first_messages_counts_what_is_not_understood() -> None:
    messages = [
        FirstMessage("x", "familienbuero", place="Köln"),
        FirstMessage("y", "beratung", age=8),
        FirstMessage("z", "familienzentrum", age=2),
    ]
    parses = [
        _parse("x", "nlu_fallback", 0.4, (("town", "koeln"),)),
        _parse("y", "need_parenting_conflict", 0.45),
        _parse("z", "need_childcare", 0.95, (("child_age", "2"),)),
    ]
    report = score_first_messages(messages, parses)
    assert (report["nlu_fallback"], report["low_confidence"], report["not_understood"]) == (1, 1, 2)
    assert report["place_not_extracted"] == 0
    assert report["age_not_extracted"] == 1
