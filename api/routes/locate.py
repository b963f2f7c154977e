from __future__ import annotations

from typing import Annotated

import orjson
from fastapi import APIRouter, Query, Response
from fastapi.concurrency import run_in_threadpool

from api.deps import CacheDep, IndexDep, SessionMakerDep
from api.errors import InvalidInput, NotFound, responses
from api.repositories.directory import municipalities_by_ags
from api.schemas.directory import LocateMatch, LocateResult, MunicipalityOut
from api.services.locate import MAX_QUERY_LENGTH, locate, message_for

router = APIRouter(prefix="/v1/locate", tags=["locate"])


def _answer(query: str, without_query: bytes) -> Response:
    """The answer with the echoed query put back in front: {"query": …, "status": …, …}."""
    body = b'{"query":' + orjson.dumps(query) + b"," + without_query.removeprefix(b"{")
    return Response(content=body, media_type="application/json")


@router.get("", response_model=LocateResult, responses=responses(InvalidInput, NotFound))
async def locate_place(
    sessions: SessionMakerDep,
    index: IndexDep,
    cache: CacheDep,
    q: Annotated[
        str,
        Query(max_length=MAX_QUERY_LENGTH, description="Postal code or town name, e.g. 44137 or Köln-Ehrenfeld"),
    ],
) -> Response:
    """A postal code or town name → municipality (or two), its Jugendamt and the kinderstark flag."""
    key = cache.hashed_key("locate", index.version, q.strip().encode())
    cached = await cache.get(key)
    if cached is not None:
        return _answer(q, cached)
    located = locate(index, q)

    def load() -> list[MunicipalityOut]:
        with sessions() as session:
            rows = municipalities_by_ags(session, [match.municipality_ags for match in located.matches])
            return [MunicipalityOut.model_validate(row) for row in rows]

    municipalities = {m.ags: m for m in await run_in_threadpool(load)} if located.matches else {}
    labels = [
        f"{municipalities[m.municipality_ags].name}-{m.district}"
        if m.district
        else municipalities[m.municipality_ags].name
        for m in located.matches
    ]
    message, message_en = message_for(located, labels)
    result = LocateResult(
        query=q,
        status=located.status,
        message=message,
        message_en=message_en,
        state=located.state,
        matches=[
            LocateMatch(
                municipality=municipalities[match.municipality_ags],
                matched_by=match.matched_by,
                district=match.district,
            )
            for match in located.matches
        ],
    )
    # Cached without the query: what a parent typed (a postal code) must not sit in Redis in clear.
    body = result.model_dump_json(exclude={"query"}).encode()
    await cache.put(key, body)
    return _answer(q, body)
