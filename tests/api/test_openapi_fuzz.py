"""Fuzzing the OpenAPI schema with schemathesis: no 500, every answer matches the schema it documents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from api.db import make_engine
from api.main import create_app
from api.services.staff import create_token
from api.setup import prepare_database
from tests.api.conftest import TEST_PEPPER, make_settings

EXAMPLES_PER_OPERATION = 40


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, str]]:
    """An app on its own database: the fuzzer creates and retires offers."""
    url = f"sqlite:///{Path(tmp_path_factory.mktemp('fuzz')) / 'offers.sqlite3'}"
    engine = make_engine(url)
    prepare_database(engine, demo_data=True)
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        _, token = create_token(session, "dortmund", "Fuzzer", TEST_PEPPER)
        session.commit()
    engine.dispose()
    app = create_app(make_settings(url))
    with TestClient(app):
        yield app, token


@pytest.fixture
def api_schema(fuzz_app: tuple[FastAPI, str]) -> schemathesis.BaseSchema:
    app, token = fuzz_app
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)

    # Declared as auth, so schemathesis also tries the staff routes without and with a wrong token.
    @schema.auth()
    class StaffToken:
        def get(self, case: schemathesis.Case, context: schemathesis.AuthContext) -> str:
            return token

        def set(self, case: schemathesis.Case, data: str, context: schemathesis.AuthContext) -> None:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

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
