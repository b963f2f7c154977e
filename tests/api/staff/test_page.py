"""The staff page's files: served from api/staff_page only, with a strict Content Security Policy; its texts."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.routes.staff_page import PAGE_DIR
from api.staff_headers import CONTENT_SECURITY_POLICY

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def _page_headers_ok(headers: object) -> None:
    assert headers["content-security-policy"] == CSP  # type: ignore[index]
    assert headers["x-content-type-options"] == "nosniff"  # type: ignore[index]
    assert headers["referrer-policy"] == "no-referrer"  # type: ignore[index]


def test_the_policy_is_the_contract_s() -> None:
    assert CONTENT_SECURITY_POLICY == CSP


def test_the_page_is_served_with_its_headers(client: TestClient) -> None:
    response = client.get("/staff/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.text == (PAGE_DIR / "index.html").read_text(encoding="utf-8")
    _page_headers_ok(response.headers)
    redirect = client.get("/staff", follow_redirects=False)
    assert redirect.status_code == 308 and redirect.headers["location"] == "/staff/"


def test_the_page_files_are_served_with_their_types(client: TestClient) -> None:
    types = {".js": "text/javascript", ".css": "text/css"}
    files = [path for path in PAGE_DIR.iterdir() if path.suffix in types]
    for path in files:
        response = client.get(f"/staff/assets/{path.name}")
        assert response.status_code == 200, path.name
        assert response.headers["content-type"].startswith(types[path.suffix])
        assert response.content == path.read_bytes()
        _page_headers_ok(response.headers)


@pytest.mark.parametrize(
    "name",
    [
        "index.html",
        "..%2Fmain.py",
        "%2e%2e%2fsettings.py",
        "..%2F..%2Fpyproject.toml",
        ".hidden.js",
        "gibt-es-nicht.js",
        "STAFF.JS",
        "staff.js%00.css",
    ],
)
def test_nothing_else_is_served_under_assets(client: TestClient, name: str) -> None:
    response = client.get(f"/staff/assets/{name}")
    assert response.status_code == 404, name
    _page_headers_ok(response.headers)


async def _raw_get(app: Any, path: str) -> tuple[int, bytes]:
    """A GET with the path exactly as given: an HTTP client would resolve the dot segments before sending."""
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "path": path, "raw_path": path.encode(), "root_path": "", "query_string": b"",
        "headers": [(b"host", b"127.0.0.1")], "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
    }  # fmt: skip
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    body = b"".join(message.get("body", b"") for message in sent if message["type"] == "http.response.body")
    return sent[0]["status"], body


@pytest.mark.parametrize(
    "path",
    ["/staff/assets/../../api/main.py", "/staff/assets/..", "/staff/assets/../index.html", "/staff/../api/settings.py"],
)
def test_no_way_out_of_the_page_folder(client: TestClient, path: str) -> None:
    status, body = asyncio.run(_raw_get(client.app, path))
    assert status == 404, path
    assert b"pydantic" not in body and b"<html" not in body


def test_texts_for_the_page(client: TestClient) -> None:
    german = client.get("/staff/api/texts", params={"lang": "de"}).json()
    assert german["language"] == "de" and german["direction"] == "ltr"
    texts = german["texts"]
    assert texts["category.beratung.label"] == "Beratung"
    assert not [key for key in texts if key.startswith(("api.", "widget.", "_"))]
    unknown = client.get("/staff/api/texts", params={"lang": "xx"}).json()
    assert unknown["language"] == "de" and unknown["texts"] == texts
    english = client.get("/staff/api/texts", params={"lang": "en-GB"}).json()
    assert english["language"] == "en" and set(english["texts"]) == set(texts)
    assert client.get("/staff/api/texts").json()["language"] == "de"
