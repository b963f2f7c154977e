"""The national, free emergency and help numbers of the design, and which fit which danger.

Each number's label and hours are texts (`emergency_number.<key>.label|hours`), so they follow the language.
"""

from __future__ import annotations

from vocabulary.texts import text

NUMBERS: dict[str, str] = {
    "polizei": "110",
    "notruf": "112",
    "bereitschaftsdienst": "116 117",
    "gewalt_frauen": "116 016",
    "kinder_jugend": "116 111",
    "elterntelefon": "0800 111 0 550",
    "seelsorge_1": "0800 111 0 111",
    "seelsorge_2": "0800 111 0 222",
    "schwangere": "0800 40 40 020",
}

# Which numbers fit which danger, the most urgent first.
CRISIS_NUMBERS: dict[str, tuple[str, ...]] = {
    "violence": ("polizei", "gewalt_frauen", "notruf"),
    "child_danger": ("polizei", "notruf", "elterntelefon", "kinder_jugend"),
    "suicidal": ("seelsorge_1", "seelsorge_2", "notruf"),
    "medical": ("notruf", "bereitschaftsdienst"),
    "pregnancy": ("schwangere", "notruf"),
}
# For a family outside NRW or when the offers API cannot be reached.
GENERAL_NUMBERS: tuple[str, ...] = ("elterntelefon", "schwangere", "seelsorge_1", "notruf")


def number_entries(keys: tuple[str, ...], language: str | None) -> list[dict[str, str]]:
    """The numbers as the `emergency` payload carries them: label, phone, hours."""
    return [
        {
            "label": text(f"emergency_number.{key}.label", language),
            "phone": NUMBERS[key],
            "hours": text(f"emergency_number.{key}.hours", language),
        }
        for key in keys
    ]


def numbers_text(keys: tuple[str, ...], language: str | None) -> str:
    """The same numbers as lines of text, for answers that carry no payload."""
    return "\n".join(text("emergency.number_line", language, **entry) for entry in number_entries(keys, language))
