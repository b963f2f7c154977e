from __future__ import annotations

from typing import Annotated, Literal

import orjson
from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from api.deps import CacheDep, IndexDep, SessionDep, StaffDep, WritingSessionDep
from api.errors import Forbidden, ImportRejected, InvalidInput, NotAuthenticated, NotFound, responses
from api.repositories import offers as repo
from api.repositories.directory import get_jugendamt
from api.schemas.offers import ImportReport
from api.services import transfer

router = APIRouter(prefix="/v1/jugendaemter/{jugendamt_id}/offers", tags=["import and export"])

JugendamtId = Annotated[str, Path(max_length=60)]
Format = Annotated[Literal["csv", "json"], Query(description="csv: spreadsheet; json: HSDS 3.0 services")]


@router.get("/export", responses={200: {"content": {"text/csv": {}, "application/json": {}}}, **responses(NotFound)})
def export_offers(session: SessionDep, jugendamt_id: JugendamtId, format: Format = "csv") -> Response:
    """The Jugendamt's active offers as a spreadsheet (CSV) or as HSDS 3.0 JSON."""
    if get_jugendamt(session, jugendamt_id) is None:
        raise NotFound("api.directory.jugendamt_not_found")
    services = repo.services_of_jugendamt(session, jugendamt_id)
    if format == "json":
        body = orjson.dumps([transfer.to_hsds(service) for service in services])
        return Response(content=body, media_type="application/json")
    return Response(
        content=transfer.export_csv(services).encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="angebote-{jugendamt_id}.csv"'},
    )


@router.post("/import", responses=responses(ImportRejected, NotAuthenticated, Forbidden))
async def import_offers(
    request: Request,
    session: WritingSessionDep,
    index: IndexDep,
    cache: CacheDep,
    staff: StaffDep,
    jugendamt_id: JugendamtId,
    format: Format = "csv",
    dry_run: Annotated[bool, Query(description="only check, save nothing")] = False,
    replace: Annotated[bool, Query(description="retire the Jugendamt's offers that are not in the file")] = False,
) -> ImportReport:
    """Import offers from a spreadsheet (CSV, header row as in the export) or HSDS JSON. All rows or none:
    if one row is wrong, nothing is saved and the answer lists every wrong row and why."""
    if staff.jugendamt_id != jugendamt_id:
        raise Forbidden("api.import.other_jugendamt")
    # At most MAX_UPLOAD_BYTES (api.limits.BodyLimit answers 413 beyond that, before or while reading).
    raw = await request.body()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise InvalidInput("api.import.not_text") from None
    if format == "json":
        try:
            payload = orjson.loads(text)
        except orjson.JSONDecodeError:
            raise InvalidInput("api.import.not_json") from None
        rows = transfer.parse_hsds(payload, index)
    else:
        rows = transfer.parse_csv(text, index)
    if not rows:
        raise InvalidInput("api.import.empty")

    def write() -> tuple[ImportReport, set[str]]:
        report, affected = transfer.apply_import(session, index, rows, staff, replace=replace, dry_run=dry_run)
        if not dry_run:
            session.commit()
            cache.invalidate(affected)
        return report, affected

    report, _ = await run_in_threadpool(write)
    return report
