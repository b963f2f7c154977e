from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, utcnow


class StaffToken(Base):
    """A bearer token of one staff member, valid only for one Jugendamt's offers. Only its hash is stored."""

    __tablename__ = "staff_token"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    jugendamt_id: Mapped[str] = mapped_column(ForeignKey("jugendamt.id"), index=True)
    label: Mapped[str] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
