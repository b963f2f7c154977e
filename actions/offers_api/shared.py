"""One offers-API client per action-server process, created on first use (nothing connects at import)."""

from __future__ import annotations

from actions.config import load_settings
from actions.offers_api.client import OffersApi

_client: OffersApi | None = None


def offers_api() -> OffersApi:
    global _client
    if _client is None:
        settings = load_settings()
        _client = OffersApi(settings.offers_api_url, settings.offers_api_timeout_seconds)
    return _client


def use_offers_api(client: OffersApi | None) -> None:
    """Tests put a client with a fake transport here."""
    global _client
    _client = client
