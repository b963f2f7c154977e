from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import SessionDep
from api.errors import NotFound, responses
from api.repositories import directory as repo
from api.schemas.directory import JugendamtOut, MunicipalityOut, Page

router = APIRouter(prefix="/v1", tags=["directory"])

PageNumber = Annotated[int, Query(ge=1, le=10_000)]
PageSize = Annotated[int, Query(ge=1, le=500)]


@router.get("/municipalities")
def list_municipalities(
    session: SessionDep,
    page: PageNumber = 1,
    page_size: PageSize = 50,
    kreis: Annotated[str | None, Query(pattern=r"^05\d{3}$", description="Kreis key, e.g. 05554")] = None,
    jugendamt: Annotated[str | None, Query(max_length=60)] = None,
) -> Page[MunicipalityOut]:
    """All 396 NRW municipalities, by name, with their Kreis and Jugendamt."""
    total, rows = repo.list_municipalities(
        session, kreis_ags=kreis, jugendamt_id=jugendamt, offset=(page - 1) * page_size, limit=page_size
    )
    items = [MunicipalityOut.model_validate(row) for row in rows]
    return Page[MunicipalityOut](total=total, page=page, page_size=page_size, items=items)


@router.get("/municipalities/{ags}", responses=responses(NotFound))
def get_municipality(
    session: SessionDep,
    ags: Annotated[str, Path(pattern=r"^\d{8}$", description="Amtlicher Gemeindeschlüssel")],
) -> MunicipalityOut:
    """One municipality by its official key (AGS)."""
    row = repo.get_municipality(session, ags)
    if row is None:
        raise NotFound("api.directory.municipality_not_found")
    return MunicipalityOut.model_validate(row)


@router.get("/jugendaemter")
def list_jugendaemter(
    session: SessionDep,
    page: PageNumber = 1,
    page_size: PageSize = 50,
    kinderstark: Annotated[bool | None, Query(description="true: only offices known to take part")] = None,
) -> Page[JugendamtOut]:
    """The 186 Jugendämter of NRW with the municipalities each serves."""
    total, rows = repo.list_jugendaemter(
        session, kinderstark=kinderstark, offset=(page - 1) * page_size, limit=page_size
    )
    items = [JugendamtOut.model_validate(row) for row in rows]
    return Page[JugendamtOut](total=total, page=page, page_size=page_size, items=items)


@router.get("/jugendaemter/{jugendamt_id}", responses=responses(NotFound))
def get_jugendamt(session: SessionDep, jugendamt_id: Annotated[str, Path(max_length=60)]) -> JugendamtOut:
    """One Jugendamt with the municipalities it serves."""
    row = repo.get_jugendamt(session, jugendamt_id)
    if row is None:
        raise NotFound("api.directory.jugendamt_not_found")
    return JugendamtOut.model_validate(row)
