"""Retention with a real clock shift: the API runs as its own process (uvicorn), later under faketime, and a referral
older than REFERRAL_RETENTION_DAYS (30) is gone — from the list, from GET and from the database file."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from bot.tools.run import api_command
from tests.api.staff.conftest import API, PASSWORD, copy_of_database, run_cli
from tests.conftest import clock_shifted, free_port, start, stop, wait_until_up

EMAIL = "uhr@dortmund.example.org"
REFERRAL = {
    "consent": True,
    "kind": "rueckruf",
    "alias": "Frau U.",
    "contact": "Telefon 0221 4710 555",
    "reach_when": "abends",
    "language": "uk",
    "need": "beratung",
}


@contextmanager
def running_api(database_url: str, logs: Path, days_ahead: int) -> Iterator[httpx.Client]:
    """The offers API as `make run` starts it, on a free port, its clock `days_ahead` days ahead (faketime)."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "TOKEN_PEPPER": "test-pepper",
        "ENVIRONMENT": "test",
        "STAFF_CHANNEL_TOKEN": "",
    }
    command = clock_shifted(api_command(port), days_ahead) if days_ahead else api_command(port)
    process = start(command, env, logs / f"api-{days_ahead}-days-ahead.log")
    try:
        wait_until_up(f"http://127.0.0.1:{port}/ready", process, "offers API", 60)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            login = client.post(f"{API}/login", json={"email": EMAIL, "password": PASSWORD})
            assert login.status_code == 200, login.text
            client.headers["X-CSRF-Token"] = login.json()["csrf_token"]
            yield client
    finally:
        stop([process])


def _listed(client: httpx.Client) -> list[str]:
    response = client.get(f"{API}/referrals")
    assert response.status_code == 200
    return [item["id"] for item in response.json()["referrals"]]


def _rows(database_url: str, table: str, referral_id: str) -> int:
    column = "id" if table == "referral" else "referral_id"
    with sqlite3.connect(database_url.split("///", 1)[1]) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", (referral_id,)).fetchone()[0])


@pytest.mark.slow
def test_a_referral_is_deleted_after_30_days_of_real_time(sqlite_url: str, tmp_path: Path) -> None:
    database = copy_of_database(sqlite_url, tmp_path)
    created = run_cli(database, "staff", "create", "--jugendamt", "dortmund", "--email", EMAIL, "--password-stdin",
                      stdin=PASSWORD + "\n")  # fmt: skip
    assert created.returncode == 0, created.stderr

    with running_api(database, tmp_path, days_ahead=0) as api:
        response = api.post(f"{API}/referrals", json=REFERRAL)
        assert response.status_code == 201, response.text
        first = response.json()["id"]
        assert api.patch(f"{API}/referrals/{first}", json={"status": "in_arbeit"}).status_code == 200
    assert _rows(database, "referral", first) == 1 and _rows(database, "referral_event", first) == 2

    # 29 days later: still there (the boundary). A second referral is made now.
    with running_api(database, tmp_path, days_ahead=29) as api:
        assert first in _listed(api)
        assert api.get(f"{API}/referrals/{first}").status_code == 200
        response = api.post(f"{API}/referrals", json={**REFERRAL, "alias": "Herr Z."})
        assert response.status_code == 201
        second = response.json()["id"]
    assert _rows(database, "referral", first) == 1

    # 31 days after the first: gone everywhere. The second, 2 days old, stays.
    with running_api(database, tmp_path, days_ahead=31) as api:
        assert first not in _listed(api)
        assert api.get(f"{API}/referrals/{first}").status_code == 404
        assert second in _listed(api)
        assert api.get(f"{API}/referrals/{second}").status_code == 200
    assert _rows(database, "referral", first) == 0 and _rows(database, "referral_event", first) == 0
    assert _rows(database, "referral", second) == 1
    # Nothing of the referrals' content reached the log.
    written = "".join(log.read_text(encoding="utf-8", errors="replace") for log in tmp_path.glob("api-*.log"))
    assert "Frau U." not in written and "0221 4710 555" not in written and EMAIL not in written
