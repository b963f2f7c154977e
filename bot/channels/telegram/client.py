"""One small async client for the three Bot API methods the channel uses: sendMessage, answerCallbackQuery and
setWebhook. The base URL comes from settings (TELEGRAM_API_BASE), so tests point it at a local fake server.

A failing Telegram (no connection, timeout, 429, 5xx, `"ok": false`) is logged with the method name and the
status only and never raised: the webhook must keep answering Telegram. The token is part of every URL path, so
httpx's own request log (INFO, with the URL) is kept quiet and no exception text is ever logged.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx

log = logging.getLogger(__name__)
# httpx logs every request with its full URL at INFO; the URL holds the bot token.
logging.getLogger("httpx").setLevel(logging.WARNING)

DEFAULT_API_BASE = "https://api.telegram.org"
DEFAULT_TIMEOUT = 10.0
# A 429 that asks to wait at most this long is retried once after the wait; a longer wait is given up.
MAX_RETRY_AFTER = 5.0


class TelegramClient:
    def __init__(self, token: str, api_base: str = DEFAULT_API_BASE, timeout: float = DEFAULT_TIMEOUT) -> None:
        self._url = f"{(api_base or DEFAULT_API_BASE).rstrip('/')}/bot{token}/"
        self.timeout = timeout

    async def call(self, method: str, body: dict[str, Any]) -> Any | None:
        """The `result` of one Bot API call, or None when it failed (logged, never raised)."""
        for attempt in range(2):
            status, answer = await self._post(method, body)
            if answer is not None and answer.get("ok") is True:
                return answer.get("result", True)
            wait = _retry_after(answer)
            if status == 429 and attempt == 0 and wait is not None and wait <= MAX_RETRY_AFTER:
                log.warning("telegram %s: status 429, retrying after %s s", method, wait)
                await asyncio.sleep(wait)
                continue
            code = (answer or {}).get("error_code")
            if isinstance(code, int) and code != status:
                log.warning("telegram %s failed: status %s, error code %s", method, status, code)
            else:
                log.warning("telegram %s failed: status %s", method, status)
            return None
        return None

    async def _post(self, method: str, body: dict[str, Any]) -> tuple[int | str, dict[str, Any] | None]:
        try:
            async with httpx.AsyncClient(timeout=self.timeout) as http:
                response = await http.post(self._url + method, json=body)
        except httpx.HTTPError as error:
            # The exception's text may hold the URL (and so the token): only its kind is logged.
            return type(error).__name__, None
        try:
            answer = response.json()
        except ValueError:
            return response.status_code, None
        return response.status_code, answer if isinstance(answer, dict) else None

    async def send_message(self, body: dict[str, Any]) -> bool:
        return await self.call("sendMessage", body) is not None

    async def answer_callback_query(self, callback_query_id: str) -> bool:
        return await self.call("answerCallbackQuery", {"callback_query_id": callback_query_id}) is not None

    async def set_webhook(self, url: str, secret_token: str, allowed_updates: list[str]) -> bool:
        body = {"url": url, "secret_token": secret_token, "allowed_updates": allowed_updates}
        return await self.call("setWebhook", body) is not None


def _retry_after(answer: dict[str, Any] | None) -> float | None:
    parameters = (answer or {}).get("parameters")
    value = parameters.get("retry_after") if isinstance(parameters, dict) else None
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0 else None
