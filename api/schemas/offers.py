"""Offer shapes. `OfferFields` is the one definition of what staff enter, whether through the JSON API,
a CSV spreadsheet or an HSDS file; `OfferOut` carries the fields of the bot's `offers` payload."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from api.response_language import LANG_DESCRIPTION, MAX_TAG_LENGTH
from api.schemas.directory import JugendamtRef, MunicipalityBrief
from api.services.opening_hours import OpeningHoursError, parse
from api.validation_messages import invalid
from vocabulary.categories import CATEGORY_SLUGS
from vocabulary.languages import OFFER_LANGUAGES
from vocabulary.life_phases import LIFE_PHASE_SLUGS

CategorySlug = Literal[
    "familienbuero",
    "lotsendienst_geburtsklinik",
    "lotsendienst_praxis",
    "aufsuchend",
    "familiengrundschulzentrum",
    "familienzentrum",
    "beratung",
    "uebergang_beruf",
]
LifePhaseSlug = Literal["schwangerschaft", "baby", "kleinkind", "kita", "grundschule", "schule", "beruf"]
assert set(CategorySlug.__args__) == set(CATEGORY_SLUGS), "CategorySlug must list vocabulary's CATEGORY_SLUGS"  # type: ignore[attr-defined]
assert set(LifePhaseSlug.__args__) == set(LIFE_PHASE_SLUGS), "LifePhaseSlug must list vocabulary's LIFE_PHASE_SLUGS"  # type: ignore[attr-defined]

Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
PostalCodeStr = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{5}$")]
Age = Annotated[float, Field(ge=0, le=99)]

_PHONE = re.compile(r"^\+?[0-9][0-9 /()-]{4,30}$")
# The widget turns the e-mail into a mailto: link, so nothing that means something in a URL may pass
# (?bcc=, &, %, :, commas, spaces, a second @): plain local part, domain labels of letters, digits, hyphens.
_EMAIL = re.compile(r"^[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@(?:[^\W_](?:[^\W_]|-){0,62}\.)+[A-Za-z]{2,63}$")
_URL = re.compile(r"^https?://[^\s<>\"']+$")


class OfferFields(BaseModel):
    """What staff enter for one offer."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: ShortText
    category: CategorySlug
    description: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
    organization: ShortText
    address: ShortText
    postal_code: PostalCodeStr
    city: ShortText
    phone: str = Field(default="", max_length=40)
    email: str = Field(default="", max_length=200)
    url: str = Field(default="", max_length=400)
    opening_hours: Text = ""
    languages: list[str] = Field(default_factory=lambda: ["de"], max_length=20)
    minimum_age: Age | None = None
    maximum_age: Age | None = None
    pregnancy: bool = False
    free_of_charge: bool = True
    fees_description: Text = ""
    home_visit: bool = False
    accessibility: Text = ""
    assured_date: date | None = None
    demo: bool = False

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        if value and not _PHONE.fullmatch(value):
            raise invalid("api.validation.phone")
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if value and not _EMAIL.fullmatch(value):
            raise invalid("api.validation.email")
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        if value and not _URL.fullmatch(value):
            raise invalid("api.validation.url")
        return value

    @field_validator("opening_hours")
    @classmethod
    def _opening_hours(cls, value: str) -> str:
        try:
            parse(value)
        except OpeningHoursError as error:
            raise invalid(error.key, **error.values) from None
        return value

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[str]) -> list[str]:
        codes = [code.strip().lower() for code in value if code.strip()]
        unknown = [code for code in codes if code not in OFFER_LANGUAGES]
        if unknown:
            raise invalid("api.validation.languages", codes=", ".join(unknown))
        return list(dict.fromkeys(codes)) or ["de"]

    @model_validator(mode="after")
    def _ages_in_order(self) -> OfferFields:
        if self.minimum_age is not None and self.maximum_age is not None and self.minimum_age > self.maximum_age:
            raise invalid("api.validation.ages_order")
        return self


class OfferPatch(BaseModel):
    """A partial change: only the fields that are sent are changed."""

    model_config = ConfigDict(extra="forbid")

    name: ShortText | None = None
    category: CategorySlug | None = None
    description: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)] | None = None
    organization: ShortText | None = None
    address: ShortText | None = None
    postal_code: PostalCodeStr | None = None
    city: ShortText | None = None
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=400)
    opening_hours: Text | None = None
    languages: list[str] | None = Field(default=None, max_length=20)
    minimum_age: Age | None = None
    maximum_age: Age | None = None
    pregnancy: bool | None = None
    free_of_charge: bool | None = None
    fees_description: Text | None = None
    home_visit: bool | None = None
    accessibility: Text | None = None
    assured_date: date | None = None
    demo: bool | None = None


class ScheduleOut(BaseModel):
    byday: list[str] = Field(description="iCal weekday codes, e.g. MO, TU")
    opens_at: str | None
    closes_at: str | None
    description: str


class OfferOut(BaseModel):
    """One offer, with the keys of the bot's `offers` payload first."""

    id: str
    name: str
    category: CategorySlug
    category_label: str = Field(description="The category's label in the answer's language (Content-Language)")
    address: str
    phone: str
    email: str
    url: str
    opening_hours: str = Field(description="Days in the answer's language, e.g. Mo-Fr 09:00-12:00 (Mon-Fri in English)")
    languages: list[str] = Field(
        description="The languages spoken there, named in the answer's language (Deutsch, Türkisch; in English "
        "German, Turkish), in the order of language_codes"
    )
    free_of_charge: bool
    home_visit: bool
    demo: bool
    last_verified: date | None
    description: str
    organization: str
    language_codes: list[str] = Field(description="ISO 639-1 codes of the languages spoken there, e.g. de, tr")
    schedules: list[ScheduleOut]
    minimum_age: float | None
    maximum_age: float | None
    pregnancy: bool
    fees_description: str
    accessibility: str
    postal_code: str
    city: str
    municipality: MunicipalityBrief
    jugendamt_id: str
    status: Literal["active", "inactive"]


class RankedOffer(OfferOut):
    # Why it is where it is in the list: in the family's town, elsewhere in its Jugendamt's area, or nearby.
    area: Literal["municipality", "jugendamt", "nearby"]


class OfferSearchResult(BaseModel):
    total: int
    page: int
    page_size: int
    municipalities: list[MunicipalityBrief]
    jugendaemter: list[JugendamtRef]
    items: list[RankedOffer]


class OfferSearchParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    postal_code: str | None = None
    municipality: str | None = None
    category: list[CategorySlug] = Field(default_factory=list)
    child_age: float | None = Field(default=None, ge=0, le=27)
    life_phase: LifePhaseSlug | None = None
    language: str | None = Field(
        default=None,
        max_length=MAX_TAG_LENGTH,
        description="The family's language (ISO 639-1): offers that speak it come first among equally fitting ones; "
        "none is left out",
    )
    # Read by the answer's language dependency (api.deps); listed here because this model forbids other keys.
    lang: str | None = Field(default=None, max_length=MAX_TAG_LENGTH, description=LANG_DESCRIPTION)
    home_visit: bool | None = None
    free_of_charge: bool | None = None
    page: int = Field(default=1, ge=1, le=1000)
    page_size: int = Field(default=10, ge=1, le=50)


class ImportRowError(BaseModel):
    row: int = Field(description="Row number in the file; 1 is the first offer (the CSV header is row 0).")
    field: str
    message: str
    message_en: str


class ImportReport(BaseModel):
    dry_run: bool
    total: int
    created: int
    updated: int
    retired: int
