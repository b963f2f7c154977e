"""The FastAPI application: `uvicorn api.main:app` (or `make api`)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import time
import traceback
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy.orm import Session, sessionmaker
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.cache import Cache
from api.clock import system_clock
from api.db import make_engine, writing_session
from api.directory.index import DirectoryIndex
from api.errors import COMMON_RESPONSES, AppError, ErrorBody
from api.limits import BodyLimit, BodyTooLarge
from api.routes import categories, directory, health, locate, offers, staff, staff_page, transfer
from api.services import accounts, referrals
from api.settings import Settings, get_settings
from api.setup import prepare_database
from api.staff_headers import StaffHeaders
from api.validation_messages import describe, field_name
from vocabulary.texts import text

log = logging.getLogger("api")
access_log = logging.getLogger("api.access")
# Expired referrals and idle staff sessions are deleted on start and then every hour.
PURGE_INTERVAL_SECONDS = 3600
# The staff channel of the Rasa server answers within a few seconds; beyond this the page says "try again".
RASA_TIMEOUT_SECONDS = 10.0


def purge_expired(factory: sessionmaker[Session], app: FastAPI) -> None:
    """Deletes referrals past their retention period (with their audit events) and idle staff sessions."""
    now = app.state.clock()
    with writing_session(factory) as session:
        removed = referrals.purge_expired(session, now)
        accounts.purge_idle_sessions(session, app.state.settings, now)
        session.commit()
    if removed:
        log.info("deleted %d expired referrals", removed)


async def purge_every_hour(app: FastAPI) -> None:
    while True:
        await asyncio.sleep(PURGE_INTERVAL_SECONDS)
        try:
            await run_in_threadpool(purge_expired, app.state.sessionmaker, app)
        except Exception as error:
            # The next hour tries again; the reads never show an expired referral meanwhile.
            log.error("purge of expired referrals failed: %s", type(error).__name__)


def _validation_body(problems: list[dict[str, Any]]) -> dict[str, Any]:
    errors = [
        {"field": field_name(problem), "message": describe(problem), "message_en": str(problem.get("msg", ""))}
        for problem in problems
    ]
    return ErrorBody(
        type="invalid_input",
        detail=text("api.error.invalid_input", "de"),
        detail_en=text("api.error.invalid_input", "en"),
        errors=errors,
    ).model_dump()


class AccessLog:
    """Logs method, route template, status and time — never the query string or ids (postal codes are personal)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not access_log.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_with_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_with_status)
        finally:
            route = scope.get("route")
            path = getattr(route, "path", "(no route)")
            access_log.info("%s %s %d %.1fms", scope["method"], path, status, (time.perf_counter() - started) * 1000)


# Status code → (error type, text key); any other status is answered as a 400.
HTTP_ERRORS = {
    400: ("bad_request", "api.error.bad_request"),
    404: ("not_found", "api.error.not_found"),
    405: ("method_not_allowed", "api.error.method_not_allowed"),
    413: ("too_large", "api.error.too_large"),
}


def _allowed_methods(app: FastAPI, scope: Scope) -> set[str]:
    methods: set[str] = set()
    for route in app.router.routes:
        match, _ = route.matches(scope)
        if match != Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return methods


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings.database_url)
        await run_in_threadpool(prepare_database, engine, demo_data=settings.demo_data)
        factory: sessionmaker[Session] = sessionmaker(bind=engine, expire_on_commit=False)

        def load_index() -> DirectoryIndex:
            with factory() as session:
                return DirectoryIndex.load(session)

        app.state.settings = settings
        app.state.sessionmaker = factory
        app.state.clock = system_clock
        await run_in_threadpool(purge_expired, factory, app)
        # One client for the Rasa staff channel; trust_env=False: no proxy from the environment between the two.
        app.state.http = httpx.AsyncClient(timeout=RASA_TIMEOUT_SECONDS, trust_env=False, follow_redirects=False)
        purger = asyncio.create_task(purge_every_hour(app))
        app.state.index = await run_in_threadpool(load_index)
        app.state.cache = Cache(
            settings.redis_url, settings.cache_key_prefix, settings.cache_ttl_seconds, settings.cache_key_secret
        )
        # The directory index and the app are long-lived: keep them out of the garbage collector's full scans,
        # which otherwise stall a busy worker for 100 ms and more (measured in bench/README.md).
        gc.collect()
        gc.freeze()
        log.info(
            "offers API ready (database %s, cache %s)",
            engine.dialect.name,
            "redis" if settings.redis_url else "off",
        )
        try:
            yield
        finally:
            purger.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await purger
            await app.state.http.aclose()
            await app.state.cache.close()
            engine.dispose()

    app = FastAPI(
        title="Familiennavi offers API",
        version="1.0.0",
        summary="NRW municipality directory and the local offers of the kinderstark prevention chains.",
        lifespan=lifespan,
    )

    @app.exception_handler(AppError)
    async def app_error(_: Request, error: AppError) -> JSONResponse:
        return JSONResponse(error.body().model_dump(exclude_none=True), status_code=error.status_code)

    @app.exception_handler(RequestValidationError)
    async def request_invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse(_validation_body([dict(problem) for problem in error.errors()]), status_code=422)

    @app.exception_handler(ValidationError)
    async def model_invalid(_: Request, error: ValidationError) -> JSONResponse:
        return JSONResponse(_validation_body([dict(problem) for problem in error.errors()]), status_code=422)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, error: Exception) -> JSONResponse:
        # Type and stack only: the exception's text may hold what a parent typed or a postal code.
        log.error(
            "unexpected error: %s\n%s",
            type(error).__name__,
            "".join(traceback.format_tb(error.__traceback__)),
        )
        body = ErrorBody(
            type="internal_error", detail=text("api.error.internal", "de"), detail_en=text("api.error.internal", "en")
        )
        return JSONResponse(body.model_dump(exclude_none=True), status_code=500)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        headers = dict(error.headers or {})
        if error.status_code == 405:
            # Starlette names only the methods of the first route with this path; name all of them.
            headers["Allow"] = ", ".join(sorted(_allowed_methods(app, request.scope)))
        kind, key = HTTP_ERRORS.get(error.status_code, HTTP_ERRORS[400])
        if isinstance(error, BodyTooLarge):
            key = error.key
        body = ErrorBody(type=kind, detail=text(key, "de"), detail_en=text(key, "en"))
        return JSONResponse(body.model_dump(exclude_none=True), status_code=error.status_code, headers=headers)

    for module in (health, locate, offers, directory, categories, transfer, staff):
        app.include_router(module.router, responses=COMMON_RESPONSES)
    app.include_router(staff_page.router)
    # Added first, so it runs inside the access log (which then logs the 413s too).
    app.add_middleware(BodyLimit)
    # Outside the body limit, so its 413s under /staff carry the headers too.
    app.add_middleware(StaffHeaders)
    app.add_middleware(AccessLog)
    return app


app = create_app()
