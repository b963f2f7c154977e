"""The intake proxy to Rasa's staff channel (a local fake server here) and the anonymous counts with their CSV."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable

from api.clock import system_clock
from api.settings import Settings
from tests.api.staff.conftest import STAFF_CHANNEL_TOKEN, Browser, FakeRasa, expected_sender
from vocabulary.texts import text

COLUMNS = ["month", "municipality_ags", "municipality", "need", "need_label", "intakes", "without_fitting_offer"]


def _say(browser: Browser, intake_id: str, message: str, language: str = "tr") -> dict:
    response = browser.write(
        "POST", "/intake/messages", {"intake_id": intake_id, "text": message, "language": language}
    )
    assert response.status_code == 200, response.text
    return response.json()


def _statistics(browser: Browser) -> list[dict[str, str]]:
    response = browser.get("/statistics.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.text.splitlines()[0] == ",".join(COLUMNS)
    return list(csv.DictReader(io.StringIO(response.text)))


def test_messages_go_to_the_staff_channel_with_the_token_and_a_keyed_sender(
    dortmund: Browser, fake_rasa: FakeRasa, client: object
) -> None:
    intake_id = str(uuid.uuid4())
    reply = _say(dortmund, intake_id, "/greet")
    assert reply["messages"][0]["custom"]["type"] == "ask"
    assert reply["messages"][0]["text"].startswith("Fragen Sie:")
    [sent] = fake_rasa.requests
    assert sent.method == "POST" and sent.path == "/webhooks/staff/webhook"
    assert sent.headers["authorization"] == f"Bearer {STAFF_CHANNEL_TOKEN}"
    body = sent.json()
    settings: Settings = dortmund.client.app.state.settings  # type: ignore[attr-defined]
    assert body == {
        "sender": expected_sender(intake_id, settings.intake_sender_secret),
        "message": "/greet",
        "metadata": {"language": "de"},
    }
    assert intake_id not in sent.body.decode() and intake_id.replace("-", "") not in sent.body.decode()
    # The same intake keeps its sender; another intake gets another one.
    _say(dortmund, intake_id, "hallo")
    _say(dortmund, str(uuid.uuid4()), "hallo")
    senders = [request.json()["sender"] for request in fake_rasa.requests]
    assert senders[0] == senders[1] != senders[2]


def test_forgetting_an_intake_deletes_the_conversation_in_rasa(dortmund: Browser, fake_rasa: FakeRasa) -> None:
    intake_id = str(uuid.uuid4())
    _say(dortmund, intake_id, "/greet")
    assert dortmund.write("DELETE", f"/intake/{intake_id}").status_code == 204
    forget = fake_rasa.requests[-1]
    assert forget.path == "/webhooks/staff/forget"
    assert forget.headers["authorization"] == f"Bearer {STAFF_CHANNEL_TOKEN}"
    assert forget.json() == {"sender": fake_rasa.requests[0].json()["sender"]}
    assert dortmund.write("DELETE", "/intake/keine-uuid").status_code == 404
    assert dortmund.write("DELETE", "/intake/messages").status_code == 405


def test_intake_input_is_checked(dortmund: Browser, fake_rasa: FakeRasa) -> None:
    good = {"intake_id": str(uuid.uuid4()), "text": "hallo", "language": "de"}
    for bad in ({"intake_id": "123"}, {"text": ""}, {"text": "x" * 1001}, {"language": "xx"}):
        assert dortmund.write("POST", "/intake/messages", {**good, **bad}).status_code == 422, bad
    assert fake_rasa.requests == []


def test_rasa_down_is_a_plain_503(dortmund: Browser, fake_rasa: FakeRasa) -> None:
    fake_rasa.recorder.stop()
    response = dortmund.write("POST", "/intake/messages", {"intake_id": str(uuid.uuid4()), "text": "/greet"})
    assert response.status_code == 503
    assert response.json()["detail"] == text("api.staff.intake_down", "de")
    assert response.json()["detail_en"] == text("api.staff.intake_down", "en")


def test_a_broken_answer_of_rasa_is_a_plain_503(dortmund: Browser, fake_rasa: FakeRasa) -> None:
    from tests.fakes.http_recorder import Answer

    for answer in (Answer(status=500, body={"error": "x"}), Answer(body={"not": "a list"}), Answer(body=b"<html>")):
        fake_rasa.recorder.responder = lambda request, answer=answer: answer
        response = dortmund.write("POST", "/intake/messages", {"intake_id": str(uuid.uuid4()), "text": "/greet"})
        assert response.status_code == 503, answer
        assert response.json()["detail"] == text("api.staff.intake_down", "de")


def test_without_the_channel_token_the_intake_is_not_available(
    dortmund: Browser, settings_override: Callable[..., None]
) -> None:
    settings_override(staff_channel_token="")
    intake_id = str(uuid.uuid4())
    response = dortmund.write("POST", "/intake/messages", {"intake_id": intake_id, "text": "/greet"})
    assert response.status_code == 503
    assert response.json()["detail"] == text("api.staff.intake_unavailable", "de")
    # Nothing to forget where no conversation could start.
    assert dortmund.write("DELETE", f"/intake/{intake_id}").status_code == 204


def test_offers_replies_are_counted_anonymously(dortmund: Browser, koeln: Browser, fake_rasa: FakeRasa) -> None:
    before = {(row["need"], row["municipality_ags"]): row for row in _statistics(dortmund)}
    intake_id = str(uuid.uuid4())
    _say(dortmund, intake_id, "/greet")
    _say(dortmund, intake_id, "mit angebot")
    _say(dortmund, str(uuid.uuid4()), "mit angebot")
    _say(dortmund, str(uuid.uuid4()), "ohne angebot")
    _say(dortmund, str(uuid.uuid4()), "nur ersatz")
    _say(dortmund, str(uuid.uuid4()), "ohne thema")
    rows = _statistics(dortmund)
    month = system_clock().strftime("%Y-%m")
    counted = {(row["need"], row["municipality_ags"]): row for row in rows if row["month"] == month}

    def grown(need: str, column: str) -> int:
        old = before.get((need, "05913000"))
        return int(counted[(need, "05913000")][column]) - (int(old[column]) if old else 0)

    assert grown("familienbuero", "intakes") == 2 and grown("familienbuero", "without_fitting_offer") == 0
    assert grown("beratung", "intakes") == 2 and grown("beratung", "without_fitting_offer") == 2
    assert grown("", "intakes") == 1
    row = counted[("familienbuero", "05913000")]
    assert row["municipality"] == "Dortmund"
    assert row["need_label"] == text("category.familienbuero.label", "de")
    assert counted[("", "05913000")]["need_label"] == text("api.staff.statistics.need_unknown", "de")
    # No personal data: nothing the page or Rasa saw besides the counted facts.
    csv_text = dortmund.get("/statistics.csv").text
    for personal in (intake_id, fake_rasa.requests[0].json()["sender"], "fachkraft", "Familienbüro Nord"):
        assert personal not in csv_text
    # Counted for the staff member's Jugendamt only.
    assert all(row["municipality_ags"] != "05913000" or row["month"] != month for row in _statistics(koeln))


def test_statistics_need_a_login(browser: Browser) -> None:
    assert browser.get("/statistics.csv").status_code == 401
