"""The channel-neutral message contract (design: "Message contract").

Actions say *what* a message is; each channel decides *how* to show it. A bot message is Rasa's own dict with
`text`, optional `buttons` ({"title", "payload"}) and optional `custom`, one of the typed payloads built here.
"""

from __future__ import annotations

from typing import Any

ASK, OFFERS, EMERGENCY, HANDOFF = "ask", "offers", "emergency", "handoff"
PAYLOAD_TYPES: tuple[str, ...] = (ASK, OFFERS, EMERGENCY, HANDOFF)
# How a question wants to be answered: the widget chooses the keyboard, messengers the kind of choices.
ASK_INPUTS: tuple[str, ...] = ("postal_code", "number", "choice", "text", "yes_no")

# The fields of one offer in the `offers` payload, in this order (plus "why": one sentence why it fits).
OFFER_PAYLOAD_FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "category",
    "category_label",
    "address",
    "phone",
    "email",
    "url",
    "opening_hours",
    "languages",
    "free_of_charge",
    "home_visit",
    "demo",
    "last_verified",
)
# The fields of a contact in the `handoff` payload.
HANDOFF_CONTACT_FIELDS: tuple[str, ...] = ("name", "phone", "email", "url", "address", "opening_hours", "demo")


def ask(slot: str, kind: str) -> dict[str, Any]:
    assert kind in ASK_INPUTS, kind
    return {"type": ASK, "slot": slot, "input": kind}


def offers(
    municipality: dict[str, Any],
    jugendamt: dict[str, Any],
    items: list[dict[str, Any]],
    need: str | None = None,
    fitting: bool = True,
) -> dict[str, Any]:
    """`need`: the category the family's situation calls for first; `fitting`: whether an offer of that
    category is among the offers (youth-welfare planning counts the needs that found none nearby)."""
    return {
        "type": OFFERS,
        "need": need,
        "fitting": fitting,
        "municipality": municipality,
        "jugendamt": jugendamt,
        "offers": items,
    }


def emergency(kind: str, numbers: list[dict[str, str]]) -> dict[str, Any]:
    return {"type": EMERGENCY, "kind": kind, "numbers": numbers}


def handoff(contact: dict[str, Any]) -> dict[str, Any]:
    return {"type": HANDOFF, "contact": {key: contact.get(key) for key in HANDOFF_CONTACT_FIELDS}}


def payload_of(message: dict[str, Any]) -> dict[str, Any] | None:
    """The typed payload of a bot message, or None."""
    custom = message.get("custom")
    return custom if isinstance(custom, dict) and custom.get("type") in PAYLOAD_TYPES else None
