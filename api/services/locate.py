"""Locate: a postal code or a town name → the municipality (or two) and the Jugendamt in charge."""

from __future__ import annotations

import re
from dataclasses import dataclass

from api.directory.index import DirectoryIndex, Place
from api.directory.names import fold, strip_fillers
from api.errors import InvalidInput, NotFound

MAX_QUERY_LENGTH = 100
_POSTAL_CODE = re.compile(r"\b(\d{5})\b")
STATE_NAMES = {
    "BW": "Baden-Württemberg",
    "BY": "Bayern",
    "BE": "Berlin",
    "BB": "Brandenburg",
    "HB": "Bremen",
    "HH": "Hamburg",
    "HE": "Hessen",
    "MV": "Mecklenburg-Vorpommern",
    "NI": "Niedersachsen",
    "RP": "Rheinland-Pfalz",
    "SL": "Saarland",
    "SN": "Sachsen",
    "ST": "Sachsen-Anhalt",
    "SH": "Schleswig-Holstein",
    "TH": "Thüringen",
}


@dataclass(frozen=True)
class Match:
    municipality_ags: str
    matched_by: str
    district: str | None = None


@dataclass(frozen=True)
class Located:
    status: str
    matches: list[Match]
    state: str | None = None


def _invalid() -> InvalidInput:
    return InvalidInput(
        "Bitte geben Sie eine Postleitzahl mit 5 Ziffern oder den Namen Ihres Ortes ein.",
        "Please enter a 5-digit postal code or the name of your town.",
    )


def _unique(matches: list[Match]) -> list[Match]:
    seen: dict[str, Match] = {}
    for match in matches:
        seen.setdefault(match.municipality_ags, match)
    return list(seen.values())


def _from_places(places: list[Place], matched_by: str | None = None) -> list[Match]:
    return [
        Match(
            municipality_ags=place.municipality_ags,
            matched_by=matched_by or place.kind,
            district=place.display if place.kind == "district" else None,
        )
        for place in places
    ]


def _result(matches: list[Match]) -> Located:
    matches = _unique(matches)
    return Located(status="found" if len(matches) == 1 else "ambiguous", matches=matches)


def _by_name(index: DirectoryIndex, key: str) -> list[Match]:
    if key in index.places:
        places = index.places[key]
        # "Hamm" is a town and a district of Düsseldorf: the town wins unless a town is put in front.
        towns = [place for place in places if place.kind == "municipality"]
        return _from_places(towns or places)
    words = key.split(" ")
    # "koeln ehrenfeld", "dortmund hoerde": a town followed by one of its districts.
    for cut in range(len(words) - 1, 0, -1):
        town, rest = " ".join(words[:cut]), " ".join(words[cut:])
        towns = [p for p in index.places.get(town, []) if p.kind in ("municipality", "variant")]
        if not towns:
            continue
        town_ags = {p.municipality_ags for p in towns}
        districts = [p for p in index.places.get(rest, []) if p.kind == "district" and p.municipality_ags in town_ags]
        if districts:
            return _from_places(districts)
        return _from_places(towns)
    return []


def locate(index: DirectoryIndex, query: str) -> Located:
    text = query.strip()
    if not text or len(text) > MAX_QUERY_LENGTH:
        raise _invalid()
    key = strip_fillers(fold(text))
    if not re.search(r"[a-z0-9]", key):
        raise _invalid()

    code_match = _POSTAL_CODE.search(text)
    if key.isdigit() or key.replace(" ", "").isdigit():
        digits = key.replace(" ", "")
        if len(digits) != 5:
            raise InvalidInput(
                "Eine Postleitzahl hat genau 5 Ziffern. Bitte prüfen Sie die Zahl.",
                "A German postal code has exactly 5 digits. Please check the number.",
            )
        code_match = re.match(r"(\d{5})", digits)

    if code_match:
        code = code_match.group(1)
        if code in index.postal_codes:
            matches = [Match(ags, "postal_code") for ags in index.postal_codes[code]]
            rest = strip_fillers(fold(text.replace(code, " ", 1)))
            if len(matches) > 1 and rest:
                # "51373 Leverkusen": the name decides between the two municipalities of the code.
                named = {m.municipality_ags for m in _by_name(index, rest)}
                matches = [m for m in matches if m.municipality_ags in named] or matches
            return _result(matches)
        if code in index.foreign_postal_codes:
            return Located(status="not_in_nrw", matches=[], state=index.foreign_postal_codes[code])
        raise NotFound(
            f"Die Postleitzahl {code} kennen wir nicht. Bitte prüfen Sie die Zahl.",
            f"We do not know the postal code {code}. Please check the number.",
        )

    matches = _by_name(index, key)
    if matches:
        return _result(matches)
    if key in index.foreign_places:
        return Located(status="not_in_nrw", matches=[], state=index.foreign_places[key])
    similar = [m for similar_key in index.similar_keys(key) for m in _from_places(index.places[similar_key], "similar")]
    if similar:
        return _result(similar)
    raise NotFound(
        "Diesen Ort finden wir in Nordrhein-Westfalen nicht. Bitte schreiben Sie die Postleitzahl.",
        "We cannot find this place in North Rhine-Westphalia. Please enter the postal code.",
    )


def message_for(located: Located, names: list[str]) -> tuple[str, str]:
    """The plain-language sentence for the person, in German and English."""
    if located.status == "not_in_nrw":
        state = STATE_NAMES.get(located.state or "", "einem anderen Bundesland")
        return (
            f"Dieser Ort liegt in {state}, nicht in Nordrhein-Westfalen. "
            "Wir kennen nur Angebote in Nordrhein-Westfalen.",
            f"This place is in {STATE_NAMES.get(located.state or '', 'another state')}, not in North "
            "Rhine-Westphalia. We only know offers in North Rhine-Westphalia.",
        )
    if located.status == "ambiguous":
        listed = " oder ".join(names)
        return (f"Meinen Sie {listed}?", f"Do you mean {' or '.join(names)}?")
    return (f"Sie wohnen in {names[0]}.", f"You live in {names[0]}.")
