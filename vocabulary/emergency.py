"""The national, free emergency and help numbers of the design, and which fit which danger and which person.

Each number's label and hours are texts (`emergency_number.<key>.label|hours`), so they follow the language.
"""

from __future__ import annotations

from collections.abc import Iterable

from vocabulary.texts import resolve, text

NUMBERS: dict[str, str] = {
    "polizei": "110",
    "notruf": "112",
    "bereitschaftsdienst": "116 117",
    "gewalt_frauen": "116 016",
    # Run by NRW and Bavaria (with Baden-Württemberg and others since); not day and night: Mo–Do 8–20 Uhr,
    # Fr 8–15 Uhr (landkreis-heidenheim.de on the Hilfetelefone; vater.franzjoerg.de, "Faktencheck häusliche
    # Gewalt"). The operator's own page (maennerhilfetelefon.de) was not among the stored pages: check it there.
    "gewalt_maenner": "0800 123 99 00",
    "kinder_jugend": "116 111",
    "elterntelefon": "0800 111 0 550",
    "seelsorge_1": "0800 111 0 111",
    "seelsorge_2": "0800 111 0 222",
    "schwangere": "0800 40 40 020",
}

# The family's languages a helpline counsels in besides German (with interpreters), as public sources name them.
# A number not listed here is German only as far as we know. Reply texts mark these numbers for a family that
# writes in that language (`emergency.in_your_language`).
SPOKEN_LANGUAGES: dict[str, frozenset[str]] = {
    # 15 languages from the start in 2013, among them Arabic, English, Russian and Turkish (cottbus.de, 2015-11);
    # Albanian and Kurmanji added in 2017 (interview with the head of the line, kulturportal-russland.de,
    # 2019-07-16); counselling with interpreters for women from Ukraine (darmstadtnews.de, 2022-03-17).
    "gewalt_frauen": frozenset({"en", "tr", "ar", "ru", "uk"}),
    # "17 Fremdsprachen" (BMFSFJ, reported by deutsche-apotheker-zeitung.de, 2018-10-10) without naming them;
    # Ukrainian named by darmstadtnews.de, 2022-03-17. The others: check geburt-vertraulich.de before adding.
    "schwangere": frozenset({"uk"}),
}

# Which numbers fit which danger, the most urgent first.
CRISIS_NUMBERS: dict[str, tuple[str, ...]] = {
    "violence": ("polizei", "gewalt_frauen", "notruf"),
    # A man who is hit or threatened: the men's helpline; it is closed at night and at the weekend, so the
    # Telefonseelsorge (day and night, for everyone) comes with it. The women's line is for women only.
    "violence_male": ("polizei", "gewalt_maenner", "seelsorge_1"),
    "child_danger": ("polizei", "notruf", "elterntelefon", "kinder_jugend"),
    "suicidal": ("seelsorge_1", "seelsorge_2", "notruf"),
    "medical": ("notruf", "bereitschaftsdienst"),
    "pregnancy": ("schwangere", "notruf"),
}
# For a family outside NRW or when the offers API cannot be reached.
GENERAL_NUMBERS: tuple[str, ...] = ("elterntelefon", "schwangere", "seelsorge_1", "notruf")


def numbers_for(
    kind: str, *, also: Iterable[str] = (), male_victim: bool = False, pregnant: bool = False
) -> tuple[str, ...]:
    """The numbers for a danger (a crisis kind), the most urgent first.

    `also`: other kinds the same message names — a medical emergency puts 112 first (strangled, an overdose
    taken), any other adds its first number. `male_victim`: violence against a man. `pregnant`: a medical
    emergency in pregnancy adds the helpline for pregnant women.
    """
    keys = CRISIS_NUMBERS["violence_male" if kind == "violence" and male_victim else kind]
    if kind == "medical" and pregnant:
        keys = (*keys, CRISIS_NUMBERS["pregnancy"][0])
    others = [other for other in also if other != kind and other in CRISIS_NUMBERS]
    if "medical" in others:
        keys = ("notruf", *(key for key in keys if key != "notruf"))
    for other in others:
        first = CRISIS_NUMBERS[other][0]
        if first not in keys:
            keys = (*keys, first)
    return keys


def number_entries(keys: tuple[str, ...], language: str | None) -> list[dict[str, str]]:
    """The numbers as the `emergency` payload carries them: label, phone, hours — the hours say so when the line
    speaks the family's language."""
    return [
        {
            "label": text(f"emergency_number.{key}.label", language),
            "phone": NUMBERS[key],
            "hours": _hours(key, language),
        }
        for key in keys
    ]


def _hours(key: str, language: str | None) -> str:
    hours = text(f"emergency_number.{key}.hours", language)
    if resolve(language) in SPOKEN_LANGUAGES.get(key, ()):
        return f"{hours}; {text('emergency.in_your_language', language)}"
    return hours


def numbers_text(keys: tuple[str, ...], language: str | None) -> str:
    """The same numbers as lines of text, for answers that carry no payload."""
    return "\n".join(text("emergency.number_line", language, **entry) for entry in number_entries(keys, language))
