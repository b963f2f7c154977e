"""Fixtures of the bot tests that talk to the running system."""

from __future__ import annotations

import pytest

from tests.bot.test_rest_channel import Conversation


@pytest.fixture
def talk(system: dict[str, str]) -> Conversation:
    """A new conversation (its own sender id) with the Rasa server over REST."""
    return Conversation(system["rasa"])
