"""Fixtures for the staff page's API: accounts, a logged-in browser, a movable clock and a fake Rasa staff channel."""

from __future__ import annotations

import hashlib
import hmac
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.clock import system_clock
from api.models import StaffAccount
from api.services import accounts
from tests.fakes.http_recorder import Answer, HttpRecorder, RecordedRequest
from vocabulary import messages

PASSWORD = "richtig-langes-passwort"
STAFF_CHANNEL_TOKEN = "test-staff-channel-token"
# A browser on this machine: the cookie comes without Secure, so the test client sends it back over http.
LOCAL = "http://127.0.0.1"
API = "/staff/api"
ROOT = Path(__file__).resolve().parents[3]


def add_account(
    db: Session, jugendamt_id: str, email: str, role: str = "staff", password: str = PASSWORD
) -> StaffAccount:
    account = accounts.create_account(db, jugendamt_id, email, password, role, system_clock())
    db.commit()
    return account


@dataclass
class Browser:
    """The staff page in one browser on 127.0.0.1: its own cookie jar, and the CSRF token once logged in.

    All browsers share the session's test client (and so the app's event loop, where its HTTP client lives);
    each swaps its own cookies in for its requests."""

    client: TestClient
    jar: httpx.Cookies = field(default_factory=httpx.Cookies)
    csrf: str = ""

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        self.client.cookies = self.jar
        try:
            return self.client.request(method, LOCAL + path, **kwargs)
        finally:
            self.jar = httpx.Cookies(self.client.cookies)
            self.client.cookies = httpx.Cookies()

    def log_in(self, email: str, password: str = PASSWORD, **headers: str) -> httpx.Response:
        response = self.request("POST", f"{API}/login", json={"email": email, "password": password}, headers=headers)
        if response.status_code == 200:
            self.csrf = response.json()["csrf_token"]
        return response

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", API + path, **kwargs)

    def write(self, method: str, path: str, json: Any = None, csrf: str | None = None) -> httpx.Response:
        token = self.csrf if csrf is None else csrf
        headers = {"X-CSRF-Token": token} if token else {}
        return self.request(method, API + path, json=json, headers=headers)


@pytest.fixture
def new_browser(client: TestClient) -> Iterator[Callable[[], Browser]]:
    client.cookies = httpx.Cookies()
    yield lambda: Browser(client)
    client.cookies = httpx.Cookies()


@pytest.fixture
def browser(new_browser: Callable[[], Browser]) -> Browser:
    return new_browser()


@pytest.fixture
def app(client: TestClient) -> FastAPI:
    application: FastAPI = client.app  # type: ignore[assignment]
    return application


class MovableClock:
    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return system_clock() + self.offset

    def move(self, **delta: float) -> None:
        self.offset += timedelta(**delta)


@pytest.fixture
def clock(app: FastAPI) -> Iterator[MovableClock]:
    """The app's clock, moved by the test (lock-out and idle expiry without waiting)."""
    moved = MovableClock()
    app.state.clock = moved
    yield moved
    app.state.clock = system_clock


@pytest.fixture
def settings_override(app: FastAPI) -> Iterator[Callable[..., None]]:
    original = app.state.settings

    def override(**values: object) -> None:
        app.state.settings = original.model_copy(update=values)

    yield override
    app.state.settings = original


@pytest.fixture
def dortmund_user(db: Session) -> StaffAccount:
    return add_account(db, "dortmund", "fachkraft@dortmund.example.org")


@pytest.fixture
def dortmund(browser: Browser, dortmund_user: StaffAccount) -> Browser:
    assert browser.log_in(dortmund_user.email).status_code == 200
    return browser


@pytest.fixture
def koeln(db: Session, new_browser: Callable[[], Browser]) -> Browser:
    account = add_account(db, "koeln", "fachkraft@koeln.example.org")
    other = new_browser()
    assert other.log_in(account.email).status_code == 200
    return other


# The staff channel's replies, by the message sent: enough of Rasa's shape for the API's work.
def _offers(need: str | None, ags: str, offers: list[dict[str, Any]], fitting: bool = True) -> dict[str, Any]:
    municipality = {"ags": ags, "name": "Dortmund"}
    jugendamt = {"id": "dortmund", "name": "Jugendamt Dortmund", "phone": "0231 000"}
    return {
        "recipient_id": "",
        "text": "Diese Angebote passen:",
        "custom": messages.offers(municipality, jugendamt, offers, need=need, fitting=fitting),
    }


ONE_OFFER = [{"id": "o1", "name": "Familienbüro Nord", "category": "familienbuero"}]
REPLIES: dict[str, list[dict[str, Any]]] = {
    "/greet": [
        {
            "recipient_id": "",
            "text": "Fragen Sie: Wo wohnt die Familie?",
            "custom": {"type": "ask", "slot": "postal_code", "input": "postal_code", "hint": "Nur der Ort."},
        }
    ],
    "mit angebot": [_offers("familienbuero", "05913000", ONE_OFFER)],
    "ohne angebot": [_offers("beratung", "05913000", [], fitting=False)],
    # The Familienbüro stands in: an offer, but none of the needed kind.
    "nur ersatz": [_offers("beratung", "05913000", ONE_OFFER, fitting=False)],
    "ohne thema": [_offers(None, "05913000", ONE_OFFER)],
}


@dataclass
class FakeRasa:
    recorder: HttpRecorder
    calls: list[RecordedRequest] = field(default_factory=list)

    @property
    def requests(self) -> list[RecordedRequest]:
        return self.recorder.requests


def rasa_answer(request: RecordedRequest) -> Answer:
    if request.path == "/webhooks/staff/forget":
        return Answer(body={"status": "forgotten"})
    message = request.json().get("message", "")
    return Answer(body=REPLIES.get(message, [{"recipient_id": "", "text": "Wie bitte?"}]))


@pytest.fixture
def fake_rasa(settings_override: Callable[..., None]) -> Iterator[FakeRasa]:
    """A local HTTP server in place of Rasa's staff channel; the app's settings point at it."""
    recorder = HttpRecorder(rasa_answer).start()
    settings_override(rasa_url=recorder.base_url, staff_channel_token=STAFF_CHANNEL_TOKEN)
    yield FakeRasa(recorder)
    recorder.stop()


def expected_sender(intake_id: str, secret: bytes) -> str:
    return "staff-" + hmac.new(secret, intake_id.encode(), hashlib.sha256).hexdigest()[:32]


def copy_of_database(sqlite_url: str, folder: Path) -> str:
    """A copy of the session's built SQLite database (directory and demo offers), for a test that commits."""
    target = folder / "offers.sqlite3"
    source = sqlite3.connect(sqlite_url.split("///", 1)[1])
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()
    return f"sqlite:///{target}"


def run_cli(database_url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """`python -m api.cli …` as an operator runs it, on the given database."""
    env = {**os.environ, "DATABASE_URL": database_url, "TOKEN_PEPPER": "test-pepper", "LOG_LEVEL": "WARNING"}
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
