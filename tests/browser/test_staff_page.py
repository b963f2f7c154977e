"""The staff intake aid (/staff/ of the offers API) in Debian's Chromium, against the whole running system: the
real offers API with its staff accounts and referrals, the action server and Rasa with its staff channel.

Accounts come from the API's command line, as a Jugendamt would create them. The last test moves the clock:
it starts a second offers API under `faketime` on the same database.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from pypdf import PdfReader

from bot.tools.run import api_command
from tests.browser.conftest import ARTIFACTS, AXE, ROOT, Recorder, focus_by_tab, open_context
from tests.conftest import clock_shifted, free_port, service_env, start, stop, wait_until_up
from vocabulary.categories import CATEGORY_SLUGS
from vocabulary.languages import CONVERSATION_LANGUAGES
from vocabulary.texts import catalogue, text

PAGE_DIR = ROOT / "api" / "staff_page"
PASSWORD = "ein-langes-Passwort-2026"
DORTMUND = "fachkraft.dortmund@example.org"
KOELN = "fachkraft.koeln@example.org"
LOCKED = "gesperrt.dortmund@example.org"
ADMIN = "verwaltung.dortmund@example.org"
# Locked by the accounts test itself (the lock-out test has its own account).
LOCKED_FOR_LIST = "ausgesperrt.dortmund@example.org"
COLLEAGUE = "neue.fachkraft.dortmund@example.org"
COLLEAGUE_PASSWORD = "Erstes-Passwort-fuer-Neue-7"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# How the staff member answers each question of the intake (the slot of the page's "Fragen Sie" message).
ANSWERS = {
    "postal_code": ("type", "44135"),
    "topic": ("click", text("need.birth")),
    "life_phase": ("click", text("life_phase.schwangerschaft.button")),
    "contact_preference": ("click", text("contact.any")),
}
A4_POINTS = (595.28, 841.89)


# --- accounts and contexts
def staff_cli(system: dict[str, Any], *args: str, stdin: str | None = None) -> str:
    env = {**os.environ, "DATABASE_URL": system["database_url"]}
    done = subprocess.run(
        [str(ROOT / ".venv" / "api" / "bin" / "python"), "-m", "api.cli", "staff", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def accounts(system: dict[str, Any]) -> dict[str, str]:
    for email, jugendamt in ((DORTMUND, "dortmund"), (KOELN, "koeln"), (LOCKED, "dortmund")):
        staff_cli(
            system, "create", "--jugendamt", jugendamt, "--email", email, "--password-stdin", stdin=PASSWORD + "\n"
        )
    listed = staff_cli(system, "list")
    assert DORTMUND in listed and KOELN in listed
    return {"dortmund": DORTMUND, "koeln": KOELN, "locked": LOCKED}


@pytest.fixture(scope="module")
def admin(system: dict[str, Any], accounts: dict[str, str]) -> str:
    """An admin of Dortmund (made with the command line, as a Jugendamt would) and one more Dortmund account."""
    for email, role in ((ADMIN, "admin"), (LOCKED_FOR_LIST, "staff")):
        staff_cli(
            system,
            *("create", "--jugendamt", "dortmund", "--email", email, "--role", role, "--password-stdin"),
            stdin=PASSWORD + "\n",
        )
    assert re.search(r"\badmin\b.*" + re.escape(ADMIN), staff_cli(system, "list", "--jugendamt", "dortmund"))
    return ADMIN


def staff_url(system: dict[str, Any]) -> str:
    return f"{system['api']}/staff/"


class Staff:
    """One browser context of a staff member, with what the page requested and said on the console."""

    def __init__(self, context: BrowserContext, page: Page, recorder: Recorder) -> None:
        self.context, self.page, self.recorder = context, page, recorder
        self.requests: list[tuple[str, str]] = []
        page.on("request", lambda request: self.requests.append((request.method, request.url)))
        # Headless Chromium's print dialog would hold the page ("already being printed"): the test counts the
        # call and prints with page.pdf() instead.
        context.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")

    def print_calls(self) -> int:
        return int(self.page.evaluate("window.__printed || 0"))

    def script_errors(self) -> list[str]:
        # Chromium reports every 4xx answer as "Failed to load resource"; the page asks for the session (401
        # before login) and tests refusals on purpose. Everything else on the console is a fault of the page.
        return [m for m in self.recorder.console_errors if not m.startswith("Failed to load resource")]


@pytest.fixture
def staff_browser(browser: Browser) -> Iterator[Any]:
    """Opens desktop-sized staff contexts; checks after the test that nothing left localhost."""
    opened: list[Staff] = []

    def open_staff(**options: Any) -> Staff:
        context, page, recorder = open_context(browser, **{"viewport": {"width": 1280, "height": 900}, **options})
        staff = Staff(context, page, recorder)
        opened.append(staff)
        return staff

    yield open_staff
    for staff in opened:
        staff.context.close()
        assert staff.recorder.foreign() == [], "requests left localhost"


# --- steps on the page
def log_in(page: Page, email: str, password: str = PASSWORD) -> None:
    """Logs in through the form and waits until the page has dealt with the answer."""
    page.get_by_label(text("staff.page.login.email")).fill(email)
    page.get_by_label(text("staff.page.login.password"), exact=True).fill(password)
    with page.expect_response(lambda r: r.url.endswith("/staff/api/login")):
        page.get_by_role("button", name=text("staff.page.login.submit")).click()
    expect(page.locator("#sp-login-submit[aria-disabled]")).to_have_count(0)


def open_logged_in(system: dict[str, Any], staff: Staff, email: str) -> Page:
    page = staff.page
    page.goto(staff_url(system))
    log_in(page, email)
    expect(page.get_by_role("button", name=text("staff.page.logout"))).to_be_visible()
    return page


def begin(page: Page, language: str = "de") -> None:
    page.locator(f"input[name='family-language'][value='{language}']").check()
    page.get_by_role("button", name=text("staff.page.start.begin")).click()
    wait_for_reply(page, 0)


def bot_messages(page: Page) -> int:
    return page.locator(".sp-msg--bot").count()


def wait_for_reply(page: Page, before: int) -> None:
    # Locator waits, not wait_for_function: the page's Content-Security-Policy forbids eval.
    page.locator(".sp-msg--bot").nth(before).wait_for(timeout=20_000)
    expect(page.locator(".sp-status--busy")).to_have_count(0, timeout=20_000)


def focus_button_by_tab(page: Page, title: str, limit: int = 120) -> None:
    for _ in range(limit):
        focused = page.evaluate(
            "document.activeElement && document.activeElement.tagName === 'BUTTON' && !document.activeElement.disabled"
            " ? document.activeElement.textContent.trim() : null"
        )
        if focused == title:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach the button {title!r} with Tab")


def say(page: Page, answer: str, *, keyboard: bool = False) -> None:
    before = bot_messages(page)
    if keyboard:
        focus_by_tab(page, "#sp-input")
        page.keyboard.type(answer)
    else:
        page.locator("#sp-input").fill(answer)
    page.keyboard.press("Enter") if keyboard else page.locator("#sp-input").press("Enter")
    wait_for_reply(page, before)


def click_answer(page: Page, title: str, *, keyboard: bool = False) -> None:
    before = bot_messages(page)
    if keyboard:
        focus_button_by_tab(page, title)
        page.keyboard.press("Enter")
    else:
        page.locator(".sp-answer:not([disabled])", has_text=title).last.click()
    wait_for_reply(page, before)


def answer_until_offers(page: Page, *, keyboard: bool = False) -> list[str]:
    """Answers what the page shows until offers come: a quick answer where one fits, else the postal code.
    Returns the slots of the "Fragen Sie" questions met on the way, in order."""
    asked: list[str] = []
    for _ in range(8):
        if page.locator(".sp-offers").count():
            return asked
        latest = page.locator(".sp-msg--bot").last
        if latest.get_attribute("data-slot"):
            asked.append(latest.get_attribute("data-slot") or "")
        buttons = page.locator(".sp-answer:not([disabled])")
        titles = [buttons.nth(i).inner_text().strip() for i in range(buttons.count())]
        fitting = [answer for how, answer in ANSWERS.values() if how == "click" and answer in titles]
        if fitting:
            click_answer(page, fitting[0], keyboard=keyboard)
        else:
            say(page, ANSWERS["postal_code"][1], keyboard=keyboard)
    raise AssertionError(f"no offers after {asked}")


def check_axe(page: Page, where: str) -> None:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(f"axe.run(document, {{runOnly: {json.dumps(AXE_TAGS)}}})")
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == [], f"{where}: {violations}"


def printed(page: Page, name: str) -> tuple[PdfReader, str]:
    """Prints the page (print media, A4) to test-artifacts/<name> and reads it back."""
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    page.emulate_media(media="screen")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / name).write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    words = " ".join(page_.extract_text() or "" for page_ in reader.pages)
    # PDF text comes with ligatures (ﬀ) and line breaks wherever the layout broke a line.
    return reader, " ".join(unicodedata.normalize("NFKC", words).split())


def squeezed(value: str) -> str:
    return re.sub(r"\s+", "", value)


def api_json(
    page: Page, method: str, path: str, body: dict[str, Any] | None = None, csrf: str | None = None
) -> tuple[int, Any]:
    """A request from inside the page (the browser's own cookie handling, same origin)."""
    result: list[Any] = page.evaluate(
        """async ([method, path, body, csrf]) => {
            const headers = {'Content-Type': 'application/json'};
            if (csrf) headers['X-CSRF-Token'] = csrf;
            const res = await fetch('/staff/api/' + path, {method, headers, credentials: 'same-origin',
                body: body === null ? undefined : JSON.stringify(body)});
            const text = await res.text();
            return [res.status, text];
        }""",
        [method, path, body, csrf],
    )
    status, raw = result
    return status, (json.loads(raw) if raw else None)


def session_token(page: Page) -> str:
    status, session = api_json(page, "GET", "session")
    assert status == 200, session
    return str(session["csrf_token"])


def referral_body(alias: str, **changes: Any) -> dict[str, Any]:
    return {
        "consent": True,
        "kind": "rueckruf",
        "alias": alias,
        "contact": "Telefon 0151 0000000",
        "reach_when": "vormittags",
        "language": "de",
        "need": "familienbuero",
        "offer_id": None,
        "note": "",
        **changes,
    }


def referral_ids(page: Page) -> list[str]:
    status, listed = api_json(page, "GET", "referrals")
    assert status == 200, listed
    return [r["id"] for r in listed["referrals"]]


# --- the page's files
def test_the_page_is_self_contained_and_its_texts_exist(system: dict[str, Any]) -> None:
    answer = httpx.get(staff_url(system), timeout=10)
    policy = answer.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "unsafe" not in policy
    html = (PAGE_DIR / "index.html").read_text(encoding="utf-8")
    script = (PAGE_DIR / "staff.js").read_text(encoding="utf-8")
    # No inline script or style (the CSP would refuse them), no third-party address, no HTML strings.
    assert re.findall(r"<script(?![^>]*\ssrc=)", html) == [] and "<style" not in html and " style=" not in html
    assert not re.search(r"""(src|href)=["']https?:""", html)
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert forbidden not in script, forbidden
    # One list of languages: the page's is the design's.
    languages = re.search(r"const LANGUAGES = \[([^\]]*)\]", script)
    assert languages and re.findall(r"'(\w+)'", languages.group(1)) == list(CONVERSATION_LANGUAGES)
    # Every key the page names exists in German; the Laufzettel has its texts for every kind of offer.
    german = catalogue("de")
    used = set(re.findall(r'data-t(?:-label)?="([a-z_.]+)"', html))
    # (not the beginnings of keys the script completes, such as 'staff.page.status.' + status)
    used |= set(re.findall(r"""\bt\(\s*'([a-z_]+(?:\.[a-z0-9_]*[a-z0-9])+)'""", script))
    assert used and sorted(key for key in used if key not in german) == []
    for language in ("de", "en"):
        texts = catalogue(language)
        for slug in CATEGORY_SLUGS:
            assert f"laufzettel.bring.{slug}" in texts and f"laufzettel.next.{slug}" in texts, (language, slug)
    for code in CONVERSATION_LANGUAGES:
        assert f"staff.page.language.{code}" in german
    sizes = sum(
        len(httpx.get(f"{system['api']}/staff/assets/{name}", timeout=10).content) for name in ("staff.js", "staff.css")
    )
    print(f"staff.js + staff.css: {sizes} bytes")


# --- the whole way: login, intake, consent, referral, Laufzettel, referral list, logout
def test_intake_consent_referral_laufzettel_and_logout(
    system: dict[str, Any], accounts: dict[str, str], staff_browser: Any
) -> None:
    staff = staff_browser()
    page = open_logged_in(system, staff, accounts["dortmund"])
    expect(page.locator("#sp-who")).to_contain_text(accounts["dortmund"])
    expect(page.locator("#sp-who")).to_contain_text("Dortmund")

    begin(page, "en")
    expect(page.locator("#sp-family-language")).to_contain_text("English")
    asked = answer_until_offers(page)
    assert asked, "the intake asks at least one question"
    # Each question is put to the staff member, with its hint from the Gesprächsleitfaden.
    questions = page.locator(".sp-msg--ask")
    expect(questions).to_have_count(len(asked))
    for i, slot in enumerate(asked):
        expect(questions.nth(i).locator(".sp-msg-text")).to_have_text(re.compile(r"^Fragen Sie: "))
        expect(questions.nth(i).locator(".sp-guide")).to_have_text(
            f"{text('staff.page.conversation.hint')}: {text(f'staff.hint.{slot}')}"
        )
    # The answers by button show their title, not the payload.
    expect(page.locator(".sp-msg--answer").filter(has_text="/")).to_have_count(0)

    cards = page.locator(".sp-offers .sp-card")
    assert cards.count() >= 1
    card = cards.first
    offer_id = card.get_attribute("data-offer") or ""
    category = card.get_attribute("data-category") or ""
    name = card.locator(".sp-card-title").inner_text().replace(text("card.example"), "").strip()
    phone = card.locator("a[href^='tel:']").first.inner_text().strip()
    assert offer_id and category in CATEGORY_SLUGS and phone
    expect(page.locator(".sp-jugendamt")).to_contain_text("Dortmund")
    card.get_by_label(text("staff.page.offers.choose")).check()
    expect(page.locator("#sp-chosen li")).to_have_text([name])
    # The family's language has its Laufzettel texts: the sheet comes in German and English.
    expect(page.locator("#sp-sheet-languages")).to_contain_text("English")

    # No referral before consent.
    expect(page.locator("#sp-referral")).to_be_hidden()
    expect(page.locator("#sp-consent")).to_contain_text(text("staff.page.say.consent", days=30))
    page.get_by_role("button", name=text("staff.page.consent.yes"), exact=True).click()
    form = page.locator("#sp-referral")
    expect(form).to_be_visible()
    expect(form.locator(".sp-warning")).to_have_text(text("staff.page.referral.note_warning"))
    # Prefilled from the intake.
    expect(page.locator("#sp-ref-language")).to_have_value("en")
    expect(page.locator("#sp-offer")).to_have_value(offer_id)
    need = page.locator("#sp-need").input_value()
    assert need in CATEGORY_SLUGS
    page.get_by_role("radio", name=text("staff.page.referral.kind_hausbesuch")).check()
    page.get_by_label(text("staff.page.referral.alias"), exact=True).fill("Aylin")
    page.get_by_label(text("staff.page.referral.contact"), exact=True).fill("Handy 0151 0000000")
    page.get_by_label(text("staff.page.referral.when"), exact=True).fill("nachmittags")
    page.get_by_label(text("staff.page.referral.note"), exact=True).fill("Möchte Hilfe bei Anträgen")
    with page.expect_response(lambda r: r.url.endswith("/staff/api/referrals") and r.request.method == "POST") as sent:
        page.get_by_role("button", name=text("staff.page.referral.submit")).click()
    assert sent.value.status == 201
    request_headers = sent.value.request.all_headers()
    assert request_headers.get("x-csrf-token"), "every unsafe request carries the CSRF token"
    expect(page.locator("#sp-referral-done")).to_have_text(text("staff.page.referral.sent", alias="Aylin"))
    stored = sent.value.json()
    assert (stored["kind"], stored["alias"], stored["language"], stored["need"], stored["offer_id"]) == (
        "hausbesuch",
        "Aylin",
        "en",
        need,
        offer_id,
    )

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "staff-intake-desktop.png"), full_page=True)

    # The Laufzettel: one A4 page, only the sheet, German and English.
    page.get_by_role("button", name=text("staff.page.sheet.print")).click()
    assert staff.print_calls() == 1
    reader, words = printed(page, "staff-laufzettel-en.pdf")
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - A4_POINTS[0]) < 2 and abs(float(box.height) - A4_POINTS[1]) < 2
    flat = squeezed(words)
    assert squeezed(name) in flat
    assert squeezed(phone) in flat
    for language in ("de", "en"):
        assert squeezed(text("laufzettel.title", language)) in flat
        assert squeezed(text(f"laufzettel.next.{category}", language)) in flat
        assert squeezed(text(f"laufzettel.bring.{category}", language)) in flat
    assert "110" in words and "112" in words
    assert "Dortmund" in words  # the local Jugendamt
    for not_printed in (text("staff.page.logout"), "Fragen Sie", text("staff.page.say.consent", days=30)[:30], "Aylin"):
        assert not_printed not in words
    assert page.locator("#sp-sheet [lang='en'][dir='ltr']").count() > 0

    # The Jugendamt's list: the referral is there; its status changes; the audit trail names who and when.
    page.get_by_role("link", name=text("staff.page.nav.referrals")).click()
    item = page.locator(".sp-ref", has_text="Aylin")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(text("staff.page.status.offen"))
    item.get_by_label(text("staff.page.referrals.change"), exact=True).select_option("in_arbeit")
    with page.expect_response(lambda r: "/staff/api/referrals/" in r.url and r.request.method == "PATCH") as patched:
        item.get_by_role("button", name=text("staff.page.referrals.save")).click()
    assert patched.value.status == 200 and patched.value.request.all_headers().get("x-csrf-token")
    expect(item.locator(".sp-status-badge")).to_have_text(text("staff.page.status.in_arbeit"))
    item.locator("summary").click()
    events = item.locator(".sp-events li")
    expect(events).to_have_count(2)
    expect(events.nth(0)).to_contain_text(text("staff.page.event.created"))
    expect(events.nth(1)).to_contain_text(text("staff.page.event.status_in_arbeit"))
    expect(events.nth(1)).to_contain_text(accounts["dortmund"])
    page.get_by_label(text("staff.page.referrals.filter")).select_option("offen")
    expect(page.locator(".sp-ref", has_text="Aylin")).to_have_count(0)
    page.get_by_label(text("staff.page.referrals.filter")).select_option("in_arbeit")
    expect(page.locator(".sp-ref", has_text="Aylin")).to_have_count(1)
    csv_link = page.get_by_role("link", name=text("staff.page.referrals.csv"))
    with page.expect_download() as download:
        csv_link.click()
    csv_text = Path(download.value.path()).read_text(encoding="utf-8")
    assert (
        csv_text.splitlines()[0] == "month,municipality_ags,municipality,need,need_label,intakes,without_fitting_offer"
    )
    assert "Dortmund" in csv_text
    page.screenshot(path=str(ARTIFACTS / "staff-referrals.png"), full_page=True)

    # Logout: the session is gone on the server too.
    page.get_by_role("button", name=text("staff.page.logout")).click()
    expect(page.locator("#sp-flash")).to_have_text(text("staff.page.logged_out"))
    expect(page.get_by_label(text("staff.page.login.email"))).to_be_visible()
    assert page.request.get(f"{system['api']}/staff/api/session").status == 401
    status, _ = api_json(page, "GET", "referrals")
    assert status == 401
    assert [url for method, url in staff.requests if method == "DELETE" and "/staff/api/intake/" in url]
    assert staff.script_errors() == []


# --- keyboard only; without consent nothing is sent, the Laufzettel still prints
def test_keyboard_only_intake_without_consent(
    system: dict[str, Any], accounts: dict[str, str], staff_browser: Any
) -> None:
    staff = staff_browser()
    page = staff.page
    page.goto(staff_url(system))
    expect(page.get_by_label(text("staff.page.login.email"))).to_be_focused()
    page.keyboard.type(accounts["dortmund"])
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("#sp-intake-h")).to_be_focused()
    focus_button_by_tab(page, text("staff.page.start.begin"))
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the keyboard focus must be visible"
    page.keyboard.press("Enter")
    wait_for_reply(page, 0)
    answer_until_offers(page, keyboard=True)
    expect(page.locator(".sp-offers-h").last).to_be_focused()
    focus_by_tab(page, ".sp-pick-box")
    page.keyboard.press("Space")
    expect(page.locator("#sp-chosen li")).to_have_count(1)
    focus_button_by_tab(page, text("staff.page.consent.no"))
    page.keyboard.press("Enter")
    expect(page.locator("#sp-consent-state")).to_have_text(text("staff.page.consent.refused"))
    expect(page.locator("#sp-referral")).to_be_hidden()
    focus_button_by_tab(page, text("staff.page.sheet.print"))
    page.keyboard.press("Enter")
    assert staff.print_calls() == 1
    reader, words = printed(page, "staff-laufzettel-de.pdf")
    assert len(reader.pages) == 1
    name = page.locator(".sp-card").filter(has=page.locator(".sp-pick-box:checked")).locator(".sp-card-title")
    assert squeezed(name.inner_text().replace(text("card.example"), "")) in squeezed(words)
    assert squeezed(text("laufzettel.title", "de")) in squeezed(words)
    assert squeezed(text("laufzettel.title", "en")) not in squeezed(words), "a German family: German only"
    assert not [url for method, url in staff.requests if method == "POST" and url.endswith("/staff/api/referrals")]
    assert staff.script_errors() == []


# --- login: wrong password, lock-out
def test_wrong_password_and_lock_out(system: dict[str, Any], accounts: dict[str, str], staff_browser: Any) -> None:
    staff = staff_browser()
    page = staff.page
    page.goto(staff_url(system))
    error = page.locator("#sp-login-error")
    log_in(page, accounts["locked"], "falsches-Passwort-123")
    expect(error).to_have_text(text("api.staff.login_failed"))
    expect(page.get_by_label(text("staff.page.login.password"), exact=True)).to_have_attribute("aria-invalid", "true")
    # The same message for an unknown address: nobody learns which accounts exist.
    log_in(page, "niemand@example.org", "falsches-Passwort-123")
    expect(error).to_have_text(text("api.staff.login_failed"))
    for _ in range(4):
        log_in(page, accounts["locked"], "falsches-Passwort-123")
        expect(error).not_to_be_empty()
    log_in(page, accounts["locked"], PASSWORD)
    expect(error).to_have_text(
        re.compile(r"^" + re.escape(text("api.staff.locked", minutes=999)).replace("999", r"\d+") + r"$")
    )
    expect(page.get_by_role("button", name=text("staff.page.logout"))).to_be_hidden()
    assert page.request.get(f"{system['api']}/staff/api/session").status == 401
    page.screenshot(path=str(ARTIFACTS / "staff-locked.png"))
    assert staff.script_errors() == []


# --- Jugendamt boundaries
def test_koeln_cannot_read_a_dortmund_referral(
    system: dict[str, Any], accounts: dict[str, str], staff_browser: Any
) -> None:
    dortmund = staff_browser()
    open_logged_in(system, dortmund, accounts["dortmund"])
    status, created = api_json(
        dortmund.page, "POST", "referrals", referral_body("Dortmund-Nur"), csrf=session_token(dortmund.page)
    )
    assert status == 201, created
    referral_id = created["id"]

    koeln = staff_browser()
    page = open_logged_in(system, koeln, accounts["koeln"])
    expect(page.locator("#sp-who")).to_contain_text("Köln")
    page.get_by_role("link", name=text("staff.page.nav.referrals")).click()
    expect(page.locator("#sp-referrals-status")).not_to_be_empty()
    expect(page.locator(".sp-ref", has_text="Dortmund-Nur")).to_have_count(0)
    assert referral_id not in referral_ids(page)
    # Through the browser's fetch and through Playwright's request context (the same cookie).
    status, refused = api_json(page, "GET", f"referrals/{referral_id}")
    assert status == 403, refused
    assert page.request.get(f"{system['api']}/staff/api/referrals/{referral_id}").status == 403
    status, _ = api_json(page, "PATCH", f"referrals/{referral_id}", {"status": "erledigt"}, csrf=session_token(page))
    assert status == 403
    # Dortmund still sees it, unchanged.
    status, own = api_json(dortmund.page, "GET", f"referrals/{referral_id}")
    assert status == 200 and own["status"] == "offen"
    assert koeln.script_errors() == [] and dortmund.script_errors() == []


def test_a_request_without_the_csrf_token_is_refused(
    system: dict[str, Any], accounts: dict[str, str], staff_browser: Any
) -> None:
    staff = staff_browser()
    page = open_logged_in(system, staff, accounts["dortmund"])
    before = referral_ids(page)
    for csrf in (None, "falsches-token"):
        status, refused = api_json(page, "POST", "referrals", referral_body("Ohne-Token"), csrf=csrf)
        assert status == 403, refused
        assert refused["type"] == "csrf"
        assert (
            page.request.post(f"{system['api']}/staff/api/referrals", data=referral_body("Ohne-Token-2")).status == 403
        )
    assert referral_ids(page) == before
    # The same request with the token is stored: the refusal was the token's, not the session's or the body's.
    status, created = api_json(page, "POST", "referrals", referral_body("Mit-Token"), csrf=session_token(page))
    assert status == 201, created
    assert referral_ids(page) == [created["id"], *before]
    # Logout needs the token as well.
    status, _ = api_json(page, "POST", "logout", {})
    assert status == 403 and page.request.get(f"{system['api']}/staff/api/session").status == 200


# --- safeguarding
def test_a_crisis_shows_the_numbers_and_the_child_protection_route_at_once(
    system: dict[str, Any], accounts: dict[str, str], staff_browser: Any
) -> None:
    staff = staff_browser()
    page = open_logged_in(system, staff, accounts["dortmund"])
    begin(page)
    say(page, "Der Vater schlägt das Kind")
    alert = page.get_by_role("alert").filter(has=page.locator(".sp-alarm-h"))
    expect(alert).to_be_visible()
    expect(alert.locator(".sp-call[href='tel:110']")).to_be_visible()
    expect(alert).to_contain_text("§ 8a SGB VIII")
    expect(alert).to_contain_text(text("staff.child_protection"))
    assert alert.bounding_box()["y"] < 600, "the alert is at the top, in view"  # type: ignore[index]
    page.screenshot(path=str(ARTIFACTS / "staff-crisis.png"))
    # A new conversation: the old one is forgotten on the server, the page starts clean.
    with page.expect_response(lambda r: "/staff/api/intake/" in r.url and r.request.method == "DELETE") as forgotten:
        page.get_by_role("button", name=text("staff.page.conversation.new")).click()
    assert forgotten.value.status == 204
    expect(page.locator(".sp-alarm")).to_have_count(0)
    expect(page.get_by_role("button", name=text("staff.page.start.begin"))).to_be_visible()
    assert staff.script_errors() == []


# --- a right-to-left family language
def test_a_right_to_left_family_language_gets_its_own_lang_and_dir(
    system: dict[str, Any], accounts: dict[str, str], staff_browser: Any
) -> None:
    staff = staff_browser()
    page = staff.page
    open_logged_in(system, staff, accounts["dortmund"])
    begin(page, "ar")
    expect(page.locator("#sp-sheet-languages [lang='ar']")).to_have_text(text("staff.page.language.ar"))
    title = page.locator("#sp-sheet .sp-sheet-title-alt")
    expect(title).to_have_text(text("laufzettel.title", "ar"))
    expect(title).to_have_attribute("lang", "ar")
    expect(title).to_have_attribute("dir", "rtl")
    expect(page.locator("#sp-sheet .sp-sheet-emergency [dir='rtl']")).to_have_text(text("laufzettel.emergency", "ar"))
    # The German parts stay left to right.
    assert page.locator("#sp-sheet [dir='rtl']").count() == page.locator("#sp-sheet [lang='ar']").count()
    assert page.evaluate("getComputedStyle(document.querySelector('.sp-sheet-title > span')).direction") == "ltr"
    reader, _ = printed(page, "staff-laufzettel-rtl.pdf")
    assert len(reader.pages) == 1
    assert staff.script_errors() == []


# --- accessibility (axe is injected by the test, so this context bypasses the page's CSP)
def test_no_accessibility_violations(system: dict[str, Any], accounts: dict[str, str], staff_browser: Any) -> None:
    staff = staff_browser(bypass_csp=True, viewport={"width": 1024, "height": 768}, has_touch=True)
    page = staff.page
    page.goto(staff_url(system))
    expect(page.get_by_label(text("staff.page.login.email"))).to_be_visible()
    log_in(page, accounts["dortmund"], "falsches-Passwort-123")
    expect(page.locator("#sp-login-error")).not_to_be_empty()
    check_axe(page, "login with an error")
    log_in(page, accounts["dortmund"])
    expect(page.get_by_role("button", name=text("staff.page.logout"))).to_be_visible()
    check_axe(page, "start")
    begin(page, "ar")
    check_axe(page, "conversation")
    answer_until_offers(page)
    page.locator(".sp-pick-box").first.check()
    check_axe(page, "offers")
    page.get_by_role("button", name=text("staff.page.consent.yes"), exact=True).click()
    page.get_by_role("button", name=text("staff.page.referral.submit")).click()
    expect(page.locator("#sp-referral-error")).not_to_be_empty()
    check_axe(page, "referral form with errors")
    page.get_by_label(text("staff.page.referral.alias"), exact=True).fill("Mona")
    page.get_by_label(text("staff.page.referral.contact"), exact=True).fill("über die Kita")
    page.get_by_role("button", name=text("staff.page.referral.submit")).click()
    expect(page.locator("#sp-referral-done")).not_to_be_empty()
    page.screenshot(path=str(ARTIFACTS / "staff-intake-tablet.png"), full_page=True)
    page.get_by_role("link", name=text("staff.page.nav.referrals")).click()
    expect(page.locator(".sp-ref").first).to_be_visible()
    page.locator(".sp-ref summary").first.click()
    expect(page.locator(".sp-events li").first).to_be_visible()
    check_axe(page, "referral list")
    # The family's Arabic parts of the Laufzettel are marked as such, right to left.
    assert page.locator("#sp-sheet [lang='ar']").count() == page.locator("#sp-sheet [dir='rtl']").count() > 0
    assert staff.script_errors() == []
    body = page.locator("body").inner_text()
    assert "staff.page." not in body and "laufzettel." not in body, "a text key is missing in the catalogue"


# --- accounts: only an admin manages them, only those of the own Jugendamt
def account_row(page: Page, email: str) -> Locator:
    return page.locator(f"#sp-account-rows tr[data-email='{email}']")


def lock_out(system: dict[str, Any], email: str) -> None:
    """Wrong passwords until the API locks the account (STAFF_LOCKOUT_ATTEMPTS)."""
    for _ in range(10):
        answer = httpx.post(
            f"{system['api']}/staff/api/login", json={"email": email, "password": "falsches-Passwort-123"}, timeout=10
        )
        if answer.status_code == 429:
            return
        assert answer.status_code == 401, answer.text
    raise AssertionError(f"{email} was not locked")


def accounts_shown(page: Page) -> list[str]:
    expect(page.locator("#sp-accounts-status")).to_have_text(
        re.compile(r"^" + re.escape(text("staff.page.accounts.count", count=999)).replace("999", r"\d+") + r"$")
    )
    rows = page.locator("#sp-account-rows tr")
    return [rows.nth(i).get_attribute("data-email") or "" for i in range(rows.count())]


def test_an_admin_creates_an_account_and_disables_it(
    system: dict[str, Any], accounts: dict[str, str], admin: str, staff_browser: Any
) -> None:
    lock_out(system, LOCKED_FOR_LIST)
    boss = staff_browser()
    page = open_logged_in(system, boss, admin)
    nav = page.get_by_role("link", name=text("staff.page.accounts.nav"), exact=True)
    expect(nav).to_be_visible()
    nav.click()
    expect(page).to_have_url(re.compile(r"#konten$"))
    expect(page.locator("#sp-accounts-h")).to_be_focused()
    expect(nav).to_have_attribute("aria-current", "page")
    # The accounts of the own Jugendamt, not Köln's.
    shown = accounts_shown(page)
    assert {admin, accounts["dortmund"], accounts["locked"], LOCKED_FOR_LIST} <= set(shown)
    assert accounts["koeln"] not in shown
    own = account_row(page, admin)
    expect(own.locator("td").nth(0)).to_have_text(text("staff.page.accounts.role_admin"))
    expect(own.locator("td").nth(1)).to_have_text(text("staff.page.accounts.active"))
    expect(own.locator("td").nth(2)).not_to_have_text(text("staff.page.accounts.never"))
    expect(own.locator("td").nth(3)).to_have_text(text("staff.page.accounts.you"))
    expect(own.get_by_role("button")).to_have_count(0)
    locked = account_row(page, LOCKED_FOR_LIST)
    expect(locked.locator("td").nth(0)).to_have_text(text("staff.page.accounts.role_staff"))
    expect(locked.locator("td").nth(1)).to_contain_text(text("staff.page.accounts.locked"))
    expect(locked.locator("td").nth(2)).to_have_text(text("staff.page.accounts.never"))

    # The form: empty, a short password (checked on the page), an address with an account (the API's words).
    form_error = page.locator("#sp-account-error")
    email = page.get_by_label(text("staff.page.accounts.email"), exact=True)
    password = page.get_by_label(text("staff.page.accounts.password"), exact=True)
    submit = page.get_by_role("button", name=text("staff.page.accounts.submit"))
    expect(password).to_have_accessible_description(re.compile(re.escape(text("staff.page.accounts.password_hint"))))
    submit.click()
    expect(form_error).to_have_text(text("staff.page.accounts.incomplete"))
    expect(email).to_be_focused()
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#sp-account-email-error")).to_have_text(text("staff.page.accounts.required"))
    email.fill(COLLEAGUE)
    password.fill("zu-kurz")
    submit.click()
    expect(password).to_be_focused()
    expect(page.locator("#sp-account-password-error")).to_have_text(text("staff.page.accounts.password_short"))
    assert not [url for method, url in boss.requests if method == "POST" and url.endswith("/staff/api/accounts")]
    email.fill(accounts["dortmund"])
    password.fill(COLLEAGUE_PASSWORD)
    with page.expect_response(lambda r: r.url.endswith("/staff/api/accounts") and r.request.method == "POST") as taken:
        submit.click()
    assert taken.value.status == 409
    expect(form_error).to_have_text(text("api.staff.account_exists"))
    expect(page.get_by_role("alert").filter(has_text=text("api.staff.account_exists"))).to_be_visible()
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_be_focused()

    email.fill(COLLEAGUE)
    page.get_by_role("radio", name=text("staff.page.accounts.role_staff")).check()
    with page.expect_response(lambda r: r.url.endswith("/staff/api/accounts") and r.request.method == "POST") as made:
        submit.click()
    assert made.value.status == 201
    assert made.value.request.all_headers().get("x-csrf-token") == session_token(page)
    assert json.loads(made.value.request.post_data or "{}") == {
        "email": COLLEAGUE,
        "password": COLLEAGUE_PASSWORD,
        "role": "staff",
    }
    expect(page.locator("#sp-account-done")).to_have_text(text("staff.page.accounts.created", email=COLLEAGUE))
    expect(form_error).to_be_empty()
    expect(email).to_have_value("")
    expect(password).to_have_value("")
    new = account_row(page, COLLEAGUE)
    expect(new.locator("td").nth(0)).to_have_text(text("staff.page.accounts.role_staff"))
    expect(new.locator("td").nth(1)).to_have_text(text("staff.page.accounts.active"))
    expect(new.locator("td").nth(2)).to_have_text(text("staff.page.accounts.never"))

    # The new colleague logs in with the first password, in a browser of their own; no accounts for them.
    colleague = staff_browser()
    mate = colleague.page
    mate.goto(staff_url(system))
    log_in(mate, COLLEAGUE, COLLEAGUE_PASSWORD)
    expect(mate.get_by_role("button", name=text("staff.page.logout"))).to_be_visible()
    expect(mate.locator("#sp-who")).to_contain_text(COLLEAGUE)
    expect(mate.get_by_role("link", name=text("staff.page.accounts.nav"), exact=True)).to_have_count(0)

    # The admin's page again (#konten): the login is in the list. Disabling, by keyboard, with a confirmation.
    page.reload()
    expect(page.locator("#sp-accounts")).to_be_visible()
    accounts_shown(page)
    expect(new.locator("td").nth(2)).not_to_have_text(text("staff.page.accounts.never"))
    focus_by_tab(page, f"tr[data-email='{COLLEAGUE}'] button[data-action='disable']")
    disable = new.get_by_role("button", name=text("staff.page.accounts.disable"), exact=True)
    expect(disable).to_have_accessible_description(COLLEAGUE)
    page.keyboard.press("Enter")
    question = new.locator(".sp-confirm-q")
    expect(question).to_be_focused()
    expect(question).to_have_text(text("staff.page.accounts.confirm", email=COLLEAGUE))
    expect(new.get_by_role("group", name=text("staff.page.accounts.confirm", email=COLLEAGUE))).to_be_visible()
    page.keyboard.press("Escape")
    expect(disable).to_be_focused()
    expect(new.locator(".sp-confirm")).to_have_count(0)
    page.keyboard.press("Enter")
    expect(question).to_be_focused()
    page.keyboard.press("Tab")
    expect(new.get_by_role("button", name=text("staff.page.accounts.confirm_yes"))).to_be_focused()
    assert not [url for method, url in boss.requests if url.endswith("/disable")], "nothing before the confirmation"
    with page.expect_response(lambda r: r.url.endswith("/disable")) as disabled:
        page.keyboard.press("Enter")
    assert disabled.value.status == 200
    assert disabled.value.request.all_headers().get("x-csrf-token") == session_token(page)
    assert disabled.value.json()["disabled_at"]
    expect(page.locator("#sp-accounts-status")).to_have_text(text("staff.page.accounts.disabled_done", email=COLLEAGUE))
    expect(new.locator("td").nth(1)).to_have_text(text("staff.page.accounts.disabled"))
    expect(new.get_by_role("button")).to_have_count(0)
    expect(new.locator("th")).to_be_focused()
    # Disabling the own account is refused by the API (and the page offers no button for it).
    status, listed = api_json(page, "GET", "accounts")
    assert status == 200
    own_id = next(a["id"] for a in listed["accounts"] if a["email"] == admin)
    status, refused = api_json(page, "POST", f"accounts/{own_id}/disable", {}, csrf=session_token(page))
    assert status == 422 and refused["detail"] == text("api.staff.account_self")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "staff-accounts.png"), full_page=True)

    # The colleague's next step ends on the login page; the first password opens nothing any more.
    mate.get_by_role("link", name=text("staff.page.nav.referrals")).click()
    expect(mate.locator("#sp-flash")).to_have_text(text("staff.page.session_gone"))
    expect(mate.get_by_label(text("staff.page.login.email"))).to_be_visible()
    expect(mate.get_by_role("button", name=text("staff.page.logout"))).to_be_hidden()
    log_in(mate, COLLEAGUE, COLLEAGUE_PASSWORD)
    expect(mate.locator("#sp-login-error")).to_have_text(text("api.staff.login_failed"))
    assert mate.request.get(f"{system['api']}/staff/api/session").status == 401
    assert boss.script_errors() == [] and colleague.script_errors() == []


def test_a_staff_member_has_no_accounts_view(
    system: dict[str, Any], accounts: dict[str, str], admin: str, staff_browser: Any
) -> None:
    staff = staff_browser()
    page = open_logged_in(system, staff, accounts["dortmund"])
    expect(page.get_by_role("link", name=text("staff.page.nav.referrals"))).to_be_visible()
    expect(page.get_by_role("link", name=text("staff.page.accounts.nav"), exact=True)).to_have_count(0)
    expect(page.locator("#sp-nav-accounts")).to_be_hidden()
    # Typing the address of the view leads to the intake.
    page.evaluate("location.hash = '#konten'")
    expect(page.locator("#sp-intake")).to_be_visible()
    expect(page.locator("#sp-accounts")).to_be_hidden()
    # The API refuses the accounts to a staff member, with the session's CSRF token too.
    with page.expect_response(lambda r: r.url.endswith("/staff/api/accounts")) as answer:
        status, refused = api_json(page, "GET", "accounts")
    assert status == 403 == answer.value.status and refused["detail"] == text("api.staff.admin_only")
    csrf = session_token(page)
    sneaky = "heimlich.dortmund@example.org"
    status, _ = api_json(page, "POST", "accounts", {"email": sneaky, "password": PASSWORD, "role": "admin"}, csrf=csrf)
    assert status == 403
    status, _ = api_json(page, "POST", "accounts/00000000-0000-4000-8000-000000000000/disable", {}, csrf=csrf)
    assert status == 403
    assert sneaky not in staff_cli(system, "list")
    assert not [url for method, url in staff.requests if method == "GET" and url.endswith("/staff/api/accounts")][1:]
    assert staff.script_errors() == []


def test_the_accounts_view_has_no_accessibility_violations(
    system: dict[str, Any], accounts: dict[str, str], admin: str, staff_browser: Any
) -> None:
    staff = staff_browser(bypass_csp=True, viewport={"width": 1024, "height": 768}, has_touch=True)
    page = open_logged_in(system, staff, admin)
    page.get_by_role("link", name=text("staff.page.accounts.nav"), exact=True).click()
    accounts_shown(page)
    check_axe(page, "accounts")
    page.get_by_role("button", name=text("staff.page.accounts.submit")).click()
    expect(page.locator("#sp-account-error")).to_have_text(text("staff.page.accounts.incomplete"))
    check_axe(page, "account form with errors")
    target = account_row(page, accounts["dortmund"])
    target.get_by_role("button", name=text("staff.page.accounts.disable"), exact=True).click()
    expect(target.locator(".sp-confirm-q")).to_be_focused()
    check_axe(page, "confirmation")
    page.screenshot(path=str(ARTIFACTS / "staff-accounts-confirm-tablet.png"), full_page=True)
    # Cancelled: nothing sent, the account stays active.
    target.get_by_role("button", name=text("staff.page.accounts.confirm_no")).click()
    expect(target.get_by_role("button", name=text("staff.page.accounts.disable"), exact=True)).to_be_focused()
    expect(target.locator("td").nth(1)).to_have_text(text("staff.page.accounts.active"))
    assert not [url for method, url in staff.requests if url.endswith("/disable")]
    body = page.locator("body").inner_text()
    assert "staff.page." not in body, "a text key is missing in the catalogue"
    assert staff.script_errors() == []


# --- retention: with the clock 31 days ahead, referrals are gone (last: it deletes this session's referrals)
@contextmanager
def api_days_later(system: dict[str, Any], days: int) -> Iterator[str]:
    """A second offers API on the same database, its clock `days` ahead (Debian's faketime)."""
    port = free_port()
    rasa_port = int(system["rasa"].rsplit(":", 1)[1])
    env = service_env(Path(system["logs"]), port, int(system["actions_port"]), rasa_port)
    env["DATABASE_URL"] = system["database_url"]
    log = Path(system["logs"]) / f"api-{days}-days-later.log"
    process = start(clock_shifted(api_command(port), days), env, log)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/ready", process, "offers API under faketime", 90)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop([process])


def test_expired_referrals_disappear(system: dict[str, Any], accounts: dict[str, str], staff_browser: Any) -> None:
    today = staff_browser()
    open_logged_in(system, today, accounts["dortmund"])
    status, created = api_json(
        today.page, "POST", "referrals", referral_body("Bald-geloescht"), csrf=session_token(today.page)
    )
    assert status == 201, created
    assert created["id"] in referral_ids(today.page)
    with api_days_later(system, 31) as later_api:
        later = staff_browser()
        page = later.page
        page.goto(f"{later_api}/staff/")
        log_in(page, accounts["dortmund"])
        expect(page.get_by_role("button", name=text("staff.page.logout"))).to_be_visible()
        page.get_by_role("link", name=text("staff.page.nav.referrals")).click()
        expect(page.locator("#sp-referrals-status")).to_have_text(text("staff.page.referrals.empty"))
        expect(page.locator(".sp-ref")).to_have_count(0)
        status, _ = api_json(page, "GET", f"referrals/{created['id']}")
        assert status == 404
        page.screenshot(path=str(ARTIFACTS / "staff-referrals-31-days-later.png"))
        assert later.script_errors() == []
    # Back at today's clock: the session from before ended (idle for 31 days); the page says so and shows the
    # login at the next step. The rows are gone for real (deleted when the later API started).
    today.page.get_by_role("link", name=text("staff.page.nav.referrals")).click()
    expect(today.page.locator("#sp-flash")).to_have_text(
        re.compile(
            "^("
            + re.escape(text("staff.page.session_expired"))
            + "|"
            + re.escape(text("staff.page.session_gone"))
            + ")$"
        )
    )
    expect(today.page.get_by_label(text("staff.page.login.email"))).to_be_visible()
    expect(today.page.locator(".sp-ref")).to_have_count(0)
    log_in(today.page, accounts["dortmund"])
    expect(today.page.get_by_role("button", name=text("staff.page.logout"))).to_be_visible()
    status, _ = api_json(today.page, "GET", f"referrals/{created['id']}")
    assert status == 404
    assert created["id"] not in referral_ids(today.page)
