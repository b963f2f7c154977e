"""Telegram's input and output channel: `POST /webhooks/telegram/webhook` takes updates from the Bot API.

Settings come from the environment (credentials.yml lists the channel without keys):

    TELEGRAM_TOKEN        the bot token; without it the channel is off (no webhook route, nothing is called)
    TELEGRAM_SECRET       the webhook's secret token; without it every update is refused (403)
    TELEGRAM_WEBHOOK_URL  when set, registered with setWebhook once after the server starts
    TELEGRAM_API_BASE     the Bot API's address (tests: a local fake); default https://api.telegram.org

Every update is checked against the secret-token header before anything else runs. Updates are parsed here (no
getMe or other call per update): a text message or a button press (callback_query) goes to Rasa with the
sender's language as metadata; other messages get a short answer from the catalogue. The chat id is known only
to this request's output channel; the tracker store sees a pseudonym of it. The webhook answers 200 even when
Telegram cannot be reached, so Telegram does not send the same update again and again.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import guard, plain_text
from bot.channels.conversations import delete_conversation, pseudonym
from bot.channels.telegram.client import DEFAULT_API_BASE, TelegramClient
from bot.channels.telegram.render import send_message_bodies
from vocabulary.texts import resolve, text

log = logging.getLogger(__name__)

CHANNEL = "telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ["message", "callback_query"]
MAX_MESSAGE_CHARS = guard.MAX_MESSAGE_CHARS
# What a command sends to Rasa; /start opens the conversation.
START_COMMANDS = {"/start"}
DELETE_COMMANDS = {"/delete", "/loeschen"}
GREET = "/greet"


def command_of(message_text: str) -> str | None:
    """ "/start" for "/start", "/start@SomeBot" or "/start abc"; None for anything that is not a command."""
    words = message_text.strip().split(maxsplit=1)
    if not words or not words[0].startswith("/"):
        return None
    return words[0].split("@", 1)[0].lower()


class TelegramOutput(OutputChannel):
    """Sends the bot's messages to one chat; lives for one incoming update only."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    def __init__(self, client: TelegramClient, chat_id: int | str, language: str) -> None:
        self.client = client
        self.chat_id = chat_id
        self.language = language
        # Messages Rasa gave this channel; none after a message means the parent must hear why.
        self.answered = 0

    async def send_part(self, part: plain_text.Part) -> None:
        choose = text("channel.choose_button", self.language)
        for body in send_message_bodies(self.chat_id, part, choose):
            await self.client.send_message(body)

    async def send_plain(self, key: str) -> None:
        await self.send_part(plain_text.Part(text(key, self.language)))

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.answered += 1
        for part in plain_text.parts(message, self.language):
            await self.send_part(part)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send_response(recipient_id, {"text": text, "buttons": buttons})

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"custom": json_message})


class TelegramInput(InputChannel):
    """Parents in Telegram."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TelegramInput:
        return cls(
            token=os.environ.get("TELEGRAM_TOKEN", ""),
            secret=os.environ.get("TELEGRAM_SECRET", ""),
            webhook_url=os.environ.get("TELEGRAM_WEBHOOK_URL", ""),
            api_base=os.environ.get("TELEGRAM_API_BASE", "") or DEFAULT_API_BASE,
        )

    def __init__(self, token: str = "", secret: str = "", webhook_url: str = "", api_base: str = DEFAULT_API_BASE):
        self.token = token.strip()
        self.secret = secret.strip()
        self.webhook_url = webhook_url.strip()
        self.client = TelegramClient(self.token, api_base)
        self.limits = guard.RateLimits()
        if self.token and not self.secret:
            log.error("TELEGRAM_TOKEN is set but TELEGRAM_SECRET is not: the Telegram webhook refuses every update")

    @property
    def enabled(self) -> bool:
        return bool(self.token)

    def secret_matches(self, request: Request) -> bool:
        given = request.headers.get(SECRET_HEADER, "")
        return bool(self.secret) and hmac.compare_digest(given.encode("utf-8"), self.secret.encode("utf-8"))

    def sender_of(self, chat_id: int | str) -> str:
        return pseudonym(CHANNEL, str(chat_id), self.token)

    async def register_webhook(self) -> None:
        if not (self.enabled and self.secret and self.webhook_url):
            return
        if await self.client.set_webhook(self.webhook_url, self.secret, ALLOWED_UPDATES):
            log.info("telegram webhook registered")
        else:
            log.error("telegram webhook could not be registered (setWebhook failed)")

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        telegram = Blueprint("telegram_webhook", __name__)
        if not self.enabled:
            return telegram

        @telegram.listener("after_server_start")
        async def register(app: Any, loop: Any) -> None:
            try:
                await self.register_webhook()
            except Exception as error:  # never fatal: the server runs on without a registered webhook
                log.error("telegram webhook registration failed: %s", type(error).__name__)

        @telegram.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.secret_matches(request):
                return response.empty(status=403)
            try:
                update = json.loads(request.body or b"")
            except ValueError:
                return response.empty(status=400)
            if not isinstance(update, dict) or not isinstance(update.get("update_id"), int):
                return response.empty(status=400)
            try:
                return await self.handle(update, request, on_new_message)
            except Exception as error:  # a bug or a failing Rasa must not make Telegram send the update again
                log.error("telegram update failed: %s", type(error).__name__)
                return response.empty(status=200)

        return telegram

    async def handle(
        self, update: dict[str, Any], request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        if isinstance(update.get("callback_query"), dict):
            return await self.handle_button(update["callback_query"], on_new_message)
        if isinstance(update.get("message"), dict):
            return await self.handle_message(update["message"], request, on_new_message)
        return response.empty(status=200)

    async def handle_button(
        self, query: dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        message = query.get("message")
        chat_id = _chat_id(message if isinstance(message, dict) else {})
        if isinstance(query.get("id"), str):
            await self.client.answer_callback_query(query["id"])
        data = query.get("data")
        if chat_id is None or not isinstance(data, str) or not data.strip():
            return response.empty(status=200)
        await self.to_rasa(data, chat_id, _language_code(query), on_new_message)
        return response.empty(status=200)

    async def handle_message(
        self, message: dict[str, Any], request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        chat_id = _chat_id(message)
        if chat_id is None:
            return response.empty(status=400)
        language_code = _language_code(message)
        output = TelegramOutput(self.client, chat_id, resolve(language_code))
        body = message.get("text")
        if not isinstance(body, str) or not body.strip():
            await output.send_plain("channel.text_only")
            return response.empty(status=200)
        if len(body) > MAX_MESSAGE_CHARS:
            await output.send_plain("channel.too_long")
            return response.empty(status=200)
        command = command_of(body)
        if command in DELETE_COMMANDS:
            deleted = await delete_conversation(request.app.ctx.agent.tracker_store, self.sender_of(chat_id))
            if not deleted:
                log.error("the configured tracker store cannot delete conversations")
            await output.send_plain("channel.deleted" if deleted else "channel.delete_failed")
            return response.empty(status=200)
        await self.to_rasa(GREET if command in START_COMMANDS else body, chat_id, language_code, on_new_message)
        return response.empty(status=200)

    async def to_rasa(
        self,
        body: str,
        chat_id: int | str,
        language_code: str | None,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> None:
        output = TelegramOutput(self.client, chat_id, resolve(language_code))
        sender = self.sender_of(chat_id)
        if not self.limits.allow(sender, None):
            await output.send_plain("channel.too_fast")
            return
        metadata = {"language_code": language_code} if language_code else {}
        try:
            await on_new_message(UserMessage(body, output, sender, input_channel=self.name(), metadata=metadata))
        except Exception as error:
            log.error("telegram message could not be handled: %s", type(error).__name__)
        if not output.answered:
            for message in guard.disturbed_messages(body, output.language):
                await output.send_response(sender, message)


def _chat_id(message: dict[str, Any]) -> int | str | None:
    chat = message.get("chat")
    chat_id = chat.get("id") if isinstance(chat, dict) else None
    return chat_id if isinstance(chat_id, (int, str)) and not isinstance(chat_id, bool) and chat_id != "" else None


def _language_code(item: dict[str, Any]) -> str | None:
    sender = item.get("from")
    code = sender.get("language_code") if isinstance(sender, dict) else None
    return code.strip()[:35] if isinstance(code, str) and code.strip() else None
