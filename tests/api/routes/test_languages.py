"""Answers in the asked language: categories, offers' labels, language names and opening days from the catalogue,
`Content-Language` and `Vary`; error bodies stay German and English; offers in the family's language rank first
among equally fitting ones."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.factories import offer_fields
from vocabulary.categories import CATEGORY_SLUGS
from vocabulary.life_phases import LIFE_PHASE_SLUGS
from vocabulary.texts import catalogue, languages

LANGUAGES = languages()
TURKISH_FIRST = "tr-TR,tr;q=0.9,de;q=0.8"


def _get(client: TestClient, path: str, headers: dict[str, str] | None = None, **params: Any) -> Any:
    response = client.get(path, params=params, headers=headers or {})
    assert response.status_code == 200, response.text
    return response


def _labels(client: TestClient, headers: dict[str, str] | None = None, **params: Any) -> dict[str, str]:
    body = _get(client, "/v1/categories", headers, **params).json()
    return {category["slug"]: category["label"] for category in body["categories"]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_categories_in_every_catalogue_language(client: TestClient, language: str) -> None:
    response = _get(client, "/v1/categories", lang=language)
    assert response.headers["content-language"] == language
    assert "accept-language" in response.headers["vary"].lower()
    texts = catalogue(language)
    body = response.json()
    assert [c["slug"] for c in body["categories"]] == list(CATEGORY_SLUGS)
    for category in body["categories"]:
        assert category["label"] == texts[f"category.{category['slug']}.label"]
        assert category["description"] == texts[f"category.{category['slug']}.description"]
    assert [p["slug"] for p in body["life_phases"]] == list(LIFE_PHASE_SLUGS)
    for phase in body["life_phases"]:
        assert phase["label"] == texts[f"life_phase.{phase['slug']}.label"]


def test_labels_differ_by_language(client: TestClient) -> None:
    answers = {language: _labels(client, lang=language) for language in LANGUAGES}
    assert len({tuple(labels.values()) for labels in answers.values()}) == len(LANGUAGES)
    assert answers["de"]["beratung"] == "Beratung" and answers["en"]["beratung"] != "Beratung"


def test_accept_language_with_q_values(client: TestClient) -> None:
    assert _get(client, "/v1/categories", {"Accept-Language": TURKISH_FIRST}).headers["content-language"] == "tr"
    assert _labels(client, {"Accept-Language": TURKISH_FIRST}) == _labels(client, lang="tr")
    assert _labels(client, {"Accept-Language": "de;q=0.3, uk;q=0.7, fr"}) == _labels(client, lang="uk")
    assert _get(client, "/v1/categories", {"Accept-Language": "ar-EG"}).headers["content-language"] == "ar"


def test_lang_wins_over_accept_language(client: TestClient) -> None:
    response = _get(client, "/v1/categories", {"Accept-Language": "en"}, lang="ru")
    assert response.headers["content-language"] == "ru"
    assert _labels(client, {"Accept-Language": "en"}, lang="ru") == _labels(client, lang="ru")
    # A language without a catalogue gives way to the header.
    assert _get(client, "/v1/categories", {"Accept-Language": "en"}, lang="xx").headers["content-language"] == "en"


@pytest.mark.parametrize(
    ("headers", "params"),
    [({}, {}), ({}, {"lang": "xx"}), ({"Accept-Language": "fr-FR, es;q=0.5"}, {}), ({"Accept-Language": "tr;q=5"}, {})],
)
def test_unknown_or_no_language_gives_german(
    client: TestClient, headers: dict[str, str], params: dict[str, str]
) -> None:
    response = _get(client, "/v1/categories", headers, **params)
    assert response.headers["content-language"] == "de"
    assert _labels(client, headers, **params)["beratung"] == catalogue("de")["category.beratung.label"]


def _offer_texts_match(item: dict[str, Any], language: str) -> None:
    texts = catalogue(language)
    assert item["category_label"] == texts[f"category.{item['category']}.label"]
    assert item["languages"] == [texts[f"language.{code}"] for code in item["language_codes"]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_offers_in_the_asked_language(client: TestClient, language: str) -> None:
    search = _get(client, "/v1/offers", {"Accept-Language": language}, postal_code="44137", page_size=50)
    assert search.headers["content-language"] == language and "Accept-Language" in search.headers["vary"]
    items = search.json()["items"]
    assert items
    for item in items:
        _offer_texts_match(item, language)
    one = _get(client, f"/v1/offers/{items[0]['id']}", lang=language)
    assert one.headers["content-language"] == language
    _offer_texts_match(one.json(), language)
    assert one.json()["category_label"] == items[0]["category_label"]


def test_opening_days_in_the_asked_language_and_unchanged_in_german(client: TestClient) -> None:
    items = _get(client, "/v1/offers", postal_code="44137", category="familienbuero").json()["items"]
    nordstadt = next(item for item in items if item["name"] == "Familienbüro Dortmund-Nordstadt")
    assert nordstadt["opening_hours"] == "Mo-Fr 09:00-12:30; Do 14:00-18:00"
    english = _get(client, f"/v1/offers/{nordstadt['id']}", lang="en").json()
    assert english["opening_hours"] == "Mon-Fri 09:00-12:30; Thu 14:00-18:00"
    russian = _get(client, f"/v1/offers/{nordstadt['id']}", lang="ru").json()
    texts = catalogue("ru")
    days = (texts["opening_hours.day.mo"], texts["opening_hours.day.fr"], texts["opening_hours.day.th"])
    assert russian["opening_hours"] == "{}-{} 09:00-12:30; {} 14:00-18:00".format(*days)
    # The structured schedule is the same in every language.
    assert english["schedules"] == russian["schedules"] == nordstadt["schedules"]


def test_staff_writes_answer_in_the_asked_language(client: TestClient, dortmund_staff: dict[str, str]) -> None:
    created = client.post("/v1/offers", json=offer_fields(), headers={**dortmund_staff, "Accept-Language": "en"})
    assert created.status_code == 201, created.text
    assert created.headers["content-language"] == "en"
    assert created.json()["languages"] == ["German", "Turkish"]
    # Stored as entered: a German reader sees the German names.
    assert _get(client, f"/v1/offers/{created.json()['id']}").json()["languages"] == ["Deutsch", "Türkisch"]


@pytest.mark.parametrize(
    ("method", "path", "params", "json"),
    [
        ("GET", "/v1/offers", {"postal_code": "10115"}, None),
        ("GET", "/v1/offers", {"postal_code": "44137", "category": "zauberei"}, None),
        ("GET", "/v1/offers", {}, None),
        ("GET", "/v1/offers/00000000-0000-0000-0000-000000000000", {}, None),
        ("POST", "/v1/offers", {}, {}),
        ("GET", "/v1/nowhere", {}, None),
    ],
)
def test_error_bodies_stay_german_and_english(
    client: TestClient, method: str, path: str, params: dict[str, str], json: dict[str, Any] | None
) -> None:
    plain = client.request(method, path, params=params, json=json)
    assert plain.status_code >= 400
    for headers, lang in (({"Accept-Language": "tr"}, None), ({}, "ar"), ({"Accept-Language": "en"}, "uk")):
        asked = client.request(
            method, path, params={**params, **({"lang": lang} if lang else {})}, json=json, headers=headers
        )
        assert asked.status_code == plain.status_code
        assert asked.json() == plain.json()
        assert "content-language" not in asked.headers
    body = plain.json()
    assert body["detail"] != body["detail_en"] and {"type", "detail", "detail_en"} <= set(body)


def test_staff_page_texts_take_the_header_too(client: TestClient) -> None:
    response = _get(client, "/staff/api/texts", {"Accept-Language": TURKISH_FIRST})
    assert response.json()["language"] == "tr" and response.headers["content-language"] == "tr"
    assert _get(client, "/staff/api/texts", {"Accept-Language": "tr"}, lang="uk").json()["language"] == "uk"
    assert _get(client, "/staff/api/texts", {"Accept-Language": "tr"}, lang="ar").json()["direction"] == "rtl"


def _speaks(item: dict[str, Any], language: str) -> bool:
    return language in item["language_codes"]


@pytest.mark.parametrize("language", ["ru", "tr", "uk", "en", "fa"])
def test_offers_in_the_familys_language_come_first_among_equals(client: TestClient, language: str) -> None:
    categories = ["lotsendienst_praxis", "beratung", "familienzentrum"]
    for place in ({"postal_code": "44137"}, {"postal_code": "50823"}, {"postal_code": "48619"}):
        plain = _get(client, "/v1/offers", page_size=50, category=categories, **place).json()
        ranked = _get(client, "/v1/offers", page_size=50, category=categories, language=language, **place).json()
        # Nothing dropped, nothing added; the area and category order of the plain ranking stays.
        assert ranked["total"] == plain["total"]
        assert sorted(item["id"] for item in ranked["items"]) == sorted(item["id"] for item in plain["items"])
        group = [(item["area"], categories.index(item["category"])) for item in ranked["items"]]
        assert group == [(item["area"], categories.index(item["category"])) for item in plain["items"]]
        # Within one group (same area, same category): the speakers of the language first, else as before.
        for key in dict.fromkeys(group):
            in_group = [item for item, k in zip(ranked["items"], group, strict=True) if k == key]
            before = [item for item, k in zip(plain["items"], group, strict=True) if k == key]
            expected = [item for item in before if _speaks(item, language)]
            expected += [item for item in before if not _speaks(item, language)]
            assert [item["id"] for item in in_group] == [item["id"] for item in expected], (place, key)


def test_a_speaker_moves_up_only_within_its_group(client: TestClient) -> None:
    # Dortmund's two Lotsendienste in practices: the more recently checked one speaks Turkish, the other Russian.
    plain = _get(client, "/v1/offers", postal_code="44137", category="lotsendienst_praxis").json()["items"]
    town = [item for item in plain if item["area"] == "municipality"]
    assert len(town) == 2 and not _speaks(town[0], "ru") and _speaks(town[1], "ru")
    russian = _get(client, "/v1/offers", postal_code="44137", category="lotsendienst_praxis", language="ru-RU")
    assert [item["id"] for item in russian.json()["items"][:2]] == [town[1]["id"], town[0]["id"]]
    # A nearby offer in Russian does not jump ahead of the family's own town, nor a second category of the first.
    mixed = _get(
        client, "/v1/offers", postal_code="44137", category=["lotsendienst_praxis", "beratung"], language="ru"
    ).json()["items"]
    assert [item["category"] for item in mixed if item["area"] == "municipality"][:2] == ["lotsendienst_praxis"] * 2
    # An unknown language changes nothing.
    unknown = _get(client, "/v1/offers", postal_code="44137", category="lotsendienst_praxis", language="xx").json()
    assert [item["id"] for item in unknown["items"]] == [item["id"] for item in plain]


def test_the_answers_language_and_the_familys_language_are_independent(client: TestClient) -> None:
    items = _get(
        client,
        "/v1/offers",
        {"Accept-Language": "en"},
        postal_code="44137",
        category="lotsendienst_praxis",
        language="ru",
    ).json()["items"]
    assert items[0]["languages"] == ["German", "English", "Russian"]
