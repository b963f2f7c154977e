"""Parts of a bot message (bot.channels.plain_text) as bodies for Telegram's sendMessage.

Plain text only (no parse_mode), so nothing typed into an offer can turn into markup. A long text is split at
line ends; the choices go with the last piece as an inline keyboard, one button per row.
"""

from __future__ import annotations

from typing import Any

from bot.channels.plain_text import Part, split

# Telegram takes at most 4096 characters per message, counted in UTF-16 code units.
TEXT_LIMIT = 4096
# callback_data must be 1 to 64 bytes.
CALLBACK_DATA_BYTES = 64


def cut_to_bytes(value: str, limit: int) -> str:
    """The longest start of `value` that fits into `limit` bytes of UTF-8, never cutting a character."""
    return value.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


def callback_data(button: dict[str, str]) -> str:
    """The payload when it fits; otherwise the title (the NLU understands titles), cut to 64 bytes."""
    payload = button.get("payload") or ""
    if 1 <= len(payload.encode("utf-8")) <= CALLBACK_DATA_BYTES:
        return payload
    return cut_to_bytes(button.get("title") or "", CALLBACK_DATA_BYTES)


def inline_keyboard(buttons: list[dict[str, str]]) -> dict[str, Any] | None:
    rows = [
        [{"text": button["title"], "callback_data": data}]
        for button in buttons
        if button.get("title") and (data := callback_data(button))
    ]
    return {"inline_keyboard": rows} if rows else None


def utf16_length(value: str) -> int:
    return len(value.encode("utf-16-le")) // 2


def pieces_of(body: str) -> list[str]:
    """`body` split at line ends into pieces Telegram accepts (an emoji counts twice there)."""
    limit = TEXT_LIMIT
    pieces = split(body, limit)
    while limit > 1 and any(utf16_length(piece) > TEXT_LIMIT for piece in pieces):
        limit //= 2
        pieces = split(body, limit)
    return pieces


def send_message_bodies(chat_id: int | str, part: Part, choose_text: str) -> list[dict[str, Any]]:
    """The sendMessage bodies for one part, in order. `choose_text` stands in for a missing text before buttons
    (Telegram refuses an empty text)."""
    keyboard = inline_keyboard(part.buttons)
    pieces = pieces_of(part.text)
    if not pieces and keyboard:
        pieces = [choose_text]
    bodies: list[dict[str, Any]] = [{"chat_id": chat_id, "text": piece} for piece in pieces]
    if keyboard and bodies:
        bodies[-1]["reply_markup"] = keyboard
    return bodies
