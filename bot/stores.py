"""Where Rasa keeps conversations and their locks, chosen by one URL in endpoints.yml (`url: ${REDIS_URL}`).

    REDIS_URL=""                          conversations in memory (the embedded default of `make run`)
    REDIS_URL="redis://127.0.0.1:6379/0"  conversations and locks in Redis: several Rasa replicas can serve them

Both stores forget a conversation after `record_exp` seconds of silence (TRACKER_EXPIRY_SECONDS, default 1 hour):
families' data is kept as short as possible. Rasa builds custom stores from a class path and keyword arguments,
so the two classes below are factories: they return Rasa's own Redis or in-memory store.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlparse

from rasa.core.brokers.broker import EventBroker
from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore
from rasa.core.tracker_store import InMemoryTrackerStore, RedisTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

DEFAULT_EXPIRY_SECONDS = 3600
# Alphanumeric: Rasa's Redis stores refuse other prefixes. Keys are "familiennavi:tracker:<sender>".
KEY_PREFIX = "familiennavi"


def redis_connection(url: str) -> dict[str, Any]:
    """Host, port, db, password and TLS of a redis:// or rediss:// URL, as Rasa's Redis stores want them."""
    parsed = urlparse(url)
    if parsed.scheme not in ("redis", "rediss"):
        raise ValueError("REDIS_URL must start with redis:// or rediss://")
    return {
        "host": parsed.hostname or "127.0.0.1",
        "port": parsed.port or 6379,
        "db": int((parsed.path or "/0").lstrip("/") or 0),
        "password": parsed.password,
        "use_ssl": parsed.scheme == "rediss",
    }


def expiry_seconds(value: Any) -> int:
    """Whole seconds: Redis' expiry takes no fractions."""
    return int(float(value)) if value not in (None, "") else DEFAULT_EXPIRY_SECONDS


class ExpiringInMemoryTrackerStore(InMemoryTrackerStore):
    """Rasa's in-memory store, but a conversation silent for `record_exp` seconds is dropped."""

    def __init__(self, domain: Domain, event_broker: EventBroker | None = None, record_exp: float | None = None):
        super().__init__(domain, event_broker)
        self.record_exp = expiry_seconds(record_exp)
        self.last_saved: dict[str, float] = {}

    def drop_expired(self) -> None:
        oldest = time.monotonic() - self.record_exp
        for sender in [sender for sender, saved in self.last_saved.items() if saved < oldest]:
            self.store.pop(sender, None)
            self.last_saved.pop(sender, None)

    async def save(self, tracker: DialogueStateTracker) -> None:
        self.drop_expired()
        await super().save(tracker)
        self.last_saved[tracker.sender_id] = time.monotonic()

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        self.drop_expired()
        return await super().retrieve(sender_id)

    async def retrieve_full_tracker(self, conversation_id: str) -> DialogueStateTracker | None:
        self.drop_expired()
        return await super().retrieve_full_tracker(conversation_id)

    async def keys(self) -> Any:
        self.drop_expired()
        return await super().keys()


class TrackerStoreFromUrl:
    """endpoints.yml: `tracker_store: {type: bot.stores.TrackerStoreFromUrl, url: ..., record_exp: ...}`."""

    def __new__(  # type: ignore[misc]
        cls,
        domain: Domain,
        host: str | None = None,
        event_broker: EventBroker | None = None,
        record_exp: Any = None,
        **kwargs: Any,
    ) -> TrackerStore:
        url = (host or "").strip()
        if not url:
            return ExpiringInMemoryTrackerStore(domain, event_broker, record_exp)
        return RedisTrackerStore(
            domain=domain,
            event_broker=event_broker,
            record_exp=expiry_seconds(record_exp),
            key_prefix=KEY_PREFIX,
            **redis_connection(url),
        )


class LockStoreFromUrl:
    """endpoints.yml: `lock_store: {type: bot.stores.LockStoreFromUrl, url: ...}`."""

    def __new__(cls, endpoint_config: EndpointConfig) -> LockStore:  # type: ignore[misc]
        url = (endpoint_config.url or "").strip()
        if not url:
            return InMemoryLockStore()
        return RedisLockStore(key_prefix=KEY_PREFIX, **redis_connection(url))
