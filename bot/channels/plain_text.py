"""Channel-neutral bot messages as plain text for the messengers (Telegram, WhatsApp).

A Rasa bot message (text, buttons, typed `custom` payload) becomes one or more parts, in the order a parent
should read them: emergency numbers first and on their own, then the text with its choices, then one part per
offer or contact, each with everything needed to act on it (name, why, phone, address, opening hours).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vocabulary import messages
from vocabulary.texts import text


@dataclass
class Part:
    text: str
    # Choices for the parent: {"title", "payload"}.
    buttons: list[dict[str, str]] = field(default_factory=list)
    # The `input` of the question this part asks (design: ask payload), or None.
    ask_input: str | None = None


def _value(item: dict[str, Any], key: str) -> str:
    value = item.get(key)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value.strip() if isinstance(value, str) else ""


def _labelled(label_key: str, value: str, language: str | None) -> str:
    return f"{text(label_key, language)}: {value}"


def contact_text(item: dict[str, Any], language: str | None, *, why: str = "") -> str:
    """An offer or a contact as lines: name (with the example mark), why, phone, address, hours, web, e-mail."""
    name = _value(item, "name")
    lines = [f"{text('card.example', language)}: {name}" if item.get("demo") is True else name]
    label = _value(item, "category_label")
    if label:
        lines.append(label)
    if why:
        lines.append(why)
    for key, label_key in (("phone", "card.phone"), ("address", "card.address")):
        if _value(item, key):
            lines.append(_labelled(label_key, _value(item, key), language))
    hours = _value(item, "opening_hours")
    if hours:
        lines.append(_labelled("card.hours", hours.replace("; ", ", "), language))
    languages = item.get("languages")
    if isinstance(languages, list) and languages:
        lines.append(_labelled("card.languages", ", ".join(str(entry) for entry in languages), language))
    flags = (("free_of_charge", "card.free"), ("home_visit", "card.home_visit"))
    tags = [text(key, language) for flag, key in flags if item.get(flag) is True]
    if tags:
        lines.append(", ".join(tags))
    for key, label_key in (("url", "card.web"), ("email", "card.email")):
        if _value(item, key):
            lines.append(_labelled(label_key, _value(item, key), language))
    if item.get("demo") is True:
        lines.append(text("card.example_note", language))
    return "\n".join(line for line in lines if line)


def emergency_text(payload: dict[str, Any], language: str | None) -> str:
    numbers = [entry for entry in payload.get("numbers") or [] if isinstance(entry, dict) and entry.get("phone")]
    lines = [text("card.emergency", language)]
    for number in numbers:
        fields = {key: _value(number, key) for key in ("label", "phone", "hours")}
        lines.append(text("emergency.number_line", language, **fields))
    return "\n".join(lines)


def parts(message: dict[str, Any], language: str | None) -> list[Part]:
    """The parts of one bot message, in reading order. Empty when there is nothing to show."""
    payload = messages.payload_of(message) or {}
    kind = payload.get("type")
    result: list[Part] = []
    if kind == messages.EMERGENCY:
        result.append(Part(emergency_text(payload, language)))
    body = _value(message, "text")
    buttons = [
        {"title": _value(button, "title"), "payload": _value(button, "payload") or _value(button, "title")}
        for button in message.get("buttons") or []
        if isinstance(button, dict) and _value(button, "title")
    ]
    ask_input = payload.get("input") if kind == messages.ASK else None
    if body or buttons:
        result.append(Part(body, buttons, ask_input))
    if kind == messages.OFFERS:
        for offer in payload.get("offers") or []:
            if isinstance(offer, dict) and _value(offer, "name"):
                result.append(Part(contact_text(offer, language, why=_value(offer, "why"))))
    if kind == messages.HANDOFF and isinstance(payload.get("contact"), dict) and _value(payload["contact"], "name"):
        result.append(Part(contact_text(payload["contact"], language)))
    return result


def split(body: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut at line ends (or spaces) so no word is broken."""
    pieces: list[str] = []
    rest = body.strip()
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit + 1)
        if cut <= 0:
            cut = rest.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].strip()
    if rest:
        pieces.append(rest)
    return pieces
