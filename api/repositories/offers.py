from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, exists, func, literal, or_, select
from sqlalchemy.orm import Session

from api.models import Language, Organization, Service


@dataclass(frozen=True)
class SearchScope:
    municipality_ags: Sequence[str]
    jugendamt_ids: Sequence[str]
    kreis_ags: Sequence[str]


@dataclass(frozen=True)
class SearchFilters:
    categories: Sequence[str] = ()
    child_age: float | None = None
    age_range: tuple[float, float] | None = None
    pregnancy: bool = False
    # The family's language: ranks the offers that speak it first among equally fitting ones, drops none.
    language: str | None = None
    home_visit: bool | None = None
    free_of_charge: bool | None = None
    include_demo: bool = True


def _area_tier(scope: SearchScope) -> ColumnElement[int]:
    """0: in the family's town and its Jugendamt's offer; 1: elsewhere in the Jugendamt's area; 2: nearby."""
    return case(
        (
            and_(
                Service.jugendamt_id.in_(scope.jugendamt_ids),
                Service.municipality_ags.in_(scope.municipality_ags),
            ),
            0,
        ),
        (Service.jugendamt_id.in_(scope.jugendamt_ids), 1),
        else_=2,
    )


def _conditions(scope: SearchScope, filters: SearchFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        Service.status == "active",
        or_(Service.kreis_ags.in_(scope.kreis_ags), Service.jugendamt_id.in_(scope.jugendamt_ids)),
    ]
    if filters.categories:
        conditions.append(Service.category.in_(filters.categories))
    if filters.child_age is not None:
        conditions.append(or_(Service.minimum_age.is_(None), Service.minimum_age <= filters.child_age))
        conditions.append(or_(Service.maximum_age.is_(None), Service.maximum_age >= filters.child_age))
    if filters.age_range is not None:
        low, high = filters.age_range
        conditions.append(or_(Service.minimum_age.is_(None), Service.minimum_age < high))
        conditions.append(or_(Service.maximum_age.is_(None), Service.maximum_age >= low))
    if filters.pregnancy:
        conditions.append(Service.pregnancy.is_(True))
    if filters.home_visit is not None:
        conditions.append(Service.home_visit.is_(filters.home_visit))
    if not filters.include_demo:
        conditions.append(Service.demo.is_(False))
    if filters.free_of_charge is not None:
        conditions.append(Service.free_of_charge.is_(filters.free_of_charge))
    return conditions


def search(
    session: Session, scope: SearchScope, filters: SearchFilters, *, offset: int, limit: int
) -> tuple[int, list[tuple[Service, int]]]:
    """Offers ranked: area first, then the order of the asked categories, then those that speak the family's
    language, then the most recently checked."""
    conditions = _conditions(scope, filters)
    total = session.scalar(select(func.count(Service.id)).where(*conditions)) or 0
    if total == 0 or offset >= total:
        return total, []
    tier = _area_tier(scope).label("tier")
    category_rank: ColumnElement[int] = (
        case({slug: rank for rank, slug in enumerate(filters.categories)}, value=Service.category, else_=99)
        if filters.categories
        else literal(0)
    )
    language_rank: ColumnElement[int] = (
        case((exists().where(Language.service_id == Service.id, Language.code == filters.language), 0), else_=1)
        if filters.language
        else literal(0)
    )
    query = (
        select(Service, tier)
        .where(*conditions)
        .order_by(
            tier, category_rank, language_rank, Service.assured_date.desc().nulls_last(), Service.name, Service.id
        )
        .offset(offset)
        .limit(limit)
    )
    return total, [(service, int(row_tier)) for service, row_tier in session.execute(query).all()]


def get_service(session: Session, service_id: str) -> Service | None:
    return session.get(Service, service_id)


def services_of_jugendamt(session: Session, jugendamt_id: str, *, active_only: bool = True) -> list[Service]:
    query = select(Service).where(Service.jugendamt_id == jugendamt_id)
    if active_only:
        query = query.where(Service.status == "active")
    return list(session.scalars(query.order_by(Service.category, Service.name, Service.id)).all())


def find_organization(session: Session, jugendamt_id: str, name: str) -> Organization | None:
    return session.scalar(
        select(Organization).where(Organization.jugendamt_id == jugendamt_id, Organization.name == name).limit(1)
    )


def owners_of(session: Session, service_ids: Sequence[str]) -> dict[str, str]:
    if not service_ids:
        return {}
    rows = session.execute(select(Service.id, Service.jugendamt_id).where(Service.id.in_(service_ids)))
    return {service_id: owner for service_id, owner in rows}
