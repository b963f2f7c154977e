"""What every channel needs of the tracker store: delete a conversation, and ids that do not name the person.

Messengers know a parent by a phone number or a chat id. The tracker store and the logs get only a keyed hash
of it (a pseudonym), so a stored conversation does not say whose it is.
"""

from __future__ import annotations

import hashlib
import hmac
import logging

from rasa.core.tracker_store import FailSafeTrackerStore, TrackerStore

from bot.stores import conversations_of

log = logging.getLogger(__name__)


def pseudonym(channel: str, raw_id: str, secret: str) -> str:
    """A stable sender id for one messenger user: "<channel>-" and 32 hex digits of an HMAC-SHA256."""
    digest = hmac.new(secret.encode("utf-8"), f"{channel}:{raw_id}".encode(), hashlib.sha256).hexdigest()
    return f"{channel}-{digest[:32]}"


async def delete_conversation(store: TrackerStore, sender: str) -> bool:
    """Remove every stored event of one conversation, also from Rasa's own fallback store. Returns False when
    the configured store cannot delete (not one of bot.stores) or Redis cannot be reached."""
    conversations = conversations_of(store)
    if conversations is None:
        return False
    if isinstance(store, FailSafeTrackerStore) and store._fallback_tracker_store is not None:
        # Rasa's fallback store holds what could not be saved in the configured store.
        store._fallback_tracker_store.store.pop(sender, None)  # type: ignore[attr-defined]
    try:
        await conversations.forget(sender)
    except Exception as error:
        log.error("a conversation could not be deleted (%s)", type(error).__name__)
        return False
    return True
