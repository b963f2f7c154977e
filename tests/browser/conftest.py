"""Debian's Chromium driven by Playwright, against the whole running system (the `system` fixture).

Every request the page makes is recorded, so a test can prove that nothing left localhost.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (Debian package chromium; .ci/run installs it)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield launched
        launched.close()


def focus_by_tab(page: Page, selector: str, limit: int = 120) -> None:
    """Presses Tab until the focused element matches `selector` (keyboard-only use)."""
    for _ in range(limit):
        if page.evaluate(f"document.activeElement && document.activeElement.matches({json.dumps(selector)})"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach {selector} with Tab")


class Recorder:
    def __init__(self) -> None:
        self.urls: list[str] = []
        self.console_errors: list[str] = []

    def foreign(self) -> list[str]:
        return [
            url
            for url in self.urls
            if urlparse(url).scheme in ("http", "https", "ws", "wss") and urlparse(url).hostname not in LOCAL_HOSTS
        ]


def open_context(browser: Browser, locale: str = "de-DE", **options: object) -> tuple[BrowserContext, Page, Recorder]:
    """A new browser context in `locale` (the browser's language), its page, and a recorder of its requests."""
    context = browser.new_context(locale=locale, **options)  # type: ignore[arg-type]
    page = context.new_page()
    recorder = Recorder()
    page.on("request", lambda request: recorder.urls.append(request.url))
    page.on(
        "console", lambda message: recorder.console_errors.append(message.text) if message.type == "error" else None
    )
    return context, page, recorder


@pytest.fixture
def phone(browser: Browser) -> Iterator[tuple[Page, Recorder]]:
    context, page, recorder = open_context(
        browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    yield page, recorder
    context.close()
    assert recorder.foreign() == [], "requests left localhost"


@pytest.fixture
def desktop(browser: Browser) -> Iterator[tuple[Page, Recorder]]:
    context, page, recorder = open_context(browser, viewport={"width": 1280, "height": 800})
    yield page, recorder
    context.close()
    assert recorder.foreign() == [], "requests left localhost"
