"""What every channel does around Rasa: checks the input, limits the rate, and never leaves a parent without
an answer.

- A message is at most 1,000 characters; a conversation id has a fixed form.
- Rate limits per conversation and per client address (token buckets in this process; each Rasa replica or
  worker counts on its own). Over the limit the parent gets a kind message, nothing reaches Rasa.
- When Rasa answers nothing (Redis or the action server down, an error), the parent gets an honest "kurz
  gestört" with the phone numbers that help at once; a message that names a danger gets the fitting numbers.
  Nothing of the message is logged.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.nlu.crisis import detect
from vocabulary import messages
from vocabulary.emergency import CRISIS_NUMBERS, GENERAL_NUMBERS, number_entries
from vocabulary.texts import text

log = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 1000
# Conversation ids: the widget's UUIDs, the messengers' pseudonyms, test and tool ids.
SENDER_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def _per_minute(name: str, default: int) -> int:
    try:
        return max(0, int(os.environ.get(name, default)))
    except ValueError:
        return default


class RateLimiter:
    """Token buckets by key: `per_minute` messages a minute, bursts up to `burst`. 0 switches it off."""

    def __init__(self, per_minute: int, burst: int, max_keys: int = 50_000) -> None:
        self.per_second = per_minute / 60
        self.burst = float(burst)
        self.max_keys = max_keys
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def allow(self, key: str) -> bool:
        if self.per_second <= 0:
            return True
        now = time.monotonic()
        tokens, last = self.buckets.pop(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.per_second)
        allowed = tokens >= 1
        self.buckets[key] = (tokens - 1 if allowed else tokens, now)
        # The least recently seen keys go first; a forgotten key starts with a full bucket (in the parent's favour).
        while len(self.buckets) > self.max_keys:
            self.buckets.popitem(last=False)
        return allowed


class RateLimits:
    def __init__(self) -> None:
        per_conversation = _per_minute("RATE_LIMIT_PER_CONVERSATION_PER_MINUTE", 30)
        per_client = _per_minute("RATE_LIMIT_PER_CLIENT_PER_MINUTE", 600)
        self.conversation = RateLimiter(per_conversation, burst=max(1, per_conversation // 3))
        self.client = RateLimiter(per_client, burst=max(1, per_client // 6))

    def allow(self, sender: str, client: str | None) -> bool:
        return self.conversation.allow(sender) and (client is None or self.client.allow(client))


def disturbed_messages(written: str, language: str | None, kind: str | None = None) -> list[dict[str, Any]]:
    """The answer when Rasa could not answer: honest words and numbers that help at once (those for the danger
    `kind`, or one the safety net finds in the message)."""
    kind = kind or detect(written)
    keys = CRISIS_NUMBERS[kind] if kind else GENERAL_NUMBERS
    return [
        {
            "text": text("channel.disturbed", language),
            "custom": messages.emergency(kind or "general", number_entries(keys, language)),
        }
    ]


async def answer(
    on_new_message: OnNewMessage, written: str, sender: str, channel: str, metadata: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Rasa's answer to one message as the design's bot messages; never empty."""
    collector = CollectingOutputChannel()
    try:
        await on_new_message(UserMessage(written, collector, sender, input_channel=channel, metadata=metadata))
    except Exception as error:
        # The type only: the exception's text may quote the message.
        log.error("%s: the message could not be handled (%s)", channel, type(error).__name__)
    if collector.messages:
        return collector.messages
    log.error("%s: no answer from the dialogue; the parent got the 'disturbed' message", channel)
    # The channel's language hint (the widget's chosen language), so the parent can read the answer.
    hint = (metadata or {}).get("language_code")
    return disturbed_messages(written, hint if isinstance(hint, str) else None)
