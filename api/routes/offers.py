from __future__ import annotations

from typing import Annotated

import orjson
from fastapi import APIRouter, Path, Query, Response
from fastapi.concurrency import run_in_threadpool

from api.deps import (
    CacheDep,
    IndexDep,
    LanguageDep,
    SessionDep,
    SessionMakerDep,
    SettingsDep,
    StaffDep,
    WritingSessionDep,
)
from api.errors import Forbidden, InvalidInput, NotAuthenticated, NotFound, responses
from api.repositories import offers as repo
from api.repositories.directory import municipalities_by_ags
from api.response_language import language_headers
from api.schemas.directory import JugendamtRef, MunicipalityBrief
from api.schemas.offers import (
    OfferFields,
    OfferOut,
    OfferPatch,
    OfferSearchParams,
    OfferSearchResult,
    RankedOffer,
)
from api.services import offers as service
from api.services.locate import state_name

router = APIRouter(prefix="/v1/offers", tags=["offers"])

OfferId = Annotated[str, Path(max_length=36, description="The offer's id (a UUID)")]


def _scope_municipalities(params: OfferSearchParams, index: IndexDep) -> list[str]:
    if bool(params.postal_code) == bool(params.municipality):
        raise InvalidInput("api.search.place_missing")
    if params.municipality:
        if params.municipality not in index.municipality_names:
            raise NotFound("api.directory.municipality_not_found")
        return [params.municipality]
    code = (params.postal_code or "").strip()
    if code in index.postal_codes:
        return index.postal_codes[code]
    if code in index.foreign_postal_codes:
        raise InvalidInput("api.search.postal_code_elsewhere", state=state_name(index.foreign_postal_codes[code]))
    raise InvalidInput("api.search.postal_code_unknown")


@router.get("", response_model=OfferSearchResult, responses=responses(InvalidInput, NotFound))
async def search_offers(
    params: Annotated[OfferSearchParams, Query()],
    settings: SettingsDep,
    sessions: SessionMakerDep,
    index: IndexDep,
    cache: CacheDep,
    language: LanguageDep,
) -> Response:
    """Offers that fit a family: by place, categories (best first), child's age or life phase, home visit and
    cost. Offers of the responsible Jugendamt's area come first, then those nearby; within each, the asked
    categories in order, then those that speak the family's `language`. Texts in the answer's language."""
    municipality_ags = _scope_municipalities(params, index)
    headers = language_headers(language)
    # Keyed by the municipalities, not the postal code: the 47 postal codes of Köln share one answer; and by the
    # answer's language as chosen, not by how it was asked (lang or Accept-Language), so languages never mix.
    wanted = params.model_dump(mode="json", exclude_defaults=True, exclude={"postal_code", "municipality", "lang"})
    canonical = orjson.dumps({**wanted, "ags": municipality_ags, "texts": language}, option=orjson.OPT_SORT_KEYS)
    key = cache.hashed_key("search", index.version, canonical)
    cached = await cache.get(key)
    if cached is not None:
        return Response(content=cached, media_type="application/json", headers=headers)

    jugendamt_ids = sorted({index.municipality_jugendamt[ags] for ags in municipality_ags})
    tags = sorted(index.jugendaemter_near(municipality_ags))
    generations = await cache.generations(tags)
    scope = repo.SearchScope(
        municipality_ags=municipality_ags,
        jugendamt_ids=jugendamt_ids,
        kreis_ags=sorted({index.municipality_kreis[ags] for ags in municipality_ags}),
    )
    filters = service.search_filters(params, include_demo=settings.demo_data)

    def query() -> bytes:
        with sessions() as session:
            total, rows = repo.search(
                session, scope, filters, offset=(params.page - 1) * params.page_size, limit=params.page_size
            )
            municipalities = municipalities_by_ags(session, municipality_ags)
            result = OfferSearchResult(
                total=total,
                page=params.page,
                page_size=params.page_size,
                municipalities=[MunicipalityBrief(ags=m.ags, name=m.name) for m in municipalities],
                jugendaemter=list(
                    {m.jugendamt.id: JugendamtRef.model_validate(m.jugendamt) for m in municipalities}.values()
                ),
                items=[
                    service.to_offer_out(row, index, RankedOffer, language=language, area=service.AREA_NAMES[tier])
                    for row, tier in rows
                ],
            )
            return result.model_dump_json().encode()

    body = await run_in_threadpool(query)
    await cache.put(key, body, tags, generations)
    return Response(content=body, media_type="application/json", headers=headers)


@router.get("/{offer_id}", responses=responses(NotFound))
def get_offer(session: SessionDep, index: IndexDep, language: LanguageDep, offer_id: OfferId) -> OfferOut:
    """One offer, also a retired one (its status says so); its texts in the answer's language."""
    return service.to_offer_out(service.get_offer(session, offer_id), index, language=language)


@router.post("", status_code=201, responses=responses(InvalidInput, NotAuthenticated))
def create_offer(
    session: WritingSessionDep,
    index: IndexDep,
    cache: CacheDep,
    staff: StaffDep,
    language: LanguageDep,
    fields: OfferFields,
) -> OfferOut:
    """Create an offer of the staff member's Jugendamt."""
    try:
        created = service.create_offer(session, index, fields, staff)
    except service.LocationError as error:
        raise InvalidInput(
            error.key, errors=[{"field": error.field, "message": error.message}], **error.values
        ) from None
    session.commit()
    cache.invalidate(service.affected_jugendaemter(index, created))
    return service.to_offer_out(created, index, language=language)


@router.patch("/{offer_id}", responses=responses(InvalidInput, NotAuthenticated, Forbidden, NotFound))
def update_offer(
    session: WritingSessionDep,
    index: IndexDep,
    cache: CacheDep,
    staff: StaffDep,
    language: LanguageDep,
    offer_id: OfferId,
    changes: OfferPatch,
) -> OfferOut:
    """Change some fields of an offer. Only staff of the offer's own Jugendamt may."""
    current = service.get_offer(session, offer_id)
    try:
        updated, kreis_before = service.update_offer(session, index, current, changes, staff)
    except service.LocationError as error:
        raise InvalidInput(
            error.key, errors=[{"field": error.field, "message": error.message}], **error.values
        ) from None
    session.commit()
    cache.invalidate(service.affected_jugendaemter(index, updated, kreis_before))
    return service.to_offer_out(updated, index, language=language)


@router.delete("/{offer_id}", responses=responses(NotAuthenticated, Forbidden, NotFound))
def retire_offer(
    session: WritingSessionDep,
    index: IndexDep,
    cache: CacheDep,
    staff: StaffDep,
    language: LanguageDep,
    offer_id: OfferId,
) -> OfferOut:
    """Retire an offer: it no longer shows in search but stays on record with who retired it and when."""
    retired = service.retire_offer(session, service.get_offer(session, offer_id), staff)
    session.commit()
    cache.invalidate(service.affected_jugendaemter(index, retired))
    return service.to_offer_out(retired, index, language=language)
