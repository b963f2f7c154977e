from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from api.models import Jugendamt, Municipality


def get_municipality(session: Session, ags: str) -> Municipality | None:
    return session.get(Municipality, ags)


def municipalities_by_ags(session: Session, ags_list: Sequence[str]) -> list[Municipality]:
    rows = session.scalars(select(Municipality).where(Municipality.ags.in_(ags_list))).all()
    order = {ags: position for position, ags in enumerate(ags_list)}
    return sorted(rows, key=lambda row: order[row.ags])


def list_municipalities(
    session: Session, *, kreis_ags: str | None, jugendamt_id: str | None, offset: int, limit: int
) -> tuple[int, list[Municipality]]:
    query = select(Municipality)
    if kreis_ags:
        query = query.where(Municipality.kreis_ags == kreis_ags)
    if jugendamt_id:
        query = query.where(Municipality.jugendamt_id == jugendamt_id)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(Municipality.name, Municipality.ags).offset(offset).limit(limit)).all()
    return total, list(rows)


def get_jugendamt(session: Session, jugendamt_id: str) -> Jugendamt | None:
    return session.scalar(
        select(Jugendamt).where(Jugendamt.id == jugendamt_id).options(selectinload(Jugendamt.municipalities))
    )


def list_jugendaemter(
    session: Session, *, kinderstark: bool | None, offset: int, limit: int
) -> tuple[int, list[Jugendamt]]:
    query = select(Jugendamt)
    if kinderstark is not None:
        query = query.where(Jugendamt.kinderstark.is_(kinderstark))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.options(selectinload(Jugendamt.municipalities)).order_by(Jugendamt.name).offset(offset).limit(limit)
    ).all()
    return total, list(rows)
