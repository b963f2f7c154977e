"""One offers-API client per action-server process, created on first use (nothing connects at import)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rasa_sdk import Tracker

from actions.config import load_settings
from actions.offers_api.client import OffersApi, deadline_at

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


@contextmanager
def message_budget(tracker: Tracker) -> Iterator[None]:
    """All offers-API calls while answering the latest message end by its budget (OFFERS_API_BUDGET_SECONDS
    after Rasa received it), whatever number of calls and actions it takes."""
    users = (event for event in reversed(tracker.events) if event.get("event") == "user")
    received = next((event.get("timestamp") for event in users), None)
    budget = load_settings().offers_api_budget_seconds
    with deadline_at(float(received) + budget if isinstance(received, (int, float)) else None):
        yield
