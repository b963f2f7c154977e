"""The REST channel for tools and tests, with the same limits as the widget (Rasa's stock `rest` channel has
none and logs the text of a message that failed).

    POST /webhooks/rest/webhook   {"sender": "...", "message": "..."} → list of bot messages
"""

from __future__ import annotations

import json
from typing import Any

from rasa.core.channels.channel import InputChannel
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import guard
from vocabulary.texts import text


def refuse(status: int, error: str, text_key: str, headers: dict[str, str] | None = None) -> HTTPResponse:
    """A refusal the widget can show as it is (`text` in plain words)."""
    return response.json({"error": error, "text": text(text_key)}, status=status, headers=headers)


def read_message(request: Request) -> tuple[str, str] | HTTPResponse:
    """(sender, text) of a JSON message body, or the refusal to send back."""
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, RecursionError):
        return refuse(422, "invalid_json", "channel.invalid")
    sender = body.get("sender") if isinstance(body, dict) else None
    written = body.get("message") if isinstance(body, dict) else None
    if not isinstance(sender, str) or not guard.SENDER_PATTERN.match(sender) or not isinstance(written, str):
        return refuse(422, "invalid_message", "channel.invalid")
    if len(written) > guard.MAX_MESSAGE_CHARS:
        return refuse(413, "message_too_long", "channel.too_long")
    return sender, written


class RestInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> RestInput:
        return cls()

    def __init__(self) -> None:
        self.limits = guard.RateLimits()

    def blueprint(self, on_new_message: guard.OnNewMessage) -> Blueprint:
        rest = Blueprint("familiennavi_rest", __name__)

        @rest.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @rest.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            message = read_message(request)
            if isinstance(message, HTTPResponse):
                return message
            sender, written = message
            if not written.strip():
                return response.json([])
            if not self.limits.allow(sender, request.remote_addr or request.ip):
                return refuse(429, "too_many_messages", "channel.too_fast", {"Retry-After": "10"})
            return response.json(await guard.answer(on_new_message, written, sender, self.name()))

        return rest
