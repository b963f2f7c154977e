"""Fuzzing the OpenAPI schema with schemathesis: no 500, every answer matches the schema it documents."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from api.clock import system_clock
from api.db import make_engine
from api.main import create_app
from api.models import StaffSession
from api.services.accounts import SESSION_COOKIE, create_account
from api.services.staff import create_token
from api.setup import prepare_database
from tests.api.conftest import TEST_PEPPER, make_settings
from tests.fakes.http_recorder import Answer, HttpRecorder

EXAMPLES_PER_OPERATION = 40


@dataclass(frozen=True)
class Credentials:
    token: str
    cookie: str
    csrf: str


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, str]]:
    """An app on its own database: the fuzzer creates and retires offers, referrals and accounts."""
    url = f"sqlite:///{Path(tmp_path_factory.mktemp('fuzz')) / 'offers.sqlite3'}"
    engine = make_engine(url)
    prepare_database(engine, demo_data=True)
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        _, token = create_token(session, "dortmund", "Fuzzer", TEST_PEPPER)
        # An admin, so the fuzzer reaches the account routes too (it cannot disable its own account).
        create_account(session, "dortmund", "fuzzer@example.org", "fuzzer-passwort-123", "admin", system_clock())
        session.commit()
    engine.dispose()
    # A stand-in for Rasa's staff channel: the intake answers (a 503 would count as a server error here).
    rasa = HttpRecorder(lambda request: Answer(body=[{"recipient_id": "x", "text": "Fragen Sie: Wo?"}])).start()
    app = create_app(make_settings(url, rasa_url=rasa.base_url, staff_channel_token="fuzz-token"))
    with TestClient(app):
        yield app, token
    rasa.stop()


def _staff_session(app: FastAPI) -> tuple[str, str]:
    """A fresh staff page session of the fuzz admin (cookie token, CSRF token), made without the argon2 login."""
    from sqlalchemy import select

    from api.models import StaffAccount

    cookie, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with app.state.sessionmaker() as session:
        account_id = session.scalar(select(StaffAccount.id).where(StaffAccount.email == "fuzzer@example.org"))
        now = system_clock()
        session.add(
            StaffSession(
                token_hash=hashlib.sha256(cookie.encode()).hexdigest(),
                account_id=account_id,
                csrf_token=csrf,
                created_at=now,
                last_seen_at=now,
            )
        )
        session.commit()
    return cookie, csrf


@pytest.fixture
def api_schema(fuzz_app: tuple[FastAPI, str]) -> schemathesis.BaseSchema:
    app, token = fuzz_app
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)

    # Declared as auth, so schemathesis also tries the staff routes without and with a wrong token. The staff
    # page's routes get a fresh session each time (the fuzzer also calls logout) and its CSRF token.
    @schema.auth(refresh_interval=None)
    class StaffToken:
        def get(self, case: schemathesis.Case, context: schemathesis.AuthContext) -> Credentials:
            if not case.path.startswith("/staff/"):
                return Credentials(token=token, cookie="", csrf="")
            cookie, csrf = _staff_session(app)
            return Credentials(token=token, cookie=cookie, csrf=csrf)

        def set(self, case: schemathesis.Case, data: Credentials, context: schemathesis.AuthContext) -> None:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data.token}"}
            if data.cookie:
                case.headers["X-CSRF-Token"] = data.csrf
                case.cookies = {**(case.cookies or {}), SESSION_COOKIE: data.cookie}

    return schema


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
)
def test_no_server_errors_and_answers_match_the_schema(case: schemathesis.Case, fuzz_app: tuple[FastAPI, str]) -> None:
    # Not checked: that every schema-valid request is accepted. A query can fit the schema and still mean
    # nothing (q=000000), and then a 422 in plain words is the right answer.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
