"""The web widget's input channel: serves the demo page and the widget, takes messages, deletes conversations.

Registered in credentials.yml as `bot.channel.FamiliennaviInput`; everything lives under
`/webhooks/familiennavi/` (Rasa keeps its own root route):

    GET    /webhooks/familiennavi/                         demo page
    GET    /webhooks/familiennavi/widget.js | widget.css   the widget
    POST   /webhooks/familiennavi/webhook                  {"sender", "message"} → list of bot messages
    DELETE /webhooks/familiennavi/conversations/<sender>   forget the conversation on the server

The pages carry a Content-Security-Policy that allows nothing from another host.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore, RedisTrackerStore, TrackerStore
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

log = logging.getLogger(__name__)

WIDGET_DIR = Path(__file__).resolve().parent / "widget"
MAX_MESSAGE_CHARS = 1000
SENDER_PATTERN = re.compile(r"^[A-Za-z0-9-]{8,64}$")
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)
STATIC_FILES = {
    "index.html": "text/html; charset=utf-8",
    "widget.js": "text/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
}
# What the widget shows when the channel refuses a message (the widget says the same before sending).
TEXT_TOO_LONG = "Ihre Nachricht ist zu lang. Bitte schreiben Sie höchstens 1.000 Zeichen."
TEXT_INVALID = "Das hat nicht geklappt. Bitte laden Sie die Seite neu."


def _security_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    }


def _refuse(status: int, error: str, text: str) -> HTTPResponse:
    return response.json({"error": error, "text": text}, status=status, headers=_security_headers())


def _base_store(store: TrackerStore) -> TrackerStore:
    return store._tracker_store if isinstance(store, FailSafeTrackerStore) else store


async def delete_conversation(store: TrackerStore, sender: str) -> bool:
    """Remove every stored event of one conversation. Returns False when the store cannot delete."""
    base = _base_store(store)
    if isinstance(base, InMemoryTrackerStore):
        base.store.pop(sender, None)
        return True
    if isinstance(base, RedisTrackerStore):
        base.red.delete(base.key_prefix + sender)
        return True
    return False


class FamiliennaviInput(InputChannel):
    """The parents' web widget."""

    @classmethod
    def name(cls) -> str:
        return "familiennavi"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> FamiliennaviInput:
        return cls()

    def __init__(self) -> None:
        # Towns that embed the widget on their own site; the demo page is same-origin and needs nothing.
        self.allowed_origins = {
            origin.strip() for origin in os.environ.get("FAMILIENNAVI_ALLOWED_ORIGINS", "").split(",") if origin.strip()
        }

    def _cors(self, request: Request) -> dict[str, str]:
        origin = request.headers.get("origin", "")
        if origin in self.allowed_origins:
            return {
                "Access-Control-Allow-Origin": origin,
                "Vary": "Origin",
                "Access-Control-Allow-Methods": "POST, DELETE",
                "Access-Control-Allow-Headers": "Content-Type",
            }
        return {}

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        widget = Blueprint("familiennavi_webhook", __name__)

        async def static(name: str) -> HTTPResponse:
            body = (WIDGET_DIR / name).read_bytes()
            return response.raw(body, content_type=STATIC_FILES[name], headers=_security_headers())

        @widget.route("/", methods=["GET", "HEAD"])
        async def page(request: Request) -> HTTPResponse:
            return await static("index.html")

        @widget.route("/widget.js", methods=["GET", "HEAD"])
        async def script(request: Request) -> HTTPResponse:
            return await static("widget.js")

        @widget.route("/widget.css", methods=["GET", "HEAD"])
        async def stylesheet(request: Request) -> HTTPResponse:
            return await static("widget.css")

        @widget.route("/webhook", methods=["OPTIONS"])
        async def webhook_preflight(request: Request) -> HTTPResponse:
            return response.empty(headers=self._cors(request))

        @widget.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = json.loads(request.body or b"{}")
            except ValueError:
                return _refuse(422, "invalid_json", TEXT_INVALID)
            sender = body.get("sender") if isinstance(body, dict) else None
            text = body.get("message") if isinstance(body, dict) else None
            if not isinstance(sender, str) or not SENDER_PATTERN.match(sender) or not isinstance(text, str):
                return _refuse(422, "invalid_message", TEXT_INVALID)
            if len(text) > MAX_MESSAGE_CHARS:
                return _refuse(413, "message_too_long", TEXT_TOO_LONG)
            if not text.strip():
                return response.json([], headers={**_security_headers(), **self._cors(request)})
            collector = CollectingOutputChannel()
            await on_new_message(UserMessage(text, collector, sender, input_channel=self.name()))
            return response.json(collector.messages, headers={**_security_headers(), **self._cors(request)})

        @widget.route("/conversations/<sender>", methods=["OPTIONS"])
        async def delete_preflight(request: Request, sender: str) -> HTTPResponse:
            return response.empty(headers=self._cors(request))

        @widget.route("/conversations/<sender>", methods=["DELETE"])
        async def forget(request: Request, sender: str) -> HTTPResponse:
            if not SENDER_PATTERN.match(sender):
                return _refuse(422, "invalid_sender", TEXT_INVALID)
            if not await delete_conversation(request.app.ctx.agent.tracker_store, sender):
                log.error("the configured tracker store cannot delete conversations")
                return _refuse(501, "cannot_delete", TEXT_INVALID)
            return response.empty(status=204, headers=self._cors(request))

        return widget
