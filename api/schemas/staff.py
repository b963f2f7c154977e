"""Shapes of the staff page's JSON API (/staff/api): login, accounts, the intake, referrals."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from api.schemas.offers import CategorySlug
from api.validation_messages import invalid
from vocabulary.languages import CONVERSATION_LANGUAGES, OFFER_LANGUAGES

Role = Literal["staff", "admin"]
ReferralKind = Literal["rueckruf", "hausbesuch"]
ReferralStatus = Literal["offen", "in_arbeit", "erledigt"]
Email = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=254)]
# Checked for its length by the service (a plain message with the minimum); bounded here against huge bodies.
Password = Annotated[str, StringConstraints(min_length=1, max_length=1024)]


def _language(value: str) -> str:
    code = value.strip().lower()
    if code not in OFFER_LANGUAGES and code not in CONVERSATION_LANGUAGES:
        raise invalid("api.validation.languages", codes=value)
    return code


class LoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Email
    password: Password


class JugendamtBrief(BaseModel):
    id: str
    name: str


class AccountBrief(BaseModel):
    email: str
    role: Role
    jugendamt: JugendamtBrief


class SessionOut(BaseModel):
    """The logged-in staff member and the CSRF token to send as X-CSRF-Token with every change."""

    csrf_token: str
    account: AccountBrief
    # How long a referral is kept (REFERRAL_RETENTION_DAYS): the page says it in the consent text.
    retention_days: int


class AccountIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Email
    password: Password
    role: Role = "staff"


class AccountOut(BaseModel):
    id: str
    email: str
    role: Role
    jugendamt_id: str
    created_at: datetime
    last_login_at: datetime | None
    disabled_at: datetime | None
    locked: bool


class AccountList(BaseModel):
    accounts: list[AccountOut]


class IntakeMessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # A UUID the page makes for each intake; Rasa sees only a keyed hash of it.
    intake_id: UUID
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
    # The family's language (for the Laufzettel and the referral); the staff member reads German.
    language: str = Field(default="de", max_length=12)

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        return _language(value)


class IntakeReply(BaseModel):
    """The staff channel's messages as Rasa's REST channel gives them (text, buttons, custom payloads)."""

    messages: list[dict[str, Any]]


class ReferralIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    consent: bool
    kind: ReferralKind
    alias: Annotated[str, StringConstraints(min_length=1, max_length=60)]
    contact: Annotated[str, StringConstraints(min_length=1, max_length=120)]
    reach_when: Annotated[str, StringConstraints(max_length=120)] = ""
    language: Annotated[str, StringConstraints(max_length=12)]
    need: CategorySlug
    offer_id: Annotated[str, StringConstraints(max_length=36)] | None = None
    note: Annotated[str, StringConstraints(max_length=500)] = ""

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        return _language(value)


class ReferralPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: ReferralStatus


class ReferralEventOut(BaseModel):
    # "created" or "status_<status>"
    action: str
    by: str
    at: datetime


class ReferralOut(BaseModel):
    id: str
    kind: ReferralKind
    alias: str
    contact: str
    reach_when: str
    language: str
    need: CategorySlug
    need_label: str
    offer_id: str | None
    offer_name: str | None
    note: str
    status: ReferralStatus
    created_at: datetime
    created_by: str
    expires_at: datetime


class ReferralDetail(ReferralOut):
    """One referral with its audit trail."""

    events: list[ReferralEventOut]


class ReferralList(BaseModel):
    referrals: list[ReferralOut]


class TextsOut(BaseModel):
    language: str
    direction: Literal["ltr", "rtl"]
    texts: dict[str, str]
