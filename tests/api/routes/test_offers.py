"""GET/POST/PATCH/DELETE /v1/offers: ranking, filters, staff permissions and the change record."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import ServiceChange, StaffToken
from tests.api.factories import offer_fields
from vocabulary.categories import CATEGORY_SLUGS
from vocabulary.messages import OFFER_PAYLOAD_FIELDS
from vocabulary.texts import text


def _search(client: TestClient, **params: object) -> dict:
    response = client.get("/v1/offers", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_demo_towns_have_every_category(client: TestClient) -> None:
    for postal_code in ("44137", "50823", "45879", "33602", "48619"):
        body = _search(client, postal_code=postal_code, page_size=50)
        categories = {item["category"] for item in body["items"] if item["area"] != "nearby"}
        assert categories == set(CATEGORY_SLUGS), postal_code


def test_offers_carry_the_payload_fields_and_demo_contact_rules(client: TestClient) -> None:
    body = _search(client, postal_code="44137", page_size=50)
    for item in body["items"]:
        assert set(OFFER_PAYLOAD_FIELDS) <= set(item)
        assert item["demo"] is True
        assert item["phone"].startswith("0221 4710 ")
        assert not item["email"] or item["email"].endswith("@example.org")
        assert not item["url"] or item["url"].startswith("https://example.org/")
        assert "Beispieladresse" in item["address"]


def test_responsible_jugendamt_area_comes_first(client: TestClient) -> None:
    body = _search(client, postal_code="48619", page_size=50)
    assert body["jugendaemter"][0]["id"] == "kreis-borken"
    areas = [item["area"] for item in body["items"]]
    assert areas == sorted(areas, key=["municipality", "jugendamt", "nearby"].index)
    assert areas[0] == "municipality"
    assert all(item["jugendamt_id"] == "kreis-borken" for item in body["items"] if item["area"] != "nearby")
    heek = [item for item in body["items"] if item["area"] == "municipality"]
    assert heek and all(item["city"] == "Heek" for item in heek)


def test_categories_are_ranked_in_the_order_asked(client: TestClient) -> None:
    body = _search(client, postal_code="44137", category=["lotsendienst_geburtsklinik", "aufsuchend"], page_size=50)
    categories = [item["category"] for item in body["items"]]
    assert set(categories) == {"lotsendienst_geburtsklinik", "aufsuchend"}
    in_area = [item["category"] for item in body["items"] if item["area"] == "municipality"]
    assert in_area == sorted(in_area, key=["lotsendienst_geburtsklinik", "aufsuchend"].index)


def test_filters(client: TestClient) -> None:
    for item in _search(client, postal_code="50823", child_age=8, page_size=50)["items"]:
        assert (item["minimum_age"] or 0) <= 8 <= (item["maximum_age"] if item["maximum_age"] is not None else 99)
    pregnant = _search(client, postal_code="50823", life_phase="schwangerschaft", page_size=50)["items"]
    assert pregnant and all(item["pregnancy"] for item in pregnant)
    home = _search(client, postal_code="48619", home_visit=True, page_size=50)["items"]
    assert home and all(item["home_visit"] for item in home)
    paid = _search(client, postal_code="33602", free_of_charge=False, page_size=50)["items"]
    assert all(not item["free_of_charge"] for item in paid)
    school = _search(client, postal_code="44137", life_phase="grundschule", page_size=50)["items"]
    assert all(item["category"] != "lotsendienst_geburtsklinik" for item in school)


def test_pagination_totals(client: TestClient) -> None:
    first = _search(client, postal_code="44137", page_size=5)
    second = _search(client, postal_code="44137", page_size=5, page=2)
    assert first["total"] == second["total"] > 5
    assert len(first["items"]) == 5
    assert not {item["id"] for item in first["items"]} & {item["id"] for item in second["items"]}
    beyond = _search(client, postal_code="44137", page=100)
    assert beyond["items"] == [] and beyond["total"] == first["total"]


def test_search_by_municipality_key(client: TestClient) -> None:
    body = _search(client, municipality="05315000", category="beratung")
    assert body["municipalities"] == [{"ags": "05315000", "name": "Köln"}]
    assert body["items"] and all(item["category"] == "beratung" for item in body["items"])


def test_search_needs_a_place_and_refuses_outside_nrw(client: TestClient) -> None:
    assert client.get("/v1/offers").status_code == 422
    response = client.get("/v1/offers", params={"postal_code": "10115"})
    assert response.status_code == 422
    assert "Nordrhein-Westfalen" in response.json()["detail"]
    bad = client.get("/v1/offers", params={"postal_code": "44137", "category": "zauberei"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "category.0"


def test_one_offer_and_unknown_offer(client: TestClient) -> None:
    offer = _search(client, postal_code="44137")["items"][0]
    response = client.get(f"/v1/offers/{offer['id']}")
    assert response.status_code == 200
    assert response.json()["name"] == offer["name"]
    missing = client.get("/v1/offers/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404 and missing.json()["type"] == "not_found"


def test_writes_need_a_token(client: TestClient) -> None:
    response = client.post("/v1/offers", json=offer_fields())
    assert response.status_code == 401
    assert response.json()["type"] == "not_authenticated"
    response = client.post("/v1/offers", json=offer_fields(), headers={"Authorization": "Bearer fn_wrong"})
    assert response.status_code == 401


def test_staff_create_update_retire_with_change_record(
    client: TestClient, db: Session, dortmund_staff: dict[str, str]
) -> None:
    created = client.post("/v1/offers", json=offer_fields(), headers=dortmund_staff)
    assert created.status_code == 201, created.text
    offer = created.json()
    assert offer["jugendamt_id"] == "dortmund"
    assert offer["municipality"]["name"] == "Dortmund"
    assert offer["opening_hours"] == "Mo-Fr 09:00-12:00; Do 15:00-17:00"

    found = _search(client, postal_code="44137", category="familienzentrum", page_size=50)["items"]
    assert offer["id"] in {item["id"] for item in found}

    patched = client.patch(f"/v1/offers/{offer['id']}", json={"name": "Eltern-Café Nordstadt"}, headers=dortmund_staff)
    assert patched.status_code == 200
    assert patched.json()["name"] == "Eltern-Café Nordstadt"
    assert patched.json()["languages"] == ["Deutsch", "Türkisch"], "fields not sent stay as they were"

    retired = client.delete(f"/v1/offers/{offer['id']}", headers=dortmund_staff)
    assert retired.status_code == 200 and retired.json()["status"] == "inactive"
    found = _search(client, postal_code="44137", category="familienzentrum", page_size=50)["items"]
    assert offer["id"] not in {item["id"] for item in found}

    changes = db.scalars(
        select(ServiceChange).where(ServiceChange.resource_id == offer["id"]).order_by(ServiceChange.id)
    ).all()
    assert [change.last_action_type for change in changes] == ["create", "update", "retire"]
    assert changes[1].field_name == "name"
    assert changes[1].previous_value == "Eltern-Café Testhausen"
    assert all(change.updated_by.endswith("Familienbüro Dortmund") for change in changes)
    assert all(change.last_action_date is not None for change in changes)


def test_a_dortmund_token_can_never_change_a_koeln_offer(
    client: TestClient, dortmund_staff: dict[str, str], koeln_staff: dict[str, str]
) -> None:
    koeln_offer = _search(client, postal_code="50823")["items"][0]
    assert koeln_offer["jugendamt_id"] == "koeln"
    response = client.patch(f"/v1/offers/{koeln_offer['id']}", json={"name": "Übernommen"}, headers=dortmund_staff)
    assert response.status_code == 403
    assert response.json()["type"] == "forbidden"
    assert client.delete(f"/v1/offers/{koeln_offer['id']}", headers=dortmund_staff).status_code == 403
    assert client.get(f"/v1/offers/{koeln_offer['id']}").json()["name"] == koeln_offer["name"]
    assert client.patch(f"/v1/offers/{koeln_offer['id']}", json={"name": "Neu"}, headers=koeln_staff).status_code == 200


def test_tokens_are_stored_hashed(db: Session, dortmund_staff: dict[str, str]) -> None:
    token = dortmund_staff["Authorization"].split()[1]
    stored = db.scalars(select(StaffToken.token_hash)).all()
    assert token not in stored
    assert all(len(value) == 64 for value in stored)


def test_bad_offer_input_is_explained_and_nothing_is_saved(client: TestClient, dortmund_staff: dict[str, str]) -> None:
    before = _search(client, postal_code="44137")["total"]
    response = client.post(
        "/v1/offers",
        json=offer_fields(opening_hours="Montag morgens 9 bis 12", languages=["xx"], minimum_age=10, maximum_age=3),
        headers=dortmund_staff,
    )
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"opening_hours", "languages"} <= fields
    outside = client.post("/v1/offers", json=offer_fields(postal_code="10115", city="Berlin"), headers=dortmund_staff)
    assert outside.status_code == 422
    assert "Nordrhein-Westfalen" in outside.json()["detail"]
    assert _search(client, postal_code="44137")["total"] == before


def test_postal_code_of_two_towns_needs_the_city(client: TestClient, dortmund_staff: dict[str, str]) -> None:
    unclear = client.post("/v1/offers", json=offer_fields(postal_code="42369", city="Irgendwo"), headers=dortmund_staff)
    assert unclear.status_code == 422
    assert "Remscheid" in unclear.json()["detail"]
    clear = client.post("/v1/offers", json=offer_fields(postal_code="42369", city="Wuppertal"), headers=dortmund_staff)
    assert clear.status_code == 201
    assert clear.json()["municipality"]["name"] == "Wuppertal"


def test_validation_errors_are_in_plain_german(client: TestClient, dortmund_staff: dict[str, str]) -> None:
    response = client.post("/v1/offers", json=offer_fields(name="", minimum_age="alt"), headers=dortmund_staff)
    assert response.status_code == 422
    messages = {error["field"]: error["message"] for error in response.json()["errors"]}
    assert messages["name"] == "Dieses Feld darf nicht leer sein."
    assert messages["minimum_age"] == "Hier muss eine Zahl stehen."


def test_a_deployment_can_switch_demo_data_off(database_url: str) -> None:
    from api.main import create_app
    from tests.api.conftest import make_settings

    with TestClient(create_app(make_settings(database_url, demo_data=False))) as without_demo:
        body = without_demo.get("/v1/offers", params={"postal_code": "44137"}).json()
        assert body["total"] == 0 and body["items"] == []


def _assert_error_shape(response: httpx.Response) -> None:
    assert response.status_code in (400, 422), response.text
    assert set(response.json()) >= {"type", "detail", "detail_en"}


def test_deeply_nested_json_gets_a_plain_error_not_a_500(client: TestClient, dortmund_staff: dict[str, str]) -> None:
    # Deeper than Python's recursion limit, yet under the 64 KiB body limit.
    nested = "[" * 30_000 + "]" * 30_000
    headers = {**dortmund_staff, "content-type": "application/json"}
    _assert_error_shape(client.post("/v1/offers", content=nested, headers=headers))
    _assert_error_shape(client.post("/v1/offers", content='{"name": ' + nested + "}", headers=headers))
    offer_id = _search(client, postal_code="44137")["items"][0]["id"]
    _assert_error_shape(client.patch(f"/v1/offers/{offer_id}", content=nested, headers=headers))
    deep_import = "[" * 100_000 + "]" * 100_000
    _assert_error_shape(
        client.post(
            "/v1/jugendaemter/dortmund/offers/import", params={"format": "json"}, content=deep_import, headers=headers
        )
    )


@pytest.mark.parametrize(
    "email",
    [
        "a@b.de?bcc=x@y.de",
        "a@b.de?bcc=x.de",
        "a@b.de&cc=x.de",
        "mailto:a@b.de",
        "a b@c.de",
        "a@b.de\nbcc@y.de",
        "a,b@c.de",
        "a@b.de,c@d.de",
        "a@@b.de",
        "a@b@c.de",
        "a%0Abcc@b.de",
        "<a@b.de>",
    ],
)
def test_e_mail_addresses_that_would_change_a_mailto_link_are_refused(
    client: TestClient, dortmund_staff: dict[str, str], email: str
) -> None:
    response = client.post("/v1/offers", json=offer_fields(email=email), headers=dortmund_staff)
    assert response.status_code == 422, response.text
    assert response.json()["errors"] == [
        {
            "field": "email",
            "message": text("api.validation.email", "de"),
            "message_en": text("api.validation.email", "en"),
        }
    ]
    offer_id = _search(client, postal_code="44137")["items"][0]["id"]
    patched = client.patch(f"/v1/offers/{offer_id}", json={"email": email}, headers=dortmund_staff)
    assert patched.status_code == 422, patched.text


@pytest.mark.parametrize("email", ["cafe@example.org", "a.b+familie@sub.example.org", "info@bäckerei-müller.de"])
def test_ordinary_e_mail_addresses_are_accepted(client: TestClient, dortmund_staff: dict[str, str], email: str) -> None:
    response = client.post("/v1/offers", json=offer_fields(email=email), headers=dortmund_staff)
    assert response.status_code == 201, response.text
