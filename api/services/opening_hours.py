"""Opening hours as staff write them in a spreadsheet ↔ HSDS weekly schedules.

Format: segments separated by ";", each "DAYS HH:MM-HH:MM" where DAYS is a day (Mo), a range (Mo-Fr)
or a list (Mo,Mi,Fr). A segment without times is kept as a note ("nach Vereinbarung").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from vocabulary import texts

GERMAN_DAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_INDEX = {day.lower(): index for index, day in enumerate(GERMAN_DAYS)}
_SEGMENT = re.compile(
    r"^(?P<days>[A-Za-z]{2}(?:\s*[-–,]\s*[A-Za-z]{2})*)\s+"
    r"(?P<opens>\d{1,2}[:.]\d{2})\s*[-–]\s*(?P<closes>\d{1,2}[:.]\d{2})(?:\s*Uhr)?$"
)


class OpeningHoursError(ValueError):
    """The text does not follow the format; `key` names the text (`opening_hours.…`) that says what is wrong."""

    def __init__(self, key: str, /, **values: str) -> None:
        super().__init__(texts.text(key, "de", **values))
        self.key = key
        self.values = values


@dataclass(frozen=True)
class WeeklySlot:
    byday: tuple[str, ...]
    opens_at: str | None
    closes_at: str | None
    description: str = ""


def _time(text: str) -> str:
    hours, minutes = re.split(r"[:.]", text)
    if int(hours) > 24 or int(minutes) > 59:
        raise OpeningHoursError("opening_hours.bad_time", time=text)
    return f"{int(hours):02d}:{minutes}"


def _days(text: str) -> tuple[str, ...]:
    indices: list[int] = []
    for part in re.split(r"\s*,\s*", text):
        bounds = re.split(r"\s*[-–]\s*", part)
        try:
            numbers = [_DAY_INDEX[bound.lower()] for bound in bounds]
        except KeyError as missing:
            raise OpeningHoursError("opening_hours.unknown_day", day=missing.args[0]) from None
        if len(numbers) == 2 and numbers[0] <= numbers[1]:
            indices.extend(range(numbers[0], numbers[1] + 1))
        elif len(numbers) == 1:
            indices.append(numbers[0])
        else:
            raise OpeningHoursError("opening_hours.day_order", days=part)
    return tuple(ICAL_DAYS[index] for index in sorted(set(indices)))


def parse(text: str) -> list[WeeklySlot]:
    slots: list[WeeklySlot] = []
    for raw in text.split(";"):
        segment = raw.strip()
        if not segment:
            continue
        match = _SEGMENT.match(segment)
        if match is None:
            if re.search(r"\d", segment):
                raise OpeningHoursError("opening_hours.not_understood", segment=segment)
            slots.append(WeeklySlot(byday=(), opens_at=None, closes_at=None, description=segment[:200]))
            continue
        opens, closes = _time(match["opens"]), _time(match["closes"])
        if opens >= closes:
            raise OpeningHoursError("opening_hours.ends_before_start", segment=segment)
        slots.append(WeeklySlot(byday=_days(match["days"]), opens_at=opens, closes_at=closes))
    return slots


def _days_text(byday: tuple[str, ...], names: Sequence[str]) -> str:
    indices = [ICAL_DAYS.index(day) for day in byday]
    if len(indices) > 2 and indices == list(range(indices[0], indices[-1] + 1)):
        return f"{names[indices[0]]}-{names[indices[-1]]}"
    return ",".join(names[index] for index in indices)


def _slots_text(slots: list[WeeklySlot], names: Sequence[str]) -> str:
    parts = []
    for slot in slots:
        if slot.opens_at and slot.closes_at and slot.byday:
            parts.append(f"{_days_text(slot.byday, names)} {slot.opens_at}-{slot.closes_at}")
        elif slot.description:
            parts.append(slot.description)
    return "; ".join(parts)


def format_slots(slots: list[WeeklySlot]) -> str:
    """The same format `parse` reads, so an export can be imported again unchanged."""
    return _slots_text(slots, GERMAN_DAYS)


def describe_slots(slots: list[WeeklySlot], language: str) -> str:
    """The opening hours for a person reading `language`: the days named by the catalogue (`opening_hours.day.*`),
    times as digits, notes as staff wrote them. In German the same text as `format_slots`."""
    names = [texts.text(f"opening_hours.day.{day.lower()}", language) for day in ICAL_DAYS]
    return _slots_text(slots, names)
