"""Bot messages as WhatsApp message bodies: plain text, buttons as numbered (or lettered) choices.

WhatsApp through Twilio has no buttons without approved templates, so a choice is a line "1 Title" and the
parent answers with the number. When the question itself wants a number (the child's age: "2" may mean
2 years), the choices get letters instead, so a typed number stays an answer to the question.
"""

from __future__ import annotations

import string
from typing import Any

from bot.channels.plain_text import Part, parts, split
from vocabulary.texts import text

# Twilio refuses WhatsApp bodies over 1,600 characters.
MAX_BODY_CHARS = 1600
LETTERS = string.ascii_uppercase
# What a parent may type around a choice: "2.", "B)", " b ".
CHOICE_DECORATION = ".)"


def lettered(part: Part) -> bool:
    return part.ask_input == "number" and len(part.buttons) <= len(LETTERS)


def labels(part: Part) -> list[str]:
    """The label of each choice of `part`, in order: "1", "2", … or "A", "B", …."""
    if lettered(part):
        return list(LETTERS[: len(part.buttons)])
    return [str(number) for number in range(1, len(part.buttons) + 1)]


def body(part: Part, language: str | None) -> str:
    """One part as text: its text, then one line per choice, then how to answer."""
    sections = [part.text] if part.text else []
    if part.buttons:
        choices = zip(labels(part), part.buttons, strict=True)
        sections.append("\n".join(f"{label} {button['title']}" for label, button in choices))
        sections.append(text("channel.choose_letter" if lettered(part) else "channel.choose_number", language))
    return "\n\n".join(sections)


def bodies(message: dict[str, Any], language: str | None, limit: int = MAX_BODY_CHARS) -> list[str]:
    """The WhatsApp messages for one bot message, in reading order, each at most `limit` characters."""
    return [piece for part in parts(message, language) for piece in split(body(part, language), limit)]


def choice_payload(message: dict[str, Any], answer: str, language: str | None) -> str | None:
    """The payload of the choice `answer` picks among the buttons of `message`, or None if it picks none."""
    choices = [part for part in parts(message, language) if part.buttons]
    if not choices:
        return None
    part = choices[-1]
    picked = answer.strip().rstrip(CHOICE_DECORATION).strip().upper()
    for label, button in zip(labels(part), part.buttons, strict=True):
        if picked == label:
            return button["payload"]
    return None
