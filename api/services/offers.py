"""Offers: search, reading, and the staff writes (create, change, retire) with their change record."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy.orm import Session

from api.directory.index import DirectoryIndex
from api.errors import Forbidden, InvalidInput, NotFound
from api.models import (
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceChange,
)
from api.models.base import utcnow
from api.repositories import offers as repo
from api.schemas.directory import MunicipalityBrief
from api.schemas.offers import OfferFields, OfferOut, OfferPatch, OfferSearchParams, ScheduleOut
from api.services.opening_hours import WeeklySlot, describe_slots, format_slots, parse
from api.wording import in_both
from vocabulary.languages import OFFER_LANGUAGES, known_language
from vocabulary.life_phases import LIFE_PHASES_BY_SLUG
from vocabulary.names import fold
from vocabulary.texts import DEFAULT_LANGUAGE, text

AREA_NAMES = ("municipality", "jugendamt", "nearby")
OfferT = TypeVar("OfferT", bound=OfferOut)
# Fields whose change is written to the change record one by one.
TRACKED_FIELDS = tuple(OfferFields.model_fields)


class LocationError(ValueError):
    """The postal code and city of an offer name no NRW municipality; `key` names the text that says why."""

    def __init__(self, field: str, key: str, /, **values: object) -> None:
        self.field = field
        self.key = key
        self.values = values
        self.message, self.message_en = in_both(key, **values)
        super().__init__(self.message_en)


@dataclass(frozen=True)
class Actor:
    """Who writes: the staff token's Jugendamt and a label for the change record."""

    jugendamt_id: str
    label: str


def language_name(code: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The name of an offer's language in `language` ("tr" → "Türkisch", in English "Turkish"); a code without a
    name stays as it is."""
    return text(f"language.{code}", language) if code in OFFER_LANGUAGES else code


def new_id() -> str:
    return str(uuid.uuid4())


def resolve_municipality(index: DirectoryIndex, postal_code: str, city: str) -> str:
    candidates = index.postal_codes.get(postal_code)
    if not candidates:
        raise LocationError("postal_code", "api.offer.postal_code_unknown", postal_code=postal_code)
    if len(candidates) == 1:
        return candidates[0]
    city_key = fold(city)
    named = [ags for ags in candidates if fold(index.municipality_names[ags]) == city_key]
    if len(named) == 1:
        return named[0]
    towns = [index.municipality_names[ags] for ags in candidates]
    raise LocationError("city", "api.offer.postal_code_ambiguous", postal_code=postal_code, towns=towns)


def _slots(service: Service) -> list[WeeklySlot]:
    return [
        WeeklySlot(
            byday=tuple(filter(None, schedule.byday.split(","))),
            opens_at=schedule.opens_at,
            closes_at=schedule.closes_at,
            description=schedule.description,
        )
        for schedule in service.schedules
    ]


def fields_of(service: Service) -> OfferFields:
    """The staff-facing fields of a stored offer (the inverse of `apply_fields`)."""
    location = service.location
    return OfferFields.model_construct(
        name=service.name,
        category=service.category,  # type: ignore[arg-type]
        description=service.description,
        organization=service.organization.name,
        address=location.address_1,
        postal_code=location.postal_code,
        city=location.city,
        phone=service.phones[0].number if service.phones else "",
        email=service.email or "",
        url=service.url or "",
        opening_hours=format_slots(_slots(service)),
        languages=[language.code for language in service.languages],
        minimum_age=service.minimum_age,
        maximum_age=service.maximum_age,
        pregnancy=service.pregnancy,
        free_of_charge=service.free_of_charge,
        fees_description=service.fees_description,
        home_visit=service.home_visit,
        accessibility=location.accessibility,
        assured_date=service.assured_date,
        demo=service.demo,
    )


def to_offer_out(
    service: Service,
    index: DirectoryIndex,
    model: type[OfferT] = OfferOut,  # type: ignore[assignment]
    *,
    language: str = DEFAULT_LANGUAGE,
    **extra: object,
) -> OfferT:
    """The offer as the API shows it, its texts (category label, language names, the days of the opening hours)
    in `language`; `model` and `extra` give a subclass such as RankedOffer in one step."""
    location = service.location
    slots = _slots(service)
    schedules = [
        ScheduleOut(
            byday=list(slot.byday),
            opens_at=slot.opens_at,
            closes_at=slot.closes_at,
            description=slot.description,
        )
        for slot in slots
    ]
    codes = [language.code for language in service.languages]
    return model(
        id=service.id,
        name=service.name,
        category=service.category,
        category_label=text(f"category.{service.category}.label", language),
        address=f"{location.address_1}, {location.postal_code} {location.city}",
        phone=service.phones[0].number if service.phones else "",
        email=service.email or "",
        url=service.url or "",
        opening_hours=describe_slots(slots, language),
        languages=[language_name(code, language) for code in codes],
        free_of_charge=service.free_of_charge,
        home_visit=service.home_visit,
        demo=service.demo,
        last_verified=service.assured_date,
        description=service.description,
        organization=service.organization.name,
        language_codes=codes,
        schedules=schedules,
        minimum_age=service.minimum_age,
        maximum_age=service.maximum_age,
        pregnancy=service.pregnancy,
        fees_description=service.fees_description,
        accessibility=location.accessibility,
        postal_code=location.postal_code,
        city=location.city,
        municipality=MunicipalityBrief(
            ags=location.municipality_ags, name=index.municipality_names.get(location.municipality_ags, "")
        ),
        jugendamt_id=service.jugendamt_id,
        status=service.status,
        **extra,
    )


def search_filters(params: OfferSearchParams, *, include_demo: bool) -> repo.SearchFilters:
    age_range = None
    pregnancy = False
    if params.life_phase:
        phase = LIFE_PHASES_BY_SLUG[params.life_phase]
        if phase.min_age is None or phase.max_age is None:
            pregnancy = True
        else:
            age_range = (phase.min_age, phase.max_age)
    return repo.SearchFilters(
        categories=tuple(dict.fromkeys(params.category)),
        child_age=params.child_age,
        age_range=age_range,
        pregnancy=pregnancy,
        language=known_language(params.language),
        home_visit=params.home_visit,
        free_of_charge=params.free_of_charge,
        include_demo=include_demo,
    )


def get_offer(session: Session, offer_id: str) -> Service:
    service = repo.get_service(session, offer_id)
    if service is None:
        raise NotFound("api.offer.not_found")
    return service


def _organization(session: Session, jugendamt_id: str, name: str) -> Organization:
    organization = repo.find_organization(session, jugendamt_id, name)
    if organization is None:
        organization = Organization(id=new_id(), jugendamt_id=jugendamt_id, name=name, description="")
        session.add(organization)
    return organization


def _record(
    session: Session,
    service: Service,
    actor: Actor,
    action: str,
    field: str = "",
    previous: object = "",
    replacement: object = "",
) -> None:
    session.add(
        ServiceChange(
            resource_id=service.id,
            jugendamt_id=service.jugendamt_id,
            last_action_type=action,
            field_name=field,
            previous_value="" if previous is None else str(previous),
            replacement_value="" if replacement is None else str(replacement),
            updated_by=actor.label,
        )
    )


def apply_fields(session: Session, index: DirectoryIndex, service: Service, fields: OfferFields) -> None:
    """Write the staff fields onto the HSDS tables of one offer."""
    municipality_ags = resolve_municipality(index, fields.postal_code, fields.city)
    service.name = fields.name
    service.category = fields.category
    service.description = fields.description
    service.organization = _organization(session, service.jugendamt_id, fields.organization)
    service.email = fields.email or None
    service.url = fields.url or None
    service.minimum_age = fields.minimum_age
    service.maximum_age = fields.maximum_age
    service.pregnancy = fields.pregnancy
    service.free_of_charge = fields.free_of_charge
    service.fees_description = fields.fees_description
    service.home_visit = fields.home_visit
    service.demo = fields.demo
    service.assured_date = fields.assured_date or date.today()
    service.municipality_ags = municipality_ags
    service.kreis_ags = index.municipality_kreis[municipality_ags]

    if service.service_at_locations:
        location = service.location
    else:
        location = Location(id=new_id())
        service.service_at_locations.append(ServiceAtLocation(id=new_id(), location=location))
    location.name = fields.name
    location.address_1 = fields.address
    location.postal_code = fields.postal_code
    location.city = fields.city
    location.municipality_ags = municipality_ags
    location.accessibility = fields.accessibility

    service.phones = [Phone(id=new_id(), number=fields.phone, description="")] if fields.phone else []
    service.schedules = [
        Schedule(
            id=new_id(),
            position=position,
            byday=",".join(slot.byday),
            opens_at=slot.opens_at,
            closes_at=slot.closes_at,
            description=slot.description,
        )
        for position, slot in enumerate(parse(fields.opening_hours))
    ]
    service.languages = [
        Language(id=new_id(), position=position, code=code, name=language_name(code))
        for position, code in enumerate(fields.languages)
    ]


def affected_jugendaemter(index: DirectoryIndex, service: Service, kreis_before: str | None = None) -> set[str]:
    """Whose cached searches may show this offer: its owner and every Jugendamt of its Kreis (before and after)."""
    affected = {service.jugendamt_id}
    for kreis_ags in filter(None, (service.kreis_ags, kreis_before)):
        affected |= index.kreis_jugendaemter.get(kreis_ags, set())
    return affected


def create_offer(
    session: Session,
    index: DirectoryIndex,
    fields: OfferFields,
    actor: Actor,
    offer_id: str | None = None,
    action: str = "create",
) -> Service:
    now = utcnow()
    service = Service(
        id=offer_id or new_id(),
        jugendamt_id=actor.jugendamt_id,
        status="active",
        created_at=now,
        created_by=actor.label,
        updated_at=now,
        updated_by=actor.label,
    )
    apply_fields(session, index, service, fields)
    session.add(service)
    session.flush()
    _record(session, service, actor, action)
    return service


def ensure_owner(service: Service, actor: Actor) -> None:
    if service.jugendamt_id != actor.jugendamt_id:
        raise Forbidden("api.offer.other_jugendamt")


def update_offer(
    session: Session,
    index: DirectoryIndex,
    service: Service,
    changes: OfferPatch | OfferFields,
    actor: Actor,
    action: str = "update",
) -> tuple[Service, str]:
    """Apply changes; returns the offer and its Kreis before the change (for cache invalidation)."""
    ensure_owner(service, actor)
    if service.status != "active":
        raise InvalidInput("api.offer.retired")
    kreis_before = service.kreis_ags
    before = fields_of(service)
    sent = changes.model_dump(exclude_unset=True) if isinstance(changes, OfferPatch) else changes.model_dump()
    merged = before.model_dump() | {
        key: value
        for key, value in sent.items()
        if value is not None or key in ("minimum_age", "maximum_age", "assured_date")
    }
    fields = OfferFields.model_validate(merged)
    if fields == before:
        return service, kreis_before
    apply_fields(session, index, service, fields)
    service.updated_at = utcnow()
    service.updated_by = actor.label
    for name in TRACKED_FIELDS:
        old, new = getattr(before, name), getattr(fields, name)
        if old != new:
            _record(session, service, actor, action, name, old, new)
    session.flush()
    return service, kreis_before


def retire_offer(session: Session, service: Service, actor: Actor) -> Service:
    ensure_owner(service, actor)
    if service.status == "active":
        service.status = "inactive"
        service.retired_at = utcnow()
        service.retired_by = actor.label
        service.updated_at = service.retired_at
        service.updated_by = actor.label
        _record(session, service, actor, "retire", "status", "active", "inactive")
        session.flush()
    return service
