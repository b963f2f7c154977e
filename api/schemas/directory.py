from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field


class KreisOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    ags: str = Field(examples=["05554"])
    name: str = Field(examples=["Kreis Borken"])
    kind: str
    regierungsbezirk: str


class JugendamtRef(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str = Field(examples=["kreis-borken"])
    name: str
    kind: Literal["kreisfreie_stadt", "stadt", "kreis"]
    # True: takes part in kinderstark. None: not known.
    kinderstark: bool | None


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
