"""Staff access: bearer tokens for the offers API, and the accounts and login sessions of the staff page."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.models.base import Base, utcnow
from api.models.directory import Jugendamt


class StaffToken(Base):
    """A bearer token of one staff member, valid only for one Jugendamt's offers. Only its hash is stored."""

    __tablename__ = "staff_token"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    jugendamt_id: Mapped[str] = mapped_column(ForeignKey("jugendamt.id"), index=True)
    label: Mapped[str] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class StaffAccount(Base):
    """A staff member of one Jugendamt who logs in to the staff page. Role "admin" manages that Jugendamt's accounts."""

    __tablename__ = "staff_account"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    jugendamt_id: Mapped[str] = mapped_column(ForeignKey("jugendamt.id"), index=True)
    # Always lower case (the service folds it), so the unique constraint is case-insensitive.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    # argon2id, in the PHC string format (parameters and salt included).
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(10), default="staff")
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # Failed logins in a row; reset by a successful login and when a lock-out starts.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    jugendamt: Mapped[Jugendamt] = relationship(lazy="joined")

    __table_args__ = (CheckConstraint("role IN ('staff', 'admin')", name="role"),)


class StaffSession(Base):
    """A login on the staff page. The cookie holds a random token; only its SHA-256 is stored."""

    __tablename__ = "staff_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("staff_account.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    account: Mapped[StaffAccount] = relationship(lazy="joined")
