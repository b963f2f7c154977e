from __future__ import annotations

import pytest
from pydantic import ValidationError

from api.settings import PLACEHOLDER_TOKEN_PEPPER, Settings


def test_production_refuses_the_placeholder_secret() -> None:
    with pytest.raises(ValidationError, match="TOKEN_PEPPER"):
        Settings(environment="production", token_pepper=PLACEHOLDER_TOKEN_PEPPER)
    assert Settings(environment="production", token_pepper="a-real-secret").environment == "production"


def test_embedded_defaults_need_no_services(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "REDIS_URL", "ENVIRONMENT", "DEMO_DATA"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.database_url.startswith("sqlite:///")
    assert settings.redis_url is None
    assert settings.demo_data is True
