"""The Redis cache: answers are cached, every write drops the affected Jugendämter's answers, and the API
keeps answering when Redis is absent or goes away mid-run. Uses real Redis servers."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator

import pytest
import redis
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session

from api.main import create_app
from api.models import Service
from tests.api.conftest import make_settings, staff_headers

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _redis_up(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_timeout=0.5).ping())
    except redis.RedisError:
        return False


@pytest.fixture(scope="module")
def redis_url() -> str:
    if not _redis_up(REDIS_URL):
        if os.environ.get("CI"):
            pytest.fail("Redis on 127.0.0.1:6379 is required in CI")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    return REDIS_URL


@pytest.fixture
def cached_client(sqlite_url: str, redis_url: str) -> Iterator[tuple[TestClient, Session]]:
    """An app with the Redis cache (own key prefix) on the shared test database, in a rolled-back transaction."""
    from sqlalchemy.orm import sessionmaker

    from api.db import make_engine

    prefix = f"test{uuid.uuid4().hex[:10]}"
    app = create_app(make_settings(sqlite_url, redis_url=redis_url, cache_key_prefix=prefix))
    engine = make_engine(sqlite_url)
    with TestClient(app) as client:
        connection = engine.connect()
        transaction = connection.begin()
        factory = sessionmaker(bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint")
        app.state.sessionmaker = factory
        session = factory()
        try:
            yield client, session
        finally:
            session.close()
            transaction.rollback()
            connection.close()
            keys = redis.Redis.from_url(redis_url).keys(f"{prefix}:*")
            if keys:
                redis.Redis.from_url(redis_url).delete(*keys)
    engine.dispose()


def _names(client: TestClient, **params: object) -> list[str]:
    response = client.get("/v1/offers", params={"page_size": 50, **params})
    assert response.status_code == 200, response.text
    return [item["name"] for item in response.json()["items"]]


def test_search_answers_come_from_the_cache(cached_client: tuple[TestClient, Session]) -> None:
    client, session = cached_client
    first = _names(client, postal_code="44137")
    # Change the database behind the API's back: a cached answer does not see it.
    session.execute(update(Service).where(Service.jugendamt_id == "dortmund").values(name="Hinter dem Rücken"))
    session.commit()
    assert _names(client, postal_code="44137") == first
    assert "Hinter dem Rücken" in _names(client, postal_code="44137", page=1, page_size=49)


def test_a_write_drops_the_cached_answers_of_that_jugendamt(cached_client: tuple[TestClient, Session]) -> None:
    client, session = cached_client
    headers = staff_headers(session, "dortmund")
    before = client.get("/v1/offers", params={"postal_code": "44137", "page_size": 50}).json()["items"]
    cached_koeln = _names(client, postal_code="50823")
    target = before[0]
    response = client.patch(f"/v1/offers/{target['id']}", json={"name": "Frisch geändert"}, headers=headers)
    assert response.status_code == 200
    assert "Frisch geändert" in _names(client, postal_code="44137")
    # Köln's cached answer is untouched by a Dortmund write (still served from the cache).
    session.execute(update(Service).where(Service.jugendamt_id == "koeln").values(name="Köln geändert"))
    session.commit()
    assert _names(client, postal_code="50823") == cached_koeln


def test_a_write_in_a_kreis_drops_answers_of_towns_nearby(cached_client: tuple[TestClient, Session]) -> None:
    client, session = cached_client
    headers = staff_headers(session, "kreis-borken")
    # Gronau has its own Jugendamt, but its families also see the Kreis Borken's offers (same Kreis).
    before = _names(client, municipality="05554020")
    offer = client.get("/v1/offers", params={"postal_code": "48619"}).json()["items"][0]
    assert offer["name"] in before
    client.patch(f"/v1/offers/{offer['id']}", json={"name": "Neu im Kreis"}, headers=headers)
    assert "Neu im Kreis" in _names(client, municipality="05554020")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_api_keeps_answering_when_redis_goes_away(sqlite_url: str, redis_url: str) -> None:
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server binary not found")
    port = _free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"redis://127.0.0.1:{port}/0"
        for _ in range(50):
            if _redis_up(url):
                break
            time.sleep(0.1)
        app = create_app(make_settings(sqlite_url, redis_url=url))
        with TestClient(app) as client:
            assert client.get("/ready").json()["cache"] == "ok"
            first = _names(client, postal_code="44137")
            process.terminate()
            process.wait(timeout=10)
            started = time.monotonic()
            assert _names(client, postal_code="44137") == first
            assert _names(client, postal_code="50823")
            assert client.get("/v1/locate", params={"q": "Heek"}).status_code == 200
            assert time.monotonic() - started < 3, "a dead cache must not make the API slow"
            ready = client.get("/ready")
            assert ready.status_code == 200 and ready.json()["cache"] == "unavailable"
    finally:
        if process.poll() is None:
            process.kill()


def test_without_redis_url_everything_works(app_client: TestClient) -> None:
    assert app_client.get("/ready").json()["cache"] == "off"
    assert _names(app_client, postal_code="44137")


def test_postal_codes_of_one_town_share_one_cached_answer(cached_client: tuple[TestClient, Session]) -> None:
    client, session = cached_client
    first = _names(client, postal_code="50823")
    session.execute(update(Service).where(Service.jugendamt_id == "koeln").values(name="Hinter dem Rücken"))
    session.commit()
    # Another Köln postal code: answered from the cache entry of the first one.
    assert _names(client, postal_code="50667") == first
