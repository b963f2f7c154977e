"""Which of our languages a parent's message is written in, when it says so clearly enough (issue 11).

    detect_language("wir wohnen in dortmund und mein sohn ist 4")  →  Detection("de", 0.99, "model")
    detect_language("Привіт")                                       →  Detection("uk", 1.0, "letters")
    detect_language("ok"), detect_language("Kita 44137 👍")         →  None

Short messages never switch the language: no model decision without enough words of a language (MIN_WORDS,
MIN_LETTERS) once digits, postal codes, phone numbers, URLs, e-mail addresses, emoji, the places and postal codes
that earlier extractors found, and the German words families use in every language ("Kita", "Jugendamt",
"Kindergeld", "ok") are left out. Then, in this order:

1. Script: in a script that only one of our languages writes (Arabic script → ar), a word of MIN_SCRIPT_LETTERS
   letters decides; where several share the script (Cyrillic: uk and ru), letters that only one of them writes
   (і ї є ґ, ы э ъ ё) decide, else the model. A letter none of them writes (Persian ی ک, Belarusian ў, Serbian ј)
   means a language we do not speak: no decision.
2. Digits as letters (Arabizi, "ana 3ayez mosa3da"): MIN_NUMERAL_WORDS such words (not ordinals as "2ter")
   decide for the language that writes them.
3. The model: lingua (https://github.com/pemistahl/lingua-py, models inside its wheel, nothing downloaded),
   restricted to the conversation languages, on the words of the message's script; a decision only when the best
   language's confidence is at least MARGIN above the second's. In Latin script, below a lead of CERTAIN at least
   one word must also be a word of that language's text catalogue: transliterated Russian ("mne nuzhna pomosch")
   looks German to the model, but it uses no German word.

The languages are vocabulary.languages.CONVERSATION_LANGUAGES: a seventh language is its catalogue file (and, when it
shares a script with one of ours, its alphabet below), not code. The thresholds were chosen on
tests/nlu/dev_language.yml (`python -m bot.tools.evaluate_language --grid`).

The Rasa component LanguageDetector puts a decision into the message as the entity `conversation_language`.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from lingua import IsoCode639_1, Language, LanguageDetectorBuilder
from lingua import LanguageDetector as LinguaDetector
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from vocabulary.languages import CONVERSATION_LANGUAGES
from vocabulary.texts import catalogue

# The thresholds, chosen on tests/nlu/dev_language.yml (figures: bench/README.md, "Language detection").
# A model decision needs this many words and letters of the language itself (neutral words left out) …
MIN_WORDS = 3
MIN_LETTERS = 10
# … and the best language's confidence this far above the second's (lingua's values add up to 1).
MARGIN = 0.5
# In Latin script, a lead below this needs a word of the language's catalogue too (transliterated Russian looks
# German to the model: "mne nuzhna pomosch" gets 0.87 for German, but it uses no German word).
CERTAIN = 0.95
# A script or letter decision needs one word of this many letters ("مرحبا", "Привіт"; not "لا", "да").
MIN_SCRIPT_LETTERS = 3
# Arabizi: this many words that write a sound with a digit ("3ala", "ba3ref", "rou7").
MIN_NUMERAL_WORDS = 2

# Words that say nothing about the language: German names of offices and benefits that families keep in every
# language, and the few words everybody uses. Compared without case and accents ("familienbuero", "Familienbüro");
# the parts of a compound count alone ("Kita-Platz" → "Platz").
NEUTRAL_WORDS = (
    "ok", "okay", "okey", "oki", "hallo", "hello", "hi", "hey", "bye", "ciao", "tschüss", "danke", "bitte", "thx",
    "lol", "hmm", "hm", "haha", "super",
    "kita", "kitas", "kiga", "jugendamt", "jugendämter", "kindergeld", "elterngeld", "kinderzuschlag", "elternzeit",
    "wohngeld", "bürgergeld", "unterhaltsvorschuss", "familienbüro", "familienzentrum", "familiengrundschulzentrum",
    "lotsendienst", "jobcenter", "sozialamt", "ausländerbehörde", "bürgeramt", "antrag", "termin", "hebamme",
    "mutterpass", "ssw", "ogs", "tel", "telefon", "plz", "email", "mail",
    "frauenhaus", "frauenhäuser", "schutzwohnung", "beratungsstelle", "spielgruppe", "krabbelgruppe", "tagesmutter",
    "familienhebamme",
)  # fmt: skip
NEUTRAL_PHRASES = ("bildung und teilhabe",)

# The letters of our languages that share a script with another language (of ours or not), lower case. A letter
# none of the languages of its script writes means a language we do not speak (Romanian ă, Polish ł, French è,
# Persian ی, Serbian ј): no decision. Outside Latin script, a letter that only one of ours writes decides (і ї є ґ
# for uk; ы э ъ ё for ru); in Latin script letters never decide, as our languages borrow each other's words. A new
# language without an entry is left to the model, and so are all messages in its script (no letter rules there).
ALPHABETS: dict[str, str] = {
    "de": "abcdefghijklmnopqrstuvwxyzäöüß",
    "en": "abcdefghijklmnopqrstuvwxyz",
    "tr": "abcçdefgğhıijklmnoöpqrsştuüvwxyzâîû",
    # With the tatweel (ـ) and the letters of foreign words and dialects (پ چ ژ گ ڤ); Persian writes ی and ک.
    "ar": "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيٱـپچژگڤ",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
}
# Digits that stand for a letter when a language is written in Latin letters (Arabizi: 2 ء, 3 ع, 5 خ, 7 ح, 9 ق).
NUMERAL_LETTERS: dict[str, str] = {"ar": "235679"}

EXTRACTOR = "LanguageDetector"
ENTITY = "conversation_language"

_URL_OR_MAIL = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+|\b[\w.-]+\.(?:de|com|org|net|eu|info)\b\S*", re.IGNORECASE)
# Letters, with apostrophes inside a word ("don't", "м'ясо"); hyphens and digits split words.
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
# A word that writes letters with digits: inside ("ba3ref"), after two letters ("rou7"), or first ("3ala"; only
# before at least two letters, so "U3" and "3." are none); ordinals ("2ter", "3ten", "2nd") are none.
_NUMERAL_WORD = re.compile(r"(?<![\w])(?:[a-z]+\d[a-z\d]*[a-z]|[a-z]{2,}\d|\d[a-z]{2,})(?![\w])", re.IGNORECASE)
_ORDINAL = re.compile(r"\d+(?:te[nrsm]?|er|st|nd|rd|th|mal|jahre?)")
_NEUTRAL_PHRASE = re.compile(
    "|".join(r"\b" + r"\s+".join(map(re.escape, phrase.split())) + r"\b" for phrase in NEUTRAL_PHRASES), re.IGNORECASE
)
# Ukrainian typed without a Ukrainian keyboard: a Latin i (or ï) inside a Cyrillic word.
_LATIN_IN_CYRILLIC = str.maketrans({"i": "і", "I": "І", "ï": "ї", "Ï": "Ї"})
_HAS_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_SKELETON = str.maketrans({"ß": "ss", "ı": "i"})
_DIGRAPHS = re.compile(r"(?<=[aou])e")


@dataclass(frozen=True)
class Detection:
    """A decision: the language (ISO 639-1), how sure (lingua's confidence; 1.0 for a script, letter or numeral
    decision) and what decided ("script", "letters", "numerals", "model")."""

    language: str
    confidence: float
    method: str


def lingua_language(code: str) -> Language | None:
    """lingua's language for an ISO 639-1 code, or None when lingua has no model for it (e.g. "gsg", "ku")."""
    try:
        return Language.from_iso_code_639_1(IsoCode639_1.from_str(code))
    except ValueError:
        return None


def languages() -> tuple[str, ...]:
    """The conversation languages lingua has a model for, in the order of CONVERSATION_LANGUAGES."""
    return tuple(code for code in CONVERSATION_LANGUAGES if lingua_language(code) is not None)


_lock = threading.Lock()
_detector: LinguaDetector | None = None


def detector() -> LinguaDetector | None:
    """lingua restricted to our languages, all their models loaded at once (0.5–2 s and about 250 MB, see
    bench/README.md); built once per process, on first use. None when fewer than two of ours have a model."""
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                models = [language for code in languages() if (language := lingua_language(code)) is not None]
                if len(models) < 2:
                    return None
                _detector = LanguageDetectorBuilder.from_languages(*models).with_preloaded_language_models().build()
    return _detector


def skeleton(word: str) -> str:
    """A word for comparing as parents type it: lower case, no accents, ı as i, ä/ae as a ("Familienbüro",
    "familienbuero" and "familienburo" are the same; so are "için" and "icin")."""
    plain = unicodedata.normalize("NFKD", word.casefold().translate(_SKELETON))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return _DIGRAPHS.sub("", plain)


_NEUTRAL = frozenset(skeleton(word) for word in NEUTRAL_WORDS)


@cache
def _script(letter: str) -> str:
    """The script of a letter, as Unicode names it: "LATIN", "CYRILLIC", "ARABIC", …"""
    return unicodedata.name(letter, "UNKNOWN").split(" ")[0]


@cache
def _catalogue_words(code: str) -> frozenset[str]:
    """The words of a language's text catalogue (the model's decisions in Latin script need one of them)."""
    return frozenset(skeleton(word) for value in catalogue(code).values() for word in _WORD.findall(value)) - _NEUTRAL


def _clean(text: str, ignore: Iterable[tuple[int, int]]) -> str:
    """The text without what says nothing about its language: the ignored spans, URLs and e-mail addresses,
    neutral phrases, combining marks (Arabic vowel signs); a Latin i in a Cyrillic word as Ukrainian і."""
    chars = list(text)
    for start, end in ignore:
        start, end = max(start, 0), max(end, 0)
        chars[start:end] = " " * len(chars[start:end])
    cleaned = _NEUTRAL_PHRASE.sub(" ", _URL_OR_MAIL.sub(" ", "".join(chars)))
    cleaned = "".join(ch for ch in unicodedata.normalize("NFC", cleaned) if unicodedata.category(ch) != "Mn")
    return " ".join(
        token.translate(_LATIN_IN_CYRILLIC) if _HAS_CYRILLIC.search(token) else token for token in cleaned.split()
    )


def _word_script(word: str) -> str:
    return Counter(_script(ch) for ch in word).most_common(1)[0][0]


_LINGUA_SCRIPTS = {
    "LATIN": Language.all_with_latin_script,
    "CYRILLIC": Language.all_with_cyrillic_script,
    "ARABIC": Language.all_with_arabic_script,
    "DEVANAGARI": Language.all_with_devanagari_script,
}


def _writes(code: str, script: str) -> bool:
    """Whether a language of ours is written in a script: by its alphabet, else by what lingua knows."""
    if code in ALPHABETS:
        return _script(ALPHABETS[code][0]) == script
    scripts = _LINGUA_SCRIPTS.get(script)
    return scripts is not None and lingua_language(code) in scripts()


def _by_script(words: Sequence[str], script: str, codes: Sequence[str]) -> Detection | bool | None:
    """The decision of the script: a Detection; None for a language we do not speak (no decision at all); False
    when the script does not decide (the model may). Letters only count when every language of ours that writes
    the script has its alphabet in ALPHABETS (a new language without one is left to the model)."""
    sharing = [code for code in codes if _writes(code, script)]
    if not sharing or any(code not in ALPHABETS for code in sharing):
        return False
    alphabets = {code: frozenset(ALPHABETS[code]) for code in sharing}
    letters = {ch for word in words for ch in word.lower() if _script(ch) == script}
    if letters - frozenset().union(*alphabets.values()):
        return None
    if script == "LATIN" or max(len(word) for word in words) < MIN_SCRIPT_LETTERS:
        return False
    if len(sharing) == 1:
        return Detection(sharing[0], 1.0, "script")
    marked = [
        code
        for code in sharing
        if letters & alphabets[code].difference(*(alphabets[other] for other in sharing if other != code))
    ]
    return Detection(marked[0], 1.0, "letters") if len(marked) == 1 else False


def _by_numerals(cleaned: str, codes: Sequence[str]) -> Detection | None:
    for code in codes:
        digits = NUMERAL_LETTERS.get(code, "")
        found = [
            word
            for word in _NUMERAL_WORD.findall(cleaned.lower())
            if any(digit in word for digit in digits) and not _ORDINAL.fullmatch(word)
        ]
        if digits and len(found) >= MIN_NUMERAL_WORDS:
            return Detection(code, 1.0, "numerals")
    return None


def _by_model(words: Sequence[str], script: str, codes: Sequence[str], margin: float) -> Detection | None:
    model = detector()
    if model is None:
        return None
    values = model.compute_language_confidence_values(" ".join(words))
    if not values or values[0].value <= 0:
        return None
    lead = values[0].value - (values[1].value if len(values) > 1 else 0.0)
    code = next((code for code in codes if lingua_language(code) == values[0].language), None)
    if code is None or lead < margin:
        return None
    if script == "LATIN" and lead < CERTAIN and not _catalogue_words(code).intersection(map(skeleton, words)):
        return None
    return Detection(code, round(float(values[0].value), 4), "model")


def detect_language(
    text: str | None,
    ignore: Iterable[tuple[int, int]] = (),
    *,
    min_words: int = MIN_WORDS,
    min_letters: int = MIN_LETTERS,
    margin: float = MARGIN,
) -> Detection | None:
    """The language of a message, or None when it does not say clearly enough (see the module's description).

    `ignore`: (start, end) spans of the text that say nothing about its language, e.g. the places and postal codes
    that the extractors found ("we live in dortmund" is no German). The keyword arguments are for tuning.
    """
    if not text or not text.strip() or text.lstrip().startswith("/"):
        return None  # nothing, or a button's payload ("/need_birth")
    codes = languages()
    cleaned = _clean(text, ignore)
    # Words written with digits are no words of the model's ("mosa3de" is neither "mosa" nor "de").
    words = [word for word in _WORD.findall(_NUMERAL_WORD.sub(" ", cleaned)) if skeleton(word) not in _NEUTRAL]
    if not words:
        return _by_numerals(cleaned, codes)
    # The script of most words (then of most letters): German nouns in an Arabic message do not make it Latin.
    scripts = Counter(_word_script(word) for word in words)
    letters = Counter(_word_script(word) for word in words for _ in word)
    script = max(scripts, key=lambda name: (scripts[name], letters[name]))
    words = [word for word in words if _word_script(word) == script]
    by_script = _by_script(words, script, codes)
    if by_script is not False:
        return by_script if isinstance(by_script, Detection) else None
    if script == "LATIN" and (by_numerals := _by_numerals(cleaned, codes)):
        return by_numerals
    if len(words) < min_words or letters[script] < min_letters:
        return None
    return _by_model(words, script, codes, margin)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class LanguageDetector(GraphComponent):
    """Adds the entity `conversation_language` (value: ISO 639-1 code, spanning the whole text) to a message whose
    language detect_language decides; nothing otherwise. Spans of the entities named in `ignore_entities` (the
    towns and postal codes of the extractors that ran before) are left out of the detection."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"ignore_entities": ["town", "postal_code"]}

    def __init__(self, config: dict[str, Any]) -> None:
        self.ignore_entities = set(config.get("ignore_entities") or [])

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageDetector:
        # Load lingua's models when the model is loaded, not on a parent's first message.
        detector()
        return cls({**cls.get_default_config(), **config})

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            entities = list(message.get(ENTITIES) or [])
            spans = [
                (int(entity["start"]), int(entity["end"]))
                for entity in entities
                if entity.get("entity") in self.ignore_entities
                and entity.get("start") is not None
                and entity.get("end") is not None
            ]
            detection = detect_language(text, spans)
            if detection is None:
                continue
            entities.append(
                {
                    "entity": ENTITY,
                    "value": detection.language,
                    "start": 0,
                    "end": len(text),
                    "confidence_entity": detection.confidence,
                    "extractor": EXTRACTOR,
                }
            )
            message.set(ENTITIES, entities, add_to_output=True)
        return messages
