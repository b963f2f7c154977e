"""Fixtures for the offers API tests.

Each database backend (SQLite file, real PostgreSQL on 127.0.0.1:5432) is built once per test session
with the real directory and the demo offers. Each test then runs inside a transaction that is rolled
back at its end (the app's sessions join it through SAVEPOINTs), so tests never see each other's writes.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from api.db import make_engine
from api.directory.index import DirectoryIndex
from api.main import create_app
from api.services.offers import Actor
from api.services.staff import create_token
from api.settings import Settings
from api.setup import prepare_database

POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
TEST_PEPPER = "test-pepper"


def _postgres_available() -> bool:
    try:
        with create_engine(POSTGRES_ADMIN_URL).connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path: Path = tmp_path_factory.mktemp("db") / "offers.sqlite3"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    prepare_database(engine, demo_data=True)
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    if not _postgres_available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL on 127.0.0.1:5432 is required in CI")
        pytest.skip("PostgreSQL is not running on 127.0.0.1:5432 (start it to run these tests)")
    name = f"familiennavi_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    engine = make_engine(url)
    prepare_database(engine, demo_data=True)
    engine.dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest) -> str:
    url: str = request.getfixturevalue(f"{request.param}_url")
    return url


def make_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "environment": "test",
        "database_url": database_url,
        "redis_url": None,
        "demo_data": True,
        "token_pepper": TEST_PEPPER,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def app_client(database_url: str) -> Iterator[TestClient]:
    app = create_app(make_settings(database_url))
    with TestClient(app) as client:
        yield client


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def db(engine: Engine, app_client: TestClient) -> Iterator[Session]:
    """A session inside a rolled-back transaction; the app under test uses the same transaction."""
    connection = engine.connect()
    transaction = connection.begin()
    factory = sessionmaker(bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint")
    app = app_client.app
    original = app.state.sessionmaker  # type: ignore[attr-defined]
    app.state.sessionmaker = factory  # type: ignore[attr-defined]
    session = factory()
    try:
        yield session
    finally:
        session.close()
        app.state.sessionmaker = original  # type: ignore[attr-defined]
        transaction.rollback()
        connection.close()


@pytest.fixture
def client(app_client: TestClient, db: Session) -> TestClient:
    return app_client


@pytest.fixture
def index(app_client: TestClient) -> DirectoryIndex:
    loaded: DirectoryIndex = app_client.app.state.index  # type: ignore[attr-defined]
    return loaded


def staff_headers(db: Session, jugendamt_id: str, label: str = "Testperson") -> dict[str, str]:
    _, token = create_token(db, jugendamt_id, label, TEST_PEPPER)
    db.commit()
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def dortmund_staff(db: Session) -> dict[str, str]:
    return staff_headers(db, "dortmund", "Familienbüro Dortmund")


@pytest.fixture
def koeln_staff(db: Session) -> dict[str, str]:
    return staff_headers(db, "koeln", "Familienbüro Köln")


def actor(jugendamt_id: str) -> Actor:
    return Actor(jugendamt_id=jugendamt_id, label=f"test {jugendamt_id}")
