"""SQLAlchemy models: the NRW directory and the offers (field names aligned with Open Referral HSDS 3.0)."""

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
from api.models.staff import StaffToken

__all__ = [
    "Base",
    "DirectoryMeta",
    "ForeignPlace",
    "ForeignPostalCode",
    "Jugendamt",
    "Kreis",
    "Language",
    "Location",
    "Municipality",
    "Organization",
    "Phone",
    "PlaceName",
    "PostalCode",
    "Schedule",
    "Service",
    "ServiceAtLocation",
    "ServiceChange",
    "StaffToken",
]
