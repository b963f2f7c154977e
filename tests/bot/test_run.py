"""`make run`'s supervisor and the stores endpoints.yml selects: a taken port is named before anything starts;
REDIS_URL chooses Redis or memory for conversations and locks, and both forget a silent conversation."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from rasa.core.lock_store import InMemoryLockStore, LockStore
from rasa.core.tracker_store import RedisTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config

from bot import stores
from bot.locks import AtomicRedisLockStore
from bot.tools import run

ENDPOINTS = Path(__file__).resolve().parents[2] / "endpoints.yml"


def test_a_taken_port_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    blocker = socket.socket()
    blocker.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        blocker.bind(("127.0.0.1", 5055))
    except OSError:
        pytest.skip("port 5055 is in use by something else")
    blocker.listen()
    try:
        assert run.main() == 1
    finally:
        blocker.close()
    message = capsys.readouterr().err
    assert "Port 5055 is already taken" in message and "Action server" in message


def _endpoint(name: str, monkeypatch: pytest.MonkeyPatch, redis_url: str) -> object:
    for key, value in {**run.ENDPOINT_DEFAULTS, "REDIS_URL": redis_url, "TRACKER_EXPIRY_SECONDS": "120"}.items():
        monkeypatch.setenv(key, value)
    return read_endpoint_config(str(ENDPOINTS), name)


def test_endpoints_without_redis_keep_conversations_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    tracker_store = TrackerStore.create(_endpoint("tracker_store", monkeypatch, ""), Domain.empty())
    lock_store = LockStore.create(_endpoint("lock_store", monkeypatch, ""))
    base = tracker_store._tracker_store if hasattr(tracker_store, "_tracker_store") else tracker_store
    assert isinstance(base, stores.MemoryConversations) and base.record_exp == 120
    assert isinstance(lock_store, InMemoryLockStore)


def test_endpoints_with_redis_use_redis_with_an_expiry(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "redis://:secret@127.0.0.1:6390/2"
    tracker_store = TrackerStore.create(_endpoint("tracker_store", monkeypatch, url), Domain.empty())
    base = tracker_store._tracker_store if hasattr(tracker_store, "_tracker_store") else tracker_store
    assert isinstance(base, RedisTrackerStore)
    assert base.record_exp == 120 and base.key_prefix == f"{stores.KEY_PREFIX}:tracker:"
    kwargs = base.red.connection_pool.connection_kwargs
    assert (kwargs["host"], kwargs["port"], kwargs["db"], kwargs["password"]) == ("127.0.0.1", 6390, 2, "secret")
    lock_store = LockStore.create(_endpoint("lock_store", monkeypatch, url))
    assert isinstance(lock_store, stores.ResilientLockStore) and isinstance(lock_store.primary, AtomicRedisLockStore)


def test_a_redis_url_of_another_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="redis://"):
        stores.redis_connection("http://127.0.0.1:6379")


def test_the_memory_store_forgets_a_silent_conversation(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr(stores.time, "monotonic", lambda: clock[0])
    store = stores.MemoryConversations(Domain.empty(), record_exp=60)

    async def scenario() -> tuple[bool, bool]:
        await store.save(DialogueStateTracker("quiet", []))
        clock[0] += 59
        kept = await store.retrieve("quiet") is not None
        clock[0] += 2
        return kept, await store.retrieve("quiet") is None

    assert asyncio.run(scenario()) == (True, True)
    assert "quiet" not in store.store


def test_a_conversation_whose_parent_asked_to_delete_it_is_removed_not_saved() -> None:
    from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, UserUttered

    store = stores.MemoryConversations(Domain.empty())

    async def scenario() -> bool:
        tracker = DialogueStateTracker("asks", [])
        tracker.update(UserUttered("Mein Mann schlägt mich"))
        await store.save(tracker)
        assert "asks" in store.store
        for event in (UserUttered("Löscht bitte meine Daten"), ActionExecuted(stores.DELETE_ACTION), BotUttered("ok")):
            tracker.update(event)
        tracker.update(Restarted())
        tracker.update(ActionExecuted("action_listen"))
        await store.save(tracker)
        return await store.retrieve("asks") is None

    assert asyncio.run(scenario())
    assert "asks" not in store.store


def _children(pid: int) -> set[int]:
    """Every process below `pid` (the services and their workers)."""
    found: set[int] = set()
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        found |= {int(child), *_children(int(child))}
    return found


@pytest.mark.slow
def test_the_supervisor_restarts_a_crashed_service_and_stops_all_on_sigterm(tmp_path: Path) -> None:
    plan = run.services(run.service_environment(8000))
    if any(run.port_taken(service.port) for service in plan):
        pytest.skip("a port of `make run` (8000, 5055, 5005) is in use here")
    output = (tmp_path / "run.out").open("wb")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'offers.sqlite3'}", "REDIS_URL": ""}
    # Started the way a background shell starts it: SIGINT ignored, so only SIGTERM/SIGHUP can stop it.
    supervisor = subprocess.Popen(
        [sys.executable, "-m", "bot.tools.run"],
        cwd=run.ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    log = tmp_path / "run.out"
    try:
        _wait_for(lambda: "Familiennavi is running" in log.read_text(), 300, log)
        services = {service.port: service for service in plan}
        actions_pid = next(pid for pid in _children(supervisor.pid) if "actions.server" in _cmdline(pid))
        os.kill(actions_pid, signal.SIGKILL)
        _wait_for(lambda: "Starting the Action server again" in log.read_text(), 30, log)
        _wait_for(lambda: run.healthy(services[run.ACTION_PORT]), 60, log)
        family = _children(supervisor.pid)
        supervisor.send_signal(signal.SIGTERM)
        supervisor.wait(timeout=40)
        assert not [pid for pid in family if Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid)]
        assert not any(run.port_taken(port) for port in services)
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
        output.close()


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
    except OSError:
        return ""


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().lower()
    except OSError:
        return "zombie"


def _wait_for(condition: Callable[[], bool], seconds: float, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, log.read_text()[-3000:]
        time.sleep(0.5)
