"""The locate service on the real directory index (no HTTP)."""

from __future__ import annotations

import pytest

from api.directory.index import DirectoryIndex
from api.errors import InvalidInput, NotFound
from api.services.locate import locate
from vocabulary.names import fold


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Köln", "koeln"),
        ("KOELN", "koeln"),
        ("  St. Augustin ", "sankt augustin"),
        ("Düren-Birkesdorf", "dueren birkesdorf"),
    ],
)
def test_fold(text: str, key: str) -> None:
    assert fold(text) == key


def test_a_district_in_two_towns_asks_which(index: DirectoryIndex) -> None:
    shared = next(
        key
        for key, places in index.places.items()
        if {p.kind for p in places} == {"district"} and len({p.municipality_ags for p in places}) > 1
    )
    result = locate(index, shared)
    assert result.status == "ambiguous"
    assert len(result.matches) > 1


def test_town_name_beats_a_district_of_the_same_name(index: DirectoryIndex) -> None:
    result = locate(index, "Werne")
    assert result.status == "found"
    assert index.municipality_names[result.matches[0].municipality_ags] == "Werne"


def test_every_municipality_name_resolves_to_itself(index: DirectoryIndex) -> None:
    for ags, name in index.municipality_names.items():
        result = locate(index, name)
        assert [match.municipality_ags for match in result.matches] == [ags], name


def test_unknown_code_and_name(index: DirectoryIndex) -> None:
    with pytest.raises(NotFound):
        locate(index, "00000")
    with pytest.raises(InvalidInput):
        locate(index, "?!")
