"""The staff page's channel: the parents' dialogue, with each question phrased for the staff member.

Only the offers API calls it: the API checks the staff member's login and forwards the message. Every request
carries `Authorization: Bearer $STAFF_CHANNEL_TOKEN`; without that variable the channel refuses everything.

    POST /webhooks/staff/webhook  {"sender": "...", "message": "..."} → list of bot messages
    POST /webhooks/staff/forget   {"sender": "..."} → 204, the conversation deleted from the store

The dialogue runs in German (staff read German); the family's language is the staff page's business (the
Laufzettel, the referral). Asks become "Fragen Sie: …" with a Gesprächsleitfaden hint, and an emergency is
followed by the child-protection route (§ 8a SGB VIII).
"""

from __future__ import annotations

import hmac
import json
import os
from typing import Any

from rasa.core.channels.channel import InputChannel
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import guard
from bot.channels.conversations import delete_conversation
from bot.channels.rest import read_message, refuse
from vocabulary import messages
from vocabulary.texts import catalogue, text

CHANNEL = "staff"
LANGUAGE = "de"


def _staff_question(slot: str, kind: str) -> str | None:
    """The question for the staff member: "staff.ask.<slot>.<input>" where a question differs by input
    (a list of places to choose from), else "staff.ask.<slot>"; None for a slot without one."""
    texts = catalogue(LANGUAGE)
    for key in (f"staff.ask.{slot}.{kind}", f"staff.ask.{slot}"):
        if key in texts:
            return texts[key]
    return None


def for_staff(replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The bot's replies as the staff page shows them. Rasa sends an ask's payload after the message with its
    text and buttons; that text is rephrased, and the payload gets the hint."""
    rendered: list[dict[str, Any]] = []
    for reply in replies:
        payload = messages.payload_of(reply)
        kind = payload.get("type") if payload else None
        if payload is not None and kind == messages.ASK:
            question = _staff_question(str(payload.get("slot")), str(payload.get("input")))
            asked = reply if reply.get("text") else next((r for r in reversed(rendered) if r.get("text")), None)
            if question is not None and asked is not None:
                asked["text"] = question
            hint_key = f"staff.hint.{payload.get('slot')}"
            if hint_key in catalogue(LANGUAGE):
                reply = {**reply, "custom": {**payload, "hint": text(hint_key, LANGUAGE)}}
        rendered.append(reply)
        if kind == messages.EMERGENCY:
            rendered.append({"custom": {"type": "child_protection", "text": text("staff.child_protection", LANGUAGE)}})
    return rendered


class StaffInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> StaffInput:
        return cls(os.environ.get("STAFF_CHANNEL_TOKEN", ""))

    def __init__(self, token: str) -> None:
        self.token = token

    def _authorised(self, request: Request) -> bool:
        given = request.headers.get("authorization", "")
        return bool(self.token) and hmac.compare_digest(given.encode(), f"Bearer {self.token}".encode())

    def blueprint(self, on_new_message: guard.OnNewMessage) -> Blueprint:
        staff = Blueprint("familiennavi_staff", __name__)

        @staff.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self._authorised(request):
                return refuse(403, "forbidden", "channel.invalid")
            message = read_message(request)
            if isinstance(message, HTTPResponse):
                return message
            sender, written = message
            if not written.strip():
                return response.json([])
            metadata = {"language_code": LANGUAGE}
            replies = await guard.answer(on_new_message, written, sender, CHANNEL, metadata)
            return response.json(for_staff(replies))

        @staff.route("/forget", methods=["POST"])
        async def forget(request: Request) -> HTTPResponse:
            if not self._authorised(request):
                return refuse(403, "forbidden", "channel.invalid")
            try:
                body = json.loads(request.body or b"{}")
            except (ValueError, RecursionError):
                body = None
            sender = body.get("sender") if isinstance(body, dict) else None
            if not isinstance(sender, str) or not guard.SENDER_PATTERN.match(sender):
                return refuse(422, "invalid_message", "channel.invalid")
            if not await delete_conversation(request.app.ctx.agent.tracker_store, sender):
                return refuse(503, "not_deleted", "channel.delete_failed")
            return response.empty(status=204)

        return staff
