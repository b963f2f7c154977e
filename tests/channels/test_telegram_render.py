"""The Telegram channel without the model: rendering to sendMessage bodies, and the webhook in-process (a Sanic app
with the channel's blueprint and a fake Rasa, served on a free port over real HTTP, talking to a fake Bot API)."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from rasa.core.channels.channel import UserMessage
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.conversations import pseudonym
from bot.channels.plain_text import Part, parts
from bot.channels.telegram.channel import TelegramInput
from bot.channels.telegram.render import TEXT_LIMIT, callback_data, send_message_bodies, utf16_length
from bot.stores import MemoryConversations
from tests.conftest import free_port
from tests.fakes.http_recorder import Answer, HttpRecorder, RecordedRequest
from vocabulary import messages
from vocabulary.texts import text

TOKEN = "123456:unit-token"
SECRET = "unit-webhook-secret"


# --- rendering -------------------------------------------------------------------------------------------------


def test_buttons_become_an_inline_keyboard_with_one_button_per_row() -> None:
    part = Part("question?", [{"title": "A", "payload": "/a"}, {"title": "B", "payload": "/b"}])
    (body,) = send_message_bodies(42, part, "choose")
    assert body == {
        "chat_id": 42,
        "text": "question?",
        "reply_markup": {
            "inline_keyboard": [[{"text": "A", "callback_data": "/a"}], [{"text": "B", "callback_data": "/b"}]]
        },
    }
    assert "parse_mode" not in body


def test_a_payload_over_64_bytes_falls_back_to_the_title_cut_at_a_character_boundary() -> None:
    long_payload = '/inform{"life_phase": "schwangerschaft", "topic": "birth", "extra": "x"}'
    assert len(long_payload.encode()) > 64
    assert callback_data({"title": "Schwanger", "payload": long_payload}) == "Schwanger"
    title = "Ü" * 40  # 80 bytes in UTF-8
    data = callback_data({"title": title, "payload": long_payload})
    assert data == "Ü" * 32
    assert len(data.encode()) == 64
    assert callback_data({"title": "x", "payload": "/p" + "q" * 62}) == "/p" + "q" * 62


def test_long_texts_are_split_below_4096_and_the_keyboard_goes_with_the_last_piece() -> None:
    lines = [f"line {number} " + "x" * 90 for number in range(120)]
    part = Part("\n".join(lines), [{"title": "A", "payload": "/a"}])
    bodies = send_message_bodies(7, part, "choose")
    assert len(bodies) >= 3
    assert all(utf16_length(body["text"]) <= TEXT_LIMIT for body in bodies)
    assert "\n".join(body["text"] for body in bodies) == part.text
    assert [("reply_markup" in body) for body in bodies] == [False] * (len(bodies) - 1) + [True]


def test_emoji_count_twice_towards_the_limit() -> None:
    bodies = send_message_bodies(7, Part(" ".join(["\U0001f476"] * 3000)), "choose")
    assert len(bodies) >= 2
    assert all(utf16_length(body["text"]) <= TEXT_LIMIT for body in bodies)


def test_buttons_without_a_text_get_the_catalogue_prompt() -> None:
    (body,) = send_message_bodies(7, Part("", [{"title": "A", "payload": "/a"}]), "choose")
    assert body["text"] == "choose"
    assert send_message_bodies(7, Part(""), "choose") == []


def test_an_offers_message_gives_one_message_per_offer_with_its_phone_number() -> None:
    offer = {
        "name": "Lotsendienst Klinikum",
        "category_label": "Lotsendienst",
        "phone": "0221 4710 123",
        "address": "Musterweg 1",
        "opening_hours": "Mo-Fr 9-12",
        "demo": True,
    }
    message = {
        "text": "offers",
        "custom": messages.offers({"name": "Dortmund"}, {}, [offer, {**offer, "phone": "0221 4710 456"}]),
    }
    bodies = [body for part in parts(message, "de") for body in send_message_bodies(1, part, "choose")]
    assert len(bodies) == 3
    assert bodies[0]["text"] == "offers"
    assert "0221 4710 123" in bodies[1]["text"]
    assert "0221 4710 456" in bodies[2]["text"]
    assert text("card.example", "de") in bodies[1]["text"]


# --- the webhook in-process ------------------------------------------------------------------------------------


@dataclass
class FakeRasa:
    """Takes the channel's messages like Rasa's handler and answers each with one message with buttons."""

    received: list[UserMessage] = field(default_factory=list)

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message)
        reply = {"text": f"reply {len(self.received)}", "buttons": [{"title": "Yes", "payload": "/affirm"}]}
        await message.output_channel.send_response(message.sender_id, reply)


class Served:
    """A Sanic app on a free port, in its own thread and event loop."""

    def __init__(self, app: Sanic) -> None:
        self.app = app
        self.port = free_port()
        self.loop = asyncio.new_event_loop()
        self.started = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhooks/telegram/webhook"

    def start(self) -> Served:
        threading.Thread(target=self._run, daemon=True).start()
        assert self.started.wait(20), "the test server did not start"
        return self

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)

        async def serve() -> None:
            server = await self.app.create_server(
                host="127.0.0.1", port=self.port, return_asyncio_server=True, access_log=False
            )
            assert server is not None
            await server.startup()
            await server.before_start()
            await server.after_start()
            self.started.set()
            await server.serve_forever()

        self.loop.create_task(serve())
        self.loop.run_forever()

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)


@dataclass
class Webhook:
    url: str
    rasa: FakeRasa
    telegram: HttpRecorder
    store: MemoryConversations

    def post(self, update: Any, secret: str | None = SECRET, raw: bytes | None = None) -> httpx.Response:
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        content = raw if raw is not None else json.dumps(update).encode()
        return httpx.post(self.url, content=content, headers=headers, timeout=30)

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        return [request.json() for request in self.telegram.requests if request.path.endswith(f"/{method}")]


def telegram_ok(request: RecordedRequest) -> Answer:
    return Answer(body={"ok": True, "result": {"message_id": 1}})


def serve_channel(channel: TelegramInput, rasa: FakeRasa) -> tuple[Served, MemoryConversations]:
    app = Sanic(f"telegram_test_{uuid.uuid4().hex[:8]}")
    store = MemoryConversations(Domain.empty())
    app.ctx.agent = type("Agent", (), {"tracker_store": store})()

    async def root(request: Request) -> HTTPResponse:  # like Rasa's own root route
        return response.text("ok")

    app.add_route(root, "/")
    app.blueprint(channel.blueprint(rasa), url_prefix="/webhooks/telegram")
    return Served(app).start(), store


@pytest.fixture(autouse=True, scope="module")
def sanic_test_mode() -> Iterator[None]:
    """Several Sanic apps in one process need Sanic's test mode (it keeps Sanic from rewriting its own code twice)."""
    before = Sanic.test_mode
    Sanic.test_mode = True
    yield
    Sanic.test_mode = before


@pytest.fixture
def fake_api() -> Iterator[HttpRecorder]:
    recorder = HttpRecorder(telegram_ok).start()
    yield recorder
    recorder.stop()


@pytest.fixture
def webhook(fake_api: HttpRecorder) -> Iterator[Webhook]:
    rasa = FakeRasa()
    served, store = serve_channel(TelegramInput(TOKEN, SECRET, api_base=fake_api.base_url), rasa)
    yield Webhook(served.url, rasa, fake_api, store)
    served.stop()


def text_update(chat_id: int, body: str, language_code: str = "de") -> dict[str, Any]:
    return {
        "update_id": chat_id,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "P", "language_code": language_code},
            "text": body,
        },
    }


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", SECRET + "x"])
def test_updates_without_the_right_secret_are_refused_before_anything_else(
    webhook: Webhook, secret: str | None
) -> None:
    assert webhook.post(text_update(1, "hello"), secret=secret).status_code == 403
    # Even a body that is not JSON gets 403, not 400: the secret is checked first.
    assert webhook.post(None, secret=secret, raw=b"not json").status_code == 403
    time.sleep(0.2)
    assert webhook.rasa.received == []
    assert webhook.telegram.requests == []


def test_a_text_message_goes_to_rasa_with_a_pseudonym_and_the_language(webhook: Webhook) -> None:
    response = webhook.post(text_update(1001, "hello", "en-GB"))
    assert response.status_code == 200
    (message,) = webhook.rasa.received
    assert message.text == "hello"
    assert message.sender_id == pseudonym("telegram", "1001", TOKEN)
    assert "1001" not in message.sender_id
    assert message.metadata == {"language_code": "en-GB"}
    assert message.input_channel == "telegram"
    (sent,) = webhook.sent()
    assert sent["chat_id"] == 1001
    assert sent["text"] == "reply 1"
    assert sent["reply_markup"] == {"inline_keyboard": [[{"text": "Yes", "callback_data": "/affirm"}]]}
    assert "parse_mode" not in sent


def test_a_button_press_sends_its_data_to_rasa_and_is_answered(webhook: Webhook) -> None:
    update = {
        "update_id": 5,
        "callback_query": {
            "id": "query-1",
            "from": {"id": 1002, "is_bot": False, "first_name": "P", "language_code": "de"},
            "message": {"message_id": 9, "date": 0, "chat": {"id": 1002, "type": "private"}, "text": "q"},
            "chat_instance": "1",
            "data": "/affirm",
        },
    }
    assert webhook.post(update).status_code == 200
    (message,) = webhook.rasa.received
    assert message.text == "/affirm"
    assert message.sender_id == pseudonym("telegram", "1002", TOKEN)
    assert webhook.sent("answerCallbackQuery") == [{"callback_query_id": "query-1"}]
    assert [sent["chat_id"] for sent in webhook.sent()] == [1002]


def test_start_greets(webhook: Webhook) -> None:
    assert webhook.post(text_update(1003, "/start")).status_code == 200
    assert [message.text for message in webhook.rasa.received] == ["/greet"]


def test_a_photo_gets_the_text_only_answer_and_is_not_sent_to_rasa(webhook: Webhook) -> None:
    update = text_update(1004, "")
    del update["message"]["text"]
    update["message"]["photo"] = [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}]
    assert webhook.post(update).status_code == 200
    assert webhook.rasa.received == []
    assert webhook.sent() == [{"chat_id": 1004, "text": text("channel.text_only", "de")}]


def test_a_message_over_1000_characters_is_refused_kindly(webhook: Webhook) -> None:
    assert webhook.post(text_update(1005, "a" * 1001)).status_code == 200
    assert webhook.rasa.received == []
    assert webhook.sent() == [{"chat_id": 1005, "text": text("channel.too_long", "de")}]
    assert webhook.post(text_update(1005, "a" * 1000)).status_code == 200
    assert len(webhook.rasa.received) == 1


@pytest.mark.parametrize("command", ["/delete", "/loeschen", "/delete@FamiliennaviBot"])
def test_delete_removes_the_conversation_from_the_tracker_store(webhook: Webhook, command: str) -> None:
    sender = pseudonym("telegram", "1006", TOKEN)
    asyncio.run(webhook.store.save(DialogueStateTracker(sender, slots=[])))
    assert sender in webhook.store.store
    assert webhook.post(text_update(1006, command)).status_code == 200
    assert sender not in webhook.store.store
    assert webhook.rasa.received == []
    assert webhook.sent() == [{"chat_id": 1006, "text": text("channel.deleted", "de")}]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"not json", 400),
        (b"[1, 2]", 400),
        (b'{"message": {"text": "x"}}', 400),
        (b'{"update_id": 1, "edited_message": {"chat": {"id": 1}, "text": "x"}}', 200),
        (b'{"update_id": 1, "my_chat_member": {}}', 200),
    ],
)
def test_bodies_that_are_no_update_get_400_and_other_updates_are_ignored(
    webhook: Webhook, body: bytes, status: int
) -> None:
    assert webhook.post(None, raw=body).status_code == status
    time.sleep(0.2)
    assert webhook.rasa.received == []
    assert webhook.telegram.requests == []


def test_a_failing_telegram_is_logged_without_secrets_and_the_webhook_still_answers_200(
    webhook: Webhook, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    webhook.telegram.responder = lambda request: Answer(status=500, body={"ok": False, "error_code": 500})
    assert webhook.post(text_update(1007, "private words")).status_code == 200
    webhook.telegram.responder = lambda request: Answer(body={"ok": False, "error_code": 400})
    assert webhook.post(text_update(1007, "private words")).status_code == 200
    assert len(webhook.rasa.received) == 2
    webhook.telegram.stop()
    assert webhook.post(text_update(1007, "private words")).status_code == 200
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "sendMessage" in logged
    for secret in (TOKEN, "1007", "private words", "reply"):
        assert secret not in logged


def test_a_429_with_a_short_retry_after_is_retried_once(webhook: Webhook) -> None:
    answers = iter([Answer(status=429, body={"ok": False, "parameters": {"retry_after": 1}})])
    webhook.telegram.responder = lambda request: next(answers, Answer(body={"ok": True, "result": {}}))
    started = time.monotonic()
    assert webhook.post(text_update(1008, "hello")).status_code == 200
    assert time.monotonic() - started >= 1
    assert len(webhook.sent()) == 2


def test_a_429_with_a_long_retry_after_is_given_up(webhook: Webhook) -> None:
    webhook.telegram.responder = lambda request: Answer(
        status=429, body={"ok": False, "parameters": {"retry_after": 30}}
    )
    started = time.monotonic()
    assert webhook.post(text_update(1009, "hello")).status_code == 200
    assert time.monotonic() - started < 5
    assert len(webhook.sent()) == 1


def test_a_failing_rasa_is_answered_kindly_with_200(fake_api: HttpRecorder) -> None:
    async def broken(message: UserMessage) -> None:
        raise RuntimeError("model not loaded")

    served, _ = serve_channel(TelegramInput(TOKEN, SECRET, api_base=fake_api.base_url), broken)  # type: ignore[arg-type]
    try:
        response = Webhook(served.url, FakeRasa(), fake_api, MemoryConversations(Domain.empty())).post(
            text_update(1010, "hello")
        )
        assert response.status_code == 200
        sent = [request.json()["text"] for request in fake_api.requests]
        # Emergency numbers first and on their own, then the honest words.
        assert sent[0].startswith(text("card.emergency", "de")) and "0800 111 0 550" in sent[0]
        assert sent[1:] == [text("channel.disturbed", "de")]
    finally:
        served.stop()


def test_without_a_token_there_is_no_webhook_and_nothing_is_called(fake_api: HttpRecorder) -> None:
    rasa = FakeRasa()
    served, store = serve_channel(TelegramInput("", SECRET, "https://example.org/hook", fake_api.base_url), rasa)
    try:
        response = Webhook(served.url, rasa, fake_api, store).post(text_update(1011, "hello"))
        assert response.status_code == 404
        assert rasa.received == []
        assert fake_api.requests == []
    finally:
        served.stop()


def test_a_token_without_a_secret_refuses_every_update(
    fake_api: HttpRecorder, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    rasa = FakeRasa()
    channel = TelegramInput(TOKEN, "", "https://example.org/hook", fake_api.base_url)
    assert any("TELEGRAM_SECRET" in record.getMessage() for record in caplog.records)
    served, store = serve_channel(channel, rasa)
    try:
        hook = Webhook(served.url, rasa, fake_api, store)
        for secret in (None, "", "anything"):
            assert hook.post(text_update(1012, "hello"), secret=secret).status_code == 403
        assert rasa.received == []
        assert fake_api.requests == [], "no setWebhook without a secret either"
    finally:
        served.stop()


def test_the_webhook_is_registered_after_start(fake_api: HttpRecorder) -> None:
    channel = TelegramInput(TOKEN, SECRET, "https://bot.example.org/webhooks/telegram/webhook", fake_api.base_url)
    served, _ = serve_channel(channel, FakeRasa())
    try:
        (request,) = fake_api.wait_for(lambda request: request.path.endswith("/setWebhook"))
        assert request.path == f"/bot{TOKEN}/setWebhook"
        assert request.json() == {
            "url": "https://bot.example.org/webhooks/telegram/webhook",
            "secret_token": SECRET,
            "allowed_updates": ["message", "callback_query"],
        }
    finally:
        served.stop()


def test_a_failing_set_webhook_is_not_fatal(fake_api: HttpRecorder) -> None:
    fake_api.stop()
    rasa = FakeRasa()
    channel = TelegramInput(TOKEN, SECRET, "https://bot.example.org/hook", fake_api.base_url)
    served, store = serve_channel(channel, rasa)
    try:
        assert Webhook(served.url, rasa, fake_api, store).post(text_update(1013, "hello")).status_code == 200
        assert len(rasa.received) == 1
    finally:
        served.stop()
