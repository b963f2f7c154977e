"""The one place that reads the environment. Import `settings` everywhere else."""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "var" / "offers.sqlite3"
PLACEHOLDER_TOKEN_PEPPER = "development-only-pepper-change-me"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    # SQLite file is the embedded default; set e.g. postgresql+psycopg://user@127.0.0.1:5432/familiennavi
    database_url: str = f"sqlite:///{DEFAULT_SQLITE_PATH}"
    # Without it the API runs without a cache, only slower.
    redis_url: str | None = None
    cache_ttl_seconds: int = Field(default=600, ge=1, le=86_400)
    cache_key_prefix: str = "fnapi"
    # Load the flagged demo offers (Dortmund, Köln, Gelsenkirchen, Bielefeld, Kreis Borken) on first start
    # and show them in search; false hides demo offers that are already in the database.
    demo_data: bool = True
    # Secret mixed into the hash of staff tokens, so a copy of the database alone cannot be used to test tokens.
    token_pepper: str = PLACEHOLDER_TOKEN_PEPPER
    log_level: str = "INFO"
    # The staff intake aid: the Rasa server's address and the token of its `staff` channel. Without the token
    # the intake answers 503 in plain words (the rest of the staff page still works).
    rasa_url: str = "http://127.0.0.1:5005"
    staff_channel_token: str = ""
    staff_session_idle_minutes: int = Field(default=30, ge=1, le=24 * 60)
    staff_lockout_attempts: int = Field(default=5, ge=1, le=100)
    staff_lockout_minutes: int = Field(default=15, ge=1, le=24 * 60)
    referral_retention_days: int = Field(default=30, ge=1, le=3650)

    @property
    def cache_key_secret(self) -> bytes:
        """Key for the hashed cache keys, derived from TOKEN_PEPPER (one secret to set, two separate uses)."""
        return hmac.new(self.token_pepper.encode(), b"familiennavi cache keys", hashlib.sha256).digest()

    @property
    def intake_sender_secret(self) -> bytes:
        """Key for the staff intake's sender ids, derived from TOKEN_PEPPER: Rasa never sees the page's intake id."""
        return hmac.new(self.token_pepper.encode(), b"familiennavi staff intake senders", hashlib.sha256).digest()

    @model_validator(mode="after")
    def refuse_placeholders_outside_development(self) -> Settings:
        if self.environment == "production" and self.token_pepper == PLACEHOLDER_TOKEN_PEPPER:
            raise ValueError("TOKEN_PEPPER must be set to a secret value when ENVIRONMENT=production")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
