"""The rule-based crisis safety net: plain signals of danger, found without the classifier.

The classifier may miss a message it has never seen; these patterns catch the plain words. A false alarm costs
a parent one card of phone numbers; a missed one can cost a life, so the patterns lean towards catching.
No Rasa imports: tested on its own (tests/bot/test_crisis.py).
"""

from __future__ import annotations

import re

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})

# Order matters: the first kind that matches decides which numbers come first.
_PATTERNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "suicidal",
        (
            r"\b(selbstmord|suizid|suicid|lebensmuede)",
            r"\b(mich|mir) (selbst )?(umbringen|toeten|das leben nehmen)",
            r"\bnicht mehr (leben|weiterleben|da sein)\b",
            r"\b(will|moechte|wuerde am liebsten) (nur noch )?sterben\b",
            r"\b(mir|mich) (selbst )?(was|etwas) an(tun|zutun)\b",
            r"\britze mich\b|\bverletze mich selbst\b",
            r"\b(kill myself|end my life|want to die|suicide)\b",
        ),
    ),
    (
        "medical",
        (
            r"\b(atmet|atmen) (nicht|kaum|nicht mehr)\b",
            r"\bkeine luft\b|\bnot breathing\b",
            r"\bbewusstlos\b|\bohnmaechtig\b|\breagiert nicht mehr\b",
            r"\b(fieberkrampf|krampfanfall|krampft)\b",
            r"\b(blute|blutet|blutung|bluten)\b.{0,30}\b(stark|viel|doll|heftig)\b|\bstarke blutung\b",
            r"\b(schwanger|ssw)\b.{0,40}\b(blute|blutet|blutung|bluten)\b",
            r"\b(ganz|wird|ist) blau\b|\bblau (an|im gesicht)\b",
            r"\b(verschluckt|vergiftet|giftig)\b",
            r"\bnotarzt\b|\brettungswagen\b",
        ),
    ),
    (
        "child_danger",
        (
            r"\bangst\b.{0,40}\b(meinem|mein|unserem) (baby|kind|sohn|tochter)\b.{0,30}\b(an)?(tue|tun|zutun|weh)\b",
            r"\b(baby|kind)\b.{0,20}\b(schuetteln|geschuettelt)\b",
            r"\b(schlaegt|schlagen|verpruegelt|misshandelt|missbraucht)\b.{0,20}\b(mein|unser|das|die) "
            r"(kind|kinder|baby|sohn|tochter)\b",
            r"\b(mein|unser|das) (kind|baby|sohn|tochter)\b.{0,30}\b(wird|wurde)\b.{0,20}"
            r"\b(geschlagen|missbraucht|misshandelt|eingesperrt)\b",
            r"\b(kindeswohl|kinderschutz)\b.{0,20}\b(gefahr|gefaehrdet)\b",
        ),
    ),
    (
        "violence",
        (
            r"\b(schlaegt|haut|tritt|wuergt|verpruegelt|bedroht|vergewaltigt)\b.{0,15}\b(mich|uns|mir)\b",
            r"\b(mich|uns)\b.{0,30}\b(geschlagen|gewuergt|verpruegelt|getreten|bedroht|vergewaltigt|eingesperrt)\b",
            r"\bhaeusliche gewalt\b|\bgewalt (zu hause|in der ehe|von meinem)\b",
            r"\b(hits|beats|chokes) me\b|\bdomestic violence\b",
        ),
    ),
)
_COMPILED = tuple((kind, tuple(re.compile(pattern) for pattern in patterns)) for kind, patterns in _PATTERNS)


def fold(text: str) -> str:
    return " ".join(text.lower().translate(_FOLD).split())


def detect(text: str) -> str | None:
    """The kind of danger the text plainly names ("violence", "child_danger", "suicidal", "medical"), or None."""
    folded = fold(text)
    for kind, patterns in _COMPILED:
        if any(pattern.search(folded) for pattern in patterns):
            return kind
    return None
