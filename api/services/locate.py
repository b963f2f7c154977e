"""Locate: a postal code or a town name → the municipality (or two) and the Jugendamt in charge."""

from __future__ import annotations

import re
from dataclasses import dataclass

from api.directory.index import DirectoryIndex, Place
from api.errors import InvalidInput, NotFound
from api.wording import Key, in_both
from vocabulary.names import fold, strip_fillers

MAX_QUERY_LENGTH = 100
_POSTAL_CODE = re.compile(r"\b(\d{5})\b")
# The other German states by their two-letter codes; their names are texts (`api.state.<code>`).
STATE_CODES = ("BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "RP", "SL", "SN", "ST", "SH", "TH")


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


def state_name(code: str | None) -> Key:
    """The name of a German state as a text of the sentence it goes into ("BY" → Bayern, Bavaria)."""
    return Key(f"api.state.{code.lower()}" if code in STATE_CODES else "api.state.other")


def _invalid() -> InvalidInput:
    return InvalidInput("api.locate.invalid")


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
            raise InvalidInput("api.locate.postal_code_length")
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
        raise NotFound("api.locate.postal_code_unknown", postal_code=code)

    matches = _by_name(index, key)
    if matches:
        return _result(matches)
    if key in index.foreign_places:
        return Located(status="not_in_nrw", matches=[], state=index.foreign_places[key])
    similar = [m for similar_key in index.similar_keys(key) for m in _from_places(index.places[similar_key], "similar")]
    if similar:
        return _result(similar)
    raise NotFound("api.locate.place_unknown")


def message_for(located: Located, names: list[str]) -> tuple[str, str]:
    """The plain-language sentence for the person, in German and English."""
    if located.status == "not_in_nrw":
        return in_both("api.locate.not_in_nrw", state=state_name(located.state))
    if located.status == "ambiguous":
        return in_both("api.locate.ambiguous", places=names)
    return in_both("api.locate.found", place=names[0])
