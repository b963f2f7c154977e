"""The WhatsApp channel over real HTTP: Twilio's signed form posts in, Messages API posts out.

First the channel alone: its blueprint in a local Sanic server with a scripted stand-in for Rasa and a local fake
of Twilio's API. Then the whole system (trained model, action server, offers API) through the channel.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from rasa.core.channels.channel import UserMessage
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot.channels.whatsapp.channel import WhatsAppInput, settings_from_environment
from bot.channels.whatsapp.client import TwilioSettings
from bot.channels.whatsapp.render import MAX_BODY_CHARS
from bot.stores import MemoryConversations
from tests.conftest import TWILIO_ENV, free_port, twilio_answer
from tests.fakes.http_recorder import Answer, HttpRecorder, RecordedRequest
from vocabulary import messages
from vocabulary.texts import text

SID, TOKEN, NUMBER = TWILIO_ENV["TWILIO_ACCOUNT_SID"], TWILIO_ENV["TWILIO_AUTH_TOKEN"], TWILIO_ENV["TWILIO_NUMBER"]
PUBLIC_URL = "https://familiennavi.example.org/webhooks/whatsapp/webhook"
MESSAGES_PATH = f"/2010-04-01/Accounts/{SID}/Messages.json"

TOPIC_QUESTION: dict[str, Any] = {
    "text": "Wobei brauchen Sie Hilfe?",
    "buttons": [
        {"title": "Schwangerschaft und Geburt", "payload": "/need_birth"},
        {"title": "Geld und Anträge", "payload": "/need_money"},
    ],
    "custom": messages.ask("topic", "choice"),
}
AGE_QUESTION: dict[str, Any] = {
    "text": "Wie alt ist Ihr Kind?",
    "buttons": [
        {"title": "Ich bin schwanger", "payload": "/pregnant"},
        {"title": "Jünger als 1 Jahr", "payload": "/baby"},
    ],
    "custom": messages.ask("child_age", "number"),
}
CRISIS: dict[str, Any] = {
    "text": "Das tut mir leid.",
    "custom": messages.emergency("violence", [{"label": "Polizei", "phone": "110", "hours": "immer"}]),
}


def new_phone() -> str:
    return "whatsapp:+49151" + str(uuid.uuid4().int)[:8]


def twilio_form(phone: str, body: str, **extra: str) -> dict[str, str]:
    return {
        "MessageSid": "SM" + uuid.uuid4().hex,
        "AccountSid": SID,
        "From": phone,
        "To": f"whatsapp:{NUMBER}",
        "Body": body,
        "NumMedia": "0",
        "ProfileName": "Test",
        **extra,
    }


def post(url: str, form: dict[str, str], *, signed_url: str | None = None, token: str = TOKEN) -> httpx.Response:
    signature = RequestValidator(token).compute_signature(signed_url or url, form)
    return httpx.post(url, data=form, headers={"X-Twilio-Signature": signature}, timeout=60)


def sent_to(recorder: HttpRecorder, phone: str) -> list[dict[str, str]]:
    forms = [request.form() for request in list(recorder.requests) if request.path == MESSAGES_PATH]
    return [form for form in forms if form.get("To") == phone]


# The channel alone --------------------------------------------------------------------------------------------


class ScriptedRasa:
    """Stands in for Rasa: records what reaches it, stores the turn in a real tracker store, answers as told."""

    def __init__(self) -> None:
        self.store = MemoryConversations(Domain.empty())
        self.received: list[UserMessage] = []
        self.replies: dict[str, list[dict[str, Any]]] = {}

    async def on_new_message(self, message: UserMessage) -> None:
        self.received.append(message)
        if message.text == "boom":
            raise RuntimeError("the dialogue failed")
        replies = self.replies.get(message.text or "", [{"text": "Danke."}])
        tracker = await self.store.get_or_create_tracker(message.sender_id)
        tracker.update(UserUttered(message.text))
        for reply in replies:
            tracker.update(BotUttered(reply.get("text"), {key: reply.get(key) for key in ("buttons", "custom")}))
        await self.store.save(tracker)
        for reply in replies:
            await message.output_channel.send_response(message.sender_id, dict(reply))

    @property
    def texts(self) -> list[str | None]:
        return [message.text for message in self.received]


@contextmanager
def serve(channel: WhatsAppInput, rasa: ScriptedRasa) -> Iterator[str]:
    """The channel's blueprint in a real Sanic server on a free port (its own thread and event loop)."""
    # Test mode lets Sanic start more than one app in a process (as sanic-testing does).
    Sanic.test_mode = True
    app = Sanic(f"whatsapp_test_{uuid.uuid4().hex[:8]}")
    app.ctx.agent = SimpleNamespace(tracker_store=rasa.store)
    app.blueprint(channel.blueprint(rasa.on_new_message), url_prefix="/webhooks/whatsapp")

    # Rasa's own root route: an app always has one, even when this channel adds none.
    @app.get("/")
    async def root(request: Request) -> HTTPResponse:
        return response.text("Hello from Rasa")

    port = free_port()
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    servers: list[Any] = []

    async def start() -> None:
        server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False)
        assert server is not None
        await server.startup()
        await server.start_serving()
        servers.append(server)
        ready.set()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(start())
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(20), "the test server did not start"
    try:
        yield f"http://127.0.0.1:{port}/webhooks/whatsapp/webhook"
    finally:

        async def shutdown() -> None:
            servers[0].close()
            await servers[0].wait_closed()

        asyncio.run_coroutine_threadsafe(shutdown(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


def twilio_created(request: RecordedRequest) -> Answer:
    return Answer(status=201, body={"sid": "SM" + "0" * 32, "status": "queued"})


@pytest.fixture(scope="module")
def local_twilio() -> Iterator[HttpRecorder]:
    recorder = HttpRecorder(twilio_created).start()
    yield recorder
    recorder.stop()


@pytest.fixture
def twilio(local_twilio: HttpRecorder) -> Iterator[HttpRecorder]:
    local_twilio.clear()
    yield local_twilio
    local_twilio.responder = twilio_created


def local_settings(recorder: HttpRecorder, webhook_url: str = PUBLIC_URL) -> TwilioSettings:
    return TwilioSettings(SID, TOKEN, NUMBER, api_base=recorder.base_url, webhook_url=webhook_url)


@pytest.fixture
def rasa() -> ScriptedRasa:
    return ScriptedRasa()


@pytest.fixture
def webhook(twilio: HttpRecorder, rasa: ScriptedRasa) -> Iterator[str]:
    with serve(WhatsAppInput(local_settings(twilio)), rasa) as url:
        yield url


def say(url: str, phone: str, body: str, **extra: str) -> httpx.Response:
    response = post(url, twilio_form(phone, body, **extra), signed_url=PUBLIC_URL)
    assert response.status_code == 200, response.text
    return response


def test_a_signed_message_reaches_rasa_under_a_pseudonym_and_the_reply_goes_out(
    webhook: str, twilio: HttpRecorder, rasa: ScriptedRasa
) -> None:
    phone = new_phone()
    response = say(webhook, phone, "Hallo")
    assert response.headers["content-type"].startswith("text/xml")
    assert response.text.endswith("<Response/>")
    (message,) = rasa.received
    assert message.text == "Hallo"
    assert message.sender_id.startswith("whatsapp-")
    assert phone.removeprefix("whatsapp:+") not in message.sender_id
    (request,) = twilio.requests
    assert request.method == "POST" and request.path == MESSAGES_PATH
    assert httpx.BasicAuth(SID, TOKEN)._auth_header == request.headers["authorization"]
    assert request.form() == {"From": f"whatsapp:{NUMBER}", "To": phone, "Body": "Danke."}


def test_the_same_phone_is_the_same_conversation_and_another_phone_another(webhook: str, rasa: ScriptedRasa) -> None:
    first, second = new_phone(), new_phone()
    say(webhook, first, "eins")
    say(webhook, first, "zwei")
    say(webhook, second, "drei")
    senders = [message.sender_id for message in rasa.received]
    assert senders[0] == senders[1] != senders[2]


@pytest.mark.parametrize(
    "signature",
    [
        None,
        "",
        "not-a-signature",
        RequestValidator("another-token").compute_signature(PUBLIC_URL, twilio_form("whatsapp:+491510", "Hallo")),
    ],
)
def test_a_missing_or_wrong_signature_is_refused_before_anything_runs(
    webhook: str, twilio: HttpRecorder, rasa: ScriptedRasa, signature: str | None
) -> None:
    headers = {} if signature is None else {"X-Twilio-Signature": signature}
    response = httpx.post(webhook, data=twilio_form("whatsapp:+491510", "Hallo"), headers=headers, timeout=10)
    assert response.status_code == 403
    assert rasa.received == [] and twilio.requests == []


def test_a_signature_over_other_parameters_or_another_address_is_refused(
    webhook: str, twilio: HttpRecorder, rasa: ScriptedRasa
) -> None:
    form = twilio_form(new_phone(), "Hallo")
    signature = RequestValidator(TOKEN).compute_signature(PUBLIC_URL, form)
    tampered = httpx.post(webhook, data={**form, "Body": "STOP"}, headers={"X-Twilio-Signature": signature})
    assert tampered.status_code == 403
    # With TWILIO_WEBHOOK_URL set, the signature must be over that public address, not the local one.
    assert post(webhook, form).status_code == 403
    assert rasa.received == [] and twilio.requests == []


def test_without_a_public_address_the_request_url_is_signed(twilio: HttpRecorder, rasa: ScriptedRasa) -> None:
    with serve(WhatsAppInput(local_settings(twilio, webhook_url="")), rasa) as url:
        assert post(url, twilio_form(new_phone(), "Hallo")).status_code == 200
        assert post(url, twilio_form(new_phone(), "Hallo"), signed_url=PUBLIC_URL).status_code == 403
    assert rasa.texts == ["Hallo"]


def test_a_body_that_cannot_be_parsed_is_refused(webhook: str, twilio: HttpRecorder, rasa: ScriptedRasa) -> None:
    form = twilio_form(new_phone(), "Hallo")
    signature = RequestValidator(TOKEN).compute_signature(PUBLIC_URL, form)
    headers = {"X-Twilio-Signature": signature, "Content-Type": "application/x-www-form-urlencoded"}
    for body in (b"Body=%FF%FE&From=x", b"\xff\xfe\xfd", b"no-equals-sign&&"):
        assert httpx.post(webhook, content=body, headers=headers).status_code == 400
    # Signed, but not from a WhatsApp sender.
    assert post(webhook, {"Body": "Hallo"}, signed_url=PUBLIC_URL).status_code == 400
    assert rasa.received == [] and twilio.requests == []


def test_a_number_answers_the_latest_choices_with_their_payload(
    webhook: str, twilio: HttpRecorder, rasa: ScriptedRasa
) -> None:
    rasa.replies["Hallo"] = [TOPIC_QUESTION]
    phone = new_phone()
    say(webhook, phone, "Hallo")
    (question,) = sent_to(twilio, phone)
    assert "1 Schwangerschaft und Geburt\n2 Geld und Anträge" in question["Body"]
    say(webhook, phone, "2")
    # The choices belong to the bot's latest turn only: after it has answered, "1" is just "1".
    say(webhook, phone, "1")
    assert rasa.texts == ["Hallo", "/need_money", "1"]


def test_when_the_question_wants_a_number_letters_pick_and_numbers_stay_numbers(
    webhook: str, twilio: HttpRecorder, rasa: ScriptedRasa
) -> None:
    rasa.replies["Hallo"] = rasa.replies["2"] = [AGE_QUESTION]
    phone = new_phone()
    say(webhook, phone, "Hallo")
    assert "A Ich bin schwanger\nB Jünger als 1 Jahr" in sent_to(twilio, phone)[0]["Body"]
    say(webhook, phone, "2")
    say(webhook, phone, "b")
    assert rasa.texts == ["Hallo", "2", "/baby"]


def test_choices_are_found_in_the_tracker_store_not_in_the_process(twilio: HttpRecorder, rasa: ScriptedRasa) -> None:
    # Two replicas sharing one tracker store: the question is asked by one, answered through the other.
    rasa.replies["Hallo"] = [TOPIC_QUESTION]
    phone = new_phone()
    with serve(WhatsAppInput(local_settings(twilio)), rasa) as first:
        say(first, phone, "Hallo")
    with serve(WhatsAppInput(local_settings(twilio)), rasa) as second:
        say(second, phone, "1")
    assert rasa.texts == ["Hallo", "/need_birth"]


def test_replies_are_sent_in_reading_order(webhook: str, twilio: HttpRecorder, rasa: ScriptedRasa) -> None:
    rasa.replies["Hilfe"] = [CRISIS, TOPIC_QUESTION]
    phone = new_phone()
    say(webhook, phone, "Hilfe")
    bodies = [form["Body"] for form in sent_to(twilio, phone)]
    assert len(bodies) == 3
    assert "110" in bodies[0]
    assert bodies[1] == "Das tut mir leid."
    assert bodies[2].startswith("Wobei brauchen Sie Hilfe?")


def test_long_replies_are_split_below_the_limit(webhook: str, twilio: HttpRecorder, rasa: ScriptedRasa) -> None:
    rasa.replies["lang"] = [{"text": "\n".join(["Ein Satz mit einigen Wörtern darin."] * 120)}]
    phone = new_phone()
    say(webhook, phone, "lang")
    bodies = [form["Body"] for form in sent_to(twilio, phone)]
    assert len(bodies) >= 3
    assert all(len(body) <= MAX_BODY_CHARS for body in bodies)
    assert sum(body.count("Ein Satz") for body in bodies) == 120


def test_media_without_text_gets_the_text_only_answer_and_does_not_reach_rasa(
    webhook: str, twilio: HttpRecorder, rasa: ScriptedRasa
) -> None:
    phone = new_phone()
    media = {"NumMedia": "1", "MediaUrl0": "https://api.twilio.com/media/1", "MediaContentType0": "image/jpeg"}
    say(webhook, phone, "", **media)
    assert [form["Body"] for form in sent_to(twilio, phone)] == [text("channel.text_only", "de")]
    assert rasa.received == []


def test_a_too_long_message_is_refused_kindly(webhook: str, twilio: HttpRecorder, rasa: ScriptedRasa) -> None:
    phone = new_phone()
    say(webhook, phone, "a" * 1001)
    assert [form["Body"] for form in sent_to(twilio, phone)] == [text("channel.too_long", "de")]
    assert rasa.received == []


@pytest.mark.parametrize("command", ["STOP", "stop", " Löschen ", "LÖSCHEN"])
def test_stop_or_loeschen_deletes_the_conversation(
    webhook: str, twilio: HttpRecorder, rasa: ScriptedRasa, command: str
) -> None:
    rasa.replies["Hallo"] = [TOPIC_QUESTION]
    phone = new_phone()
    say(webhook, phone, "Hallo")
    sender = rasa.received[0].sender_id
    assert sender in rasa.store.store
    say(webhook, phone, command)
    assert sender not in rasa.store.store
    assert sent_to(twilio, phone)[-1]["Body"] == text("channel.deleted", "de")
    # The question is forgotten with the rest: "1" no longer picks a choice.
    say(webhook, phone, "1")
    assert rasa.texts == ["Hallo", "1"]


def test_a_message_that_only_mentions_stop_is_not_a_command(webhook: str, rasa: ScriptedRasa) -> None:
    say(webhook, new_phone(), "Stop, ich habe eine Frage")
    assert rasa.texts == ["Stop, ich habe eine Frage"]


def test_when_rasa_fails_the_parent_is_told_and_twilio_gets_a_200(
    webhook: str, twilio: HttpRecorder, rasa: ScriptedRasa
) -> None:
    phone = new_phone()
    say(webhook, phone, "boom")
    bodies = [form["Body"] for form in sent_to(twilio, phone)]
    # Emergency numbers first and on their own, then the honest words.
    assert bodies[0].startswith(text("card.emergency", "de")) and "0800 111 0 550" in bodies[0]
    assert bodies[1:] == [text("channel.disturbed", "de")]


def test_a_failing_twilio_api_is_logged_without_personal_data(
    webhook: str, twilio: HttpRecorder, rasa: ScriptedRasa, caplog: pytest.LogCaptureFixture
) -> None:
    rasa.replies["Hilfe"] = [CRISIS, TOPIC_QUESTION]
    twilio.responder = lambda request: Answer(status=500, body={"message": "broken"})
    phone = new_phone()
    with caplog.at_level(logging.DEBUG):
        say(webhook, phone, "Hilfe")
    # After the first failure the rest is not sent (it would arrive out of order).
    assert len(sent_to(twilio, phone)) == 1
    assert "500" in caplog.text
    for secret in (phone, phone.removeprefix("whatsapp:"), "Hilfe", "Das tut mir leid", TOKEN):
        assert secret not in caplog.text
    twilio.responder = twilio_created
    say(webhook, phone, "Hallo")
    assert sent_to(twilio, phone)[-1]["Body"] == "Danke."


def test_an_unreachable_twilio_api_does_not_break_the_webhook(twilio: HttpRecorder, rasa: ScriptedRasa) -> None:
    unreachable = TwilioSettings(SID, TOKEN, NUMBER, api_base=f"http://127.0.0.1:{free_port()}", webhook_url="")
    with serve(WhatsAppInput(unreachable), rasa) as url:
        assert post(url, twilio_form(new_phone(), "Hallo")).status_code == 200
        assert post(url, twilio_form(new_phone(), "Hallo")).status_code == 200
    assert rasa.texts == ["Hallo", "Hallo"]


def test_the_channel_is_off_without_all_three_settings(rasa: ScriptedRasa) -> None:
    assert settings_from_environment(TWILIO_ENV) is not None
    for missing in TWILIO_ENV:
        assert settings_from_environment({**TWILIO_ENV, missing: ""}) is None
    with serve(WhatsAppInput(None), rasa) as url:
        assert post(url, twilio_form(new_phone(), "Hallo")).status_code == 404
    assert rasa.received == []


def test_settings_are_never_printed() -> None:
    settings = settings_from_environment(TWILIO_ENV)
    assert TOKEN not in repr(settings) and SID not in repr(settings)


# The whole system ---------------------------------------------------------------------------------------------


class Parent:
    """A parent on WhatsApp: signed posts to the real Rasa server, replies read from the fake Twilio API."""

    def __init__(self, system: dict[str, str], twilio: HttpRecorder) -> None:
        self.url = f"{system['rasa']}/webhooks/whatsapp/webhook"
        self.twilio = twilio
        self.phone = new_phone()

    def say(self, body: str, **extra: str) -> list[str]:
        """The bodies sent to this parent in answer (the webhook answers after sending)."""
        before = len(sent_to(self.twilio, self.phone))
        response = post(self.url, twilio_form(self.phone, body, **extra))
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/xml")
        forms = sent_to(self.twilio, self.phone)
        for form in forms:
            assert form["From"] == f"whatsapp:{NUMBER}"
            assert len(form["Body"]) <= MAX_BODY_CHARS
        return [form["Body"] for form in forms[before:]]


def choices(body: str) -> dict[str, str]:
    """The choices offered in a body: label ("1", "A") → title."""
    found = {}
    for line in body.splitlines():
        label, _, title = line.partition(" ")
        if title and (label.isdigit() or (len(label) == 1 and label.isupper())):
            found[label] = title
    return found


@pytest.fixture
def parent(system: dict[str, str], fake_twilio: HttpRecorder) -> Parent:
    return Parent(system, fake_twilio)


def test_a_pregnant_parent_answers_by_number_and_gets_offers(parent: Parent) -> None:
    replies = parent.say("Ich bin schwanger und wohne in 44137")
    answered_by_choice = False
    for _ in range(5):
        if any("0221 4710" in body for body in replies):
            break
        offered = choices(replies[-1])
        if offered:
            fitting = [label for label, title in offered.items() if any(w in title for w in ("Geburt", "egal", "Egal"))]
            replies = parent.say((fitting or list(offered))[0])
            answered_by_choice = True
        else:
            replies = parent.say("44137")
    assert answered_by_choice, "the dialogue asked nothing with choices"
    offers = [body for body in replies if "0221 4710" in body]
    assert 1 <= len(offers) <= 3
    assert all(text("card.example", "de") in body for body in offers)


def test_a_crisis_message_gets_the_emergency_numbers_first(parent: Parent) -> None:
    replies = parent.say("Mein Mann schlägt mich")
    assert "110" in replies[0]


def test_loeschen_deletes_the_conversation(system: dict[str, str], fake_twilio: HttpRecorder) -> None:
    deleting, keeping = Parent(system, fake_twilio), Parent(system, fake_twilio)
    asks_for_place = text("ask.postal_code", "de")
    for someone in (deleting, keeping):
        assert not any(asks_for_place in body for body in someone.say("Ich wohne in 44137"))
    assert deleting.say("Löschen") == [text("channel.deleted", "de")]
    # Only the conversation that was deleted has forgotten where the parent lives.
    assert any(asks_for_place in body for body in deleting.say("Ich bin schwanger"))
    assert not any(asks_for_place in body for body in keeping.say("Ich bin schwanger"))


def test_a_wrong_or_missing_signature_gets_403_and_no_reply(parent: Parent) -> None:
    form = twilio_form(parent.phone, "Mein Mann schlägt mich")
    assert httpx.post(parent.url, data=form, timeout=10).status_code == 403
    assert post(parent.url, form, token="another-token").status_code == 403
    assert sent_to(parent.twilio, parent.phone) == []


def test_a_failing_twilio_api_does_not_break_the_server(
    system: dict[str, str], fake_twilio: HttpRecorder, parent: Parent
) -> None:
    port = fake_twilio.port
    fake_twilio.stop()
    try:
        response = post(parent.url, twilio_form(parent.phone, "Hallo"))
        assert response.status_code == 200
        assert httpx.get(f"{system['rasa']}/", timeout=10).status_code == 200
    finally:
        fake_twilio.start(port)
    fake_twilio.responder = lambda request: Answer(status=500, body={"message": "internal error"})
    try:
        response = post(parent.url, twilio_form(parent.phone, "Hallo"))
        assert response.status_code == 200
        assert len(sent_to(fake_twilio, parent.phone)) == 1
    finally:
        fake_twilio.responder = twilio_answer
    assert parent.say("Mein Mann schlägt mich")
    log = (Path(system["logs"]) / "rasa.log").read_text(encoding="utf-8", errors="replace")
    assert parent.phone.removeprefix("whatsapp:") not in log


def test_a_picture_without_text_gets_the_text_only_answer(parent: Parent) -> None:
    media = {"NumMedia": "1", "MediaUrl0": "https://api.twilio.com/media/1", "MediaContentType0": "image/jpeg"}
    assert parent.say("", **media) == [text("channel.text_only", "de")]


def test_a_parent_writing_arabic_is_answered_in_arabic_and_switches_by_number(
    parent: Parent, system: dict[str, str], fake_twilio: HttpRecorder
) -> None:
    replies = parent.say("مرحبا، بدي مساعدة بطلب الكيندرغيلد، ما بفهم الاوراق")
    assert any(text("ask.postal_code", "ar") in body for body in replies)
    # Another parent greets in Arabic: the needs and the language button come in Arabic.
    greeting = Parent(system, fake_twilio)
    offered = choices(greeting.say("مرحبا")[-1])
    (other,) = [label for label, title in offered.items() if title == text("language.other", "ar")]
    languages = choices(greeting.say(other)[-1])
    (ukrainian,) = [label for label, title in languages.items() if title == "Українська"]
    assert any(text("language.chosen", "uk") in body for body in greeting.say(ukrainian))
