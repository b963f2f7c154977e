"""SQLAlchemy models: the NRW directory, the offers (field names aligned with Open Referral HSDS 3.0), staff access
and what the staff intake aid stores."""

from api.models.base import Base
from api.models.directory import (
    DirectoryMeta,
    ForeignPlace,
    ForeignPostalCode,
    Jugendamt,
    Kreis,
    Municipality,
    PlaceName,
    PostalCode,
)
from api.models.offers import (
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceChange,
)
from api.models.referrals import IntakeCount, Referral, ReferralEvent
from api.models.staff import StaffAccount, StaffSession, StaffToken

__all__ = [
    "Base",
    "DirectoryMeta",
    "ForeignPlace",
    "ForeignPostalCode",
    "IntakeCount",
    "Jugendamt",
    "Kreis",
    "Language",
    "Location",
    "Municipality",
    "Organization",
    "Phone",
    "PlaceName",
    "PostalCode",
    "Referral",
    "ReferralEvent",
    "Schedule",
    "Service",
    "ServiceAtLocation",
    "ServiceChange",
    "StaffAccount",
    "StaffSession",
    "StaffToken",
]
