"""Request body limits, enforced before a body is read.

A declared Content-Length above the limit is answered with 413 at once, without reading the body. A body
without Content-Length (chunked) is counted while it streams in; the request fails with 413 as soon as the
count passes the limit, so the API never reads more than the limit plus one chunk.
"""

from __future__ import annotations

import re

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import ErrorBody
from api.wording import in_both

# Offer bodies are a few kilobytes; 64 KiB leaves room and keeps memory per request small.
MAX_BODY_BYTES = 64 * 1024
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# Paths that take a whole file, each with its own limit and text.
UPLOADS = ((re.compile(r"^/v1/jugendaemter/[^/]+/offers/import/?$"), MAX_UPLOAD_BYTES, "api.import.too_large"),)
DEFAULT_LIMIT = (MAX_BODY_BYTES, "api.error.too_large")


class BodyTooLarge(HTTPException):
    """Raised from `receive` when a streamed body passes its limit; answered as 413 with `key`'s text."""

    def __init__(self, key: str) -> None:
        super().__init__(status_code=413)
        self.key = key


def limit_for(path: str) -> tuple[int, str]:
    for pattern, limit, key in UPLOADS:
        if pattern.match(path):
            return limit, key
    return DEFAULT_LIMIT


def error_response(status_code: int, kind: str, key: str) -> JSONResponse:
    detail, detail_en = in_both(key)
    body = ErrorBody(type=kind, detail=detail, detail_en=detail_en)
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status_code)


class BodyLimit:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, key = limit_for(scope["path"])
        declared = Headers(scope=scope).get("content-length")
        if declared is not None:
            if not (declared.isascii() and declared.isdigit()):
                await error_response(400, "bad_request", "api.error.bad_request")(scope, receive, send)
                return
            if int(declared) > limit:
                await error_response(413, "too_large", key)(scope, receive, send)
                return
        received = 0
        response_started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(key)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, watched_send)
        except BodyTooLarge as error:
            # Normally the app's handler has answered already; this covers a read outside the routes.
            if response_started:
                raise
            await error_response(413, "too_large", error.key)(scope, receive, send)
