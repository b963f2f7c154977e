"""The held-out sets per language of issue 11 (tests/nlu/<lang>/test_nlu.yml and tests/nlu/<lang>/heldout_crisis.yml):
their shape, and that they stay held out.

They were written before any training data in these languages. No held-out message may appear in a training file
under data/ (read recursively, so a file added later is checked too) and none may share six consecutive words with
one: a message copied, or copied and lightly edited, into training makes this test fail. Write new examples instead.
They must not repeat the German held-out set (tests/nlu/test_nlu.yml, which has some English messages) either.
Texts are compared folded: case, accents and Arabic hamza/vowel marks dropped, whitespace and punctuation squeezed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.tools.evaluate_crisis import CRISIS_SUBS, NEGATIVE_SUBS, load_crisis_set
from tests.bot.overlap import KnownTexts
from vocabulary.crisis import CRISIS_KINDS
from vocabulary.languages import CONVERSATION_LANGUAGES, OFFER_LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
GERMAN_SET = ROOT / "tests" / "nlu" / "test_nlu.yml"
# Every language the assistant speaks besides German has its own held-out sets.
LANGUAGES = tuple(code for code in CONVERSATION_LANGUAGES if code != "de")

MIN_UTTERANCES, MIN_PER_INTENT = 70, 2
# An intent the German set has many examples of keeps about its share: between half and twice the German one.
PROPORTION_FROM, PROPORTION_RANGE = 10, (0.5, 2.0)
MIN_CRISIS, MIN_NEGATIVES, MIN_PER_KIND = 40, 60, 8
SHARED_WORDS = 6
# A held-out text of this many words or more must not occur inside a longer training example either.
CONTAINED_FROM = 3

# The situations issue 11 names: at least two messages each, in every language.
REQUIRED_SUBS = {
    "violence": ("male_victim",),
    "child_danger": ("other_children", "fear_of_harming"),
    "suicidal": ("direct", "passive"),
    "medical": ("breathing", "unconscious", "poisoning", "pregnancy_bleeding", "seizure"),
}
MIN_NEGATIVE_SUBS = {"exaggeration": 10, "past_resolved": 5, "plans_work": 3}
STYLES = (
    "standard",
    "colloquial",
    "lowercase",
    "misspelled",
    "no_diacritics",
    "translit",
    "dialect",
    "surzhyk",
    "code_mixed",
    "emoji",
    "runon",
    "learner",
)
# How families in NRW write each language; every crisis set has these styles among its messages.
REQUIRED_STYLES = {
    "en": ("learner", "code_mixed", "lowercase"),
    "tr": ("no_diacritics", "code_mixed"),
    "ar": ("dialect", "translit", "code_mixed"),
    "uk": ("translit", "surzhyk", "code_mixed"),
    "ru": ("translit", "code_mixed"),
}
CRISIS_FIELDS = {"text", "kind", "sub", "style", "turn", "after"}
TURNS = ("first", "mid")
ASKED_SLOTS = ("postal_code", "life_phase", "topic", "contact_preference")
# Town names as families write them (exonyms, transliterations, no umlauts), compared folded and as a prefix, so
# that inflected forms count ("Кельні", "Дюссельдорфе").
REQUIRED_TOWNS = {
    "en": ("Cologne", "Aix-la-Chapelle", "Dusseldorf", "Koln"),
    "tr": ("Koln", "Dusseldorf"),
    "ar": ("كولونيا", "دوسلدورف", "آخن", "مونستر"),
    "uk": ("Кельн", "Дюссельдорф", "Мюнстер", "Ахен"),
    "ru": ("Кёльн", "Дюссельдорф", "Мюнстер", "Ахен"),
}
NATIVE_SCRIPT = {"ar": "ARABIC", "uk": "CYRILLIC", "ru": "CYRILLIC"}
MIN_TOWNS, MIN_AGES, MIN_NATIVE_TOWNS, MIN_NATIVE_SHARE, MIN_LATIN_TEXTS = 20, 30, 5, 0.75, 2
# Letters of one language only: a Ukrainian set in Russian (or the other way round) is mislabelled.
FOREIGN_LETTERS = {"uk": set("ыэъ"), "ru": set("іїєґ")}
ARABIZI = re.compile(r"[a-z][235789]|[235789][a-z]")

ANNOTATION = re.compile(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})")
WORD = re.compile(r"[^\W_]+")
_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")} | {ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")}
# Turkish dotless i; Arabic alif maqsura and ta marbuta (often written as ya and ha), tatweel.
_LETTERS = {ord("ı"): "i", ord("ى"): "ي", ord("ة"): "ه", ord("ـ"): None}


# --- folding and reading ---------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Annotations removed, case folded, accents and Arabic marks dropped, digits as ASCII, single spaces."""
    plain = ANNOTATION.sub(r"\1", text).casefold()
    decomposed = unicodedata.normalize("NFKD", plain)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.translate(_DIGITS).translate(_LETTERS).split())


def words(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(fold(text)))


def _examples(block: str) -> list[str]:
    return [line.strip()[2:] for line in block.splitlines() if line.strip().startswith("- ")]


def training_texts(node: Any) -> list[str]:
    """Every utterance in a Rasa YAML file: intent examples and the `user` texts of stories and rules. Lookup tables,
    synonyms and regexes are lists of names, not messages: a held-out message may name a town that a lookup lists."""
    found: list[str] = []
    if isinstance(node, dict):
        if any(key in node for key in ("lookup", "synonym", "regex")):
            return found
        for key, value in node.items():
            if key == "examples" and isinstance(value, str):
                found += _examples(value)
            elif key in ("user", "text") and isinstance(value, str):
                found.append(value)
            else:
                found += training_texts(value)
    elif isinstance(node, list):
        for item in node:
            found += training_texts(item)
    return found


def known_texts(root: Path) -> dict[str, list[tuple[str, ...]]]:
    """The training data under root/data (recursively, as Rasa reads it) and the German held-out set, folded."""
    paths = [*sorted((root / "data").rglob("*.yml")), root / GERMAN_SET.relative_to(ROOT)]
    known = {}
    for path in paths:
        if path.is_file():
            texts = training_texts(yaml.safe_load(path.read_text(encoding="utf-8")))
            known[str(path.relative_to(root))] = [folded for folded in map(words, texts) if folded]
    return known


def nlu_examples(path: Path) -> list[tuple[str, str]]:
    """(intent, annotated text) for every example of a Rasa NLU file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(block["intent"], text) for block in data["nlu"] for text in _examples(block["examples"])]


def crisis_messages(path: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["messages"])


def annotations(text: str) -> list[tuple[str, str, str]]:
    """(entity, value, span) of every annotation: `[span](entity)` or `[span]{"entity": ..., "value": ...}`."""
    found = []
    for match in ANNOTATION.finditer(text):
        span, label = match.group(1), match.group(2)
        if label.startswith("("):
            found.append((label[1:-1], span, span))
        else:
            spec = json.loads(label)
            found.append((spec["entity"], spec.get("value", span), span))
    return found


def nlu_path(language: str) -> Path:
    return ROOT / "tests" / "nlu" / language / "test_nlu.yml"


def crisis_path(language: str) -> Path:
    return ROOT / "tests" / "nlu" / language / "heldout_crisis.yml"


GERMAN = nlu_examples(GERMAN_SET)
GERMAN_INTENTS = Counter(intent for intent, _ in GERMAN)


def _entity_values(examples: list[tuple[str, str]]) -> dict[str, set[str]]:
    values: dict[str, set[str]] = {}
    for _, text in examples:
        for entity, value, _span in annotations(text):
            values.setdefault(entity, set()).add(value)
    return values


# The entities (and the normalised values of contact_preference) the German set annotates.
GERMAN_ENTITIES = _entity_values(GERMAN)
NLU = {language: nlu_examples(nlu_path(language)) for language in LANGUAGES}
CRISIS = {language: crisis_messages(crisis_path(language)) for language in LANGUAGES}


def held_out(language: str) -> list[str]:
    return [text for _, text in NLU[language]] + [str(message["text"]) for message in CRISIS[language]]


# --- held out --------------------------------------------------------------------------------------------------


def leaks(texts: list[str], known: KnownTexts) -> list[str]:
    """Held-out texts equal to a known text or (from CONTAINED_FROM words) occurring inside one."""
    return [f"{text!r} in {source}" for text in texts for source in known.containing(words(text), CONTAINED_FROM)]


def shared_sequences(texts: list[str], known: KnownTexts) -> list[str]:
    """Held-out texts with SHARED_WORDS consecutive words that a known text has too."""
    return [
        f"{text!r} shares {' '.join(run)!r} with {source}"
        for text in texts
        for run, source in known.shared_runs(words(text))
    ]


KNOWN = known_texts(ROOT)
KNOWN_INDEX = KnownTexts(KNOWN, SHARED_WORDS)


def test_the_training_data_is_read() -> None:
    assert any(source.startswith("data/nlu/") for source in KNOWN)
    assert sum(len(texts) for texts in KNOWN.values()) > 1500


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_held_out_message_appears_in_the_training_data(language: str) -> None:
    found = leaks(held_out(language), KNOWN_INDEX)
    assert found == [], "held-out messages found in training data:\n" + "\n".join(found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_held_out_message_shares_six_consecutive_words_with_the_training_data(language: str) -> None:
    found = shared_sequences(held_out(language), KNOWN_INDEX)
    assert found == [], "held-out messages too close to training data:\n" + "\n".join(found)


def test_a_copy_into_a_new_training_file_would_be_found(tmp_path: Path) -> None:
    # A later training file in a new folder, with a copied message (annotated, other case, no diacritics), an edited
    # one and an unrelated one.
    turkish = "[30 haftalık hamileyim](child_age) çok kanamam var"
    ukrainian = "шукаємо місце в Kita для сина [2 роки](child_age), [Кельн](town), вже рік у черзі"
    assert turkish in [text for _, text in NLU["tr"]] and ukrainian in [text for _, text in NLU["uk"]]
    new = tmp_path / "data" / "nlu" / "tr" / "crisis.yml"
    new.parent.mkdir(parents=True)
    new.write_text(
        'version: "3.1"\nnlu:\n- intent: crisis_medical\n  examples: |\n'
        "    - 30 HAFTALIK HAMILEYIM, COK KANAMAM VAR!!\n"
        "    - терміново!! шукаємо місце в Kita для сина 2 роки, Кельн\n"
        "    - bebeğim ateşler içinde\n",
        encoding="utf-8",
    )
    known = known_texts(tmp_path)
    assert list(known) == ["data/nlu/tr/crisis.yml"]
    index = KnownTexts(known, SHARED_WORDS)
    assert leaks([turkish], index) != []
    assert shared_sequences([ukrainian], index) != []
    assert leaks(["bebeğim ateşli ama oynuyor"], index) == []


def test_folding_treats_spellings_alike() -> None:
    assert words("Köln'de") == words("koln de")
    assert words("Çocuğum İYİ, ışıl ışıl") == words("cocugum iyi isil isil")
    assert words("أنا حامل بالأسبوع ٣٠") == words("انا حامل بالاسبوع 30")
    assert words("Кёльн,  ёлка") == words("кельн елка")
    assert words("[Дюссельдорфі](town)") == ("дюссельдорфі",)


def test_no_duplicates_within_or_across_the_languages() -> None:
    counts = Counter(words(text) for language in LANGUAGES for text in held_out(language))
    assert [" ".join(key) for key, count in counts.items() if count > 1] == []


# --- the NLU sets ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_nlu_set_has_the_german_intents_in_proportion(language: str) -> None:
    counts = Counter(intent for intent, _ in NLU[language])
    total, german_total = sum(counts.values()), sum(GERMAN_INTENTS.values())
    assert total >= MIN_UTTERANCES
    assert set(counts) == set(GERMAN_INTENTS)
    assert min(counts.values()) >= MIN_PER_INTENT, counts
    low, high = PROPORTION_RANGE
    for intent, german in GERMAN_INTENTS.items():
        if german >= PROPORTION_FROM:
            ratio = (counts[intent] / total) / (german / german_total)
            assert low <= ratio <= high, (intent, counts[intent], round(ratio, 2))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_nlu_set_is_a_rasa_file_like_the_german_one(language: str) -> None:
    data = yaml.safe_load(nlu_path(language).read_text(encoding="utf-8"))
    assert str(data["version"]) == "3.1"
    assert all(set(block) == {"intent", "examples"} for block in data["nlu"])
    intents = [block["intent"] for block in data["nlu"]]
    assert len(intents) == len(set(intents))


@pytest.mark.parametrize("language", LANGUAGES)
def test_rasa_reads_the_nlu_set_with_every_annotation(language: str) -> None:
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(nlu_path(language)))
    assert len(data.intent_examples) == len(NLU[language])
    entities = [entity for message in data.intent_examples for entity in message.get("entities", [])]
    assert len(entities) == sum(len(annotations(text)) for _, text in NLU[language])
    wrong = [entity for entity in entities if entity["entity"] == "town" and not entity["value"].strip()]
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_entities_are_annotated_as_in_the_german_set(language: str) -> None:
    problems = []
    for _, text in NLU[language]:
        rest = ANNOTATION.sub(r"\1", text)
        if "[" in rest or "](" in rest or "]{" in rest or text.strip() != text or not text:
            problems.append(f"malformed: {text!r}")
        for entity, value, span in annotations(text):
            if entity not in GERMAN_ENTITIES:
                problems.append(f"entity {entity!r} not used in the German set: {text!r}")
            elif entity == "contact_preference" and value not in GERMAN_ENTITIES[entity]:
                problems.append(f"contact_preference {value!r}: {text!r}")
            elif entity == "language" and value not in OFFER_LANGUAGES:
                problems.append(f"language {value!r}: {text!r}")
            elif entity == "postal_code" and not (len(span) == 5 and span.isdigit()):
                problems.append(f"postal code {span!r}: {text!r}")
            if span != span.strip():
                problems.append(f"span with spaces around it: {text!r}")
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_nlu_set_annotates_every_kind_of_entity(language: str) -> None:
    entities = Counter(entity for _, text in NLU[language] for entity, _, _ in annotations(text))
    assert set(entities) == set(GERMAN_ENTITIES), entities
    assert entities["town"] >= MIN_TOWNS and entities["child_age"] >= MIN_AGES, entities


@pytest.mark.parametrize("language", LANGUAGES)
def test_towns_are_written_as_families_write_them(language: str) -> None:
    towns = [fold(span) for _, text in NLU[language] for entity, _, span in annotations(text) if entity == "town"]
    missing = [name for name in REQUIRED_TOWNS[language] if not any(town.startswith(fold(name)) for town in towns)]
    assert missing == []
    script = NATIVE_SCRIPT.get(language)
    if script:
        native = [town for town in towns if _script(town) == script]
        assert len(native) >= MIN_NATIVE_TOWNS, towns


def _script(text: str) -> str | None:
    """ARABIC, CYRILLIC or LATIN: the script of the first letter of the text."""
    for char in text:
        if char.isalpha():
            return unicodedata.name(char, "").split(" ")[0]
    return None


@pytest.mark.parametrize("language", NATIVE_SCRIPT)
def test_the_sets_are_in_the_language_and_its_script_with_some_latin_transliteration(language: str) -> None:
    texts = [ANNOTATION.sub(r"\1", text) for text in held_out(language)]
    letters = [text for text in texts if any(char.isalpha() for char in text)]
    native = [text for text in letters if any(_script(char) == NATIVE_SCRIPT[language] for char in text)]
    latin = [text for text in letters if text not in native]
    assert len(native) >= MIN_NATIVE_SHARE * len(letters)
    transliterated = [text for text in latin if ARABIZI.search(text.lower())] if language == "ar" else latin
    assert len(transliterated) >= 2 * MIN_LATIN_TEXTS, latin
    wrong = [text for text in native if FOREIGN_LETTERS.get(language, set()) & set(text.lower())]
    assert wrong == []


# --- the crisis sets -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_crisis_fields_are_valid(language: str) -> None:
    problems = []
    for message in CRISIS[language]:
        text, kind, sub = message.get("text"), message.get("kind"), message.get("sub")
        if not set(message) <= CRISIS_FIELDS or not {"text", "kind", "sub", "style", "turn"} <= set(message):
            problems.append(f"fields {sorted(message)}: {text!r}")
        if not isinstance(text, str) or not text or text.strip() != text or ANNOTATION.search(text):
            problems.append(f"text: {text!r}")
        if kind is not None and kind not in CRISIS_KINDS:
            problems.append(f"kind {kind!r}: {text!r}")
        if sub not in CRISIS_SUBS.get(kind, NEGATIVE_SUBS):
            problems.append(f"sub {sub!r} for kind {kind!r}: {text!r}")
        if message.get("style") not in STYLES:
            problems.append(f"style {message.get('style')!r}: {text!r}")
        turn, after = message.get("turn"), message.get("after")
        if turn not in TURNS or (after not in ASKED_SLOTS if turn == "mid" else after is not None):
            problems.append(f"turn {turn!r} after {after!r}: {text!r}")
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_crisis_set_loads_with_the_evaluation_tool(language: str) -> None:
    cases = load_crisis_set(crisis_path(language))
    assert len(cases) == len(CRISIS[language])
    assert {case.kind for case in cases} == {*CRISIS_KINDS, None}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_crisis_kind_and_named_situation_is_covered(language: str) -> None:
    crises = [message for message in CRISIS[language] if message["kind"] is not None]
    assert len(crises) >= MIN_CRISIS
    kinds = Counter(message["kind"] for message in crises)
    assert set(kinds) == set(CRISIS_KINDS) and min(kinds.values()) >= MIN_PER_KIND, kinds
    subs = Counter((message["kind"], message["sub"]) for message in crises)
    missing = [(kind, sub) for kind, names in CRISIS_SUBS.items() for sub in names if subs[kind, sub] < 1]
    thin = [(kind, sub) for kind, names in REQUIRED_SUBS.items() for sub in names if subs[kind, sub] < 2]
    assert missing == [] and thin == [], subs
    assert sum(message["turn"] == "mid" for message in crises) >= 4


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_kind_of_hard_negative_is_covered(language: str) -> None:
    negatives = Counter(message["sub"] for message in CRISIS[language] if message["kind"] is None)
    assert sum(negatives.values()) >= MIN_NEGATIVES
    assert set(negatives) == set(NEGATIVE_SUBS), negatives
    assert all(negatives[sub] >= least for sub, least in MIN_NEGATIVE_SUBS.items()), negatives


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_crisis_set_is_written_as_families_write(language: str) -> None:
    crises = Counter(message["style"] for message in CRISIS[language] if message["kind"] is not None)
    everything = Counter(message["style"] for message in CRISIS[language])
    assert len(crises) >= 5, crises
    assert all(everything[style] >= 2 for style in REQUIRED_STYLES[language]), everything
