"""Starting the system's processes for tests, evaluations and benchmarks: a free port, a process in a group of its
own, waiting until it is up, stopping it with its children.

Without Rasa (standard library and bot.tools.run): the offers API's environment (tests/api, bench/) imports it too.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from bot.tools.run import ENDPOINT_DEFAULTS

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], name: str, timeout: float) -> None:
    """Until `url` answers 200; fails at once when the process ends, and after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{name} did not come up within {timeout:.0f} s")


def services_env(
    work: Path, api_port: int, action_port: int, rasa_port: int, *, action_server_token: str, staff_channel_token: str
) -> dict[str, str]:
    """The environment of the three services started together: SQLite with demo data in `work`, the ports given,
    the shared tokens."""
    return {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "DATABASE_URL": f"sqlite:///{work / 'offers.sqlite3'}",
        "DEMO_DATA": "true",
        "OFFERS_API_URL": f"http://127.0.0.1:{api_port}",
        **ENDPOINT_DEFAULTS,
        "ACTION_SERVER_URL": f"http://127.0.0.1:{action_port}/webhook",
        "ACTION_SERVER_TOKEN": action_server_token,
        # The staff page's intake: the API forwards to Rasa's staff channel with this token.
        "RASA_URL": f"http://127.0.0.1:{rasa_port}",
        "STAFF_CHANNEL_TOKEN": staff_channel_token,
    }


def start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """The process leads a process group of its own, so `stop` ends it with every child it started (uvicorn's
    workers, or the service that faketime runs) without touching the caller's group."""
    handle = log.open("wb")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)


def _signal_group(process: subprocess.Popen[bytes], number: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, number)


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM to each group, SIGKILL to those still there after 20 seconds."""
    for process in processes:
        _signal_group(process, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
            process.wait(timeout=10)
