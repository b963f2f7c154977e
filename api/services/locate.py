"""Locate: a postal code or a town name → the municipality (or two) and the Jugendamt in charge."""

from __future__ import annotations

import re
from dataclasses import dataclass

from api.directory.index import DirectoryIndex, Place
from api.errors import InvalidInput, NotFound
from api.wording import Key, in_both
from vocabulary.names import ASCII_DIGITS, fold, names_in, strip_fillers

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
        if towns:
            districts = _districts_of(index, towns, rest)
            if districts:
                return districts
            # A whole name in another language that starts with a German town's name is that other town.
            return [] if key in index.other_names else _from_places(towns)
        # "Cologne Ehrenfeld": a town in another language counts only with one of its districts after it.
        districts = _districts_of(index, index.other_names.get(town, []), rest)
        if districts:
            return districts
    return []


def _districts_of(index: DirectoryIndex, towns: list[Place], rest: str) -> list[Match]:
    town_ags = {p.municipality_ags for p in towns}
    return _from_places(
        [p for p in index.places.get(rest, []) if p.kind == "district" and p.municipality_ags in town_ags]
    )


def _by_other_name(index: DirectoryIndex, key: str) -> list[Match]:
    """A name in another language or script (Cologne, Кёльн, كولونيا): a spelling variant of the town's name."""
    return _from_places(index.other_names.get(key, []), "variant")


def _by_words(index: DirectoryIndex, key: str) -> list[Match]:
    """A town named in another language inside a sentence ("живём в Кёльне", "ساكنين بكولونيا", "we live in
    Cologne"), as one of the names in other languages. German words are not tried here ("wir essen" is no town):
    a German name has to be the whole answer."""
    found = [
        match for _, _, name in names_in(key.split(" "), index.other_names) for match in _by_other_name(index, name)
    ]
    return found if len({match.municipality_ags for match in found}) == 1 else []


def locate(index: DirectoryIndex, query: str) -> Located:
    # Arabic-Indic digits (٤٤١٣٧) are read as the postal code they are.
    text = query.strip().translate(ASCII_DIGITS)
    if not text or len(text) > MAX_QUERY_LENGTH:
        raise _invalid()
    key = strip_fillers(fold(text))
    if not key:
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
                named = {m.municipality_ags for m in _by_name(index, rest) or _by_other_name(index, rest)}
                matches = [m for m in matches if m.municipality_ags in named] or matches
            return _result(matches)
        if code in index.foreign_postal_codes:
            return Located(status="not_in_nrw", matches=[], state=index.foreign_postal_codes[code])
        raise NotFound("api.locate.postal_code_unknown", postal_code=code)

    # German names first (an NRW town or district, then a place in another state); a name in another
    # language only after them, so that it never hides a German name that is the same word.
    matches = _by_name(index, key)
    if matches:
        return _result(matches)
    if key in index.foreign_places:
        return Located(status="not_in_nrw", matches=[], state=index.foreign_places[key])
    matches = _by_other_name(index, key) or _by_words(index, key)
    if matches:
        return _result(matches)
    similar = _from_places(index.similar_places(key), "similar")
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
