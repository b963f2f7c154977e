"""The Redis cache: answers are cached, every write drops the affected Jugendämter's answers, and the API
keeps answering when Redis is absent or goes away mid-run. Uses real Redis servers."""

from __future__ import annotations

import hashlib
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

from api.cache import Cache
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


def _everything_in_redis(url: str, prefix: str) -> dict[bytes, list[bytes]]:
    """Every key name with the prefix and what is stored under it (strings and tag sets)."""
    store = redis.Redis.from_url(url)
    found: dict[bytes, list[bytes]] = {}
    for key in store.keys(f"{prefix}:*"):
        kind = store.type(key)
        found[key] = [store.get(key) or b""] if kind == b"string" else list(store.smembers(key))
    return found


def test_redis_holds_no_typed_place_or_postal_code_in_clear(
    cached_client: tuple[TestClient, Session], redis_url: str
) -> None:
    client, _ = cached_client
    prefix = client.app.state.cache.prefix  # type: ignore[attr-defined]
    typed = ["48619", " 48619 ", "Heekk", "50823 Köln"]
    for query in typed:
        for _ in range(2):  # the second answer comes from the cache and still echoes the query
            response = client.get("/v1/locate", params={"q": query})
            assert response.status_code == 200, response.text
            assert response.json()["query"] == query
    assert _names(client, postal_code="48619")
    stored = _everything_in_redis(redis_url, prefix)
    assert any(b":locate:" in key for key in stored) and any(b":search:" in key for key in stored)
    # Key names, tag sets and locate answers: nothing typed, not even as an unkeyed hash. (Search answers
    # are keyed by municipality, not postal code; the postal codes in them are the offers' own addresses.)
    checked = [*stored, *(item for key, items in stored.items() if b":search:" not in key for item in items)]
    for query in ("48619", "Heekk", "50823 Köln", "50823"):
        unkeyed = hashlib.sha256(query.encode()).hexdigest()[:32].encode()
        for item in checked:
            assert query.encode() not in item
            assert unkeyed not in item
    assert not any(b'"query"' in item for items in stored.values() for item in items)


def test_cache_keys_depend_on_the_secret() -> None:
    one = Cache(None, "p", 60, b"one").hashed_key("locate", "v1", b"48619")
    other = Cache(None, "p", 60, b"other").hashed_key("locate", "v1", b"48619")
    assert one != other and "48619" not in one


def test_cached_answers_do_not_mix_languages(cached_client: tuple[TestClient, Session], redis_url: str) -> None:
    client, _ = cached_client
    prefix = client.app.state.cache.prefix  # type: ignore[attr-defined]

    def search(headers: dict[str, str], **params: object) -> tuple[str, list[str]]:
        response = client.get("/v1/offers", params={"postal_code": "44137", **params}, headers=headers)
        assert response.status_code == 200, response.text
        assert response.headers["vary"] == "Accept-Language"
        return response.headers["content-language"], [item["category_label"] for item in response.json()["items"]]

    english = search({"Accept-Language": "en-GB,en;q=0.9"})
    turkish = search({"Accept-Language": "tr-TR,tr;q=0.9,de;q=0.8"})
    german = search({})
    assert english[0] == "en" and turkish[0] == "tr" and german[0] == "de"
    assert len({tuple(english[1]), tuple(turkish[1]), tuple(german[1])}) == 3
    searches = [key for key in _everything_in_redis(redis_url, prefix) if b":search:" in key]
    assert len(searches) == 3, "one cached answer per language"
    # From the cache now, each in its own language (with its headers), however the language was asked for.
    assert search({"Accept-Language": "en"}) == english
    assert search({"Accept-Language": "de"}, lang="tr") == turkish
    assert search({"Accept-Language": "fr"}) == german
    assert search({}, lang="en-US") == english
    assert len([key for key in _everything_in_redis(redis_url, prefix) if b":search:" in key]) == 3
