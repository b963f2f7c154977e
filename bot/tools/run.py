"""Start the whole system and keep it running: offers API (:8000), action server (:5055), Rasa server (:5005).

    python -m bot.tools.run        (what `make run` calls)

Starts the services one after the other, waits until each answers and prints one line per step. A service that
stops is started again, after a pause that doubles each time (1 s up to 30 s). SIGINT (Ctrl-C), SIGTERM and
SIGHUP stop all services, also when `make run` was started in the background. Each service writes its messages
to var/log/<service>.log; when one fails, its last lines are shown. A port that is already taken is named
before anything starts.

Everything listens on 127.0.0.1. Rasa's HTTP API is off unless RASA_API_TOKEN is set (then it needs that token).
The action server takes calls only with ACTION_SERVER_TOKEN, Rasa's staff channel only with STAFF_CHANNEL_TOKEN
(each a random one per start when not set). Rasa reads
endpoints.yml with ENDPOINT_DEFAULTS filled in for what the environment does not set.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[2]
API_BIN = ROOT / ".venv" / "api" / "bin"
BOT_BIN = ROOT / ".venv" / "bot" / "bin"
# FAMILIENNAVI_MODEL: another trained model (an experiment, in end-to-end tests); default: what `make train` makes.
MODEL = Path(os.environ.get("FAMILIENNAVI_MODEL") or ROOT / "models" / "familiennavi.tar.gz")
ENDPOINTS = ROOT / "endpoints.yml"
LOG_DIR = ROOT / "var" / "log"
ACTION_PORT = 5055
RASA_PORT = 5005
# The values endpoints.yml substitutes, where the environment does not set them.
ENDPOINT_DEFAULTS = {
    "ACTION_SERVER_URL": f"http://127.0.0.1:{ACTION_PORT}/webhook",
    "ACTION_SERVER_TOKEN": "",
    "REDIS_URL": "",
    # A silent conversation is forgotten after this many seconds (families' data: keep it short).
    "TRACKER_EXPIRY_SECONDS": "3600",
}
FIRST_BACKOFF_SECONDS = 1.0
MAX_BACKOFF_SECONDS = 30.0
# A service that ran this long without stopping starts the next crash with the first pause again.
STABLE_AFTER_SECONDS = 60.0
STOP_GRACE_SECONDS = 15.0


@dataclass
class Service:
    name: str
    port: int
    command: list[str]
    health_path: str
    start_timeout: float
    log_name: str
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    backoff: float = FIRST_BACKOFF_SECONDS
    restart_at: float | None = None
    restarts: int = field(default=0)

    @property
    def log_path(self) -> Path:
        return LOG_DIR / f"{self.log_name}.log"


def port_taken(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def healthy(service: Service) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{service.port}{service.health_path}", timeout=2) as answer:
            return bool(answer.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def api_command(port: int) -> list[str]:
    return [str(API_BIN / "uvicorn"), "api.main:app", "--host", "127.0.0.1", "--port", str(port), "--no-access-log"]


def action_server_command(port: int) -> list[str]:
    """Our action server (actions/server.py): 127.0.0.1 and the shared token; the port comes from the env."""
    return [str(BOT_BIN / "python"), "-m", "actions.server", "--port", str(port)]


def rasa_server_command(port: int, env: Mapping[str, str] = os.environ) -> list[str]:
    """Rasa through bot/server.py (start-up patches); its HTTP API only with RASA_API_TOKEN."""
    command = [
        str(BOT_BIN / "python"), "-m", "bot.server", "run", "--model", str(MODEL), "--endpoints", str(ENDPOINTS),
        "--credentials", str(ROOT / "credentials.yml"), "--port", str(port), "--interface", "127.0.0.1",
    ]  # fmt: skip
    token = env.get("RASA_API_TOKEN", "")
    if token:
        command += ["--enable-api", "--auth-token", token]
    return command


def services(env: Mapping[str, str]) -> list[Service]:
    api_port = int(env.get("API_PORT", "8000"))
    return [
        Service("Offers API", api_port, api_command(api_port), "/ready", 60, "api"),
        Service("Action server", ACTION_PORT, action_server_command(ACTION_PORT), "/health", 90, "actions"),
        Service("Rasa server", RASA_PORT, rasa_server_command(RASA_PORT, env), "/", 240, "rasa"),
    ]


def service_environment(api_port: int) -> dict[str, str]:
    environment = {**ENDPOINT_DEFAULTS, **os.environ}
    if not environment["ACTION_SERVER_TOKEN"]:
        # Only Rasa knows it: nothing else on this machine can call the actions.
        environment["ACTION_SERVER_TOKEN"] = secrets.token_urlsafe(24)
    if not environment.get("STAFF_CHANNEL_TOKEN"):
        # Only the offers API knows it: the staff channel answers no one else (the API checks the login).
        environment["STAFF_CHANNEL_TOKEN"] = secrets.token_urlsafe(24)
    environment.update(
        {
            "OFFERS_API_URL": f"http://127.0.0.1:{api_port}",
            "RASA_URL": f"http://127.0.0.1:{RASA_PORT}",
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "PYTHONWARNINGS": "ignore",
        }
    )
    return environment


def channel_lines() -> list[str]:
    """The messenger webhooks that are on (their variables set), for the start message."""
    lines = []
    if os.environ.get("TELEGRAM_TOKEN"):
        lines.append(f"Telegram webhook: http://127.0.0.1:{RASA_PORT}/webhooks/telegram/webhook")
    if all(os.environ.get(name) for name in ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_NUMBER")):
        lines.append(f"WhatsApp webhook: http://127.0.0.1:{RASA_PORT}/webhooks/whatsapp/webhook")
    return lines


def say(line: str) -> None:
    print(line, flush=True)


def last_lines(path: Path, count: int = 12) -> str:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    wanted = [line for line in lines if "Warning" not in line and not line.startswith("  ")]
    return "\n".join(f"    {line}" for line in wanted[-count:])


class Supervisor:
    def __init__(self, plan: list[Service], environment: dict[str, str]) -> None:
        self.plan = plan
        self.environment = environment
        self.stopping = False

    def on_signal(self, number: int, frame: FrameType | None) -> None:
        self.stopping = True

    def launch(self, service: Service) -> None:
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        log = service.log_path.open("ab")
        # A session of its own: a terminal's Ctrl-C reaches only the supervisor, which stops the service's whole
        # process group (Rasa's workers included).
        service.process = subprocess.Popen(
            service.command,
            cwd=ROOT,
            env=self.environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        service.started_at = time.monotonic()

    def wait_until_healthy(self, service: Service) -> bool:
        deadline = time.monotonic() + service.start_timeout
        while not self.stopping:
            if healthy(service):
                return True
            if service.process is None or service.process.poll() is not None:
                code = service.process.returncode if service.process else "?"
                say(f"The {service.name} stopped while starting (exit code {code}). Last lines of {service.log_path}:")
                say(last_lines(service.log_path))
                return False
            if time.monotonic() > deadline:
                say(f"The {service.name} did not answer within {service.start_timeout:.0f} seconds.")
                return False
            time.sleep(0.5)
        return False

    def start_all(self) -> bool:
        for service in self.plan:
            began = time.monotonic()
            say(f"Starting the {service.name} on port {service.port} ...")
            self.launch(service)
            if not self.wait_until_healthy(service):
                return False
            say(f"  {service.name} ready after {time.monotonic() - began:.0f} s")
        return True

    def watch(self) -> None:
        """Restart services that stopped, with a growing pause, until a stop signal comes."""
        while not self.stopping:
            now = time.monotonic()
            for service in self.plan:
                process = service.process
                if service.restart_at is not None:
                    if now >= service.restart_at:
                        service.restart_at = None
                        service.restarts += 1
                        say(f"Starting the {service.name} again (restart {service.restarts}) ...")
                        self.launch(service)
                    continue
                if process is not None and process.poll() is not None:
                    if now - service.started_at > STABLE_AFTER_SECONDS:
                        service.backoff = FIRST_BACKOFF_SECONDS
                    say(
                        f"The {service.name} stopped (exit code {process.returncode}); starting it again in "
                        f"{service.backoff:.0f} s. Last lines of {service.log_path}:\n{last_lines(service.log_path)}"
                    )
                    service.restart_at = now + service.backoff
                    service.backoff = min(service.backoff * 2, MAX_BACKOFF_SECONDS)
            time.sleep(0.5)

    def stop_all(self) -> None:
        running = [service for service in reversed(self.plan) if service.process and service.process.poll() is None]
        for service in running:
            assert service.process is not None
            with contextlib.suppress(ProcessLookupError):
                os.killpg(service.process.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for service in running:
            assert service.process is not None
            try:
                service.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(service.process.pid, signal.SIGKILL)
                service.process.wait()


def main() -> int:
    if not MODEL.exists():
        print(f"No trained model at {MODEL}. Run `make train` first.", file=sys.stderr)
        return 1
    environment = service_environment(int(os.environ.get("API_PORT", "8000")))
    plan = services(environment)
    taken = [service for service in plan if port_taken(service.port)]
    if taken:
        for service in taken:
            print(
                f"Port {service.port} is already taken, so the {service.name} cannot start. "
                f"Stop the program that uses it and try again.",
                file=sys.stderr,
            )
        return 1
    supervisor = Supervisor(plan, environment)
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, supervisor.on_signal)
    try:
        if not supervisor.start_all():
            return 0 if supervisor.stopping else 1
        say(
            "\nFamiliennavi is running. Open the demo page with the widget:\n"
            f"  http://127.0.0.1:{RASA_PORT}/webhooks/familiennavi/\n"
            "Or talk to it over REST:\n"
            f"  curl -s -X POST http://127.0.0.1:{RASA_PORT}/webhooks/rest/webhook "
            '-d \'{"sender": "demo-parent-1", "message": "Hallo"}\'\n'
            f'Staff page (intake aid; accounts: README, "Staff accounts"): http://127.0.0.1:{plan[0].port}/staff/\n'
            f"Offers API: http://127.0.0.1:{plan[0].port}/docs\n"
            + "".join(f"{line}\n" for line in channel_lines())
            + f"Logs: {LOG_DIR.relative_to(ROOT)}/\nCtrl-C stops everything.\n"
        )
        supervisor.watch()
        say("\nStopping ...")
        return 0
    finally:
        supervisor.stop_all()


if __name__ == "__main__":
    raise SystemExit(main())
