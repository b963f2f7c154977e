"""Town names as they stand in a sentence: Russian and Ukrainian case endings ("в Кёльне", "у Кельні"), Arabic
prefixes written together with the name ("بكولونيا", "وكولونيا"), a Turkish case ending after an apostrophe."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("query", "town"),
    [
        ("в Кёльне", "Köln"),
        ("живем в Кельне", "Köln"),
        ("из Ахена", "Aachen"),
        ("в Дюссельдорфе", "Düsseldorf"),
        ("в Мюнстере", "Münster"),
        ("у Кельні", "Köln"),
        ("у Дюссельдорфі", "Düsseldorf"),
        ("بكولونيا", "Köln"),
        ("وفي دوسلدورف", "Düsseldorf"),
        ("Köln'de", "Köln"),
        ("Dortmund’da", "Dortmund"),
        ("in Cologne", "Köln"),
        ("we live in cologne with two kids", "Köln"),
        ("نحن ساكنين بكولونيا", "Köln"),
    ],
)
def test_an_inflected_name_finds_the_town(client: TestClient, query: str, town: str) -> None:
    response = client.get("/v1/locate", params={"q": query})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "found", body
    assert [match["municipality"]["name"] for match in body["matches"]] == [town]


@pytest.mark.parametrize("query", ["Кельнер", "Ахенский собор рецепт", "zest of a lemon", "rede mit mir"])
def test_an_ending_does_not_make_any_word_a_town(client: TestClient, query: str) -> None:
    response = client.get("/v1/locate", params={"q": query})
    assert response.status_code in (200, 404), response.text
    if response.status_code == 200:
        assert response.json()["status"] != "found" or response.json()["matches"][0]["matched_by"] == "similar"
