"""Referrals: only with consent, only within the Jugendamt, an audit trail, and deleted for real when expired."""

from __future__ import annotations

from datetime import datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.main import purge_expired
from api.models import Referral, ReferralEvent, Service
from tests.api.staff.conftest import Browser, MovableClock
from vocabulary.texts import text

REFERRAL = {
    "consent": True,
    "kind": "hausbesuch",
    "alias": "Frau A.",
    "contact": "Telefon 0221 4710 123",
    "reach_when": "dienstags vormittags",
    "language": "tr",
    "need": "aufsuchend",
    "offer_id": None,
    "note": "Möchte einen Termin nach 10 Uhr.",
}


def _rows(db: Session, model: type[Referral] | type[ReferralEvent]) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(model)) or 0


def _create(browser: Browser, **changes: object) -> dict:
    response = browser.write("POST", "/referrals", {**REFERRAL, **changes})
    assert response.status_code == 201, response.text
    return response.json()


def test_create_list_get_and_change_a_referral_with_its_audit_trail(dortmund: Browser, db: Session) -> None:
    offer = db.scalar(select(Service).where(Service.jugendamt_id == "dortmund", Service.category == "aufsuchend"))
    assert offer is not None
    created = _create(dortmund, offer_id=offer.id)
    assert created["kind"] == "hausbesuch" and created["status"] == "offen"
    assert created["need_label"] == text("category.aufsuchend.label", "de")
    assert created["offer_id"] == offer.id and created["offer_name"] == offer.name
    assert created["created_by"] == "fachkraft@dortmund.example.org"
    created_at = datetime.fromisoformat(created["created_at"])
    assert datetime.fromisoformat(created["expires_at"]) - created_at == timedelta(days=30)
    assert [(event["action"], event["by"]) for event in created["events"]] == [
        ("created", "fachkraft@dortmund.example.org")
    ]

    second = _create(dortmund, kind="rueckruf", alias="Herr B.")
    listed = dortmund.get("/referrals").json()["referrals"]
    assert [item["id"] for item in listed][:2] == [second["id"], created["id"]]
    assert "events" not in listed[0]

    changed = dortmund.write("PATCH", f"/referrals/{created['id']}", {"status": "in_arbeit"})
    assert changed.status_code == 200, changed.text
    assert changed.json()["status"] == "in_arbeit"
    assert [event["action"] for event in changed.json()["events"]] == ["created", "status_in_arbeit"]
    got = dortmund.get(f"/referrals/{created['id']}").json()
    assert got["status"] == "in_arbeit" and len(got["events"]) == 2
    assert all(event["by"] == "fachkraft@dortmund.example.org" for event in got["events"])

    assert [item["id"] for item in dortmund.get("/referrals", params={"status": "in_arbeit"}).json()["referrals"]] == [
        created["id"]
    ]
    assert second["id"] in [item["id"] for item in dortmund.get("/referrals?status=offen").json()["referrals"]]
    assert dortmund.get("/referrals?status=erledigt").json()["referrals"] == []
    assert dortmund.get("/referrals?status=gibtsnicht").status_code == 422


def test_without_consent_nothing_is_stored(dortmund: Browser, db: Session) -> None:
    before = _rows(db, Referral)
    for consent in (False, None):
        response = dortmund.write("POST", "/referrals", {**REFERRAL, "consent": consent})
        assert response.status_code == 422, consent
    refused = dortmund.write("POST", "/referrals", {**REFERRAL, "consent": False}).json()
    assert refused["detail"] == text("api.staff.referral_consent_missing", "de")
    without = {key: value for key, value in REFERRAL.items() if key != "consent"}
    assert dortmund.write("POST", "/referrals", without).status_code == 422
    assert _rows(db, Referral) == before


def test_referral_fields_are_checked(dortmund: Browser) -> None:
    for bad in (
        {"kind": "besuch"},
        {"alias": ""},
        {"alias": "x" * 61},
        {"contact": "x" * 121},
        {"note": "x" * 501},
        {"language": "xx"},
        {"need": "geld"},
        {"offer_id": "gibt-es-nicht"},
        {"extra": "feld"},
    ):
        assert dortmund.write("POST", "/referrals", {**REFERRAL, **bad}).status_code == 422, bad


def test_another_jugendamt_cannot_read_or_change_a_referral(dortmund: Browser, koeln: Browser) -> None:
    created = _create(dortmund)
    read = koeln.get(f"/referrals/{created['id']}")
    assert read.status_code == 403
    assert read.json()["detail"] == text("api.staff.referral_other_jugendamt", "de")
    assert koeln.write("PATCH", f"/referrals/{created['id']}", {"status": "erledigt"}).status_code == 403
    assert created["id"] not in [item["id"] for item in koeln.get("/referrals").json()["referrals"]]
    # Unchanged, and still no event of Köln's.
    got = dortmund.get(f"/referrals/{created['id']}").json()
    assert got["status"] == "offen" and [event["action"] for event in got["events"]] == ["created"]


def test_unknown_referral_is_404(dortmund: Browser) -> None:
    assert dortmund.get("/referrals/6c1d5b43-0000-4000-8000-000000000000").status_code == 404
    assert dortmund.write("PATCH", "/referrals/nicht-da", {"status": "erledigt"}).status_code == 404


def test_expired_referrals_are_never_read_and_purged_with_their_events(
    dortmund: Browser, db: Session, clock: MovableClock, app: FastAPI
) -> None:
    old = _create(dortmund)
    dortmund.write("PATCH", f"/referrals/{old['id']}", {"status": "in_arbeit"})
    clock.move(days=29)
    # The session has long been idle: log in again at each later time.
    dortmund.log_in("fachkraft@dortmund.example.org")
    young = _create(dortmund)
    clock.move(days=1, seconds=1)
    dortmund.log_in("fachkraft@dortmund.example.org")
    # Past its 30 days but not yet purged: the reads do not show it.
    assert dortmund.get(f"/referrals/{old['id']}").status_code == 404
    assert [item["id"] for item in dortmund.get("/referrals").json()["referrals"]] == [young["id"]]
    assert db.get(Referral, old["id"]) is not None
    purge_expired(app.state.sessionmaker, app)
    db.expire_all()
    assert db.get(Referral, old["id"]) is None
    assert db.scalar(select(func.count()).where(ReferralEvent.referral_id == old["id"])) == 0
    assert db.get(Referral, young["id"]) is not None
    assert dortmund.get(f"/referrals/{young['id']}").status_code == 200
