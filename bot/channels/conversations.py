"""What every channel needs of the tracker store: delete a conversation, and ids that do not name the person.

Messengers know a parent by a phone number or a chat id. The tracker store and the logs get only a keyed hash
of it (a pseudonym), so a stored conversation does not say whose it is.
"""

from __future__ import annotations

import hashlib
import hmac

from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore, RedisTrackerStore, TrackerStore


def pseudonym(channel: str, raw_id: str, secret: str) -> str:
    """A stable sender id for one messenger user: "<channel>-" and 32 hex digits of an HMAC-SHA256."""
    digest = hmac.new(secret.encode("utf-8"), f"{channel}:{raw_id}".encode(), hashlib.sha256).hexdigest()
    return f"{channel}-{digest[:32]}"


def _base_store(store: TrackerStore) -> TrackerStore:
    return store._tracker_store if isinstance(store, FailSafeTrackerStore) else store


async def delete_conversation(store: TrackerStore, sender: str) -> bool:
    """Remove every stored event of one conversation. Returns False when the store cannot delete."""
    base = _base_store(store)
    if isinstance(base, InMemoryTrackerStore):
        base.store.pop(sender, None)
        return True
    if isinstance(base, RedisTrackerStore):
        base.red.delete(base.key_prefix + sender)
        return True
    return False
