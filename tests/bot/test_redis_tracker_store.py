"""With REDIS_URL, Rasa keeps conversations in a real Redis with an expiry, and the widget's delete removes them."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import redis

from bot.tools.run import ENDPOINT_DEFAULTS, check_redis_tracker_store, rasa_server_command
from tests.conftest import free_port, start, stop, wait_until_up

TRACKER_EXPIRY_SECONDS = int(ENDPOINT_DEFAULTS["TRACKER_EXPIRY_SECONDS"])

REDIS_URL = os.environ.get("TEST_REDIS_TRACKER_URL", "redis://127.0.0.1:6379/3")


@pytest.fixture(scope="module")
def rasa_with_redis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("CI"):
            pytest.fail("Redis on 127.0.0.1:6379 is required in CI")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    work: Path = tmp_path_factory.mktemp("redis-rasa")
    port = free_port()
    # The same endpoints.yml as `make run`, with Redis chosen by the environment.
    env = {
        **os.environ,
        **ENDPOINT_DEFAULTS,
        "ACTION_SERVER_URL": f"http://127.0.0.1:{free_port()}/webhook",
        "REDIS_URL": REDIS_URL,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
    }
    process = start(rasa_server_command(port), env, work / "rasa.log")
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", process, "Rasa server with Redis", 240)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop([process])


def test_conversations_live_in_redis_with_an_expiry_and_can_be_deleted(rasa_with_redis: str) -> None:
    store = redis.Redis.from_url(REDIS_URL)
    sender = uuid.uuid4().hex
    reply = httpx.post(
        f"{rasa_with_redis}/webhooks/familiennavi/webhook", json={"sender": sender, "message": "/greet"}, timeout=30
    )
    assert reply.status_code == 200 and reply.json()
    key = f"familiennavi:tracker:{sender}"
    assert store.exists(key)
    assert 0 < store.ttl(key) <= TRACKER_EXPIRY_SECONDS
    deleted = httpx.delete(f"{rasa_with_redis}/webhooks/familiennavi/conversations/{sender}")
    assert deleted.status_code == 204
    assert not store.exists(key)


def test_the_start_check_notices_that_conversations_reach_redis(rasa_with_redis: str) -> None:
    port = int(rasa_with_redis.rsplit(":", 1)[1])
    assert check_redis_tracker_store(port, REDIS_URL)
    # A Rasa that kept conversations in memory would fail the same check.
    assert not check_redis_tracker_store(port, "redis://127.0.0.1:6379/4")
    leftover = redis.Redis.from_url(REDIS_URL).keys("familiennavi:*startupcheck*")
    if leftover:
        redis.Redis.from_url(REDIS_URL).delete(*leftover)
