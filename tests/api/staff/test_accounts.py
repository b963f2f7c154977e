"""Accounts: the admin endpoints of a Jugendamt and the command line (`python -m api.cli staff …`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from api.models import StaffAccount
from tests.api.staff.conftest import PASSWORD, Browser, add_account, copy_of_database, run_cli
from vocabulary.texts import text


@pytest.fixture
def dortmund_admin(db: Session, new_browser) -> Browser:  # type: ignore[no-untyped-def]
    add_account(db, "dortmund", "leitung@dortmund.example.org", role="admin")
    admin = new_browser()
    assert admin.log_in("leitung@dortmund.example.org").status_code == 200
    return admin


@pytest.fixture
def koeln_admin(db: Session, new_browser) -> Browser:  # type: ignore[no-untyped-def]
    add_account(db, "koeln", "leitung@koeln.example.org", role="admin")
    admin = new_browser()
    assert admin.log_in("leitung@koeln.example.org").status_code == 200
    return admin


def test_staff_members_cannot_manage_accounts(dortmund: Browser, dortmund_user: StaffAccount) -> None:
    assert dortmund.get("/accounts").status_code == 403
    new = {"email": "neu@dortmund.example.org", "password": PASSWORD, "role": "admin"}
    refused = dortmund.write("POST", "/accounts", new)
    assert refused.status_code == 403 and refused.json()["detail"] == text("api.staff.admin_only", "de")
    assert dortmund.write("POST", f"/accounts/{dortmund_user.id}/disable").status_code == 403


def test_an_admin_creates_lists_and_disables_accounts_of_the_own_jugendamt(
    dortmund_admin: Browser,
    new_browser,  # type: ignore[no-untyped-def]
) -> None:
    created = dortmund_admin.write(
        "POST", "/accounts", {"email": "Neu@Dortmund.example.org", "password": PASSWORD, "role": "staff"}
    )
    assert created.status_code == 201, created.text
    account = created.json()
    assert account["email"] == "neu@dortmund.example.org" and account["jugendamt_id"] == "dortmund"
    assert "password" not in created.text and "hash" not in created.text
    listed = dortmund_admin.get("/accounts").json()["accounts"]
    assert {"neu@dortmund.example.org", "leitung@dortmund.example.org"} <= {item["email"] for item in listed}
    assert {item["jugendamt_id"] for item in listed} == {"dortmund"}

    colleague = new_browser()
    assert colleague.log_in("neu@dortmund.example.org").status_code == 200
    disabled = dortmund_admin.write("POST", f"/accounts/{account['id']}/disable")
    assert disabled.status_code == 200 and disabled.json()["disabled_at"]
    # The open session ends at once, and no new login.
    assert colleague.get("/session").status_code == 401
    assert colleague.log_in("neu@dortmund.example.org").status_code == 401


def test_account_rules(dortmund_admin: Browser) -> None:
    short = dortmund_admin.write("POST", "/accounts", {"email": "kurz@dortmund.example.org", "password": "elf-zeichen"})
    assert short.status_code == 422
    assert short.json()["detail"] == text("api.staff.password_too_short", "de", minimum=12)
    twice = {"email": "doppelt@dortmund.example.org", "password": PASSWORD}
    assert dortmund_admin.write("POST", "/accounts", twice).status_code == 201
    assert (
        dortmund_admin.write("POST", "/accounts", {**twice, "email": "DOPPELT@dortmund.example.org"}).status_code == 409
    )
    bad_email = dortmund_admin.write("POST", "/accounts", {"email": "keine-adresse", "password": PASSWORD})
    assert bad_email.status_code == 422
    assert dortmund_admin.write("POST", "/accounts", {**twice, "role": "chef"}).status_code == 422
    me = next(a for a in dortmund_admin.get("/accounts").json()["accounts"] if a["email"].startswith("leitung"))
    assert dortmund_admin.write("POST", f"/accounts/{me['id']}/disable").status_code == 422
    assert dortmund_admin.write("POST", "/accounts/gibt-es-nicht/disable").status_code == 404


def test_an_admin_of_another_jugendamt_cannot_disable_or_see_an_account(
    koeln_admin: Browser, dortmund_user: StaffAccount, browser: Browser
) -> None:
    refused = koeln_admin.write("POST", f"/accounts/{dortmund_user.id}/disable")
    assert refused.status_code == 403
    assert refused.json()["detail"] == text("api.staff.account_other_jugendamt", "de")
    assert dortmund_user.email not in koeln_admin.get("/accounts").text
    assert browser.log_in(dortmund_user.email).status_code == 200


@pytest.fixture(scope="module")
def cli_database(sqlite_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    return copy_of_database(sqlite_url, tmp_path_factory.mktemp("cli"))


def _account_row(database_url: str, email: str) -> tuple[str, str, str, str | None] | None:
    with sqlite3.connect(database_url.split("///", 1)[1]) as connection:
        row = connection.execute(
            "SELECT jugendamt_id, role, password_hash, disabled_at FROM staff_account WHERE email = ?", (email,)
        ).fetchone()
    return None if row is None else (row[0], row[1], row[2], row[3])


def test_cli_creates_lists_and_disables_accounts(cli_database: str) -> None:
    password = "ein sehr langes Passwort 42"
    created = run_cli(
        cli_database, "staff", "create", "--jugendamt", "dortmund", "--email", "CLI@Example.org",
        "--password-stdin", "--role", "admin", stdin=password + "\n",
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    assert password not in created.stdout + created.stderr
    row = _account_row(cli_database, "cli@example.org")
    assert row is not None and row[:2] == ("dortmund", "admin") and row[2].startswith("$argon2id$") and row[3] is None

    run_cli(cli_database, "staff", "create", "--jugendamt", "koeln", "--email", "k@example.org", "--password-stdin",
            stdin=password)  # fmt: skip
    everyone = run_cli(cli_database, "staff", "list")
    assert everyone.returncode == 0 and "cli@example.org" in everyone.stdout and "k@example.org" in everyone.stdout
    only_koeln = run_cli(cli_database, "staff", "list", "--jugendamt", "koeln")
    assert "k@example.org" in only_koeln.stdout and "cli@example.org" not in only_koeln.stdout
    assert "$argon2" not in everyone.stdout

    disabled = run_cli(cli_database, "staff", "disable", "--email", "cli@example.org")
    assert disabled.returncode == 0, disabled.stderr
    row = _account_row(cli_database, "cli@example.org")
    assert row is not None and row[3] is not None
    assert "disabled" in run_cli(cli_database, "staff", "list", "--jugendamt", "dortmund").stdout
    unknown = run_cli(cli_database, "staff", "disable", "--email", "niemand@example.org")
    assert unknown.returncode == 1 and unknown.stderr.strip() and "Traceback" not in unknown.stderr


def test_cli_refuses_short_passwords_and_unknown_jugendaemter(cli_database: str) -> None:
    short = run_cli(cli_database, "staff", "create", "--jugendamt", "dortmund", "--email", "s@example.org",
                    "--password-stdin", stdin="elf-zeichen\n")  # fmt: skip
    assert short.returncode == 2
    assert "too short" in short.stderr and "12" in short.stderr and "Traceback" not in short.stderr
    assert _account_row(cli_database, "s@example.org") is None
    unknown = run_cli(cli_database, "staff", "create", "--jugendamt", "atlantis", "--email", "a@example.org",
                      "--password-stdin", stdin="ein sehr langes Passwort 42\n")  # fmt: skip
    assert unknown.returncode == 1
    assert "atlantis" in unknown.stderr and "Traceback" not in unknown.stderr
    assert _account_row(cli_database, "a@example.org") is None
    taken = run_cli(cli_database, "staff", "create", "--jugendamt", "dortmund", "--email", "dup@example.org",
                    "--password-stdin", stdin="ein sehr langes Passwort 42\n")  # fmt: skip
    assert taken.returncode == 0
    again = run_cli(cli_database, "staff", "create", "--jugendamt", "dortmund", "--email", "DUP@example.org",
                    "--password-stdin", stdin="ein sehr langes Passwort 42\n")  # fmt: skip
    assert again.returncode == 1 and "already" in again.stderr


def test_cli_keeps_the_token_commands(cli_database: str) -> None:
    created = run_cli(cli_database, "tokens", "create", "--jugendamt", "dortmund", "--label", "Test")
    assert created.returncode == 0 and "fn_" in created.stdout
    assert "dortmund" in run_cli(cli_database, "tokens", "list").stdout


def test_cli_logs_in_on_the_api(cli_database: str, tmp_path: Path) -> None:
    """An account made on the command line logs in through the API (same hashing on both sides)."""
    from fastapi.testclient import TestClient

    from api.main import create_app
    from tests.api.conftest import make_settings

    run_cli(cli_database, "staff", "create", "--jugendamt", "dortmund", "--email", "api@example.org",
            "--password-stdin", stdin="ein sehr langes Passwort 42\n")  # fmt: skip
    with TestClient(create_app(make_settings(cli_database)), base_url="http://127.0.0.1") as client:
        response = client.post(
            "/staff/api/login", json={"email": "api@example.org", "password": "ein sehr langes Passwort 42"}
        )
        assert response.status_code == 200
