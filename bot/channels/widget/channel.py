"""The web widget's input channel: serves the demo page and the widget, takes messages, deletes conversations.

Registered in credentials.yml as `bot.channels.widget.channel.FamiliennaviInput`; everything lives under
`/webhooks/familiennavi/` (Rasa keeps its own root route):

    GET    /webhooks/familiennavi/                         demo page
    GET    /webhooks/familiennavi/widget.js | widget.css   the widget
    GET    /webhooks/familiennavi/demo.css                 the demo page's own look (not part of the widget)
    GET    /webhooks/familiennavi/texts/<code>.json        the widget's texts in one catalogue language
    POST   /webhooks/familiennavi/webhook                  {"sender", "message", "metadata"?} → list of bot messages
    DELETE /webhooks/familiennavi/conversations/<sender>   forget the conversation on the server

The pages carry a Content-Security-Policy that allows nothing from another host. The widget's texts come from
the catalogue: the script is served with the list of catalogue languages (code, own name, writing direction) and
German's texts filled in, so it starts without a second request; another language's texts are fetched once when
the parent chooses it (or the browser asks for it) and cached by the browser. The script's size is budgeted
(tests/browser/test_widget.py), so it cannot carry all six languages.
The widget tells the bot its language as message metadata (`{"language_code": "ar"}`); the channel passes on
only a catalogue language, and the action server's session start reads it.
Its renderer is the design's JSON contract itself: Rasa's bot messages go out as they are.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import rcssmin
import rjsmin
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import guard
from bot.channels.conversations import delete_conversation
from bot.channels.rest import read_message, refuse
from vocabulary.texts import direction, languages, meta, with_prefix

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
    "demo.css": "text/css; charset=utf-8",
}


def lean(name: str, source: bytes) -> bytes:
    """widget.js or widget.css as served: minified by rjsmin / rcssmin (the parent's phone loads fewer bytes;
    the files in the repository stay documented)."""
    text = source.decode("utf-8")
    minified = rcssmin.cssmin(text) if name.endswith(".css") else rjsmin.jsmin(text)
    return minified.encode("utf-8")


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


# The language whose texts are in widget.js itself; the others come from texts/<code>.json when needed.
INLINE_LANGUAGE = "de"
# The texts of one language change only with a new deployment; their URL carries the catalogue's version.
TEXTS_CACHE_CONTROL = "public, max-age=86400"


def widget_languages() -> list[dict[str, str]]:
    """The catalogue languages as the language picker lists them: code, own name, writing direction."""
    return [{"code": code, "name": meta(code).get("name", code), "dir": direction(code)} for code in languages()]


def language_texts(language: str) -> dict[str, Any]:
    """The widget's texts in one language, nested by key (German where the language has none)."""
    merged: dict[str, str] = {}
    for prefix in WIDGET_TEXT_PREFIXES:
        merged.update(with_prefix(prefix, language))
    return _nested(merged)


def texts_files() -> dict[str, bytes]:
    """Per catalogue language: the body of texts/<code>.json."""
    return {
        code: json.dumps(language_texts(code), ensure_ascii=False, sort_keys=True).encode("utf-8")
        for code in languages()
    }


def widget_texts(files: dict[str, bytes] | None = None) -> dict[str, Any]:
    """What widget.js gets: the languages, the inline language's texts and the version of all texts."""
    files = files if files is not None else texts_files()
    version = hashlib.sha256(b"\0".join(files[code] for code in sorted(files))).hexdigest()[:12]
    return {
        "languages": widget_languages(),
        "texts": {INLINE_LANGUAGE: language_texts(INLINE_LANGUAGE)},
        "version": version,
    }


def widget_script(files: dict[str, bytes] | None = None) -> bytes:
    script = lean("widget.js", (ASSETS / "widget.js").read_bytes())
    assert TEXTS_TOKEN in script, "widget.js lost its texts token"
    return script.replace(TEXTS_TOKEN, json.dumps(widget_texts(files), ensure_ascii=False).encode("utf-8"))


def widget_metadata(request: Request) -> dict[str, str] | None:
    """The widget's hint for the bot: `{"language_code": code}` for a catalogue language, else none. Nothing else
    of the message's metadata reaches Rasa."""
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, RecursionError):
        return None
    metadata = body.get("metadata") if isinstance(body, dict) else None
    code = metadata.get("language_code") if isinstance(metadata, dict) else None
    return {"language_code": code} if isinstance(code, str) and code in languages() else None


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
                "Access-Control-Allow-Methods": "GET, POST, DELETE",
                "Access-Control-Allow-Headers": "Content-Type",
            }
        return {}

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        widget = Blueprint("familiennavi_webhook", __name__)
        # Read once: the files do not change while the server runs.
        files = {name: (ASSETS / name).read_bytes() for name in STATIC_FILES}
        texts = texts_files()
        files["widget.js"] = widget_script(texts)
        files["widget.css"] = lean("widget.css", files["widget.css"])

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

        @widget.route("/demo.css", methods=["GET", "HEAD"])
        async def demo_stylesheet(request: Request) -> HTTPResponse:
            return await static("demo.css")

        @widget.route("/texts/<filename>", methods=["GET", "HEAD"])
        async def language(request: Request, filename: str) -> HTTPResponse:
            code = filename.removesuffix(".json")
            if not filename.endswith(".json") or code not in texts:
                return response.json({"error": "unknown_language"}, status=404, headers=_security_headers())
            # The same texts for every page; Vary, because the CORS header depends on the page's origin.
            headers = {**_security_headers(), "Cache-Control": TEXTS_CACHE_CONTROL, "Vary": "Origin"}
            return response.raw(
                texts[code],
                content_type="application/json; charset=utf-8",
                headers={**headers, **self._cors(request)},
            )

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
            replies = await guard.answer(on_new_message, written, sender, self.name(), widget_metadata(request))
            return response.json(replies, headers=headers)

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
