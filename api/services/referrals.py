"""Referrals (Rückruf or Hausbesuch requests): only with consent, only for staff of the same Jugendamt, with an
audit trail, and deleted for real once REFERRAL_RETENTION_DAYS have passed."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from api.clock import as_utc
from api.errors import Forbidden, InvalidInput, NotFound
from api.models import Referral, ReferralEvent, Service, StaffAccount
from api.repositories import referrals as repo
from api.schemas.staff import ReferralDetail, ReferralEventOut, ReferralIn, ReferralOut
from vocabulary.texts import text

STATUSES = ("offen", "in_arbeit", "erledigt")


def create_referral(
    session: Session, fields: ReferralIn, author: StaffAccount, retention_days: int, now: datetime
) -> Referral:
    if fields.consent is not True:
        raise InvalidInput(
            "api.staff.referral_consent_missing",
            errors=[
                {
                    "field": "consent",
                    "message": text("api.staff.referral_consent_missing", "de"),
                    "message_en": text("api.staff.referral_consent_missing", "en"),
                }
            ],
        )
    offer_name = None
    if fields.offer_id:
        offer = session.get(Service, fields.offer_id)
        if offer is None:
            raise InvalidInput("api.staff.referral_offer_unknown")
        offer_name = offer.name
    referral = Referral(
        id=str(uuid.uuid4()),
        jugendamt_id=author.jugendamt_id,
        kind=fields.kind,
        alias=fields.alias,
        contact=fields.contact,
        reach_when=fields.reach_when,
        language=fields.language,
        need=fields.need,
        offer_id=fields.offer_id or None,
        offer_name=offer_name,
        note=fields.note,
        status="offen",
        created_at=now,
        created_by=author.email,
        expires_at=now + timedelta(days=retention_days),
    )
    referral.events = [ReferralEvent(action="created", by=author.email, at=now)]
    session.add(referral)
    session.flush()
    return referral


def referral_of_jugendamt(session: Session, referral_id: str, jugendamt_id: str, now: datetime) -> Referral:
    """The referral, when it is not expired (else 404) and belongs to the Jugendamt (else 403)."""
    referral = repo.referral(session, referral_id)
    if referral is None or as_utc(referral.expires_at) <= now:
        raise NotFound("api.staff.referral_not_found")
    if referral.jugendamt_id != jugendamt_id:
        raise Forbidden("api.staff.referral_other_jugendamt")
    return referral


def list_referrals(session: Session, jugendamt_id: str, now: datetime, status: str | None) -> list[Referral]:
    return list(repo.referrals_of(session, jugendamt_id, now, status))


def set_status(referral: Referral, status: str, by: StaffAccount, now: datetime) -> Referral:
    if status not in STATUSES:
        raise InvalidInput("api.staff.referral_status_unknown")
    if referral.status != status:
        referral.status = status
        referral.events.append(ReferralEvent(action=f"status_{status}", by=by.email, at=now))
    return referral


def purge_expired(session: Session, now: datetime) -> int:
    return repo.delete_expired(session, now)


def to_out(referral: Referral) -> ReferralOut:
    return ReferralOut(
        id=referral.id,
        kind=referral.kind,
        alias=referral.alias,
        contact=referral.contact,
        reach_when=referral.reach_when,
        language=referral.language,
        need=referral.need,
        need_label=text(f"category.{referral.need}.label", "de"),
        offer_id=referral.offer_id,
        offer_name=referral.offer_name,
        note=referral.note,
        status=referral.status,
        created_at=as_utc(referral.created_at),
        created_by=referral.created_by,
        expires_at=as_utc(referral.expires_at),
    )


def to_detail(referral: Referral) -> ReferralDetail:
    events = [ReferralEventOut(action=event.action, by=event.by, at=as_utc(event.at)) for event in referral.events]
    return ReferralDetail(**to_out(referral).model_dump(), events=events)
