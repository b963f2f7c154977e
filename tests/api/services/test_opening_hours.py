from __future__ import annotations

import pytest

from api.services.opening_hours import OpeningHoursError, WeeklySlot, format_slots, parse


def test_ranges_lists_and_notes() -> None:
    slots = parse("Mo-Fr 9:00-12:30; Di,Do 14.00-18:00 Uhr; nach Vereinbarung")
    assert slots == [
        WeeklySlot(("MO", "TU", "WE", "TH", "FR"), "09:00", "12:30"),
        WeeklySlot(("TU", "TH"), "14:00", "18:00"),
        WeeklySlot((), None, None, "nach Vereinbarung"),
    ]
    assert format_slots(slots) == "Mo-Fr 09:00-12:30; Di,Do 14:00-18:00; nach Vereinbarung"
    assert parse(format_slots(slots)) == slots


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Xy 09:00-12:00", "Den Tag"),
        ("Mo 12:00-09:00", "endet"),
        ("Mo 25:00-26:00", "gibt es nicht"),
        ("Fr-Mo 09:00-12:00", "Reihenfolge"),
        ("montags 9 bis 12", "verstehen wir nicht"),
    ],
)
def test_errors_say_what_is_wrong_in_german(text: str, message: str) -> None:
    with pytest.raises(OpeningHoursError, match=message):
        parse(text)
