"""Login, sessions, lock-out, idle expiry, logout, the cookie's flags, CSRF and the Origin check."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.clock import system_clock
from api.models import Referral, StaffAccount, StaffSession
from api.services import accounts
from tests.api.staff.conftest import API, PASSWORD, Browser, MovableClock
from vocabulary.texts import text


def _sessions_of(db: Session, account: StaffAccount) -> list[StaffSession]:
    db.expire_all()
    return list(db.scalars(select(StaffSession).where(StaffSession.account_id == account.id)))


def test_login_answers_with_the_account_and_a_csrf_token(browser: Browser, dortmund_user: StaffAccount) -> None:
    response = browser.log_in("  Fachkraft@Dortmund.Example.org ")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["account"] == {
        "email": "fachkraft@dortmund.example.org",
        "role": "staff",
        "jugendamt": {"id": "dortmund", "name": body["account"]["jugendamt"]["name"]},
    }
    assert "Dortmund" in body["account"]["jugendamt"]["name"]
    assert len(body["csrf_token"]) >= 32
    # The consent text names how long a referral is kept.
    assert body["retention_days"] == 30
    session = browser.get("/session")
    assert session.status_code == 200
    assert session.json() == body


def test_wrong_password_and_unknown_email_get_the_same_answer(
    browser: Browser, dortmund_user: StaffAccount, monkeypatch: pytest.MonkeyPatch
) -> None:
    verified: list[str] = []
    real = accounts._password_matches

    def spy(password_hash: str, password: str) -> bool:
        verified.append(password_hash)
        return real(password_hash, password)

    monkeypatch.setattr(accounts, "_password_matches", spy)
    wrong = browser.log_in(dortmund_user.email, "falsches-passwort-123")
    unknown = browser.log_in("niemand@dortmund.example.org", "falsches-passwort-123")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert wrong.json()["detail"] == text("api.staff.login_failed", "de")
    assert "set-cookie" not in wrong.headers and "set-cookie" not in unknown.headers
    # The unknown e-mail costs one argon2 verification too (against a hash of no account).
    assert len(verified) == 2 and all(value.startswith("$argon2id$") for value in verified)


def test_the_session_token_is_stored_only_as_its_sha256(
    browser: Browser, dortmund_user: StaffAccount, db: Session
) -> None:
    browser.log_in(dortmund_user.email)
    token = browser.jar.get("fn_staff")
    assert token
    [stored] = _sessions_of(db, dortmund_user)
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {stored.token_hash, stored.csrf_token}
    db.refresh(dortmund_user)
    assert dortmund_user.password_hash.startswith("$argon2id$") and PASSWORD not in dortmund_user.password_hash


def test_lock_out_after_five_failures_then_unlocked_after_the_lockout_period(
    browser: Browser, dortmund_user: StaffAccount, clock: MovableClock
) -> None:
    for _ in range(4):
        assert browser.log_in(dortmund_user.email, "falsches-passwort-123").status_code == 401
    fifth = browser.log_in(dortmund_user.email, "falsches-passwort-123")
    assert fifth.status_code == 429 and fifth.json()["type"] == "locked"
    assert fifth.json()["detail"] == text("api.staff.locked", "de", minutes=15)
    # Locked even with the right password, until the lock-out period (STAFF_LOCKOUT_MINUTES = 15) is over.
    still = browser.log_in(dortmund_user.email)
    assert still.status_code == 429 and still.json()["type"] == "locked"
    clock.move(minutes=14)
    assert browser.log_in(dortmund_user.email).status_code == 429
    clock.move(minutes=2)
    assert browser.log_in(dortmund_user.email).status_code == 200


def test_a_success_resets_the_count_of_failures(browser: Browser, dortmund_user: StaffAccount) -> None:
    for _ in range(4):
        browser.log_in(dortmund_user.email, "falsches-passwort-123")
    assert browser.log_in(dortmund_user.email).status_code == 200
    for _ in range(4):
        assert browser.log_in(dortmund_user.email, "falsches-passwort-123").status_code == 401


def test_the_lockout_settings_are_used(
    browser: Browser, dortmund_user: StaffAccount, settings_override: Callable[..., None]
) -> None:
    settings_override(staff_lockout_attempts=2, staff_lockout_minutes=3)
    assert browser.log_in(dortmund_user.email, "falsches-passwort-123").status_code == 401
    locked = browser.log_in(dortmund_user.email, "falsches-passwort-123")
    assert locked.status_code == 429 and locked.json()["detail"] == text("api.staff.locked", "de", minutes=3)


def test_a_disabled_account_cannot_log_in(browser: Browser, dortmund_user: StaffAccount, db: Session) -> None:
    accounts.disable_account(db, dortmund_user, system_clock())
    db.commit()
    response = browser.log_in(dortmund_user.email)
    assert response.status_code == 401 and response.json()["detail"] == text("api.staff.login_failed", "de")


def test_the_session_ends_after_the_idle_time(
    dortmund: Browser, dortmund_user: StaffAccount, clock: MovableClock, db: Session
) -> None:
    # Each request moves the idle clock on: 20 + 20 minutes of work stay logged in.
    clock.move(minutes=20)
    assert dortmund.get("/session").status_code == 200
    clock.move(minutes=20)
    assert dortmund.get("/session").status_code == 200
    clock.move(minutes=31)
    expired = dortmund.get("/session")
    assert expired.status_code == 401 and expired.json()["type"] == "session_expired"
    assert expired.json()["detail"] == text("api.staff.session_expired", "de")
    assert _sessions_of(db, dortmund_user) == []
    assert dortmund.get("/session").json()["type"] == "not_authenticated"


def test_without_a_cookie_there_is_no_session(browser: Browser) -> None:
    response = browser.get("/session")
    assert response.status_code == 401 and response.json()["detail"] == text("api.staff.login_needed", "de")
    assert browser.get("/referrals").status_code == 401
    forged = browser.request("GET", f"{API}/session", headers={"Cookie": "fn_staff=erfunden"})
    assert forged.status_code == 401


def test_logout_deletes_the_session_and_clears_the_cookie(
    dortmund: Browser, dortmund_user: StaffAccount, db: Session
) -> None:
    token = dortmund.jar.get("fn_staff")
    assert len(_sessions_of(db, dortmund_user)) == 1
    response = dortmund.write("POST", "/logout")
    assert response.status_code == 204
    cleared = response.headers["set-cookie"].lower()
    assert cleared.startswith("fn_staff=") and "max-age=0" in cleared and "path=/staff" in cleared
    assert _sessions_of(db, dortmund_user) == []
    assert dortmund.get("/session").status_code == 401
    # The old token opens nothing either.
    replay = dortmund.request("GET", f"{API}/session", headers={"Cookie": f"fn_staff={token}"})
    assert replay.status_code == 401


def _cookie_flags(set_cookie: str) -> dict[str, str]:
    name_value, *attributes = (part.strip() for part in set_cookie.split(";"))
    flags = {"_name": name_value.split("=", 1)[0]}
    for attribute in attributes:
        key, _, value = attribute.partition("=")
        flags[key.lower()] = value.lower()
    return flags


def test_cookie_flags_on_localhost(browser: Browser, dortmund_user: StaffAccount) -> None:
    flags = _cookie_flags(browser.log_in(dortmund_user.email).headers["set-cookie"])
    assert flags["_name"] == "fn_staff"
    assert "httponly" in flags and flags["samesite"] == "strict" and flags["path"] == "/staff"
    assert "secure" not in flags


@pytest.mark.parametrize("host", ["familiennavi.example.org", "staff.dortmund.example.org:8443", "10.0.0.5"])
def test_cookie_is_secure_for_any_other_host(client: TestClient, dortmund_user: StaffAccount, host: str) -> None:
    response = client.post(f"http://{host}{API}/login", json={"email": dortmund_user.email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    flags = _cookie_flags(response.headers["set-cookie"])
    assert "secure" in flags and "httponly" in flags and flags["samesite"] == "strict" and flags["path"] == "/staff"
    client.cookies.clear()


def test_login_refuses_another_origin(browser: Browser, dortmund_user: StaffAccount, db: Session) -> None:
    for origin in ("https://boese.example.org", "null", "http://127.0.0.1:9999"):
        response = browser.log_in(dortmund_user.email, Origin=origin)
        assert response.status_code == 403, origin
        assert response.json()["detail"] == text("api.staff.other_origin", "de")
    assert _sessions_of(db, dortmund_user) == []
    assert browser.log_in(dortmund_user.email, Origin="http://127.0.0.1").status_code == 200


def _referral_count(db: Session) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(Referral)) or 0


REFERRAL = {
    "consent": True,
    "kind": "rueckruf",
    "alias": "Frau A.",
    "contact": "Telefon 0221 4710 123",
    "reach_when": "vormittags",
    "language": "tr",
    "need": "familienbuero",
    "note": "",
}


@pytest.mark.parametrize("csrf", ["", "falsch"])
def test_changes_without_the_csrf_token_are_refused_and_store_nothing(
    dortmund: Browser, db: Session, csrf: str
) -> None:
    before = _referral_count(db)
    response = dortmund.write("POST", "/referrals", REFERRAL, csrf=csrf or "")
    assert response.status_code == 403
    assert response.json()["type"] == "csrf"
    assert response.json()["detail"] == text("api.staff.csrf", "de")
    assert _referral_count(db) == before
    assert dortmund.write("POST", "/referrals", REFERRAL).status_code == 201
    assert _referral_count(db) == before + 1


def test_the_csrf_token_of_another_session_does_not_count(dortmund: Browser, koeln: Browser) -> None:
    assert dortmund.write("POST", "/referrals", REFERRAL, csrf=koeln.csrf).status_code == 403


def _write_routes(client: TestClient) -> list[tuple[str, str]]:
    """Every change the staff API offers, from its OpenAPI description (so a new route is checked too)."""
    paths = client.app.openapi()["paths"]  # type: ignore[attr-defined]
    return sorted(
        (method.upper(), path)
        for path, operations in paths.items()
        for method in operations
        if path.startswith("/staff/api/") and method in ("post", "put", "patch", "delete") and path != f"{API}/login"
    )


def test_every_change_of_the_staff_api_needs_the_csrf_token(client: TestClient, dortmund: Browser) -> None:
    routes = _write_routes(client)
    assert ("POST", "/staff/api/referrals") in routes and ("POST", "/staff/api/logout") in routes
    for method, path in routes:
        concrete = path.replace("{referral_id}", "x").replace("{account_id}", "x")
        concrete = concrete.replace("{intake_id}", "8d2f0a55-6d5e-4a8b-9a51-0f6f1c3b2a10")
        assert "{" not in concrete, path
        response = dortmund.request(method, concrete, json={})
        assert response.status_code == 403 and response.json()["type"] == "csrf", (method, path)
    assert dortmund.get("/session").status_code == 200


def test_changes_from_another_origin_are_refused(dortmund: Browser) -> None:
    response = dortmund.request(
        "POST",
        f"{API}/referrals",
        json=REFERRAL,
        headers={"X-CSRF-Token": dortmund.csrf, "Origin": "https://boese.example.org"},
    )
    assert response.status_code == 403


def test_staff_api_answers_are_never_cached(browser: Browser, dortmund_user: StaffAccount) -> None:
    assert browser.get("/session").headers["cache-control"] == "no-store"
    assert browser.log_in(dortmund_user.email).headers["cache-control"] == "no-store"
    assert browser.get("/session").headers["cache-control"] == "no-store"
