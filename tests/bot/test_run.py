"""`make run`'s supervisor: a taken port is named before anything starts; Redis endpoints are what Rasa needs."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import yaml

from bot import run


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


def test_redis_endpoints_have_an_expiry_and_an_alphanumeric_prefix(tmp_path: Path) -> None:
    endpoints = yaml.safe_load(run.redis_endpoints("redis://127.0.0.1:6379/2", target=tmp_path / "e.yml").read_text())
    store = endpoints["tracker_store"]
    assert store["type"] == "redis" and store["url"] == "127.0.0.1" and store["port"] == 6379 and store["db"] == 2
    assert store["key_prefix"].isalnum()
    assert store["record_exp"] == run.TRACKER_EXPIRY_SECONDS
    assert endpoints["lock_store"]["type"] == "redis"
