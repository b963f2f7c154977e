"""What the staff intake aid stores: referrals (only with the family's consent, deleted after the retention
period) with their audit trail, and anonymous intake counts for youth-welfare planning."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.models.base import Base, utcnow


class Referral(Base):
    """A call-back or home-visit request (Rückruf, Hausbesuch) with the least data, for one Jugendamt's staff."""

    __tablename__ = "referral"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    jugendamt_id: Mapped[str] = mapped_column(ForeignKey("jugendamt.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    alias: Mapped[str] = mapped_column(String(60))
    contact: Mapped[str] = mapped_column(String(120))
    reach_when: Mapped[str] = mapped_column(String(120), default="")
    language: Mapped[str] = mapped_column(String(3))
    need: Mapped[str] = mapped_column(String(40))
    offer_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    # The offer's name when the referral was made: the record stays readable if the offer is retired.
    offer_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="offen")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(254))
    # Deleted for real once this has passed (created_at + REFERRAL_RETENTION_DAYS).
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)

    events: Mapped[list[ReferralEvent]] = relationship(
        back_populates="referral",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ReferralEvent.id",
        lazy="selectin",
    )

    __table_args__ = (
        CheckConstraint("kind IN ('rueckruf', 'hausbesuch')", name="kind"),
        CheckConstraint("status IN ('offen', 'in_arbeit', 'erledigt')", name="status"),
    )


class ReferralEvent(Base):
    """The audit trail of a referral: who did what, when. Deleted with the referral."""

    __tablename__ = "referral_event"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    referral_id: Mapped[str] = mapped_column(ForeignKey("referral.id", ondelete="CASCADE"), index=True)
    # "created", or "status_<new status>"
    action: Mapped[str] = mapped_column(String(30))
    by: Mapped[str] = mapped_column(String(254))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    referral: Mapped[Referral] = relationship(back_populates="events")


class IntakeCount(Base):
    """Anonymous: how many intakes ended with offers, per month, Jugendamt, municipality and need. No ids, no text."""

    __tablename__ = "intake_count"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    # "YYYY-MM"
    month: Mapped[str] = mapped_column(String(7))
    jugendamt_id: Mapped[str] = mapped_column(ForeignKey("jugendamt.id"))
    municipality_ags: Mapped[str] = mapped_column(String(8))
    # A category slug; "" when the intake named none (NULL would defeat the unique constraint).
    need: Mapped[str] = mapped_column(String(40))
    intakes: Mapped[int] = mapped_column(Integer, default=0)
    # Intakes whose offers list was empty: where nothing fitting was found.
    without_fitting_offer: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        UniqueConstraint("month", "jugendamt_id", "municipality_ags", "need", name="uq_intake_count_key"),
    )
