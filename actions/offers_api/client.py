"""The offers API, as the actions need it: locate a place, search offers, read one offer.

httpx with a hard time limit: when the API is slow or down, the caller gets `OffersApiUnavailable` in time to
answer the parent honestly within 3 seconds. No Rasa imports, so it is tested with `httpx.MockTransport`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpx

# The moment (time.time()) by which every call for the message being answered must be done: one budget for
# all calls of one message, so several slow calls cannot add up beyond the 3 seconds a parent waits.
_deadline: ContextVar[float | None] = ContextVar("offers_api_deadline", default=None)
# Below this much time left, a call is not even started.
MIN_CALL_SECONDS = 0.05


@contextmanager
def deadline_at(moment: float | None) -> Iterator[None]:
    token = _deadline.set(moment)
    try:
        yield
    finally:
        _deadline.reset(token)


class OffersApiUnavailable(Exception):
    """The offers API did not answer in time or answered with a server error."""


class PlaceNotFound(Exception):
    """The API knows no such place (404) or refused the input (422); `detail` is plain German."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class OffersApi:
    def __init__(self, base_url: str, timeout_seconds: float, transport: httpx.AsyncBaseTransport | None = None):
        self._timeout_seconds = timeout_seconds
        self._client = httpx.AsyncClient(
            base_url=base_url,
            timeout=httpx.Timeout(timeout_seconds),
            transport=transport,
            headers={"Accept": "application/json"},
        )

    async def _get(self, path: str, params: Sequence[tuple[str, str | int | float]] | dict[str, Any]) -> Any:
        timeout = self._timeout_seconds
        deadline = _deadline.get()
        if deadline is not None:
            timeout = min(timeout, deadline - time.time())
            if timeout < MIN_CALL_SECONDS:
                raise OffersApiUnavailable("no time left for this message")
        try:
            response = await self._client.get(path, params=params, timeout=httpx.Timeout(timeout))
        except httpx.HTTPError as error:
            raise OffersApiUnavailable(type(error).__name__) from None
        if response.status_code >= 500:
            raise OffersApiUnavailable(f"status {response.status_code}")
        if response.status_code in (404, 422):
            try:
                detail = response.json().get("detail", "")
            except ValueError:
                detail = ""
            raise PlaceNotFound(str(detail))
        if response.status_code != 200:
            raise OffersApiUnavailable(f"status {response.status_code}")
        try:
            return response.json()
        except ValueError:
            raise OffersApiUnavailable("invalid JSON") from None

    async def locate(self, query: str) -> dict[str, Any]:
        result: dict[str, Any] = await self._get("/v1/locate", {"q": query})
        return result

    async def search(
        self,
        *,
        municipality: str,
        categories: Sequence[str] = (),
        child_age: float | None = None,
        life_phase: str | None = None,
        language: str | None = None,
        page_size: int = 3,
        lang: str | None = None,
    ) -> dict[str, Any]:
        """Offers that fit; `language`: offers that speak it rank first; `lang`: the language of the answer's texts
        (opening hours, category labels)."""
        params: list[tuple[str, str | int | float]] = [("municipality", municipality), ("page_size", page_size)]
        params += [("category", category) for category in categories]
        if child_age is not None:
            params.append(("child_age", child_age))
        if life_phase:
            params.append(("life_phase", life_phase))
        if language:
            params.append(("language", language))
        if lang:
            params.append(("lang", lang))
        result: dict[str, Any] = await self._get("/v1/offers", params)
        return result

    async def offer(self, offer_id: str) -> dict[str, Any]:
        result: dict[str, Any] = await self._get(f"/v1/offers/{offer_id}", {})
        return result

    async def aclose(self) -> None:
        await self._client.aclose()
