"""The public contacts of the 186 Jugendämter: every row sourced or honestly empty, every value well-formed."""

from __future__ import annotations

from collections import Counter

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.directory.contacts import (
    CONTACT_COLUMNS,
    CONTACTS_FILE,
    ContactError,
    contacts_by_id,
    is_phone,
    is_source,
    is_web_page,
    row_errors,
)
from api.directory.sources import read_csv
from api.models import Jugendamt
from api.models.directory import NO_PUBLIC_SOURCE

ROWS = read_csv(CONTACTS_FILE, CONTACT_COLUMNS)
JUGENDAEMTER = read_csv("jugendaemter.csv", ("id", "name"))
CONTACT_FIELDS = ("phone", "address", "url", "familienbuero_name", "familienbuero_phone", "familienbuero_url")


def test_one_row_for_each_of_the_186_jugendaemter_and_no_other() -> None:
    ids = [row["id"] for row in ROWS]
    assert len(ids) == 186 and len(set(ids)) == 186
    assert ids == [row["id"] for row in JUGENDAEMTER], "same offices, same order as jugendaemter.csv"


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_every_row_is_well_formed(row: dict[str, str]) -> None:
    assert row_errors(row) == []


def test_every_row_has_a_contact_or_says_that_no_public_source_was_found() -> None:
    for row in ROWS:
        has_contact = any(row[field] for field in CONTACT_FIELDS)
        if row["contact_status"] == NO_PUBLIC_SOURCE:
            assert not has_contact, row["id"]
            assert not any(row[column] for column in CONTACT_COLUMNS if column.endswith("_source")), row["id"]
            assert row["checked_basis"] == "searched" and row["note"], row["id"]
        else:
            assert has_contact, row["id"]
    assert Counter(row["contact_status"] for row in ROWS)["sourced"] >= 1


def test_every_phone_number_is_written_in_one_german_format() -> None:
    phones = [row[field] for row in ROWS for field in ("phone", "familienbuero_phone") if row[field]]
    assert phones
    for phone in phones:
        assert is_phone(phone), phone


@pytest.mark.parametrize("phone", ["0231 50-12345", "02161 25-3389", "0202 5633553", "0800 1110111", "02151 863007"])
def test_the_phone_format_takes_area_code_space_number_and_extension(phone: str) -> None:
    assert is_phone(phone)


@pytest.mark.parametrize(
    "phone",
    [
        "0231/50-12345",  # slash instead of the space
        "0231 50 12345",  # second space
        "+49 231 5012345",  # international form: we write the national one
        "231 5012345",  # no leading 0
        "0231-5012345",  # hyphen instead of the space
        "0231 50-",  # empty extension
        "50-12345",  # no area code
        "0 21 51 / 86-4545",  # as printed, not normalised
        "0231 0123",  # a number never starts with 0
        "",
    ],
)
def test_the_phone_format_rejects_everything_else(phone: str) -> None:
    assert not is_phone(phone)


def test_every_web_page_is_https_with_a_host_and_every_source_is_a_url() -> None:
    for row in ROWS:
        for field in ("url", "familienbuero_url"):
            if row[field]:
                assert is_web_page(row[field]), (row["id"], row[field])
                assert row[field].startswith("https://")
        for column in CONTACT_COLUMNS:
            if column.endswith("_source"):
                for url in row[column].split():
                    assert is_source(url), (row["id"], url)
    assert not is_web_page("http://www.hamm.de/jugendamt")
    assert not is_web_page("https://")
    assert not is_source("kreis-borken.de (Pressemitteilung)")


def test_a_broken_row_stops_the_build() -> None:
    ids = [row["id"] for row in JUGENDAEMTER]
    good = [dict(row) for row in ROWS]
    assert len(contacts_by_id(good, ids)) == 186
    sourced = next(row for row in good if row["phone"] and row["url"])
    for change in (
        {"phone": "0202/5633553"},
        {"url": "http://example.org/jugendamt"},
        {"phone_source": ""},
        {"contact_status": NO_PUBLIC_SOURCE},
        {"checked": "2099-01-01"},
    ):
        broken = [{**row, **change} if row is sourced else row for row in good]
        with pytest.raises(ContactError):
            contacts_by_id(broken, ids)
    with pytest.raises(ContactError, match="missing"):
        contacts_by_id(good[1:], ids)


def test_the_build_loads_the_contacts(db: Session) -> None:
    offices = {office.id: office for office in db.scalars(select(Jugendamt))}
    rows = {row["id"]: row for row in ROWS}
    for office_id, office in offices.items():
        row = rows[office_id]
        assert office.contact_status == row["contact_status"]
        assert (office.phone or "") == row["phone"] and (office.url or "") == row["url"]
        assert office.contact_checked is not None and office.contact_checked.isoformat() == row["checked"]
        sources = {url for column in CONTACT_COLUMNS if column.endswith("_source") for url in row[column].split()}
        assert set(office.contact_source) == sources


def _sourced_with_phone_and_url() -> dict[str, str]:
    """A town's own office (its town name locates it) with a sourced phone number and web page."""
    return next(row for row in ROWS if row["phone"] and row["url"] and len(_ags_of(row["id"])) == 8)


def test_the_jugendamt_answer_carries_phone_web_page_and_sources(client: TestClient) -> None:
    row = _sourced_with_phone_and_url()
    body = client.get(f"/v1/jugendaemter/{row['id']}").json()
    assert body["phone"] == row["phone"] and body["url"] == row["url"]
    assert body["contact_status"] == "sourced"
    assert body["contact_source"] and all(is_source(url) for url in body["contact_source"])
    assert body["contact_checked"] == row["checked"]
    assert set(body) >= {"address", "phone_note", "familienbuero"}


def test_an_office_without_a_public_source_says_so_and_invents_nothing(client: TestClient) -> None:
    row = next(row for row in ROWS if row["contact_status"] == NO_PUBLIC_SOURCE)
    body = client.get(f"/v1/jugendaemter/{row['id']}").json()
    assert body["contact_status"] == NO_PUBLIC_SOURCE
    assert body["phone"] is None and body["url"] is None and body["address"] is None
    assert body["familienbuero"] is None and body["contact_source"] == []


def test_the_locate_answer_names_the_jugendamt_with_its_contact(client: TestClient) -> None:
    row = _sourced_with_phone_and_url()
    town = next(r["name"] for r in read_csv("municipalities.csv", ("ags", "name")) if r["ags"] == _ags_of(row["id"]))
    (match,) = client.get("/v1/locate", params={"q": town}).json()["matches"]
    jugendamt = match["municipality"]["jugendamt"]
    assert jugendamt["id"] == row["id"]
    assert jugendamt["phone"] == row["phone"] and jugendamt["url"] == row["url"]
    assert jugendamt["contact_source"] and jugendamt["contact_checked"] == row["checked"]


def test_a_familienbuero_is_given_with_its_name(client: TestClient) -> None:
    row = next(row for row in ROWS if row["familienbuero_name"])
    familienbuero = client.get(f"/v1/jugendaemter/{row['id']}").json()["familienbuero"]
    assert familienbuero == {
        "name": row["familienbuero_name"],
        "phone": row["familienbuero_phone"] or None,
        "url": row["familienbuero_url"] or None,
    }


def _ags_of(jugendamt_id: str) -> str:
    return next(row["ags"] for row in read_csv("jugendaemter.csv", ("id", "ags")) if row["id"] == jugendamt_id)
