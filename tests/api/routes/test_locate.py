"""GET /v1/locate: postal codes and town names to municipality and Jugendamt."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def _first(client: TestClient, query: str) -> dict:
    response = client.get("/v1/locate", params={"q": query})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    ("query", "town", "office", "own_office"),
    [
        ("44137", "Dortmund", "dortmund", True),
        ("48619", "Heek", "kreis-borken", False),
        ("45964", "Gladbeck", "gladbeck", True),
        ("50823", "Köln", "koeln", True),
    ],
)
def test_spot_checks(client: TestClient, query: str, town: str, office: str, own_office: bool) -> None:
    body = _first(client, query)
    assert body["status"] == "found"
    (match,) = body["matches"]
    assert match["municipality"]["name"] == town
    assert match["municipality"]["jugendamt"]["id"] == office
    assert (match["municipality"]["jugendamt"]["kind"] != "kreis") is own_office
    assert match["matched_by"] == "postal_code"


def test_heek_is_served_by_the_kreis_borken(client: TestClient) -> None:
    match = _first(client, "48619")["matches"][0]
    assert match["municipality"]["kreis"]["name"] == "Kreis Borken"
    assert match["municipality"]["jugendamt"]["name"] == "Jugendamt des Kreises Borken"


def test_postal_code_outside_nrw_is_answered_kindly(client: TestClient) -> None:
    body = _first(client, "10115")
    assert body["status"] == "not_in_nrw"
    assert body["state"] == "BE"
    assert "nicht in Nordrhein-Westfalen" in body["message"]
    assert body["matches"] == []


@pytest.mark.parametrize(
    ("query", "town", "district"),
    [
        ("Köln-Ehrenfeld", "Köln", "Ehrenfeld"),
        ("Dortmund-Hörde", "Dortmund", "Hörde"),
        ("dortmund hörde", "Dortmund", "Hörde"),
        ("Koeln", "Köln", None),
        ("Muenster", "Münster", None),
        ("MÜNSTER", "Münster", None),
        ("Stadt Bielefeld", "Bielefeld", None),
        ("Mülheim an der Ruhr", "Mülheim an der Ruhr", None),
        ("Hamm", "Hamm", None),
    ],
)
def test_town_names_districts_and_spelling_variants(
    client: TestClient, query: str, town: str, district: str | None
) -> None:
    body = _first(client, query)
    assert body["status"] == "found", body
    (match,) = body["matches"]
    assert match["municipality"]["name"] == town
    assert match["district"] == district


def test_typo_finds_the_town(client: TestClient) -> None:
    body = _first(client, "Gelsenkirchn")
    assert body["matches"][0]["municipality"]["name"] == "Gelsenkirchen"
    assert body["matches"][0]["matched_by"] == "similar"


def test_postal_code_and_name_pick_one_of_two_municipalities(client: TestClient) -> None:
    assert _first(client, "42369")["status"] == "ambiguous"
    body = _first(client, "42369 Wuppertal")
    assert body["status"] == "found"
    assert body["matches"][0]["municipality"]["name"] == "Wuppertal"


def test_town_outside_nrw(client: TestClient) -> None:
    body = _first(client, "Hannover")
    assert body["status"] == "not_in_nrw"
    assert body["state"] == "NI"


@pytest.mark.parametrize("query", ["", "   ", "!!!", "1234", "123456", "x" * 101])
def test_garbage_gets_a_422_in_plain_german_and_english(client: TestClient, query: str) -> None:
    response = client.get("/v1/locate", params={"q": query})
    assert response.status_code == 422
    body = response.json()
    assert body["type"] == "invalid_input"
    assert body["detail"] and body["detail_en"]
    assert "Traceback" not in response.text


def test_unknown_place_is_a_404_with_a_hint(client: TestClient) -> None:
    response = client.get("/v1/locate", params={"q": "Xyzzyqwerty"})
    assert response.status_code == 404
    assert "Postleitzahl" in response.json()["detail"]


def test_a_name_of_a_town_and_a_district_elsewhere_asks_which(client: TestClient) -> None:
    body = _first(client, "Mülheim")
    assert body["status"] == "ambiguous"
    assert "Köln-Mülheim" in body["message"] and "Mülheim an der Ruhr" in body["message"]
