"""How fast the widget shows its first reply on this machine, and how big it is.

    .venv/bot/bin/python bench/widget_first_reply.py [--runs 20]

Starts the whole system (offers API, action server, Rasa with models/familiennavi.tar.gz) on free ports, then
opens the demo page in Debian's Chromium again and again (a fresh browser context each time, so nothing is
cached) and measures the time from navigation to the first bot message on screen. Prints the figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402
from tests.conftest import API_BIN, BOT_BIN, MODEL, free_port, start, stop, wait_until_up  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    widget = ROOT / "bot" / "widget"
    size = (widget / "widget.js").stat().st_size + (widget / "widget.css").stat().st_size
    print(f"widget.js + widget.css: {size / 1024:.1f} KB uncompressed")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        api_port, action_port, rasa_port = free_port(), free_port(), free_port()
        env = {
            **os.environ,
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "DATABASE_URL": f"sqlite:///{work / 'offers.sqlite3'}",
            "OFFERS_API_URL": f"http://127.0.0.1:{api_port}",
        }
        endpoints = work / "endpoints.yml"
        endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n', encoding="utf-8")
        processes = [
            start(
                [str(API_BIN / "uvicorn"), "api.main:app", "--port", str(api_port), "--no-access-log"],
                env,
                work / "api.log",
            ),
            start(
                [str(BOT_BIN / "rasa"), "run", "actions", "--port", str(action_port), "--actions", "actions"],
                env,
                work / "actions.log",
            ),
            start(
                [
                    str(BOT_BIN / "rasa"),
                    "run",
                    "--model",
                    str(MODEL),
                    "--endpoints",
                    str(endpoints),
                    "--credentials",
                    str(ROOT / "credentials.yml"),
                    "--port",
                    str(rasa_port),
                    "--interface",
                    "127.0.0.1",
                ],
                env,
                work / "rasa.log",
            ),
        ]
        try:
            wait_until_up(f"http://127.0.0.1:{api_port}/ready", processes[0], "offers API", 60)
            wait_until_up(f"http://127.0.0.1:{action_port}/health", processes[1], "action server", 90)
            wait_until_up(f"http://127.0.0.1:{rasa_port}/", processes[2], "Rasa server", 240)
            url = f"http://127.0.0.1:{rasa_port}/webhooks/familiennavi/"
            times = []
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                for _ in range(args.runs + 1):
                    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
                    page = context.new_page()
                    started = time.perf_counter()
                    page.goto(url)
                    page.locator(".fn-msg--bot").first.wait_for(timeout=10_000)
                    times.append((time.perf_counter() - started) * 1000)
                    context.close()
                browser.close()
            times = times[1:]  # the first run warms the server up
            ordered = sorted(times)
            print(
                f"first reply on screen after opening the page, {args.runs} fresh browser contexts: "
                f"median {statistics.median(times):.0f} ms, p95 {ordered[int(len(ordered) * 0.95) - 1]:.0f} ms, "
                f"max {max(times):.0f} ms"
            )
        finally:
            stop(processes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
