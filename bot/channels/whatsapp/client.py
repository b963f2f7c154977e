"""A small async client for Twilio's Messages API: send one WhatsApp message, never block the event loop.

Rasa's stock Twilio connector calls twilio's blocking REST client inside async code; this one uses
httpx.AsyncClient. The base URL comes from the settings, so tests point it at a local fake server.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from types import TracebackType

import httpx

log = logging.getLogger(__name__)
# httpx logs every request URL at INFO, and Twilio's URLs name the account.
logging.getLogger("httpx").setLevel(logging.WARNING)

DEFAULT_API_BASE = "https://api.twilio.com"
# Twilio waits 15 seconds for the webhook's answer; sending must fit into that.
TIMEOUT = httpx.Timeout(10.0, connect=5.0)


@dataclass(frozen=True)
class TwilioSettings:
    account_sid: str
    auth_token: str
    # The WhatsApp sender number in E.164 form ("+4922147100000").
    number: str
    api_base: str = DEFAULT_API_BASE
    # The public address Twilio calls (signatures are computed over it); empty: the request's own URL.
    webhook_url: str = ""

    def __repr__(self) -> str:
        # Never print the token (settings end up in logs and tracebacks).
        return f"TwilioSettings(account_sid=..., number=..., api_base={self.api_base!r})"

    @property
    def messages_url(self) -> str:
        return f"{self.api_base.rstrip('/')}/2010-04-01/Accounts/{self.account_sid}/Messages.json"


class TwilioClient:
    """Sends WhatsApp messages; one instance per incoming webhook request (`async with`)."""

    def __init__(self, settings: TwilioSettings, timeout: httpx.Timeout = TIMEOUT) -> None:
        self.settings = settings
        self._http = httpx.AsyncClient(auth=(settings.account_sid, settings.auth_token), timeout=timeout)

    async def __aenter__(self) -> TwilioClient:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self._http.aclose()

    async def send(self, to: str, body: str) -> bool:
        """Send `body` to `to` ("whatsapp:+49…"). False when Twilio could not be reached or refused it."""
        form = {"From": f"whatsapp:{self.settings.number}", "To": to, "Body": body}
        try:
            answer = await self._http.post(self.settings.messages_url, data=form)
        except httpx.TimeoutException:
            log.warning("twilio: sending timed out")
            return False
        except httpx.HTTPError as error:
            log.warning("twilio: sending failed (%s)", type(error).__name__)
            return False
        if answer.status_code >= 400:
            log.warning("twilio: sending refused with status %s", answer.status_code)
            return False
        return True
