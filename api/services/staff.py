"""Staff bearer tokens: created once and shown once, stored only as a keyed hash, bound to one Jugendamt."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.errors import NotAuthenticated, NotFound
from api.models import Jugendamt, StaffToken
from api.models.base import utcnow
from api.services.offers import Actor

TOKEN_PREFIX = "fn_"


def hash_token(token: str, pepper: str) -> str:
    return hmac.new(pepper.encode(), token.encode(), hashlib.sha256).hexdigest()


def create_token(session: Session, jugendamt_id: str, label: str, pepper: str) -> tuple[StaffToken, str]:
    """Returns the stored record and the token in clear, which is never stored and cannot be shown again."""
    if session.get(Jugendamt, jugendamt_id) is None:
        raise NotFound("api.staff.jugendamt_unknown", jugendamt_id=jugendamt_id)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = StaffToken(jugendamt_id=jugendamt_id, label=label[:120], token_hash=hash_token(token, pepper))
    session.add(record)
    session.flush()
    return record, token


def revoke_token(session: Session, token_id: int) -> bool:
    record = session.get(StaffToken, token_id)
    if record is None or record.revoked_at is not None:
        return False
    record.revoked_at = utcnow()
    return True


def list_tokens(session: Session) -> list[StaffToken]:
    return list(session.scalars(select(StaffToken).order_by(StaffToken.jugendamt_id, StaffToken.id)).all())


def authenticate(session: Session, authorization: str | None, pepper: str) -> Actor:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("api.staff.token_missing")
    record = session.scalar(select(StaffToken).where(StaffToken.token_hash == hash_token(token.strip(), pepper)))
    if record is None or record.revoked_at is not None:
        raise NotAuthenticated("api.staff.token_invalid")
    return Actor(jugendamt_id=record.jugendamt_id, label=f"token {record.id}: {record.label}")
