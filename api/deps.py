"""Typed dependencies: the session factory, a request-scoped session, the directory index, the cache, staff."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker

from api.cache import Cache
from api.directory.index import DirectoryIndex
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
IndexDep = Annotated[DirectoryIndex, Depends(_index)]
CacheDep = Annotated[Cache, Depends(_cache)]


# auto_error=False: a missing token gets our own 401 in plain words instead of FastAPI's 403.
_bearer = HTTPBearer(auto_error=False, description="Staff token of one Jugendamt (python -m api.cli tokens create)")


def _current_staff(
    session: SessionDep,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Actor:
    authorization = f"{credentials.scheme} {credentials.credentials}" if credentials else None
    return authenticate(session, authorization, settings.token_pepper)


StaffDep = Annotated[Actor, Depends(_current_staff)]
