"""Request body limits: a declared size over the limit is refused unread, a chunked body is cut off at the limit."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import anyio
import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from api.limits import MAX_BODY_BYTES, MAX_UPLOAD_BYTES
from api.main import create_app
from tests.api.conftest import make_settings
from vocabulary.texts import text

CHUNK = 16 * 1024
IMPORT = "/v1/jugendaemter/dortmund/offers/import"


def _assert_too_large(response: httpx.Response, key: str = "api.error.too_large") -> None:
    assert response.status_code == 413, response.text
    assert response.json() == {"type": "too_large", "detail": text(key, "de"), "detail_en": text(key, "en")}


async def _call_unread(app: Any, path: str, content_length: int) -> tuple[list[dict[str, Any]], int]:
    """Calls the app at ASGI level with a declared Content-Length; returns what it sent and how often it read."""
    reads = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal reads
        reads += 1
        # Ends a little after the limit, so an app without the check reads it all and fails the test.
        return {"type": "http.request", "body": b"x" * CHUNK, "more_body": reads * CHUNK <= content_length}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), (b"content-length", str(content_length).encode())],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
        "state": {},
    }
    await app(scope, receive, send)
    return sent, reads


@pytest.mark.parametrize(
    ("path", "limit", "key"),
    [("/v1/offers", MAX_BODY_BYTES, "api.error.too_large"), (IMPORT, MAX_UPLOAD_BYTES, "api.import.too_large")],
)
def test_a_declared_size_over_the_limit_is_refused_without_reading(
    app_client: TestClient, path: str, limit: int, key: str
) -> None:
    sent, reads = anyio.run(_call_unread, app_client.app, path, limit + 1)
    assert reads == 0
    assert sent[0]["status"] == 413
    _assert_too_large(httpx.Response(413, content=b"".join(m.get("body", b"") for m in sent[1:])), key)


async def _chunked_post(app: Any, path: str, chunks: int, headers: dict[str, str]) -> tuple[httpx.Response, int]:
    pulled = 0

    async def body() -> AsyncIterator[bytes]:
        nonlocal pulled
        for _ in range(chunks):
            pulled += 1
            yield b"[" * CHUNK

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        # A generator body: sent chunked, without Content-Length.
        response = await http.post(path, content=body(), headers={**headers, "content-type": "application/json"})
    return response, pulled


def test_a_chunked_offer_body_is_cut_off_after_the_limit(client: TestClient, dortmund_staff: dict[str, str]) -> None:
    response, pulled = anyio.run(_chunked_post, client.app, "/v1/offers", 100, dortmund_staff)
    _assert_too_large(response)
    assert pulled <= MAX_BODY_BYTES // CHUNK + 1


def test_a_chunked_import_is_cut_off_after_five_megabytes(client: TestClient, dortmund_staff: dict[str, str]) -> None:
    chunks = MAX_UPLOAD_BYTES // CHUNK + 100
    response, pulled = anyio.run(_chunked_post, client.app, IMPORT, chunks, dortmund_staff)
    _assert_too_large(response, "api.import.too_large")
    assert pulled <= MAX_UPLOAD_BYTES // CHUNK + 1


def test_a_body_under_the_limit_still_works(client: TestClient, dortmund_staff: dict[str, str]) -> None:
    response = client.post("/v1/offers", content=b"{}", headers={**dortmund_staff, "content-type": "application/json"})
    assert response.status_code == 422


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server_url(sqlite_url: str) -> Iterator[str]:
    """The API under a real uvicorn server, so bodies really arrive in chunks over a socket."""
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(make_settings(sqlite_url)), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_a_real_chunked_upload_gets_413_from_uvicorn(server_url: str) -> None:
    def body() -> Iterator[bytes]:
        for _ in range(MAX_BODY_BYTES // CHUNK + 2):
            yield b"[" * CHUNK

    with httpx.Client(base_url=server_url, timeout=10) as http:
        response = http.post("/v1/offers", content=body(), headers={"content-type": "application/json"})
        _assert_too_large(response)
        assert http.get("/health").status_code == 200
