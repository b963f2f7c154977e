"""The staff features' clock. It lives on `app.state.clock`, so a test can move time (lock-out, idle sessions)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from api.models.base import utcnow

Clock = Callable[[], datetime]
system_clock: Clock = utcnow


def as_utc(value: datetime) -> datetime:
    """SQLite gives back naive datetimes (stored in UTC); PostgreSQL gives aware ones. Both become aware UTC."""
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
