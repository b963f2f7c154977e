"""Languages: those an offer can be given in, and those the assistant speaks with families.

Codes are ISO 639-1 (639-3 where there is none). Their names are texts (`language.<code>`).
"""

from __future__ import annotations

OFFER_LANGUAGES: tuple[str, ...] = (
    "de", "en", "tr", "ar", "ru", "uk", "pl", "ro", "bg", "fa", "ku", "nl", "fr", "es", "it", "pt", "el", "sq", "sr",
    "hr", "bs", "hu", "ti", "so", "ps", "ur", "vi", "zh", "gsg",
)  # fmt: skip
# The languages of the design for the conversation (the `language` slot).
CONVERSATION_LANGUAGES: tuple[str, ...] = ("de", "en", "tr", "ar", "uk", "ru")


def known_language(tag: str | None) -> str | None:
    """The language of a tag such as "de-DE" or "pt_BR" ("de", "pt"), when it is one we know; else None."""
    code = (tag or "").strip().replace("_", "-").split("-")[0].lower()
    return code if code in OFFER_LANGUAGES or code in CONVERSATION_LANGUAGES else None
