"""The kinds of danger the assistant answers with emergency numbers at once, and their NLU intents."""

from __future__ import annotations

# In the order in which the kinds decide the numbers when a message names several.
CRISIS_KINDS: tuple[str, ...] = ("violence", "child_danger", "suicidal", "medical")
CRISIS_INTENT_PREFIX = "crisis_"
CRISIS_INTENTS: tuple[str, ...] = tuple(CRISIS_INTENT_PREFIX + kind for kind in CRISIS_KINDS)


def kind_of_intent(intent: str | None) -> str | None:
    kind = (intent or "").removeprefix(CRISIS_INTENT_PREFIX)
    return kind if (intent or "").startswith(CRISIS_INTENT_PREFIX) and kind in CRISIS_KINDS else None
