"""Queries of referrals, their audit events and the anonymous intake counts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from api.models import IntakeCount, Referral, ReferralEvent


def referral(session: Session, referral_id: str) -> Referral | None:
    return session.get(Referral, referral_id)


def referrals_of(session: Session, jugendamt_id: str, now: datetime, status: str | None) -> Sequence[Referral]:
    query = (
        select(Referral)
        .where(Referral.jugendamt_id == jugendamt_id, Referral.expires_at > now)
        .order_by(Referral.created_at.desc(), Referral.id)
    )
    if status is not None:
        query = query.where(Referral.status == status)
    return session.scalars(query).all()


def delete_expired(session: Session, now: datetime) -> int:
    """Deletes the referrals whose time is up, and their events (also where the database does not cascade)."""
    expired = select(Referral.id).where(Referral.expires_at <= now)
    session.execute(delete(ReferralEvent).where(ReferralEvent.referral_id.in_(expired)))
    result = session.execute(delete(Referral).where(Referral.expires_at <= now))
    return int(getattr(result, "rowcount", 0) or 0)


def add_intake(
    session: Session, month: str, jugendamt_id: str, municipality_ags: str, need: str, *, without_offer: bool
) -> None:
    """One more intake in its row, created on first use: one statement, safe when two workers count at once."""
    values = {
        "month": month,
        "jugendamt_id": jugendamt_id,
        "municipality_ags": municipality_ags,
        "need": need,
        "intakes": 1,
        "without_fitting_offer": int(without_offer),
    }
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(IntakeCount).values(**values)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["month", "jugendamt_id", "municipality_ags", "need"],
            set_={
                "intakes": IntakeCount.intakes + statement.excluded.intakes,
                "without_fitting_offer": IntakeCount.without_fitting_offer + statement.excluded.without_fitting_offer,
            },
        )
    )


def intake_counts(session: Session, jugendamt_id: str) -> Sequence[IntakeCount]:
    return session.scalars(
        select(IntakeCount)
        .where(IntakeCount.jugendamt_id == jugendamt_id)
        .order_by(IntakeCount.month.desc(), IntakeCount.municipality_ags, IntakeCount.need)
    ).all()
