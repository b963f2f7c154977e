"""Folding of place names, so "Köln", "Koeln", "KÖLN" and "koeln " all become the same key (API, NLU, actions).

Town names also come in Cyrillic (Кёльн, Кельн) and Arabic script (كولونيا); their letters stay in the key,
with the spelling differences that do not change a name folded away (ё/е, hamza on alef, vowel signs).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from functools import lru_cache

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# Latin letters that have no accent to drop, so NFKD alone would lose them ("Aydın", "Łódź").
LATIN_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "þ": "th"})
# Arabic-Indic and Persian digits (٤٤١٣٧, ۴۴۱۳۷) as ASCII digits: a postal code typed on an Arabic keyboard.
ASCII_DIGITS = str.maketrans({chr(base + n): str(n) for base in (0x0660, 0x06F0) for n in range(10)})
SCRIPT_VARIANTS = str.maketrans(
    {
        "ё": "е",
        # Alef with hamza or madda, and alef wasla, are written as plain alef by many; so are these endings.
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        # The Persian forms of yeh and kaf (a Persian or Urdu keyboard) are the same letters.
        "ی": "ي",
        "ک": "ك",
        # Tatweel (a stretching stroke) and the zero-width joiners are no letters.
        "ـ": None,
        "\u200c": None,
        "\u200d": None,
    }
)
# Letters and digits of a key: Latin (as ASCII), Cyrillic, and the Arabic letters (no punctuation, no digits).
_NOT_ALNUM = re.compile(r"[^a-z0-9\u0400-\u04ff\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff]+")
# Words that parents put in front of a town name but that are not part of it.
_LEADING_FILLERS = ("stadt ", "gemeinde ", "in ", "city of ", "город ", "місто ", "مدينه ", "في ")


def fold_umlauts(text: str) -> str:
    """Lower case, umlauts as ae/oe/ue, ß as ss, single spaces; punctuation stays (patterns may need it)."""
    return " ".join(unicodedata.normalize("NFC", text).lower().translate(_UMLAUTS).split())


def script_of(key: str) -> str:
    """The script of a folded key by its first letter: "cyrillic", "arabic" or "latin" (names are compared, and
    inflections read, within one script)."""
    first = next((char for char in key if char.isalpha()), "")
    if "\u0400" <= first <= "\u04ff":
        return "cyrillic"
    if "\u0600" <= first <= "\u06ff":
        return "arabic"
    return "latin"


@lru_cache(maxsize=4096)
def _plain(char: str) -> str:
    """One character without accents: Cyrillic and Arabic letters stay, other letters become ASCII or nothing."""
    if "\u0400" <= char <= "\u04ff" or "\u0600" <= char <= "\u06ff":
        # Vowel signs and other combining marks (Arabic harakat, a stress accent) are dropped.
        return "" if unicodedata.category(char) == "Mn" else char
    return unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")


def fold(text: str) -> str:
    """Lower case, umlauts as ae/oe/ue, ß as ss, other accents dropped, only letters, digits, single spaces.

    Letters kept: a–z, Cyrillic (ё as е) and Arabic (alef forms as alef, ى as ي, ة as ه, no vowel signs).
    """
    lowered = fold_umlauts(text).translate(LATIN_LETTERS).translate(SCRIPT_VARIANTS).translate(ASCII_DIGITS)
    plain = "".join(_plain(char) for char in lowered)
    key = _NOT_ALNUM.sub(" ", plain).strip()
    # "St. Augustin" and "Sankt Augustin" are the same town.
    return re.sub(r"\bst\b", "sankt", key)


def strip_fillers(key: str) -> str:
    changed = True
    while changed:
        changed = False
        for filler in _LEADING_FILLERS:
            if key.startswith(filler) and len(key) > len(filler):
                key = key[len(filler) :]
                changed = True
    return key


def name_variants(name: str) -> set[str]:
    """Short forms of official names that people use: "Mülheim an der Ruhr" → "Mülheim"."""
    variants: set[str] = set()
    for joiner in (" an der ", " am ", " im ", " in ", " (", " a. d. ", " a.d. "):
        if joiner in name:
            variants.add(name.split(joiner, 1)[0])
    return {variant for variant in variants if len(variant) >= 3 and variant != name}


# --- town names inside a sentence -----------------------------------------------------------------------------

# Case endings of Russian and Ukrainian nouns: "в Кёльне", "из Ахена", "у Дюссельдорфі", "за Мюнстером".
_CYRILLIC_ENDINGS = ("ом", "ем", "ой", "ою", "е", "і", "а", "у", "ю", "я", "и")
# Arabic words written together with the next word: "ب" (in), "و" (and), "ل" (to), "ف" (so).
_ARABIC_PREFIXES = ("وب", "ول", "ب", "و", "ل", "ف")


def base_forms(word: str) -> list[str]:
    """The dictionary forms a folded word of a sentence may stand for: without a case ending (Cyrillic; also with
    "ь": "вуппертале" → "вупперталь") or without a prefix written together with it (Arabic)."""
    forms = []
    script = script_of(word)
    if script == "cyrillic":
        for ending in _CYRILLIC_ENDINGS:
            stem = word[: -len(ending)]
            if word.endswith(ending) and len(stem) >= 3:
                forms += [stem, stem + "ь"]
    elif script == "arabic":
        forms += [
            word[len(prefix) :]
            for prefix in _ARABIC_PREFIXES
            if word.startswith(prefix) and len(word) > len(prefix) + 2
        ]
    return forms


def _long_enough(name: str) -> bool:
    """Inside a sentence, a Latin name counts from six letters on ("cologne"): the alternative names of GeoNames
    include short words of other languages ("zest", "rede", "hilde"). Cyrillic and Arabic from four ("هام", Hamm,
    is also the word for "important")."""
    return len(name) >= (6 if script_of(name) == "latin" else 4)


def names_in(words: list[str], known: Container[str]) -> list[tuple[int, int, str]]:
    """The known names (folded keys) among folded words, as (first word, end word, key): one to three words, the
    last one as it stands or in a dictionary form ("живём в кёльне" → (2, 3, "кельн"))."""
    found = []
    for start in range(len(words)):
        for length in (3, 2, 1):
            span = words[start : start + length]
            if len(span) < length:
                continue
            for form in [span[-1], *base_forms(span[-1])]:
                key = " ".join([*span[:-1], form])
                if _long_enough(key) and key in known:
                    found.append((start, start + length, key))
                    break
    return found
