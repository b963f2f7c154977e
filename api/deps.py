"""Typed dependencies: the session factory, a request-scoped session, the directory index, the cache, staff
(bearer token for offers; session cookie for the staff page), the clock, the HTTP client and the answer's language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Annotated
from urllib.parse import urlsplit

import httpx
from fastapi import Depends, Header, Query, Request, Response
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker

from api.cache import Cache
from api.clock import Clock
from api.db import writing_session
from api.directory.index import DirectoryIndex
from api.errors import Forbidden
from api.models import StaffSession
from api.response_language import (
    ACCEPT_LANGUAGE_DESCRIPTION,
    LANG_DESCRIPTION,
    MAX_TAG_LENGTH,
    choose,
    language_headers,
)
from api.services import accounts
from api.services.offers import Actor
from api.services.staff import authenticate
from api.settings import Settings


async def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def _sessionmaker(request: Request) -> sessionmaker[Session]:
    factory: sessionmaker[Session] = request.app.state.sessionmaker
    return factory


def _session(request: Request) -> Iterator[Session]:
    session: Session = request.app.state.sessionmaker()
    try:
        yield session
    finally:
        session.close()


def _writing_session(request: Request) -> Iterator[Session]:
    session = writing_session(request.app.state.sessionmaker)
    try:
        yield session
    finally:
        session.close()


async def _index(request: Request) -> DirectoryIndex:
    index: DirectoryIndex = request.app.state.index
    return index


async def _cache(request: Request) -> Cache:
    cache: Cache = request.app.state.cache
    return cache


SettingsDep = Annotated[Settings, Depends(_settings)]
# Read paths that may be answered from the cache take the factory and open a session only on a miss.
SessionMakerDep = Annotated[sessionmaker[Session], Depends(_sessionmaker)]
SessionDep = Annotated[Session, Depends(_session)]
# For requests that read and then write: every staff request (it stores when the staff member was last seen) and
# every change. The staff dependencies below use it too, so a route shares their session by asking for it.
WritingSessionDep = Annotated[Session, Depends(_writing_session)]
IndexDep = Annotated[DirectoryIndex, Depends(_index)]
CacheDep = Annotated[Cache, Depends(_cache)]


# auto_error=False: a missing token gets our own 401 in plain words instead of FastAPI's 403.
_bearer = HTTPBearer(auto_error=False, description="Staff token of one Jugendamt (python -m api.cli tokens create)")


def _current_staff(
    session: WritingSessionDep,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Actor:
    authorization = f"{credentials.scheme} {credentials.credentials}" if credentials else None
    return authenticate(session, authorization, settings.token_pepper)


StaffDep = Annotated[Actor, Depends(_current_staff)]


async def _now(request: Request) -> datetime:
    clock: Clock = request.app.state.clock
    return clock()


async def _http(request: Request) -> httpx.AsyncClient:
    client: httpx.AsyncClient = request.app.state.http
    return client


NowDep = Annotated[datetime, Depends(_now)]
HttpDep = Annotated[httpx.AsyncClient, Depends(_http)]


async def _language(
    response: Response,
    lang: Annotated[str | None, Query(max_length=MAX_TAG_LENGTH, description=LANG_DESCRIPTION)] = None,
    accept_language: Annotated[str | None, Header(description=ACCEPT_LANGUAGE_DESCRIPTION)] = None,
) -> str:
    """The language of the answer's texts (api.response_language); the answer says so in its headers.

    A route that returns its own Response (a cached search) sets `language_headers` itself: FastAPI adds these
    only to answers it builds. Errors never get them: their bodies are German and English whatever was asked.
    """
    language = choose(lang, accept_language)
    response.headers.update(language_headers(language))
    return language


LanguageDep = Annotated[str, Depends(_language)]

# auto_error=False: without the cookie the answer is our own 401 in plain words.
_staff_cookie = APIKeyCookie(
    name=accounts.SESSION_COOKIE, auto_error=False, description="Session of the staff page (POST /staff/api/login)"
)


def same_origin(request: Request) -> bool:
    """False when the browser says the request comes from a page of another origin (or from an opaque one)."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc.lower() == request.headers.get("host", "").lower() != ""


def _staff_session(
    session: WritingSessionDep,
    settings: SettingsDep,
    now: NowDep,
    token: Annotated[str | None, Depends(_staff_cookie)],
) -> StaffSession:
    try:
        return accounts.current_session(session, token, settings, now)
    finally:
        session.commit()


def _staff_writer(
    request: Request,
    session: WritingSessionDep,
    settings: SettingsDep,
    now: NowDep,
    token: Annotated[str | None, Depends(_staff_cookie)],
    csrf_token: Annotated[
        str | None, Header(alias="X-CSRF-Token", max_length=200, description="csrf_token from login or session")
    ] = None,
) -> StaffSession:
    if not same_origin(request):
        raise Forbidden("api.staff.other_origin")
    try:
        return accounts.current_session(session, token, settings, now, csrf_token=csrf_token, check_csrf=True)
    finally:
        session.commit()


# The staff page's logged-in staff member: for reading, and for changes (these also need the CSRF token).
StaffSessionDep = Annotated[StaffSession, Depends(_staff_session)]
StaffWriterDep = Annotated[StaffSession, Depends(_staff_writer)]
