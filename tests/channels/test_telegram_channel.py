"""The Telegram channel end to end: updates over real HTTP to the Rasa server with the trained model, the real
action server and offers API; the replies arrive at the local fake Telegram Bot API (`fake_telegram`)."""

from __future__ import annotations

import random
import time
from typing import Any

import httpx
import pytest

from bot.channels.conversations import pseudonym
from tests.conftest import TELEGRAM_ENV, telegram_answer
from tests.fakes.http_recorder import Answer, HttpRecorder
from vocabulary.texts import languages as catalogue_languages
from vocabulary.texts import meta, text

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class TelegramChat:
    """One parent in one Telegram chat: sends updates to the webhook and reads what the bot sent to the chat."""

    def __init__(self, rasa: str, telegram: HttpRecorder, language_code: str = "de") -> None:
        self.url = f"{rasa}/webhooks/telegram/webhook"
        self.telegram = telegram
        self.chat_id = random.randint(10**9, 10**10)
        self.update_id = random.randint(1, 10**6)
        self.language_code = language_code

    def post(self, update: dict[str, Any], secret: str | None = TELEGRAM_ENV["TELEGRAM_SECRET"]) -> httpx.Response:
        headers = {SECRET_HEADER: secret} if secret is not None else {}
        return httpx.post(self.url, json=update, headers=headers, timeout=60)

    def calls(self, method: str) -> list[dict[str, Any]]:
        return [request.json() for request in self.telegram.requests if request.path.endswith(f"/{method}")]

    def sent(self) -> list[dict[str, Any]]:
        return [body for body in self.calls("sendMessage") if body.get("chat_id") == self.chat_id]

    def answered(self) -> list[str]:
        ids = [body.get("callback_query_id", "") for body in self.calls("answerCallbackQuery")]
        return [query_id for query_id in ids if query_id.startswith(f"{self.chat_id}-")]

    def _update(self, **content: Any) -> dict[str, Any]:
        self.update_id += 1
        return {"update_id": self.update_id, **content}

    def _sender(self) -> dict[str, Any]:
        return {"id": self.chat_id, "is_bot": False, "first_name": "P", "language_code": self.language_code}

    def message_update(self, body: str) -> dict[str, Any]:
        chat = {"id": self.chat_id, "type": "private"}
        return self._update(message={"message_id": 1, "date": 0, "chat": chat, "from": self._sender(), "text": body})

    def send(self, update: dict[str, Any]) -> list[dict[str, Any]]:
        """The sendMessage bodies of the bot's reply (the webhook answers after the reply is sent)."""
        before = len(self.sent())
        response = self.post(update)
        assert response.status_code == 200, response.text
        return self.sent()[before:]

    def say(self, body: str) -> list[dict[str, Any]]:
        return self.send(self.message_update(body))

    def press(self, button: dict[str, str]) -> list[dict[str, Any]]:
        chat = {"id": self.chat_id, "type": "private"}
        query = {
            "id": f"{self.chat_id}-{self.update_id}",
            "from": self._sender(),
            "message": {"message_id": 2, "date": 0, "chat": chat, "text": "?"},
            "chat_instance": "1",
            "data": button["callback_data"],
        }
        return self.send(self._update(callback_query=query))


def keyboard(bodies: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The buttons of the last message with an inline keyboard (one button per row)."""
    for body in reversed(bodies):
        rows = body.get("reply_markup", {}).get("inline_keyboard")
        if rows:
            assert all(len(row) == 1 for row in rows)
            return [row[0] for row in rows]
    return []


def texts(bodies: list[dict[str, Any]]) -> str:
    return "\n".join(body["text"] for body in bodies)


@pytest.fixture
def chat(system: dict[str, str], fake_telegram: HttpRecorder) -> TelegramChat:
    fake_telegram.responder = telegram_answer
    return TelegramChat(system["rasa"], fake_telegram)


def test_a_pregnant_parent_gets_offers_with_phone_numbers_by_pressing_buttons(chat: TelegramChat) -> None:
    replies = chat.say("Ich bin schwanger und wohne in 44137")
    preferred = {text("need.birth"), text("contact.any"), text("life_phase.schwangerschaft.button")}
    pressed = 0
    for _ in range(4):
        if "0221 4710" in texts(replies):
            break
        buttons = keyboard(replies)
        if buttons:
            choice = next((button for button in buttons if button["text"] in preferred), buttons[0])
            assert 1 <= len(choice["callback_data"].encode()) <= 64
            replies = chat.press(choice)
            pressed += 1
        else:
            replies = chat.say("44137")
    offers = [body for body in replies if "0221 4710" in body["text"]]
    assert offers, texts(replies)
    assert all(text("card.phone") in body["text"] for body in offers)
    assert pressed >= 1, "the questions came with inline buttons"
    assert len(chat.answered()) == pressed, "every button press is answered"
    assert all("parse_mode" not in body for body in chat.sent())


def test_a_crisis_gets_the_emergency_numbers_first(chat: TelegramChat) -> None:
    replies = chat.say("Mein Mann schlägt mich")
    assert replies
    assert "110" in replies[0]["text"]
    assert text("card.emergency") in replies[0]["text"]


def test_start_greets_with_an_inline_keyboard(chat: TelegramChat) -> None:
    replies = chat.say("/start")
    buttons = keyboard(replies)
    assert len(buttons) >= 2
    assert text("need.birth") in [button["text"] for button in buttons]
    assert all(1 <= len(button["callback_data"].encode()) <= 64 for button in buttons)


def test_delete_forgets_the_conversation(system: dict[str, str], fake_telegram: HttpRecorder) -> None:
    fake_telegram.responder = telegram_answer
    asks_place = text("ask.postal_code")
    # Without /delete the bot still knows where the parent lives; after /delete it has to ask again.
    kept, deleted = TelegramChat(system["rasa"], fake_telegram), TelegramChat(system["rasa"], fake_telegram)
    for parent in (kept, deleted):
        parent.say("Ich bin schwanger und wohne in 44137")
    assert deleted.say("/delete") == [{"chat_id": deleted.chat_id, "text": text("channel.deleted")}]
    assert asks_place not in texts(kept.say("Ich brauche Hilfe mit dem Kindergeld"))
    assert asks_place in texts(deleted.say("Ich brauche Hilfe mit dem Kindergeld"))


@pytest.mark.parametrize("secret", [None, "", "wrong-secret"])
def test_updates_without_the_right_secret_are_refused(chat: TelegramChat, secret: str | None) -> None:
    before = len(chat.telegram.requests)
    response = chat.post(chat.message_update("Ich bin schwanger"), secret=secret)
    assert response.status_code == 403
    time.sleep(0.5)
    assert len(chat.telegram.requests) == before


def test_bodies_that_are_no_update_get_400(chat: TelegramChat) -> None:
    headers = {SECRET_HEADER: TELEGRAM_ENV["TELEGRAM_SECRET"], "Content-Type": "application/json"}
    for body in (b"not json", b'{"message": {}}'):
        assert httpx.post(chat.url, content=body, headers=headers, timeout=30).status_code == 400


def test_a_telegram_that_is_down_does_not_break_the_webhook(
    system: dict[str, str], chat: TelegramChat, fake_telegram: HttpRecorder
) -> None:
    port = fake_telegram.port
    fake_telegram.stop()
    try:
        assert chat.post(chat.message_update("Ich bin schwanger")).status_code == 200
        assert httpx.get(f"{system['rasa']}/", timeout=10).status_code == 200
    finally:
        fake_telegram.start(port)
    assert chat.say("/start"), "the channel sends again once Telegram is back"


@pytest.mark.parametrize(
    "answer",
    [
        Answer(status=500, body={"ok": False, "error_code": 500, "description": "Internal Server Error"}),
        Answer(status=429, body={"ok": False, "error_code": 429, "parameters": {"retry_after": 30}}),
        Answer(status=200, body={"ok": False, "error_code": 400, "description": "Bad Request"}),
    ],
)
def test_a_failing_telegram_api_does_not_break_the_webhook(
    system: dict[str, str], chat: TelegramChat, fake_telegram: HttpRecorder, answer: Answer
) -> None:
    fake_telegram.responder = lambda request: answer
    try:
        assert chat.post(chat.message_update("/start")).status_code == 200
        assert chat.sent(), "the channel tried to send"
        assert httpx.get(f"{system['rasa']}/", timeout=10).status_code == 200
    finally:
        fake_telegram.responder = telegram_answer
    assert chat.say("/start")


def test_a_429_with_a_short_wait_is_sent_again(chat: TelegramChat, fake_telegram: HttpRecorder) -> None:
    answers = iter([Answer(status=429, body={"ok": False, "error_code": 429, "parameters": {"retry_after": 1}})])
    fake_telegram.responder = lambda request: next(answers, telegram_answer(request))
    try:
        replies = chat.say("/start")
    finally:
        fake_telegram.responder = telegram_answer
    assert len(replies) >= 2
    assert replies[0] == replies[1], "the refused message was sent once more"


def test_a_photo_gets_the_text_only_answer(chat: TelegramChat) -> None:
    update = chat.message_update("")
    del update["message"]["text"]
    update["message"]["sticker"] = {"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}
    assert chat.send(update) == [{"chat_id": chat.chat_id, "text": text("channel.text_only")}]


def test_the_apps_language_goes_into_the_language_slot(system: dict[str, Any], fake_telegram: HttpRecorder) -> None:
    fake_telegram.responder = telegram_answer
    chat = TelegramChat(system["rasa"], fake_telegram, language_code="tr")
    assert chat.say("/start")
    # The tracker store knows the chat only by its pseudonym.
    sender = pseudonym("telegram", str(chat.chat_id), TELEGRAM_ENV["TELEGRAM_TOKEN"])
    tracker = httpx.get(
        f"{system['rasa']}/conversations/{sender}/tracker", params={"token": system["api_token"]}, timeout=10
    ).json()
    assert tracker["slots"]["language"] == "tr"
    assert str(chat.chat_id) not in str(tracker)


def test_a_parent_writing_ukrainian_is_answered_in_ukrainian_and_switches_by_button(
    system: dict[str, Any], fake_telegram: HttpRecorder
) -> None:
    fake_telegram.responder = telegram_answer
    chat = TelegramChat(system["rasa"], fake_telegram, language_code="de")
    replies = chat.say("Добрий день, шукаю місце в дитячому садку для сина, йому три роки")
    assert text("ask.postal_code", "uk") in texts(replies)
    # A greeting that starts a conversation: Ukrainian by its letters, with the needs and the language button.
    greeter = TelegramChat(system["rasa"], fake_telegram, language_code="de")
    greeting = greeter.say("привіт")
    (other,) = [button for button in keyboard(greeting) if button["text"] == text("language.other", "uk")]
    languages = keyboard(greeter.press(other))
    assert [button["text"] for button in languages] == [meta(code)["name"] for code in catalogue_languages()]
    (arabic,) = [button for button in languages if button["text"] == meta("ar")["name"]]
    assert texts(greeter.press(arabic)) == text("language.chosen", "ar")
