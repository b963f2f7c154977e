"""The whole system for end-to-end tests (bot, channels and browser): the real offers API, the action server and
the Rasa server, each started once per test session on free ports (loading the model takes about 40 seconds).
The messenger channels are on, pointed at a local fake Telegram Bot API and a local fake Twilio API."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

# The commands are those `make run` uses (bot/tools/run.py), only on free ports.
from bot.tools.processes import free_port, services_env, start, stop, wait_until_up
from bot.tools.run import MODEL, action_server_command, api_command, rasa_server_command
from tests.fakes.http_recorder import Answer, HttpRecorder, RecordedRequest

ACTION_SERVER_TOKEN = "test-action-server-token"
RASA_API_TOKEN = "test-rasa-api-token"
STAFF_CHANNEL_TOKEN = "test-staff-channel-token"
# The messenger channels' settings in the tests (no real Telegram or Twilio account is ever used).
TELEGRAM_ENV = {"TELEGRAM_TOKEN": "123456:test-token", "TELEGRAM_SECRET": "test-webhook-secret"}
TWILIO_ENV = {
    "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
    "TWILIO_AUTH_TOKEN": "test-twilio-auth-token",
    "TWILIO_NUMBER": "+4922147100000",
}


def clock_shifted(command: list[str], days: int) -> list[str]:
    """The command under Debian's faketime, its clock `days` ahead (-m: libfaketime for threaded programs)."""
    faketime = shutil.which("faketime")
    if faketime is None:
        pytest.fail("faketime is missing: apt-get install faketime (retention tests shift the real clock)")
    return [faketime, "-m", "-f", f"+{days}d", *command]


def service_env(work: Path, api_port: int, action_port: int, rasa_port: int) -> dict[str, str]:
    """The environment of the services in a test: SQLite with demo data in `work`, the ports given, the tokens."""
    return {
        **services_env(
            work,
            api_port,
            action_port,
            rasa_port,
            action_server_token=ACTION_SERVER_TOKEN,
            staff_channel_token=STAFF_CHANNEL_TOKEN,
        ),
        # Rasa's HTTP API on, with a token: tests read the stored conversations through it.
        "RASA_API_TOKEN": RASA_API_TOKEN,
    }


def telegram_answer(request: RecordedRequest) -> Answer:
    return Answer(body={"ok": True, "result": {"message_id": len(request.path)}})


def twilio_answer(request: RecordedRequest) -> Answer:
    return Answer(status=201, body={"sid": "SM" + "0" * 32, "status": "queued"})


@contextmanager
def running_system(work: Path, extra_env: dict[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """Offers API (SQLite with demo data in `work`), action server and Rasa server on free ports, stopped after.

    `extra_env` may name `{rasa}`: it becomes the Rasa server's address (for public webhook addresses)."""
    api_port, action_port, rasa_port = free_port(), free_port(), free_port()
    rasa_url = f"http://127.0.0.1:{rasa_port}"
    env = service_env(work, api_port, action_port, rasa_port)
    env.update({key: value.replace("{rasa}", rasa_url) for key, value in (extra_env or {}).items()})
    processes = [
        start(api_command(api_port), env, work / "api.log"),
        start(action_server_command(action_port), env, work / "actions.log"),
        start(rasa_server_command(rasa_port, env), env, work / "rasa.log"),
    ]
    try:
        wait_until_up(f"http://127.0.0.1:{api_port}/ready", processes[0], "offers API", 60)
        wait_until_up(f"http://127.0.0.1:{action_port}/health", processes[1], "action server", 90)
        wait_until_up(f"http://127.0.0.1:{rasa_port}/", processes[2], "Rasa server", 240)
        yield {
            "rasa": rasa_url,
            "api": f"http://127.0.0.1:{api_port}",
            "logs": str(work),
            "api_token": RASA_API_TOKEN,
            "rasa_pid": str(processes[2].pid),
            "actions_port": action_port,
            "processes": {"api": processes[0], "actions": processes[1], "rasa": processes[2]},
            "database_url": env["DATABASE_URL"],
        }
    finally:
        stop(processes)


@pytest.fixture(scope="session")
def fake_telegram() -> Iterator[HttpRecorder]:
    """A local fake of the Telegram Bot API: records what the bot sends, answers like Telegram."""
    recorder = HttpRecorder(telegram_answer).start()
    yield recorder
    recorder.stop()


@pytest.fixture(scope="session")
def fake_twilio() -> Iterator[HttpRecorder]:
    """A local fake of Twilio's Messages API: records what the bot sends, answers like Twilio."""
    recorder = HttpRecorder(twilio_answer).start()
    yield recorder
    recorder.stop()


@pytest.fixture(scope="session")
def system(
    tmp_path_factory: pytest.TempPathFactory, fake_telegram: HttpRecorder, fake_twilio: HttpRecorder
) -> Iterator[dict[str, Any]]:
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train`")
    channels = {
        **TELEGRAM_ENV,
        "TELEGRAM_API_BASE": fake_telegram.base_url,
        **TWILIO_ENV,
        "TWILIO_API_BASE": fake_twilio.base_url,
        "TWILIO_WEBHOOK_URL": "{rasa}/webhooks/whatsapp/webhook",
    }
    with running_system(tmp_path_factory.mktemp("system"), channels) as urls:
        yield urls
