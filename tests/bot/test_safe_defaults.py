"""Safe by default, tried on the running system: Rasa's HTTP API needs the token, the action server takes calls
only from Rasa (token) and only on 127.0.0.1, every channel limits size, sender ids and rate, and deleting in
the chat really deletes the stored conversation."""

from __future__ import annotations

import socket
import uuid
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from vocabulary.texts import text


def rest(system: dict[str, Any], sender: str, message: str) -> httpx.Response:
    return httpx.post(
        f"{system['rasa']}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=30
    )


def stored_texts(system: dict[str, Any], sender: str) -> list[str]:
    url = f"{system['rasa']}/conversations/{sender}/tracker"
    answer = httpx.get(url, params={"token": system["api_token"], "include_events": "ALL"}, timeout=10)
    assert answer.status_code == 200
    return [event.get("text") for event in answer.json()["events"] if event.get("event") == "user"]


def test_rasas_http_api_refuses_without_the_token(system: dict[str, Any]) -> None:
    sender = f"safe-{uuid.uuid4().hex[:12]}"
    assert rest(system, sender, "Mein Mann schlägt mich").status_code == 200
    for path in (f"/conversations/{sender}/tracker", "/status", "/domain"):
        assert httpx.get(f"{system['rasa']}{path}", timeout=10).status_code == 401, path
        assert httpx.get(f"{system['rasa']}{path}", params={"token": "wrong"}, timeout=10).status_code == 401, path
    events = httpx.post(f"{system['rasa']}/conversations/{sender}/tracker/events", json=[], timeout=10)
    assert events.status_code == 401


def test_the_action_server_needs_the_token_and_listens_on_loopback_only(system: dict[str, Any]) -> None:
    actions, port = system["processes"]["actions"], system["actions_port"]
    call = {"next_action": "action_emergency", "tracker": {"sender_id": "x", "events": []}, "domain": {}}
    assert httpx.post(f"http://127.0.0.1:{port}/webhook", json=call, timeout=10).status_code == 403
    assert actions.poll() is None
    outside = _outside_address()
    if outside is None:
        pytest.skip("this machine has no address besides loopback")
    # The action server, the offers API and Rasa all listen on 127.0.0.1 only.
    for service_port in (port, urlsplit(system["api"]).port, urlsplit(system["rasa"]).port):
        with socket.socket() as probe:
            probe.settimeout(2)
            assert probe.connect_ex((outside, int(service_port or 0))) != 0, f"port {service_port} answers outside"


def _outside_address() -> str | None:
    """This machine's address on its network (a UDP "connect" sends nothing, it only picks the route)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
        except OSError:
            return None
        address = str(probe.getsockname()[0])
    return None if address.startswith("127.") or address == "0.0.0.0" else address


@pytest.mark.parametrize("path", ["/webhooks/rest/webhook", "/webhooks/familiennavi/webhook"])
def test_every_json_channel_limits_size_and_sender(system: dict[str, Any], path: str) -> None:
    url = f"{system['rasa']}{path}"
    too_long = httpx.post(url, json={"sender": f"safe-{uuid.uuid4().hex[:12]}", "message": "x" * 1001}, timeout=10)
    assert too_long.status_code == 413 and too_long.json()["text"] == text("channel.too_long")
    for sender in ("short", "../../etc", "a" * 65, "name with spaces"):
        refused = httpx.post(url, json={"sender": sender, "message": "Hallo"}, timeout=10)
        assert refused.status_code == 422, sender
    nested = httpx.post(url, content=b"[" * 100_000, headers={"Content-Type": "application/json"}, timeout=10)
    assert nested.status_code == 422


def test_a_conversation_that_writes_too_fast_gets_a_kind_message(system: dict[str, Any]) -> None:
    sender = f"safe-{uuid.uuid4().hex[:12]}"
    statuses = [rest(system, sender, "Hallo").status_code for _ in range(14)]
    assert statuses[0] == 200 and 429 in statuses
    refused = rest(system, sender, "Hallo")
    assert refused.status_code == 429 and refused.json()["text"] == text("channel.too_fast")
    assert urlsplit(system["rasa"]).hostname == "127.0.0.1"


def test_deleting_in_the_chat_deletes_the_stored_conversation(system: dict[str, Any]) -> None:
    sender = f"safe-{uuid.uuid4().hex[:12]}"
    rest(system, sender, "Mein Mann schlägt mich")
    assert "Mein Mann schlägt mich" in stored_texts(system, sender)
    answer = rest(system, sender, "Löscht bitte meine Daten").json()
    assert text("conversation.deleted") in " ".join(message.get("text") or "" for message in answer)
    assert stored_texts(system, sender) == []
