from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel
from sqlalchemy import text

from api.deps import CacheDep, IndexDep, SessionMakerDep
from api.errors import ServiceUnavailable, responses

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    status: Literal["ok"]
    database: Literal["ok"]
    directory_version: str
    # "off": no REDIS_URL; "unavailable": configured but not answering (the API works without it).
    cache: Literal["ok", "unavailable", "off"]


@router.get("/health")
async def health() -> Health:
    """Liveness: the process answers."""
    return Health(status="ok")


@router.get("/ready", responses=responses(ServiceUnavailable))
async def ready(sessions: SessionMakerDep, index: IndexDep, cache: CacheDep) -> Readiness:
    """Readiness: the database answers and the directory is loaded."""

    def check_database() -> None:
        with sessions() as session:
            session.execute(text("SELECT 1"))

    try:
        await run_in_threadpool(check_database)
    except Exception:
        raise ServiceUnavailable("api.health.database_down") from None
    if not index.version:
        raise ServiceUnavailable("api.health.directory_missing")
    cache_state: Literal["ok", "unavailable", "off"] = (
        "off" if not cache.configured else "ok" if await cache.ping() else "unavailable"
    )
    return Readiness(status="ok", database="ok", directory_version=index.version, cache=cache_state)
