"""Offline action tests: trackers built from small scenarios, the offers API faked with httpx.MockTransport."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from rasa_sdk import Tracker

from actions.offers_api.client import OffersApi
from actions.offers_api.shared import use_offers_api

SCENARIOS = Path(__file__).resolve().parent.parent / "data"


def tracker_from(scenario: str, **overrides: Any) -> Tracker:
    """A tracker from tests/data/<scenario>.json: slots, the latest message and events; overrides win."""
    data = json.loads((SCENARIOS / f"{scenario}.json").read_text(encoding="utf-8"))
    data["slots"] = {**data.get("slots", {}), **overrides.pop("slots", {})}
    data.update(overrides)
    return Tracker(
        sender_id="test",
        slots=data["slots"],
        latest_message=data.get("latest_message", {}),
        events=data.get("events", []),
        paused=False,
        followup_action=None,
        active_loop=data.get("active_loop", {}),
        latest_action_name=None,
    )


Handler = Callable[[httpx.Request], httpx.Response]


@pytest.fixture
def fake_api() -> Iterator[Callable[[Handler], list[httpx.Request]]]:
    """Install a fake offers API; returns the list of requests it saw."""

    def install(handler: Handler) -> list[httpx.Request]:
        seen: list[httpx.Request] = []

        def recording(request: httpx.Request) -> httpx.Response:
            seen.append(request)
            return handler(request)

        use_offers_api(OffersApi("http://offers.test", 2.0, transport=httpx.MockTransport(recording)))
        return seen

    yield install
    use_offers_api(None)
