"""Start the whole system: offers API (:8000), action server (:5055), Rasa server (:5005).

    python -m bot.tools.run        (what `make run` calls)

Waits until each service answers, prints the address to open, and stops all of them on Ctrl-C. A port that
is already taken, or a service that does not come up, gives a message naming it. Rasa reads endpoints.yml with
the defaults below filled in for what the environment does not set (REDIS_URL empty: conversations in memory).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
API_BIN = ROOT / ".venv" / "api" / "bin"
BOT_BIN = ROOT / ".venv" / "bot" / "bin"
MODEL = ROOT / "models" / "familiennavi.tar.gz"
ENDPOINTS = ROOT / "endpoints.yml"
ACTION_PORT = 5055
RASA_PORT = 5005
# The values endpoints.yml substitutes, where the environment does not set them.
ENDPOINT_DEFAULTS = {
    "ACTION_SERVER_URL": f"http://127.0.0.1:{ACTION_PORT}/webhook",
    "REDIS_URL": "",
    # A silent conversation is forgotten after this many seconds (families' data: keep it short).
    "TRACKER_EXPIRY_SECONDS": "3600",
}


@dataclass
class Service:
    name: str
    port: int
    command: list[str]
    health_path: str
    start_timeout: float
    process: subprocess.Popen[bytes] | None = None


def port_taken(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def healthy(service: Service) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{service.port}{service.health_path}", timeout=2) as answer:
            return bool(answer.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def check_redis_tracker_store(rasa_port: int, redis_url: str) -> bool:
    """Rasa falls back to an in-memory tracker store without a word when Redis fails: send one probe
    message and look for its conversation in Redis."""
    import json
    import secrets

    import redis

    sender = f"startupcheck{secrets.token_hex(6)}"
    request = urllib.request.Request(
        f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": "/greet"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30):
        pass
    client = redis.Redis.from_url(redis_url)
    keys = client.keys(f"familiennavi:*{sender}")
    if keys:
        client.delete(*keys)
    return bool(keys)


def api_command(port: int) -> list[str]:
    return [str(API_BIN / "uvicorn"), "api.main:app", "--host", "127.0.0.1", "--port", str(port), "--no-access-log"]


def action_server_command(port: int) -> list[str]:
    return [str(BOT_BIN / "rasa"), "run", "actions", "--port", str(port), "--actions", "actions"]


def rasa_server_command(port: int) -> list[str]:
    return [
        str(BOT_BIN / "rasa"), "run", "--model", str(MODEL), "--endpoints", str(ENDPOINTS),
        "--credentials", str(ROOT / "credentials.yml"), "--port", str(port), "--interface", "127.0.0.1",
        "--enable-api", "--cors", f"http://127.0.0.1:{port}",
    ]  # fmt: skip


def services() -> list[Service]:
    api_port = int(os.environ.get("API_PORT", "8000"))
    return [
        Service("Offers API", api_port, api_command(api_port), "/ready", 60),
        Service("Action server", ACTION_PORT, action_server_command(ACTION_PORT), "/health", 90),
        Service("Rasa server", RASA_PORT, rasa_server_command(RASA_PORT), "/", 180),
    ]


def channel_lines() -> list[str]:
    """The messenger webhooks that are on (their variables set), for the start message."""
    lines = []
    if os.environ.get("TELEGRAM_TOKEN"):
        lines.append(f"Telegram webhook: http://127.0.0.1:{RASA_PORT}/webhooks/telegram/webhook")
    if all(os.environ.get(name) for name in ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_NUMBER")):
        lines.append(f"WhatsApp webhook: http://127.0.0.1:{RASA_PORT}/webhooks/whatsapp/webhook")
    return lines


def stop(running: list[Service]) -> None:
    for service in reversed(running):
        if service.process and service.process.poll() is None:
            service.process.send_signal(signal.SIGINT)
    deadline = time.monotonic() + 15
    for service in reversed(running):
        if service.process is None:
            continue
        try:
            service.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            service.process.kill()


def main() -> int:
    if not MODEL.exists():
        print(f"No trained model at {MODEL}. Run `make train` first.", file=sys.stderr)
        return 1
    plan = services()
    taken = [service for service in plan if port_taken(service.port)]
    if taken:
        for service in taken:
            print(
                f"Port {service.port} is already taken, so the {service.name} cannot start. "
                f"Stop the program that uses it and try again.",
                file=sys.stderr,
            )
        return 1
    environment = {
        **ENDPOINT_DEFAULTS,
        **os.environ,
        "OFFERS_API_URL": f"http://127.0.0.1:{plan[0].port}",
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
    }
    running: list[Service] = []
    try:
        for service in plan:
            print(f"Starting {service.name} on port {service.port} ...", flush=True)
            service.process = subprocess.Popen(service.command, cwd=ROOT, env=environment)
            running.append(service)
            deadline = time.monotonic() + service.start_timeout
            while not healthy(service):
                if service.process.poll() is not None:
                    print(
                        f"The {service.name} stopped while starting (exit code {service.process.returncode}). "
                        "Its messages are above.",
                        file=sys.stderr,
                    )
                    return 1
                if time.monotonic() > deadline:
                    print(
                        f"The {service.name} did not answer within {service.start_timeout:.0f} seconds.",
                        file=sys.stderr,
                    )
                    return 1
                time.sleep(0.5)
        print(
            "\nFamiliennavi is running. Open the demo page with the widget:\n"
            "  http://127.0.0.1:5005/webhooks/familiennavi/\n"
            "Or talk to it over REST:\n"
            "  curl -s -X POST http://127.0.0.1:5005/webhooks/rest/webhook "
            '-d \'{"sender": "demo", "message": "Hallo"}\'\n'
            f"Offers API: http://127.0.0.1:{plan[0].port}/docs\n"
            + "".join(f"{line}\n" for line in channel_lines())
            + "Ctrl-C stops everything.\n",
            flush=True,
        )
        while all(service.process and service.process.poll() is None for service in running):
            time.sleep(1)
        crashed = next(service for service in running if service.process and service.process.poll() is not None)
        print(f"The {crashed.name} stopped unexpectedly.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping ...", flush=True)
        return 0
    finally:
        stop(running)


if __name__ == "__main__":
    raise SystemExit(main())
