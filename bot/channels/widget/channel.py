"""The web widget's input channel: serves the demo page and the widget, takes messages, deletes conversations.

Registered in credentials.yml as `bot.channels.widget.channel.FamiliennaviInput`; everything lives under
`/webhooks/familiennavi/` (Rasa keeps its own root route):

    GET    /webhooks/familiennavi/                         demo page
    GET    /webhooks/familiennavi/widget.js | widget.css   the widget
    POST   /webhooks/familiennavi/webhook                  {"sender", "message"} → list of bot messages
    DELETE /webhooks/familiennavi/conversations/<sender>   forget the conversation on the server

The pages carry a Content-Security-Policy that allows nothing from another host. The widget's texts come from
the catalogue: the script is served with them filled in (all languages), so it needs no second request.
Its renderer is the design's JSON contract itself: Rasa's bot messages go out as they are.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import guard
from bot.channels.conversations import delete_conversation
from bot.channels.rest import read_message, refuse
from vocabulary.texts import direction, languages, with_prefix

log = logging.getLogger(__name__)

ASSETS = Path(__file__).resolve().parent / "assets"
# widget.js holds this token where the texts go; the channel puts the catalogue's texts there when it starts.
TEXTS_TOKEN = b"__FAMILIENNAVI_TEXTS__"
# The catalogue parts the widget shows: its own strings and the labels of offer cards shared with the messengers.
WIDGET_TEXT_PREFIXES = ("widget.", "card.", "channel.")
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)
STATIC_FILES = {
    "index.html": "text/html; charset=utf-8",
    "widget.js": "text/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
}


def _nested(flat: dict[str, str]) -> dict[str, Any]:
    """{"widget.ask.text.label": "…"} → {"widget": {"ask": {"text": {"label": "…"}}}}."""
    tree: dict[str, Any] = {}
    for key, value in flat.items():
        *path, leaf = key.split(".")
        node = tree
        for part in path:
            node = node.setdefault(part, {})
        node[leaf] = value
    return tree


# The languages the widget can show today (it speaks German; a language picker comes with the six languages).
# Each language served adds its texts to widget.js, whose size is budgeted (tests/browser/test_widget.py).
WIDGET_LANGUAGES: tuple[str, ...] = ("de",)


def widget_texts() -> dict[str, Any]:
    """Per language: the widget's texts, nested by key, and the writing direction."""
    texts: dict[str, Any] = {}
    for language in (language for language in languages() if language in WIDGET_LANGUAGES):
        merged: dict[str, str] = {}
        for prefix in WIDGET_TEXT_PREFIXES:
            merged.update(with_prefix(prefix, language))
        texts[language] = {**_nested(merged), "dir": direction(language)}
    return texts


def widget_script() -> bytes:
    script = (ASSETS / "widget.js").read_bytes()
    assert TEXTS_TOKEN in script, "widget.js lost its texts token"
    return script.replace(TEXTS_TOKEN, json.dumps(widget_texts(), ensure_ascii=False).encode("utf-8"))


def _security_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    }


class FamiliennaviInput(InputChannel):
    """The parents' web widget."""

    @classmethod
    def name(cls) -> str:
        return "familiennavi"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> FamiliennaviInput:
        return cls()

    def __init__(self) -> None:
        self.limits = guard.RateLimits()
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
        # Read once: the files do not change while the server runs.
        files = {name: (ASSETS / name).read_bytes() for name in STATIC_FILES}
        files["widget.js"] = widget_script()

        async def static(name: str) -> HTTPResponse:
            return response.raw(files[name], content_type=STATIC_FILES[name], headers=_security_headers())

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
            headers = {**_security_headers(), **self._cors(request)}
            message = read_message(request)
            if isinstance(message, HTTPResponse):
                message.headers.update(headers)
                return message
            sender, written = message
            if not written.strip():
                return response.json([], headers=headers)
            if not self.limits.allow(sender, request.remote_addr or request.ip):
                return refuse(429, "too_many_messages", "channel.too_fast", {**headers, "Retry-After": "10"})
            return response.json(await guard.answer(on_new_message, written, sender, self.name()), headers=headers)

        @widget.route("/conversations/<sender>", methods=["OPTIONS"])
        async def delete_preflight(request: Request, sender: str) -> HTTPResponse:
            return response.empty(headers=self._cors(request))

        @widget.route("/conversations/<sender>", methods=["DELETE"])
        async def forget(request: Request, sender: str) -> HTTPResponse:
            if not guard.SENDER_PATTERN.match(sender):
                return refuse(422, "invalid_sender", "channel.invalid", _security_headers())
            if not await delete_conversation(request.app.ctx.agent.tracker_store, sender):
                log.error("the configured tracker store cannot delete conversations")
                return refuse(501, "cannot_delete", "channel.invalid", _security_headers())
            return response.empty(status=204, headers=self._cors(request))

        return widget
