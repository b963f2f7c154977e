"""How fast the widget shows its first reply on this machine, and how big it is.

    .venv/bot/bin/python bench/widget_first_reply.py [--runs 20]

Starts the whole system (offers API, action server, Rasa with models/familiennavi.tar.gz) on free ports, then
opens the demo page in Debian's Chromium again and again (a fresh browser context each time, so nothing is
cached) and measures the time from navigation to the first bot message on screen. Prints the figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402
from tests.conftest import running_system  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    widget = ROOT / "bot" / "channels" / "widget" / "assets"
    size = (widget / "widget.js").stat().st_size + (widget / "widget.css").stat().st_size
    print(f"widget.js + widget.css: {size / 1024:.1f} KB uncompressed")
    with tempfile.TemporaryDirectory() as scratch, running_system(Path(scratch)) as system:
        url = f"{system['rasa']}/webhooks/familiennavi/"
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
