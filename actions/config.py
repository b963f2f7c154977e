"""The one module of the action server that reads the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class ActionSettings:
    offers_api_url: str
    # The whole answer to the parent must come within 3 seconds, so every API call gets less than that,
    offers_api_timeout_seconds: float
    # and all calls for one message together end this long after Rasa received it.
    offers_api_budget_seconds: float


def load_settings() -> ActionSettings:
    return ActionSettings(
        offers_api_url=os.environ.get("OFFERS_API_URL", "http://127.0.0.1:8000").rstrip("/"),
        offers_api_timeout_seconds=float(os.environ.get("OFFERS_API_TIMEOUT_SECONDS", "2.0")),
        offers_api_budget_seconds=float(os.environ.get("OFFERS_API_BUDGET_SECONDS", "2.5")),
    )
