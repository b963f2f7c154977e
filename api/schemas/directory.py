from __future__ import annotations

import datetime as dt
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field


class KreisOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    ags: str = Field(examples=["05554"])
    name: str = Field(examples=["Kreis Borken"])
    kind: str
    regierungsbezirk: str


class FamilienbueroOut(BaseModel):
    name: str
    phone: str | None
    url: str | None


class JugendamtRef(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str = Field(examples=["kreis-borken"])
    name: str
    kind: Literal["kreisfreie_stadt", "stadt", "kreis"]
    # True: takes part in kinderstark. None: not known.
    kinderstark: bool | None
    # The public contact, each value from a page in contact_source; None where no public source was found.
    contact_status: Literal["sourced", "partial", "no_public_source_found"] = Field(
        description="sourced: phone and web page or address; partial: some of it; no_public_source_found: none"
    )
    phone: str | None = Field(examples=["0231 50-12345"], description="Area code, space, number[-extension]")
    phone_note: str | None = Field(description="What the number reaches, when it is not the switchboard")
    url: str | None = Field(description="The office's own web page (https)")
    address: str | None
    familienbuero: FamilienbueroOut | None
    contact_source: list[str] = Field(description="The public pages the contact comes from")
    contact_checked: dt.date | None = Field(description="When the contact was checked (or searched in vain)")


class MunicipalityOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    ags: str = Field(examples=["05554024"])
    name: str = Field(examples=["Heek"])
    kind: str
    kreis: KreisOut
    jugendamt: JugendamtRef


class MunicipalityBrief(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    ags: str
    name: str


class JugendamtOut(JugendamtRef):
    ags: str
    municipalities: list[MunicipalityBrief]


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    total: int
    page: int
    page_size: int
    items: list[T]


LocateStatus = Literal["found", "ambiguous", "not_in_nrw"]
MatchKind = Literal["postal_code", "municipality", "district", "variant", "similar"]


class LocateMatch(BaseModel):
    municipality: MunicipalityOut
    matched_by: MatchKind
    # The district the parent named, e.g. "Ehrenfeld" for "Köln-Ehrenfeld".
    district: str | None = None


class LocateResult(BaseModel):
    query: str
    status: LocateStatus
    message: str = Field(description="Plain German for the person who asked.")
    message_en: str
    # Two-letter state code for an answer outside NRW, e.g. "BE".
    state: str | None = None
    matches: list[LocateMatch]


class CategoryOut(BaseModel):
    slug: str
    label: str
    description: str


class LifePhaseOut(BaseModel):
    slug: str
    label: str
    min_age: float | None
    max_age: float | None


class CategoriesOut(BaseModel):
    categories: list[CategoryOut]
    life_phases: list[LifePhaseOut]
