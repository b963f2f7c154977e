"""The parent's widget in a real browser (Debian's Chromium), talking to the real bot, actions and offers API."""

from __future__ import annotations

import json
import os
import re
import subprocess
import uuid
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import Browser, Page, Request, expect

from tests.browser.conftest import ARTIFACTS, AXE, ROOT, Recorder, focus_by_tab, open_context
from vocabulary.texts import direction, languages, meta, text

DOCS = ROOT / "docs"
WCAG_21_AA = "{runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}"


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


def in_any_language(key: str) -> set[str]:
    """A button's title in every catalogue language (the bot answers in the conversation's language)."""
    return {text(key, language) for language in languages()}


# The buttons a pregnant parent in 44137 taps, in whatever language the bot asks.
PREGNANT = ("need.birth", "life_phase.schwangerschaft.button", "contact.any")


def talk_until_offers(
    page: Page, first: str | None = "Ich bin schwanger und wohne in 44137", *, keyboard_only: bool = False
) -> None:
    if first:
        send(page, first, keyboard_only=keyboard_only)
    for _ in range(6):
        if page.locator(".fn-offers").count():
            return
        replies = page.locator(".fn-reply:not([disabled])")
        titles = [replies.nth(i).inner_text().strip() for i in range(replies.count())]
        wanted = [title for title in titles if any(title in in_any_language(key) for key in PREGNANT)]
        if wanted:
            tap_reply(page, wanted[0], keyboard_only=keyboard_only)
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


# --- languages: the picker, right to left, the browser's language, the texts endpoint


def widget_text(key: str, language: str) -> str:
    return text(f"widget.{key}", language)


def record_bodies(page: Page) -> list[dict[str, Any]]:
    """Every message the page sends to the channel from now on, as it was sent."""
    sent: list[dict[str, Any]] = []

    def record(request: Request) -> None:
        if request.method == "POST" and request.url.endswith("/webhooks/familiennavi/webhook"):
            sent.append(json.loads(request.post_data or "{}"))

    page.on("request", record)
    return sent


def choose_language(page: Page, code: str, *, keyboard: bool = False) -> None:
    """Opens the picker and chooses a language by its own name: with arrows and Enter, or a click."""
    name = meta(code)["name"]
    before = bot_messages(page)
    page.locator(".fn-lang").click()
    expect(page.locator(".fn-langs")).to_be_visible()
    if keyboard:
        for _ in range(len(languages())):
            if page.evaluate("document.activeElement.textContent") == name:
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
    else:
        page.locator(".fn-langs [role=option]", has_text=name).click()
    expect(page.locator(".fn-root")).to_have_attribute("lang", code)
    expect(page.locator(".fn-langs")).to_be_hidden()
    # The bot's answer to the choice.
    wait_for_reply(page, before)


def box(page: Page, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found, f"{selector} is not shown"
    return found


def axe_violations(page: Page) -> list[tuple[str, str, str]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(f"axe.run(document, {WCAG_21_AA})")
    return [(v["id"], v["impact"], v["help"]) for v in result["violations"]]


# Draws each character of an element's text with its font on a canvas and returns those that look like a
# character no font has (U+10FFFD): missing glyphs ("tofu").
TOFU = """(selector) => {
  const node = document.querySelector(selector);
  const style = getComputedStyle(node);
  const canvas = document.createElement('canvas');
  canvas.width = 80;
  canvas.height = 80;
  const g = canvas.getContext('2d');
  g.font = style.fontWeight + ' ' + style.fontSize + ' ' + style.fontFamily;
  const draw = (ch) => {
    g.clearRect(0, 0, 80, 80);
    g.fillText(ch, 10, 50);
    return g.getImageData(0, 0, 80, 80).data.join(',');
  };
  const missing = draw('\\u{10FFFD}');
  return Array.from(new Set(node.textContent.replace(/\\s/g, ''))).filter((ch) => draw(ch) === missing);
}"""


def test_the_widget_in_arabic_is_right_to_left_and_mirrored(system: dict[str, str], browser: Browser) -> None:
    # axe is injected by the test, so this context bypasses the page's Content-Security-Policy.
    context, page, recorder = open_context(
        browser,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        bypass_csp=True,
    )
    try:
        sent = record_bodies(page)
        page.goto(widget_url(system))
        expect(page.locator(".fn-msg--bot").first).to_be_visible(timeout=10_000)
        root = page.locator(".fn-root")
        expect(root).to_have_attribute("dir", "ltr")
        ltr = {name: box(page, selector) for name, selector in (("send", ".fn-send"), ("input", ".fn-input"))}
        assert ltr["send"]["x"] > ltr["input"]["x"]
        assert box(page, ".fn-close")["x"] > box(page, ".fn-title")["x"]

        # Escape closes the list, not the chat, and the focus goes back to the button.
        page.locator(".fn-lang").click()
        expect(page.locator(".fn-langs [role=option]")).to_have_count(len(languages()))
        page.keyboard.press("Escape")
        expect(page.locator(".fn-langs")).to_be_hidden()
        expect(page.locator(".fn-panel")).to_be_visible()
        assert page.evaluate("document.activeElement.classList.contains('fn-lang')")

        choose_language(page, "ar", keyboard=True)
        assert page.evaluate("document.activeElement.classList.contains('fn-lang')"), "focus returns to the picker"
        expect(root).to_have_attribute("dir", "rtl")
        expect(page.locator(".fn-send")).to_have_text(widget_text("send", "ar"))
        expect(page.locator(".fn-actions .fn-action").first).to_have_text(widget_text("restart", "ar"))
        expect(page.locator(".fn-close")).to_have_attribute("aria-label", widget_text("close", "ar"))
        expect(page.locator(".fn-lang")).to_have_attribute("aria-label", f"{widget_text('language', 'ar')}: العربية")
        expect(page.locator(".fn-intro")).to_have_text(widget_text("intro", "ar"))
        placeholders = {widget_text(f"ask.{kind}.placeholder", "ar") for kind in ("text", "choice", "postal_code")}
        assert page.locator(".fn-input").get_attribute("placeholder") in placeholders
        chosen = [body for body in sent if body["message"].startswith("/choose_language")]
        assert [body["message"] for body in chosen] == ['/choose_language{"conversation_language":"ar"}']
        assert chosen[0]["metadata"] == {"language_code": "ar"}
        answer = page.locator(".fn-msg--bot").last
        expect(answer).to_have_attribute("lang", "ar")
        expect(answer).to_have_attribute("dir", "rtl")

        # Mirrored: the send button left of the input, the close button left of the title.
        rtl = {name: box(page, selector) for name, selector in (("send", ".fn-send"), ("input", ".fn-input"))}
        assert rtl["send"]["x"] < rtl["input"]["x"]
        assert box(page, ".fn-close")["x"] < box(page, ".fn-title")["x"]

        # Starting again: the new conversation starts in Arabic (the first message's hint).
        page.locator(".fn-actions .fn-action").first.click()
        wait_for_reply(page, 0)
        expect(page.locator(".fn-msg--bot").first).to_have_attribute("lang", "ar")
        assert re.search(r"[\u0600-\u06ff]", page.locator(".fn-msg--bot").first.inner_text())
        talk_until_offers(page, first=None)
        assert sent[0]["metadata"] == {"language_code": "de"}
        assert all(body["metadata"] == {"language_code": "ar"} for body in sent[sent.index(chosen[0]) :])
        user = page.locator(".fn-msg--user").first
        expect(user).to_have_attribute("dir", "auto")
        log = box(page, ".fn-log")
        assert box(page, ".fn-msg--user")["x"] - log["x"] < 20, "the parent's messages are on the left"
        card = page.locator(".fn-offers .fn-card").first
        assert card.evaluate("node => getComputedStyle(node).direction") == "rtl"
        number = card.locator(".fn-call-number").first
        assert number.evaluate("node => getComputedStyle(node).direction") == "ltr"
        assert number.evaluate("node => getComputedStyle(node).unicodeBidi") == "isolate"
        assert number.get_attribute("dir") == "ltr"
        address = card.locator(".fn-fact dd bdi[dir=ltr]").first
        assert address.evaluate("node => getComputedStyle(node).direction") == "ltr"
        # The number reads left to right: its first digit is left of its last.
        first, last = number.evaluate(
            """node => {
              const range = document.createRange();
              const text = node.firstChild;
              range.setStart(text, 0); range.setEnd(text, 1);
              const a = range.getBoundingClientRect().x;
              range.setStart(text, text.length - 1); range.setEnd(text, text.length);
              return [a, range.getBoundingClientRect().x];
            }"""
        )
        assert first < last
        assert page.evaluate(TOFU, ".fn-foot") == [], "Arabic letters without a font"
        assert axe_violations(page) == []

        # The phone's screen, as docs/widget-phone.png (a full-page picture would show the page below the chat).
        DOCS.mkdir(exist_ok=True)
        page.screenshot(path=str(DOCS / "widget-arabic.png"), full_page=False)

        # The launcher sits bottom left.
        page.keyboard.press("Escape")
        launcher = box(page, ".fn-launcher")
        assert launcher["x"] + launcher["width"] < 390 / 2
        assert recorder.foreign() == []
        assert recorder.console_errors == []
    finally:
        context.close()


def test_the_widget_in_ukrainian(system: dict[str, str], browser: Browser) -> None:
    context, page, recorder = open_context(browser, viewport={"width": 1280, "height": 800}, bypass_csp=True)
    try:
        page.goto(widget_url(system))
        expect(page.locator(".fn-msg--bot").first).to_be_visible(timeout=10_000)
        choose_language(page, "uk")
        expect(page.locator(".fn-root")).to_have_attribute("dir", "ltr")
        expect(page.locator(".fn-lang")).to_contain_text("Українська")
        expect(page.locator(".fn-send")).to_have_text(widget_text("send", "uk"))
        expect(page.locator(".fn-actions .fn-action").last).to_have_text(widget_text("remove", "uk"))
        expect(page.locator(".fn-intro")).to_have_text(widget_text("intro", "uk"))
        expect(page.locator(".fn-langs [aria-selected=true]")).to_have_text("Українська")
        for selector in (".fn-intro", ".fn-foot", ".fn-lang"):
            assert page.evaluate(TOFU, selector) == [], f"Cyrillic letters without a font in {selector}"
        # Old messages keep their language; new ones carry the new one.
        expect(page.locator(".fn-msg--bot").first).to_have_attribute("lang", "de")
        expect(page.locator(".fn-msg--bot").last).to_have_attribute("lang", "uk")
        assert axe_violations(page) == []
        assert recorder.foreign() == []
    finally:
        context.close()


def test_the_browser_language_starts_the_widget_and_a_choice_survives_a_reload(
    system: dict[str, str], browser: Browser
) -> None:
    context, page, recorder = open_context(browser, locale="tr-TR", viewport={"width": 390, "height": 844})
    try:
        sent = record_bodies(page)
        page.goto(widget_url(system))
        expect(page.locator(".fn-msg--bot").first).to_be_visible(timeout=10_000)
        expect(page.locator(".fn-root")).to_have_attribute("lang", "tr")
        expect(page.locator(".fn-send")).to_have_text(widget_text("send", "tr"))
        assert sent[0]["message"] == "/greet" and sent[0]["metadata"] == {"language_code": "tr"}
        assert any("/texts/tr.json" in url for url in recorder.urls)

        choose_language(page, "ru")
        page.reload()
        expect(page.locator(".fn-msg--bot").first).to_be_visible(timeout=10_000)
        expect(page.locator(".fn-root")).to_have_attribute("lang", "ru")
        expect(page.locator(".fn-lang")).to_contain_text("Русский")
        expect(page.locator(".fn-send")).to_have_text(widget_text("send", "ru"))
        assert sent[-1]["metadata"] == {"language_code": "ru"}
        expect(page.locator(".fn-notice")).to_have_count(0)
        assert recorder.foreign() == []
    finally:
        context.close()


def test_the_texts_of_each_language_are_served_apart(system: dict[str, str]) -> None:
    for code in languages():
        answer = httpx.get(f"{widget_url(system)}texts/{code}.json")
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("application/json")
        assert "default-src 'none'" in answer.headers["content-security-policy"]
        assert "public" in answer.headers["cache-control"] and "max-age" in answer.headers["cache-control"]
        texts = answer.json()
        assert texts["widget"]["send"] == widget_text("send", code) and texts["card"]["call"] == text("card.call", code)
    for wrong in ("xx.json", "de", "DE.json", "..%2Fde.json", "de.json.json"):
        assert httpx.get(f"{widget_url(system)}texts/{wrong}").status_code == 404, wrong
    # The script itself carries the languages with their own names and directions, and German's texts only.
    script = httpx.get(f"{widget_url(system)}widget.js").text
    for code in languages():
        entry = {"code": code, "name": meta(code)["name"], "dir": direction(code)}
        assert json.dumps(entry, ensure_ascii=False) in script
    assert widget_text("intro", "de") in script and widget_text("intro", "ar") not in script


def test_the_widget_language_is_a_hint_for_the_bot(system: dict[str, str]) -> None:
    url = f"{widget_url(system)}webhook"
    arabic = re.compile(r"[\u0600-\u06ff]")
    for hint, expected in (("ar", True), ("xx", False), (["ar"], False)):
        sender = str(uuid.uuid4())
        answer = httpx.post(url, json={"sender": sender, "message": "/greet", "metadata": {"language_code": hint}})
        assert answer.status_code == 200
        said = " ".join(message.get("text") or "" for message in answer.json())
        assert bool(arabic.search(said)) is expected, (hint, said)
