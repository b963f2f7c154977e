"""WhatsApp through Twilio: the webhook Twilio calls for each incoming message, and the replies over its API.

Registered in credentials.yml as `bot.channels.whatsapp.channel.WhatsAppInput`; on only when TWILIO_ACCOUNT_SID,
TWILIO_AUTH_TOKEN and TWILIO_NUMBER are set (otherwise the webhook answers 404):

    POST /webhooks/whatsapp/webhook   Twilio's form post → replies sent through the Messages API,
                                      the webhook itself answers an empty TwiML <Response/>

Every request must carry a valid `X-Twilio-Signature` for TWILIO_WEBHOOK_URL (the public address; without it,
the request's own URL). The tracker store knows a parent only by a pseudonym of the phone number; the number
itself lives only as long as the request.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from urllib.parse import parse_qsl

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.shared.core.events import BotUttered, Restarted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot.channels import guard
from bot.channels.conversations import delete_conversation, pseudonym
from bot.channels.whatsapp.client import DEFAULT_API_BASE, TwilioClient, TwilioSettings
from bot.channels.whatsapp.render import bodies, choice_payload
from vocabulary.texts import DEFAULT_LANGUAGE, text

log = logging.getLogger(__name__)

CHANNEL = "whatsapp"
REQUIRED_ENV = ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_NUMBER")
MAX_MESSAGE_CHARS = guard.MAX_MESSAGE_CHARS
SENDER_PREFIX = "whatsapp:"
SIGNATURE_HEADER = "X-Twilio-Signature"
# Twilio sends nothing itself when the webhook answers an empty TwiML document (and does not retry on 200).
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'


def settings_from_environment(env: Mapping[str, str]) -> TwilioSettings | None:
    """The channel's settings, or None (channel off) when one of the required variables is missing."""
    if not all(env.get(name, "").strip() for name in REQUIRED_ENV):
        return None
    return TwilioSettings(
        account_sid=env["TWILIO_ACCOUNT_SID"].strip(),
        auth_token=env["TWILIO_AUTH_TOKEN"].strip(),
        number=env["TWILIO_NUMBER"].strip().removeprefix(SENDER_PREFIX),
        api_base=env.get("TWILIO_API_BASE", "").strip() or DEFAULT_API_BASE,
        webhook_url=env.get("TWILIO_WEBHOOK_URL", "").strip(),
    )


class FormParams(dict[str, list[str]]):
    """Form fields with all their values; `getall` is what twilio's RequestValidator reads repeated fields with."""

    def getall(self, name: str) -> list[str]:
        return self[name]

    def last(self, name: str) -> str:
        return self.get(name, [""])[-1]


def parse_form(body: bytes) -> FormParams:
    """The fields of a form-encoded body. Raises ValueError (UnicodeDecodeError included) for anything else."""
    params = FormParams()
    if not body:
        return params
    for name, value in parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=True, errors="strict"):
        params.setdefault(name, []).append(value)
    return params


def latest_choices(tracker: DialogueStateTracker | None) -> dict[str, Any] | None:
    """The bot's latest message with buttons since the parent's latest message, as a bot message dict."""
    if tracker is None:
        return None
    for event in reversed(tracker.events):
        if isinstance(event, (UserUttered, SessionStarted, Restarted)):
            return None
        if isinstance(event, BotUttered) and event.data.get("buttons"):
            return event.message()
    return None


def is_delete_request(message: str, language: str | None) -> bool:
    words = f"{text('channel.delete_words', language)},{text('channel.delete_words', DEFAULT_LANGUAGE)}"
    return message.strip().casefold() in {word.strip().casefold() for word in words.split(",") if word.strip()}


class WhatsAppOutput(OutputChannel):
    """Sends the bot's messages of one request to one phone number, in order.

    After the first failed send the rest of the request's messages are dropped: a reply with a gap would be
    read in the wrong order, and an unreachable API would otherwise cost one timeout per message."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    def __init__(self, client: TwilioClient, to: str, language: str | None) -> None:
        self.client = client
        self.to = to
        self.language = language
        self.failed = False
        # Messages Rasa gave this channel; none after a message means the parent must hear why.
        self.answered = 0

    async def send_body(self, body: str) -> None:
        if self.failed or not body.strip():
            return
        if not await self.client.send(self.to, body):
            self.failed = True

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        # The whole message at once (not Rasa's text/buttons/custom pieces): the payload decides the layout.
        self.answered += 1
        for body in bodies(message, self.language):
            await self.send_body(body)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})


class WhatsAppInput(InputChannel):
    """WhatsApp messages through Twilio's webhook and Messages API."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> WhatsAppInput:
        return cls(settings_from_environment(os.environ))

    def __init__(self, settings: TwilioSettings | None) -> None:
        self.settings = settings
        self.limits = guard.RateLimits()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        whatsapp = Blueprint("whatsapp_webhook", __name__)
        settings = self.settings
        if settings is None:
            return whatsapp
        validator = RequestValidator(settings.auth_token)

        @whatsapp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            signature = request.headers.get(SIGNATURE_HEADER, "")
            if not signature:
                return response.empty(status=403)
            try:
                params = parse_form(request.body)
            except ValueError:
                return response.empty(status=400)
            if not validator.validate(settings.webhook_url or request.url, params, signature):
                return response.empty(status=403)
            phone = params.last("From")
            if not phone.startswith(SENDER_PREFIX) or len(phone) == len(SENDER_PREFIX):
                return response.empty(status=400)
            await self._answer(request, on_new_message, phone, params.last("Body"))
            return response.text(EMPTY_TWIML, content_type="text/xml")

        return whatsapp

    async def _answer(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]], phone: str, message: str
    ) -> None:
        assert self.settings is not None
        sender = pseudonym(CHANNEL, phone, self.settings.auth_token)
        store = request.app.ctx.agent.tracker_store
        # A broken store must not leave the parent without an answer.
        try:
            tracker = await store.retrieve(sender)
        except Exception as error:
            log.error("whatsapp: reading the conversation failed (%s)", type(error).__name__)
            tracker = None
        language = tracker.slots["language"].value if tracker and "language" in tracker.slots else None

        async with TwilioClient(self.settings) as client:
            output = WhatsAppOutput(client, phone, language)
            # Pictures, voice messages and locations come without text; Rasa's stock connector crashes on them.
            if not message.strip():
                await output.send_body(text("channel.text_only", language))
            elif len(message) > MAX_MESSAGE_CHARS:
                await output.send_body(text("channel.too_long", language))
            elif is_delete_request(message, language):
                deleted = await delete_conversation(store, sender)
                if not deleted:
                    log.error("whatsapp: the configured tracker store cannot delete conversations")
                await output.send_body(text("channel.deleted" if deleted else "channel.delete_failed", language))
            else:
                choices = latest_choices(tracker)
                payload = choice_payload(choices, message, language) if choices else None
                # Whatever breaks inside Rasa, the parent gets an answer and Twilio a 200 (no retries).
                if not self.limits.allow(sender, None):
                    await output.send_body(text("channel.too_fast", language))
                    return
                try:
                    await on_new_message(UserMessage(payload or message, output, sender, input_channel=CHANNEL))
                except Exception as error:
                    log.error("whatsapp: handling a message failed (%s)", type(error).__name__)
                if not output.answered:
                    for reply in guard.disturbed_messages(message, language):
                        await output.send_response(sender, reply)
