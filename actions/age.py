"""The child's age or stage as parents write it → age in years and life phase.

"2 Jahre", "zweijährig", "18 Monate", "6 Wochen", "Neugeborenes", "3. Klasse", "in der Kita", "bin schwanger",
"Baby", "16". Pure functions, no Rasa imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vocabulary.life_phases import life_phase_for_age
from vocabulary.names import fold_umlauts

NUMBER_WORDS = {
    "null": 0,
    "ein": 1,
    "eins": 1,
    "eine": 1,
    "einem": 1,
    "einen": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fuenf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwoelf": 12,
    "dreizehn": 13,
    "vierzehn": 14,
    "fuenfzehn": 15,
    "sechzehn": 16,
    "siebzehn": 17,
    "achtzehn": 18,
    "neunzehn": 19,
    "zwanzig": 20,
    "anderthalb": 1.5,
    "eineinhalb": 1.5,
}
_NUMBER = r"(\d{1,2}(?:[.,]5)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
# Age of a child in the first year of school; "3. Klasse" means about 8.
SCHOOL_START_AGE = 6


@dataclass(frozen=True)
class ChildStage:
    life_phase: str
    # Years; None in pregnancy.
    age: float | None


def _number(text: str) -> float:
    return float(text.replace(",", ".")) if text[0].isdigit() else float(NUMBER_WORDS[text])


def _stage(age: float) -> ChildStage:
    return ChildStage(life_phase=life_phase_for_age(age), age=age)


def parse_stage(text: str) -> ChildStage | None:
    """One child's stage from a short text, or None when the text names none."""
    folded = fold_umlauts(text)
    if re.search(r"schwanger|\bssw\b|\d+\.? ?(schwangerschafts)?woche\b|entbindung|geburtstermin|pregnant", folded):
        return ChildStage(life_phase="schwangerschaft", age=None)
    if re.search(r"neugeboren|newborn|gerade geboren|frisch geboren", folded):
        return _stage(0.0)
    if match := re.search(_NUMBER + r" ?(monat|months?)", folded):
        return _stage(round(_number(match.group(1)) / 12, 2))
    if match := re.search(_NUMBER + r" ?(woche|weeks?)", folded):
        return _stage(round(_number(match.group(1)) / 52, 2))
    if match := re.search(_NUMBER + r" ?(tage?n?|days?)\b", folded):
        return _stage(round(_number(match.group(1)) / 365, 3))
    if match := re.search(r"(\d{1,2})\. ?klasse|klasse (\d{1,2})\b|(\d{1,2})th grade", folded):
        grade = int(next(group for group in match.groups() if group))
        return _stage(float(SCHOOL_START_AGE + grade - 1))
    if match := re.search(_NUMBER + r" ?(-| )?(jahre?|jaehrig|years?|j\b)", folded):
        return _stage(_number(match.group(1)))
    if match := re.search(r"\b(ist|wird|sind|is|alt|age)\b\D{0,10}" + _NUMBER + r"\b", folded):
        return _stage(_number(match.group(2)))
    if re.search(r"\bbaby\b|saeugling|stillen", folded):
        return _stage(0.5)
    if re.search(r"kleinkind|krabbel|toddler", folded):
        return _stage(2.0)
    if re.search(r"\bkita\b|kindergarten|tagesmutter|vorschul", folded):
        return _stage(4.0)
    if re.search(r"grundschul|einschulung|erstklaessler|\bgs\b", folded):
        return _stage(7.0)
    if re.search(r"teenager|pubertaet|gesamtschule|gymnasium|realschule|hauptschule", folded):
        return _stage(13.0)
    if re.search(r"ausbildung|azubi|schulabschluss|abschluss|praktikum", folded):
        return _stage(16.0)
    if re.fullmatch(_NUMBER, folded):
        return _stage(_number(folded))
    return None


def youngest(stages: list[ChildStage]) -> ChildStage | None:
    """With several children, the youngest decides (pregnancy counts as youngest)."""
    if not stages:
        return None
    pregnant = [stage for stage in stages if stage.age is None]
    if pregnant:
        return pregnant[0]
    return min(stages, key=lambda stage: stage.age if stage.age is not None else -1)
