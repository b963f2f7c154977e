"""Folding of place names, so "Köln", "Koeln", "KÖLN" and "koeln " all become the same key (API, NLU, actions)."""

from __future__ import annotations

import re
import unicodedata

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
# Words that parents put in front of a town name but that are not part of it.
_LEADING_FILLERS = ("stadt ", "gemeinde ", "in ")


def fold_umlauts(text: str) -> str:
    """Lower case, umlauts as ae/oe/ue, ß as ss, single spaces; punctuation stays (patterns may need it)."""
    return " ".join(unicodedata.normalize("NFC", text).lower().translate(_UMLAUTS).split())


def fold(text: str) -> str:
    """Lower case, umlauts as ae/oe/ue, ß as ss, other accents dropped, only letters, digits, single spaces."""
    lowered = fold_umlauts(text)
    ascii_only = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode("ascii")
    key = _NOT_ALNUM.sub(" ", ascii_only).strip()
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
