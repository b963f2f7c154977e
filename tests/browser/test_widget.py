"""The parent's widget in a real browser (Debian's Chromium), talking to the real bot, actions and offers API."""

from __future__ import annotations

import os
import re
import subprocess
import uuid
from pathlib import Path

import httpx
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, AXE, ROOT, Recorder, focus_by_tab, open_context


def widget_url(system: dict[str, str]) -> str:
    return f"{system['rasa']}/webhooks/familiennavi/"


def bot_messages(page: Page) -> int:
    return page.locator(".fn-msg--bot").count()


def send(page: Page, text: str, *, keyboard_only: bool = False) -> None:
    before = bot_messages(page)
    field = page.locator(".fn-input")
    if keyboard_only:
        focus_by_tab(page, ".fn-input")
        page.keyboard.type(text)
        page.keyboard.press("Enter")
    else:
        field.fill(text)
        page.locator(".fn-send").click()
    wait_for_reply(page, before)


def wait_for_reply(page: Page, before: int) -> None:
    # Locator waits, not wait_for_function: the page's Content-Security-Policy forbids eval.
    page.locator(".fn-msg--bot").nth(before).wait_for(timeout=20_000)
    expect(page.locator(".fn-status--busy")).to_have_count(0, timeout=20_000)


def tap_reply(page: Page, title: str, *, keyboard_only: bool = False) -> None:
    before = bot_messages(page)
    button = page.locator(".fn-reply:not([disabled])", has_text=title).last
    if keyboard_only:
        for _ in range(80):
            if page.evaluate("document.activeElement && document.activeElement.textContent.trim()") == title:
                break
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
    else:
        button.click()
    wait_for_reply(page, before)


def talk_until_offers(page: Page, *, keyboard_only: bool = False) -> None:
    send(page, "Ich bin schwanger und wohne in 44137", keyboard_only=keyboard_only)
    for _ in range(4):
        if page.locator(".fn-offers").count():
            return
        replies = page.locator(".fn-reply:not([disabled])")
        titles = [replies.nth(i).inner_text().strip() for i in range(replies.count())]
        if "Schwangerschaft und Geburt" in titles:
            tap_reply(page, "Schwangerschaft und Geburt", keyboard_only=keyboard_only)
        elif "Egal" in titles:
            tap_reply(page, "Egal", keyboard_only=keyboard_only)
        else:
            send(page, "44137", keyboard_only=keyboard_only)
    expect(page.locator(".fn-offers")).to_be_visible()


def test_a_parent_on_a_phone_finds_offers_and_can_call(system: dict[str, str], phone: tuple[Page, Recorder]) -> None:
    page, recorder = phone
    page.goto(widget_url(system))
    expect(page.locator(".fn-msg--bot").first).to_be_visible(timeout=10_000)
    talk_until_offers(page)
    cards = page.locator(".fn-offers .fn-card")
    assert 1 <= cards.count() <= 3
    call = cards.first.locator("a[href^='tel:']").first
    expect(call).to_be_visible()
    assert re.fullmatch(r"tel:\+?\d+", call.get_attribute("href") or "")
    expect(cards.first.locator(".fn-card-demo, .fn-tag", has_text="Beispiel").first).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "widget-phone.png"), full_page=False)
    assert recorder.console_errors == []


def test_keyboard_only_conversation(system: dict[str, str], desktop: tuple[Page, Recorder]) -> None:
    page, _ = desktop
    page.goto(widget_url(system))
    expect(page.locator(".fn-msg--bot").first).to_be_visible(timeout=10_000)
    talk_until_offers(page, keyboard_only=True)
    focus_by_tab(page, ".fn-offers a[href^='tel:']")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the keyboard focus must be visible"
    page.keyboard.press("Escape")
    expect(page.locator(".fn-panel")).to_be_hidden()
    assert page.evaluate("document.activeElement.classList.contains('fn-launcher')")


def test_no_serious_accessibility_violations(system: dict[str, str], browser) -> None:  # type: ignore[no-untyped-def]
    # axe is injected by the test, so this context bypasses the page's Content-Security-Policy.
    context, page, recorder = open_context(browser, viewport={"width": 390, "height": 844}, bypass_csp=True)
    try:
        page.goto(widget_url(system))
        talk_until_offers(page)
        send(page, "Mein Mann schlägt mich")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})")
        serious = [
            (v["id"], v["impact"], v["help"]) for v in result["violations"] if v["impact"] in ("serious", "critical")
        ]
        assert serious == []
        assert recorder.foreign() == []
    finally:
        context.close()


def test_the_crisis_card(system: dict[str, str], phone: tuple[Page, Recorder]) -> None:
    page, _ = phone
    page.goto(widget_url(system))
    expect(page.locator(".fn-msg--bot").first).to_be_visible(timeout=10_000)
    send(page, "Mein Mann schlägt mich")
    card = page.locator(".fn-emergency")
    expect(card).to_be_visible()
    expect(card.locator("a[href='tel:110']")).to_be_visible()
    expect(card.locator("a[href='tel:116016']")).to_be_visible()
    send(page, "44137")
    expect(card).to_be_visible()


def test_deleting_the_conversation_removes_it_on_the_server(
    system: dict[str, str], phone: tuple[Page, Recorder]
) -> None:
    page, _ = phone
    page.goto(widget_url(system))
    expect(page.locator(".fn-msg--bot").first).to_be_visible(timeout=10_000)
    send(page, "Ich brauche Hilfe beim Kindergeld")
    sender = page.evaluate("sessionStorage.getItem('familiennavi.sender')")
    tracker = httpx.get(
        f"{system['rasa']}/conversations/{sender}/tracker", params={"token": system["api_token"]}
    ).json()
    assert any(event.get("text") == "Ich brauche Hilfe beim Kindergeld" for event in tracker["events"])
    page.get_by_role("button", name="Gespräch löschen").click()
    page.get_by_role("button", name="Ja, löschen").click()
    expect(page.locator(".fn-notice--ok")).to_be_visible(timeout=10_000)
    tracker = httpx.get(
        f"{system['rasa']}/conversations/{sender}/tracker", params={"token": system["api_token"]}
    ).json()
    assert not any(event.get("event") == "user" for event in tracker["events"])
    assert page.evaluate("sessionStorage.getItem('familiennavi.sender')") != sender


def _staff_token(system: dict[str, str]) -> str:
    env = {**os.environ, "DATABASE_URL": system["database_url"]}
    output = subprocess.run(
        [
            str(ROOT / ".venv" / "api" / "bin" / "python"),
            "-m",
            "api.cli",
            "tokens",
            "create",
            "--jugendamt",
            "dortmund",
            "--label",
            "Browser-Test",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return output.strip().splitlines()[-1]


def test_script_in_user_text_and_offer_fields_is_shown_as_text(
    system: dict[str, str], phone: tuple[Page, Recorder]
) -> None:
    page, _ = phone
    evil_name = "<img src=x onerror=\"window.__pwned='offer'\">Familienbüro <b>Test</b>"
    created = httpx.post(
        f"{system['api']}/v1/offers",
        headers={"Authorization": f"Bearer {_staff_token(system)}"},
        json={
            "name": evil_name,
            "category": "familienbuero",
            "description": "<script>window.__pwned='d'</script>",
            "organization": "Beispiel-Träger",
            "address": "<svg onload=\"window.__pwned='a'\"> (Beispieladresse)",
            "postal_code": "44137",
            "city": "Dortmund",
            "phone": "0221 4710 998",
            "url": "https://example.org/x",
            "opening_hours": "Mo-Fr 09:00-12:00",
            "languages": ["de"],
            "assured_date": "2026-11-20",
            "demo": True,
        },
    )
    assert created.status_code == 201, created.text
    page.goto(widget_url(system))
    expect(page.locator(".fn-msg--bot").first).to_be_visible(timeout=10_000)
    send(page, "<img src=x onerror=\"window.__pwned='user'\"> hallo <script>window.__pwned='user2'</script>")
    expect(page.locator(".fn-msg--user").last).to_contain_text("<img src=x")
    send(page, "Ich brauche Hilfe beim Kindergeld, wir wohnen in 44137, mein Sohn ist 3")
    for _ in range(2):
        if page.locator(".fn-offers").count():
            break
        tap_reply(page, "Egal")
    expect(page.locator(".fn-offers")).to_contain_text("<img src=x onerror")
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".fn-root img, .fn-root script:not([src]), .fn-root svg[onload]").count() == 0


def test_messages_over_1000_characters_are_refused_kindly(system: dict[str, str], phone: tuple[Page, Recorder]) -> None:
    page, _ = phone
    page.goto(widget_url(system))
    expect(page.locator(".fn-msg--bot").first).to_be_visible(timeout=10_000)
    page.locator(".fn-input").fill("a" * 1001)
    page.locator(".fn-send").click()
    expect(page.get_by_text("höchstens 1.000 Zeichen")).to_be_visible()
    assert page.locator(".fn-input").input_value() == "a" * 1001, "the typed text is kept"
    refused = httpx.post(
        f"{system['rasa']}/webhooks/familiennavi/webhook", json={"sender": uuid.uuid4().hex, "message": "b" * 1001}
    )
    assert refused.status_code == 413
    assert "1.000 Zeichen" in refused.json()["text"]


def test_the_page_allows_nothing_external(system: dict[str, str]) -> None:
    page = httpx.get(widget_url(system))
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "http" not in policy
    sizes = sum(len(httpx.get(f"{widget_url(system)}{name}").content) for name in ("widget.js", "widget.css"))
    print(f"widget.js + widget.css: {sizes} bytes")
    assert sizes <= 50 * 1024
    assert Path(ROOT / "bot" / "channels" / "widget" / "assets" / "widget.js").read_text().count("innerHTML") == 0
