"""Faults with real processes: a system whose conversations live in a Redis of its own, and the parts killed one
after the other. Whatever fails, a parent never gets an empty answer: Redis away → the conversation goes on
from this process's memory (and /webhooks/health/ready says "degraded"); offers API away → the place is said to
be unchecked and the questions go on, offers come with an honest message and numbers; action server away → an
honest "kurz gestört" with the numbers (the fitting ones for a danger)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis

from tests.conftest import free_port, running_system
from vocabulary.texts import text


def _redis_server(port: int, work: Path) -> subprocess.Popen[bytes]:
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    process = subprocess.Popen(command, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    for _ in range(50):
        try:
            client.ping()
            return process
        except redis.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError("the test's Redis did not start")


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    if not shutil.which("redis-server"):
        if os.environ.get("CI"):
            pytest.fail("redis-server is required in CI")
        pytest.skip("redis-server is not installed")
    work = tmp_path_factory.mktemp("faults")
    port = free_port()
    state: dict[str, Any] = {"redis_port": port, "redis_process": _redis_server(port, work), "work": work}
    url = f"redis://127.0.0.1:{port}/0"
    try:
        with running_system(work, {"REDIS_URL": url, "TRACKER_EXPIRY_SECONDS": "600"}) as system:
            state.update(system)
            yield state
    finally:
        # The test may have started a new Redis in place of the first one.
        state["redis_process"].kill()
        state["redis_process"].wait()


def say(system: dict[str, Any], sender: str, message: str) -> tuple[list[dict[str, Any]], float]:
    started = time.monotonic()
    answer = httpx.post(
        f"{system['rasa']}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=30
    )
    assert answer.status_code == 200
    return answer.json(), time.monotonic() - started


def ready(system: dict[str, Any]) -> dict[str, Any]:
    answer = httpx.get(f"{system['rasa']}/webhooks/health/ready", timeout=10)
    assert answer.status_code == 200
    body: dict[str, Any] = answer.json()
    return body


def words(replies: list[dict[str, Any]]) -> str:
    return " ".join(reply.get("text") or "" for reply in replies)


def test_1_conversations_live_in_redis_with_an_expiry_and_deleting_deletes(faulty: dict[str, Any]) -> None:
    store = redis.Redis(port=faulty["redis_port"])
    assert ready(faulty) == {"status": "ok", "model": True, "actions": "ok", "conversations": "redis", "locks": "redis"}
    chat, widget = f"fault-{uuid.uuid4().hex[:12]}", str(uuid.uuid4())
    for sender in (chat, widget):
        replies, _ = say(faulty, sender, "Ich brauche Hilfe beim Kindergeld")
        assert replies
        key = f"familiennavi:tracker:{sender}"
        assert store.exists(key) and 0 < store.ttl(key) <= 600
    # In the chat: the delete intent removes the conversation from Redis, not only its slots.
    replies, _ = say(faulty, chat, "Löscht bitte meine Daten")
    assert text("conversation.deleted") in words(replies)
    assert not store.exists(f"familiennavi:tracker:{chat}")
    # In the widget: "Gespräch löschen" and "Neu starten" call the channel's delete.
    deleted = httpx.delete(f"{faulty['rasa']}/webhooks/familiennavi/conversations/{widget}", timeout=10)
    assert deleted.status_code == 204
    assert not store.exists(f"familiennavi:tracker:{widget}")


def test_2_redis_away_the_conversation_goes_on_and_ready_says_degraded(faulty: dict[str, Any]) -> None:
    sender = f"fault-{uuid.uuid4().hex[:12]}"
    faulty["redis_process"].kill()
    faulty["redis_process"].wait()
    try:
        first, _ = say(faulty, sender, "Ich brauche Hilfe beim Kindergeld")
        assert any((reply.get("custom") or {}).get("slot") == "postal_code" for reply in first), words(first)
        # The answer to the question shows the conversation was kept (in memory) between the two messages.
        second, _ = say(faulty, sender, "44137")
        assert "kurz gestört" not in words(second) and second
        crisis, _ = say(faulty, sender, "Mein Mann schlägt mich")
        assert any((reply.get("custom") or {}).get("type") == "emergency" for reply in crisis)
        status = ready(faulty)
        assert status["status"] == "degraded" and status["conversations"] == "memory (Redis away)"
    finally:
        faulty["redis_process"] = _redis_server(faulty["redis_port"], faulty["work"])
    deadline = time.monotonic() + 30
    while ready(faulty)["status"] != "ok":
        assert time.monotonic() < deadline, ready(faulty)
        say(faulty, f"fault-{uuid.uuid4().hex[:12]}", "Hallo")
        time.sleep(1)


def test_3_offers_api_away_the_place_is_said_unchecked_and_offers_are_honest(faulty: dict[str, Any]) -> None:
    faulty["processes"]["api"].send_signal(signal.SIGKILL)
    faulty["processes"]["api"].wait()
    sender = f"fault-{uuid.uuid4().hex[:12]}"
    replies, seconds = say(faulty, sender, "Ich bin schwanger und brauche Hilfe mit Anträgen, ich wohne in 44137")
    assert seconds < 3.5
    assert text("place.unchecked") in words(replies)
    for answer in ("egal", "egal"):
        if any((reply.get("custom") or {}).get("type") == "ask" for reply in replies):
            replies, seconds = say(faulty, sender, answer)
            assert seconds < 3.5
    honest = words(replies)
    assert text("offers.api_down", numbers="").split(".")[0] in honest and "0800 111 0 550" in honest


def test_4_action_server_away_an_honest_answer_with_numbers(faulty: dict[str, Any]) -> None:
    faulty["processes"]["actions"].send_signal(signal.SIGKILL)
    faulty["processes"]["actions"].wait()
    replies, seconds = say(faulty, f"fault-{uuid.uuid4().hex[:12]}", "Ich brauche Hilfe beim Kindergeld")
    assert seconds < 5
    assert text("channel.disturbed") in words(replies)
    (card,) = [reply["custom"] for reply in replies if (reply.get("custom") or {}).get("type") == "emergency"]
    assert card["numbers"]
    crisis, _ = say(faulty, f"fault-{uuid.uuid4().hex[:12]}", "ich will nicht mehr leben")
    cards = [reply["custom"] for reply in crisis if (reply.get("custom") or {}).get("type") == "emergency"]
    assert cards and cards[0]["numbers"][0]["phone"] == "0800 111 0 111"
    assert ready(faulty)["actions"] == "unreachable"
