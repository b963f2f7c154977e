"""Import and export of a Jugendamt's offers: CSV and HSDS JSON, all-or-nothing imports."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.services import transfer
from tests.api.factories import offer_fields

HSDS_SCHEMA = Path(__file__).resolve().parents[3].parent / "shared" / "hsds" / "service.json"
EXPORT = "/v1/jugendaemter/{}/offers/export"
IMPORT = "/v1/jugendaemter/{}/offers/import"


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _to_csv(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def test_csv_export_is_a_spreadsheet_of_active_offers(client: TestClient) -> None:
    response = client.get(EXPORT.format("dortmund"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = _rows(response.text)
    assert len(rows) >= 8
    assert {row["demo"] for row in rows} == {"ja"}
    assert all(row["id"] for row in rows)
    assert client.get(EXPORT.format("gibt-es-nicht")).status_code == 404


def test_csv_round_trip_changes_nothing(client: TestClient, dortmund_staff: dict[str, str]) -> None:
    exported = client.get(EXPORT.format("dortmund")).text
    report = client.post(IMPORT.format("dortmund"), content=exported.encode(), headers=dortmund_staff)
    assert report.status_code == 200, report.text
    assert report.json() == {"dry_run": False, "total": len(_rows(exported)), "created": 0, "updated": 0, "retired": 0}
    assert client.get(EXPORT.format("dortmund")).text == exported


def test_csv_import_edits_creates_and_replaces(client: TestClient, dortmund_staff: dict[str, str]) -> None:
    rows = _rows(client.get(EXPORT.format("dortmund")).text)
    rows[0]["name"] = "Neuer Name aus der Tabelle"
    new = {key: "" for key in rows[0]}
    new.update(
        {
            k: (("ja" if v else "nein") if isinstance(v, bool) else "|".join(v) if isinstance(v, list) else str(v))
            for k, v in offer_fields().items()
        }
    )
    kept = [rows[0], new]
    report = client.post(
        IMPORT.format("dortmund"), params={"replace": True}, content=_to_csv(kept).encode(), headers=dortmund_staff
    )
    assert report.status_code == 200, report.text
    assert report.json()["created"] == 1 and report.json()["updated"] == 1
    assert report.json()["retired"] == len(rows) - 1
    after = _rows(client.get(EXPORT.format("dortmund")).text)
    assert sorted(row["name"] for row in after) == sorted(["Neuer Name aus der Tabelle", new["name"]])


def test_an_import_with_one_bad_row_saves_nothing_and_reports_every_bad_row(
    client: TestClient, dortmund_staff: dict[str, str]
) -> None:
    before = client.get(EXPORT.format("dortmund")).text
    rows = _rows(before)
    rows[0]["name"] = "Dieser Name darf nicht ankommen"
    rows[1]["postal_code"] = "4413"
    rows[2]["opening_hours"] = "immer 25:00-26:00"
    rows[3]["category"] = "zauberei"
    response = client.post(IMPORT.format("dortmund"), content=_to_csv(rows).encode(), headers=dortmund_staff)
    assert response.status_code == 422
    body = response.json()
    assert body["type"] == "import_rejected"
    assert "nichts gespeichert" in body["detail"]
    assert {(error["row"], error["field"]) for error in body["errors"]} >= {
        (2, "postal_code"),
        (3, "opening_hours"),
        (4, "category"),
    }
    assert client.get(EXPORT.format("dortmund")).text == before


def test_dry_run_checks_without_saving(client: TestClient, dortmund_staff: dict[str, str]) -> None:
    before = client.get(EXPORT.format("dortmund")).text
    rows = _rows(before)
    rows[0]["name"] = "Nur geprüft"
    response = client.post(
        IMPORT.format("dortmund"), params={"dry_run": True}, content=_to_csv(rows).encode(), headers=dortmund_staff
    )
    assert response.status_code == 200 and response.json()["updated"] == 1
    assert client.get(EXPORT.format("dortmund")).text == before


def test_german_excel_csv_with_semicolons_and_bom(client: TestClient, dortmund_staff: dict[str, str]) -> None:
    rows = _rows(client.get(EXPORT.format("dortmund")).text)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    response = client.post(
        IMPORT.format("dortmund"), content=("\ufeff" + buffer.getvalue()).encode(), headers=dortmund_staff
    )
    assert response.status_code == 200, response.text
    assert response.json()["updated"] == 0


def test_import_into_another_jugendamt_is_forbidden(
    client: TestClient, dortmund_staff: dict[str, str], koeln_staff: dict[str, str]
) -> None:
    exported = client.get(EXPORT.format("dortmund")).text
    assert client.post(IMPORT.format("koeln"), content=exported.encode(), headers=dortmund_staff).status_code == 403
    # Köln's staff cannot take over Dortmund's offers by importing their ids either.
    response = client.post(IMPORT.format("koeln"), content=exported.encode(), headers=koeln_staff)
    assert response.status_code == 422
    assert {error["field"] for error in response.json()["errors"]} == {"id"}


def test_garbage_uploads_get_plain_answers(client: TestClient, dortmund_staff: dict[str, str]) -> None:
    for body, fmt in (
        (b"\xff\xfe\x00garbage", "csv"),
        (b"{not json", "json"),
        (b"", "csv"),
        (b'{"a": 1}', "json"),
        (b"name,foo\nx,y\n", "csv"),
    ):
        response = client.post(IMPORT.format("dortmund"), params={"format": fmt}, content=body, headers=dortmund_staff)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["detail"]


def test_hsds_json_round_trip(client: TestClient, dortmund_staff: dict[str, str]) -> None:
    exported = client.get(EXPORT.format("dortmund"), params={"format": "json"}).json()
    assert exported and exported[0]["attributes"]
    response = client.post(
        IMPORT.format("dortmund"),
        params={"format": "json"},
        content=json.dumps(exported).encode(),
        headers=dortmund_staff,
    )
    assert response.status_code == 200, response.text
    assert response.json()["updated"] == 0
    assert client.get(EXPORT.format("dortmund"), params={"format": "json"}).json() == exported


def test_hsds_export_validates_against_the_hsds_3_schema(client: TestClient) -> None:
    if not HSDS_SCHEMA.exists():
        pytest.skip(f"HSDS schema not found at {HSDS_SCHEMA} (shared/hsds is not part of this repository)")
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(
        json.loads(HSDS_SCHEMA.read_text()), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    for jugendamt in ("dortmund", "koeln", "gelsenkirchen", "bielefeld", "kreis-borken"):
        for service in client.get(EXPORT.format(jugendamt), params={"format": "json"}).json():
            errors = sorted(validator.iter_errors(service), key=lambda error: list(error.path))
            assert not errors, f"{service['name']}: {errors[0].message} at {list(errors[0].path)}"


def test_csv_export_neutralises_formulas_and_the_import_restores_them(
    client: TestClient, dortmund_staff: dict[str, str]
) -> None:
    risky = {
        "name": '=HYPERLINK("https://example.org";"Hier")',
        "phone": "+49 221 4710 999",
        "description": "-Treffen für Eltern",
        "organization": "@Träger",
        "fees_description": "+5 Euro",
        # Already starts with a quote before a formula sign: gets one more, and loses exactly that one.
        "accessibility": "'=mit Apostroph",
    }
    created = client.post("/v1/offers", json=offer_fields(**risky), headers=dortmund_staff)
    assert created.status_code == 201, created.text
    exported = client.get(EXPORT.format("dortmund")).text
    (row,) = [row for row in _rows(exported) if row["id"] == created.json()["id"]]
    for name, value in risky.items():
        assert row[name] == "'" + value, name
    assert row["city"] == "Dortmund"

    report = client.post(IMPORT.format("dortmund"), content=exported.encode(), headers=dortmund_staff)
    assert report.status_code == 200, report.text
    assert report.json()["updated"] == 0 and report.json()["created"] == 0
    offer = client.get(f"/v1/offers/{created.json()['id']}").json()
    assert offer["phone"] == "+49 221 4710 999"
    assert offer["accessibility"] == "'=mit Apostroph"
    assert client.get(EXPORT.format("dortmund")).text == exported


def test_a_quoted_phone_number_from_a_spreadsheet_is_imported_without_the_quote(
    client: TestClient, dortmund_staff: dict[str, str]
) -> None:
    rows = _rows(client.get(EXPORT.format("dortmund")).text)
    rows[0]["phone"] = "'+49 221 4710 123"
    rows[0]["name"] = "'Eltern-Café"  # a quote before an ordinary letter is the staff's own text: kept
    report = client.post(IMPORT.format("dortmund"), content=_to_csv(rows[:1]).encode(), headers=dortmund_staff)
    assert report.status_code == 200, report.text
    offer = client.get(f"/v1/offers/{rows[0]['id']}").json()
    assert offer["phone"] == "+49 221 4710 123"
    assert offer["name"] == "'Eltern-Café"


@pytest.mark.parametrize("cell", ["=1+1", "+49", "-2", "@SUM(A1)", "\tx", "\rx", "'=x", "''+x", "'x", "x", ""])
def test_neutralise_and_unneutralise_are_inverse(cell: str) -> None:
    neutral = transfer.neutralise(cell)
    assert not re.match(r"[=+\-@\t\r]", neutral)
    assert transfer.unneutralise(neutral) == cell
