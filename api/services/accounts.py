"""Staff accounts of the staff page: argon2id passwords, lock-out after failed logins, sessions that end when idle.

The session cookie holds a random token; the database holds only its SHA-256, so a copy of the database opens no
session. Unknown e-mail and wrong password get the same answer, and both cost one argon2 verification.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.orm import Session

from api.clock import as_utc
from api.errors import (
    Conflict,
    CsrfRejected,
    Forbidden,
    InvalidInput,
    Locked,
    NotAuthenticated,
    NotFound,
    SessionExpired,
)
from api.models import Jugendamt, StaffAccount, StaffSession
from api.repositories import staff as repo
from api.settings import Settings

log = logging.getLogger(__name__)

ROLES = ("staff", "admin")
MIN_PASSWORD_LENGTH = 12
# argon2 hashes any length, but a megabyte password would only cost CPU.
MAX_PASSWORD_LENGTH = 1024
SESSION_COOKIE = "fn_staff"
# Plain, ASCII e-mail addresses: enough for staff accounts, and nothing that means something in a header or URL.
_EMAIL = re.compile(r"^[a-z0-9_+-]+(?:\.[a-z0-9_+-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")

# argon2id with the library's defaults (RFC 9106 low-memory profile: 3 passes, 64 MiB, 4 lanes).
_hasher = PasswordHasher()


@cache
def _unknown_account_hash() -> str:
    """A hash to verify against when the e-mail is unknown, so that answer takes as long as a wrong password."""
    return _hasher.hash(secrets.token_urlsafe(24))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: str) -> str:
    return email.strip().lower()


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput("api.staff.password_too_short", minimum=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInput("api.staff.password_too_long", maximum=MAX_PASSWORD_LENGTH)


def create_account(
    session: Session, jugendamt_id: str, email: str, password: str, role: str, now: datetime
) -> StaffAccount:
    if session.get(Jugendamt, jugendamt_id) is None:
        raise NotFound("api.staff.jugendamt_unknown", jugendamt_id=jugendamt_id)
    email = normalise_email(email)
    if not _EMAIL.match(email) or len(email) > 254:
        raise InvalidInput("api.validation.email")
    if role not in ROLES:
        raise InvalidInput("api.staff.role_unknown")
    check_password(password)
    if repo.account_by_email(session, email) is not None:
        raise Conflict("api.staff.account_exists")
    account = StaffAccount(
        id=str(uuid.uuid4()),
        jugendamt_id=jugendamt_id,
        email=email,
        password_hash=hash_password(password),
        role=role,
        failed_logins=0,
        created_at=now,
    )
    session.add(account)
    session.flush()
    return account


def list_accounts(session: Session, jugendamt_id: str | None = None) -> list[StaffAccount]:
    return list(repo.accounts(session, jugendamt_id))


def account_by_email(session: Session, email: str) -> StaffAccount | None:
    return repo.account_by_email(session, normalise_email(email))


def disable_account(session: Session, account: StaffAccount, now: datetime) -> StaffAccount:
    """Disabled accounts cannot log in; their open sessions end at once. The record stays for the audit trail."""
    if account.disabled_at is None:
        account.disabled_at = now
    repo.delete_sessions_of(session, account.id)
    return account


def require_admin(staff: StaffSession) -> StaffAccount:
    if staff.account.role != "admin":
        raise Forbidden("api.staff.admin_only")
    return staff.account


def account_of_jugendamt(session: Session, account_id: str, jugendamt_id: str) -> StaffAccount:
    account = session.get(StaffAccount, account_id)
    if account is None:
        raise NotFound("api.staff.account_not_found")
    if account.jugendamt_id != jugendamt_id:
        raise Forbidden("api.staff.account_other_jugendamt")
    return account


@dataclass(frozen=True)
class Login:
    session: StaffSession
    # The cookie's value, in clear only here.
    token: str


def log_in(session: Session, email: str, password: str, settings: Settings, now: datetime) -> Login:
    account = account_by_email(session, email)
    if account is None:
        _password_matches(_unknown_account_hash(), password)
        raise NotAuthenticated("api.staff.login_failed")
    if account.locked_until is not None and as_utc(account.locked_until) > now:
        raise Locked("api.staff.locked", minutes=settings.staff_lockout_minutes)
    matches = _password_matches(account.password_hash, password)
    if account.disabled_at is not None:
        raise NotAuthenticated("api.staff.login_failed")
    if not matches:
        if repo.count_failed_login(session, account) >= settings.staff_lockout_attempts:
            account.failed_logins = 0
            account.locked_until = now + timedelta(minutes=settings.staff_lockout_minutes)
            log.warning("staff account %s locked after %d failed logins", account.id, settings.staff_lockout_attempts)
            raise Locked("api.staff.locked", minutes=settings.staff_lockout_minutes)
        raise NotAuthenticated("api.staff.login_failed")
    if _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = hash_password(password)
    account.failed_logins = 0
    account.locked_until = None
    account.last_login_at = now
    token = secrets.token_urlsafe(32)
    staff_session = StaffSession(
        token_hash=token_hash(token),
        account_id=account.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        last_seen_at=now,
    )
    session.add(staff_session)
    session.flush()
    staff_session.account = account
    return Login(session=staff_session, token=token)


def current_session(
    session: Session,
    token: str | None,
    settings: Settings,
    now: datetime,
    *,
    csrf_token: str | None = None,
    check_csrf: bool = False,
) -> StaffSession:
    """The staff member's session for the cookie's token; checks idle time, the account and (for writes) CSRF.

    The idle clock is moved on only for a request that passes every check, so a refused write changes nothing.
    The caller commits also when this raises: an expired session is deleted then."""
    if not token or len(token) > 200:
        raise NotAuthenticated("api.staff.login_needed")
    staff_session = repo.session_by_token_hash(session, token_hash(token))
    if staff_session is None:
        raise NotAuthenticated("api.staff.login_needed")
    if now - as_utc(staff_session.last_seen_at) > timedelta(minutes=settings.staff_session_idle_minutes):
        session.delete(staff_session)
        raise SessionExpired("api.staff.session_expired")
    if staff_session.account.disabled_at is not None:
        session.delete(staff_session)
        raise NotAuthenticated("api.staff.login_needed")
    if check_csrf and not hmac.compare_digest((csrf_token or "").encode(), staff_session.csrf_token.encode()):
        raise CsrfRejected("api.staff.csrf")
    staff_session.last_seen_at = now
    return staff_session


def log_out(session: Session, staff_session: StaffSession) -> None:
    session.delete(staff_session)


def purge_idle_sessions(session: Session, settings: Settings, now: datetime) -> int:
    return repo.delete_sessions_idle_since(session, now - timedelta(minutes=settings.staff_session_idle_minutes))
