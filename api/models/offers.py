"""Offers of the prevention chain, in the shape of Open Referral HSDS 3.0.

A `Service` is an offer. It belongs to an `Organization` (the provider) and is owned by one Jugendamt:
only that Jugendamt's staff may change it. It is given at one `Location` (through `ServiceAtLocation`).
The columns `municipality_ags`, `kreis_ags` and `category` are copied onto the service so that search
filters on one table with indexes; the service layer keeps them in step with the location.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.models.base import Base, utcnow


class Organization(Base):
    __tablename__ = "organization"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    jugendamt_id: Mapped[str] = mapped_column(ForeignKey("jugendamt.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str | None] = mapped_column(String(200), nullable=True)
    url: Mapped[str | None] = mapped_column(String(400), nullable=True)


class Location(Base):
    __tablename__ = "location"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    address_1: Mapped[str] = mapped_column(String(200))
    postal_code: Mapped[str] = mapped_column(String(5))
    city: Mapped[str] = mapped_column(String(120))
    municipality_ags: Mapped[str] = mapped_column(ForeignKey("municipality.ags"))
    latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    longitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    accessibility: Mapped[str] = mapped_column(Text, default="")


class Service(Base):
    __tablename__ = "service"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organization.id"))
    jugendamt_id: Mapped[str] = mapped_column(ForeignKey("jugendamt.id"))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(40))
    # HSDS status: "active" or "inactive" (a retired offer stays for the record).
    status: Mapped[str] = mapped_column(String(10), default="active")
    email: Mapped[str | None] = mapped_column(String(200), nullable=True)
    url: Mapped[str | None] = mapped_column(String(400), nullable=True)
    minimum_age: Mapped[float | None] = mapped_column(Float, nullable=True)
    maximum_age: Mapped[float | None] = mapped_column(Float, nullable=True)
    pregnancy: Mapped[bool] = mapped_column(Boolean, default=False)
    free_of_charge: Mapped[bool] = mapped_column(Boolean, default=True)
    fees_description: Mapped[str] = mapped_column(Text, default="")
    home_visit: Mapped[bool] = mapped_column(Boolean, default=False)
    demo: Mapped[bool] = mapped_column(Boolean, default=False)
    assured_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    # Search columns, copied from the location.
    municipality_ags: Mapped[str] = mapped_column(String(8))
    kreis_ags: Mapped[str] = mapped_column(String(5))

    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(120))
    retired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    retired_by: Mapped[str | None] = mapped_column(String(120), nullable=True)

    organization: Mapped[Organization] = relationship(lazy="joined")
    service_at_locations: Mapped[list[ServiceAtLocation]] = relationship(
        back_populates="service", cascade="all, delete-orphan", lazy="selectin"
    )
    phones: Mapped[list[Phone]] = relationship(cascade="all, delete-orphan", lazy="selectin", order_by="Phone.id")
    schedules: Mapped[list[Schedule]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="Schedule.position"
    )
    languages: Mapped[list[Language]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="Language.position"
    )

    __table_args__ = (
        Index("ix_service_search_kreis", "kreis_ags", "status", "category"),
        Index("ix_service_search_jugendamt", "jugendamt_id", "status", "category"),
    )

    @property
    def location(self) -> Location:
        return self.service_at_locations[0].location


class ServiceAtLocation(Base):
    __tablename__ = "service_at_location"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    location_id: Mapped[str] = mapped_column(ForeignKey("location.id"))

    service: Mapped[Service] = relationship(back_populates="service_at_locations")
    location: Mapped[Location] = relationship(lazy="joined")


class Phone(Base):
    __tablename__ = "phone"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(String(200), default="")


class Schedule(Base):
    """Regular opening hours (HSDS schedule with freq WEEKLY), or a note such as "nach Vereinbarung"."""

    __tablename__ = "schedule"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # iCal weekday codes, comma-separated (MO,TU,...), as HSDS does; empty for a note-only schedule.
    byday: Mapped[str] = mapped_column(String(30), default="")
    opens_at: Mapped[str | None] = mapped_column(String(5), nullable=True)
    closes_at: Mapped[str | None] = mapped_column(String(5), nullable=True)
    description: Mapped[str] = mapped_column(String(200), default="")


class Language(Base):
    __tablename__ = "language"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str] = mapped_column(String(3))
    name: Mapped[str] = mapped_column(String(60))

    __table_args__ = (Index("ix_language_code_service", "code", "service_id"),)


class ServiceChange(Base):
    """Who changed what and when (HSDS `metadata`: last_action_date, last_action_type, updated_by)."""

    __tablename__ = "service_change"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    resource_id: Mapped[str] = mapped_column(String(36), index=True)
    jugendamt_id: Mapped[str] = mapped_column(String(60), index=True)
    last_action_date: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # create, update, retire, import
    last_action_type: Mapped[str] = mapped_column(String(20))
    field_name: Mapped[str] = mapped_column(String(60), default="")
    previous_value: Mapped[str] = mapped_column(Text, default="")
    replacement_value: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(120))
