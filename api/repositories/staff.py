"""Queries of staff accounts and their login sessions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from api.models import StaffAccount, StaffSession


def account_by_email(session: Session, email: str) -> StaffAccount | None:
    return session.scalar(select(StaffAccount).where(StaffAccount.email == email))


def accounts(session: Session, jugendamt_id: str | None = None) -> Sequence[StaffAccount]:
    query = select(StaffAccount).order_by(StaffAccount.jugendamt_id, StaffAccount.email)
    if jugendamt_id is not None:
        query = query.where(StaffAccount.jugendamt_id == jugendamt_id)
    return session.scalars(query).all()


def count_failed_login(session: Session, account: StaffAccount) -> int:
    """Adds one failed login in the database itself (two attempts at once both count) and returns the new count."""
    session.execute(
        update(StaffAccount)
        .where(StaffAccount.id == account.id)
        .values(failed_logins=StaffAccount.failed_logins + 1)
        .execution_options(synchronize_session=False)
    )
    session.refresh(account, ["failed_logins"])
    return account.failed_logins


def session_by_token_hash(session: Session, token_hash: str) -> StaffSession | None:
    return session.get(StaffSession, token_hash)


def delete_sessions_of(session: Session, account_id: str) -> None:
    session.execute(delete(StaffSession).where(StaffSession.account_id == account_id))


def delete_sessions_idle_since(session: Session, cutoff: datetime) -> int:
    result = session.execute(delete(StaffSession).where(StaffSession.last_seen_at < cutoff))
    return int(getattr(result, "rowcount", 0) or 0)
