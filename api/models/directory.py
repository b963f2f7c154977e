"""The NRW municipality directory: Kreise, municipalities, Jugendämter, postal codes and place names.

Rebuilt as a whole from the curated tables in api/data/directory by `python -m api.directory.build`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.models.base import Base


class Kreis(Base):
    """A Kreis, the StädteRegion Aachen or a kreisfreie Stadt (the level above the municipalities)."""

    __tablename__ = "kreis"

    ags: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    regierungsbezirk: Mapped[str] = mapped_column(String(40))


NO_PUBLIC_SOURCE = "no_public_source_found"


class Jugendamt(Base):
    __tablename__ = "jugendamt"

    id: Mapped[str] = mapped_column(String(60), primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(20))
    # 8 digits for a town's office, 5 digits for a Kreis office.
    ags: Mapped[str] = mapped_column(String(8))
    # None means: not known. Never guessed.
    kinderstark: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    # The public contact (api/data/directory/jugendamt_contacts.csv): every value from a public page that is
    # named in contact_sources, none guessed. contact_status says how much was found: "sourced" (phone and
    # web page), "partial" or "no_public_source_found" (then the contact fields are all empty).
    contact_status: Mapped[str] = mapped_column(String(30), server_default=NO_PUBLIC_SOURCE)
    # "0231 50-12345": area code, a space, the number, optionally "-" and the extension.
    phone: Mapped[str | None] = mapped_column(String(40))
    # What the number reaches when it is not the office's switchboard, e.g. "Allgemeiner Sozialer Dienst".
    phone_note: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(500))
    familienbuero_name: Mapped[str | None] = mapped_column(String(200))
    familienbuero_phone: Mapped[str | None] = mapped_column(String(40))
    familienbuero_url: Mapped[str | None] = mapped_column(String(500))
    # Source URLs, one per line, and the date the data were checked (the page's own date where it shows one).
    contact_sources: Mapped[str | None] = mapped_column(Text)
    contact_checked: Mapped[dt.date | None] = mapped_column(Date)

    municipalities: Mapped[list[Municipality]] = relationship(back_populates="jugendamt", order_by="Municipality.name")

    @property
    def contact_source(self) -> list[str]:
        return (self.contact_sources or "").split()

    @property
    def familienbuero(self) -> dict[str, str | None] | None:
        if not self.familienbuero_name:
            return None
        return {"name": self.familienbuero_name, "phone": self.familienbuero_phone, "url": self.familienbuero_url}


class Municipality(Base):
    __tablename__ = "municipality"

    ags: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    kreis_ags: Mapped[str] = mapped_column(ForeignKey("kreis.ags"), index=True)
    jugendamt_id: Mapped[str] = mapped_column(ForeignKey("jugendamt.id"), index=True)

    kreis: Mapped[Kreis] = relationship(lazy="joined")
    jugendamt: Mapped[Jugendamt] = relationship(back_populates="municipalities", lazy="joined")


class PostalCode(Base):
    """An NRW postal code and one municipality it covers (a few codes cover two)."""

    __tablename__ = "postal_code"

    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    municipality_ags: Mapped[str] = mapped_column(ForeignKey("municipality.ags"), primary_key=True)


class PlaceName(Base):
    """A name a parent may type for an NRW place: the municipality, a town district, a spelling variant."""

    __tablename__ = "place_name"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    # Folded: lower case, umlauts as ae/oe/ue, ß as ss, only letters, digits and single spaces.
    key: Mapped[str] = mapped_column(String(160))
    display: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(20))
    municipality_ags: Mapped[str] = mapped_column(ForeignKey("municipality.ags"))

    __table_args__ = (Index("ix_place_name_key", "key"),)


class ForeignPostalCode(Base):
    """A German postal code outside NRW, so the API can say "not in NRW" instead of "unknown"."""

    __tablename__ = "foreign_postal_code"

    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    state: Mapped[str] = mapped_column(String(2))


class ForeignPlace(Base):
    __tablename__ = "foreign_place"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(160), index=True)
    display: Mapped[str] = mapped_column(String(160))
    state: Mapped[str] = mapped_column(String(2))


class DirectoryMeta(Base):
    """Key/value facts about the loaded directory (its version, when it was built)."""

    __tablename__ = "directory_meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(400))
