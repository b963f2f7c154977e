"""Where Rasa keeps conversations and their locks, chosen by one URL in endpoints.yml (`url: ${REDIS_URL}`).

    REDIS_URL=""                          conversations in memory (the embedded default of `make run`)
    REDIS_URL="redis://127.0.0.1:6379/0"  conversations and locks in Redis: several Rasa replicas can serve them

Both stores forget a conversation after `record_exp` seconds of silence (TRACKER_EXPIRY_SECONDS, default 1 hour),
and remove it at once when the parent asks (the delete action, or a channel's delete): families' data is kept
as short as possible. Rasa builds custom stores from a class path and keyword arguments, so `TrackerStoreFromUrl`
and `LockStoreFromUrl` are factories that return the fitting store.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlparse

from rasa.core.brokers.broker import EventBroker
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore, LockError, LockStore
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore, RedisTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from redis.exceptions import RedisError

from bot.locks import AtomicRedisLockStore

log = logging.getLogger(__name__)

DEFAULT_EXPIRY_SECONDS = 3600
# The action that deletes a conversation at the parent's request (actions/conversation.py).
DELETE_ACTION = "action_delete_conversation"
# While Redis is away, it is tried again after this many seconds (not on every message).
RETRY_REDIS_SECONDS = 5.0
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


def asks_to_forget(tracker: DialogueStateTracker) -> bool:
    """True when this turn ran the delete action: the conversation is then removed, not saved."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == DELETE_ACTION:
            return True
    return False


class MemoryConversations(InMemoryTrackerStore):
    """Rasa's in-memory store, but a conversation silent for `record_exp` seconds is dropped, and one whose
    parent asked to delete it is removed instead of saved."""

    def __init__(self, domain: Domain, event_broker: EventBroker | None = None, record_exp: float | None = None):
        super().__init__(domain, event_broker)
        self.record_exp = expiry_seconds(record_exp)
        self.last_saved: dict[str, float] = {}

    def drop_expired(self) -> None:
        oldest = time.monotonic() - self.record_exp
        for sender in [sender for sender, saved in self.last_saved.items() if saved < oldest]:
            self.forget_now(sender)

    def forget_now(self, sender_id: str) -> None:
        self.store.pop(sender_id, None)
        self.last_saved.pop(sender_id, None)

    async def forget(self, sender_id: str) -> None:
        self.forget_now(sender_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        self.drop_expired()
        if asks_to_forget(tracker):
            self.forget_now(tracker.sender_id)
            return
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


class RedisConversations(RedisTrackerStore):
    """Rasa's Redis store with the same rules as `MemoryConversations` (Redis expires keys itself), and a
    local fallback: while Redis cannot be reached, conversations are kept in this process's memory (with the
    same expiry) instead of failing, and `degraded_since` says so (shown by /webhooks/health/ready). Redis is
    tried again after `RETRY_REDIS_SECONDS`. Rasa's own fallback would start every message from scratch."""

    def __init__(self, *, domain: Domain, event_broker: EventBroker | None = None, **kwargs: Any) -> None:
        super().__init__(domain=domain, event_broker=event_broker, **kwargs)
        self._local = MemoryConversations(domain, None, self.record_exp)
        self.degraded_since: float | None = None
        self.retry_at = 0.0

    @property
    def local(self) -> MemoryConversations:
        # Rasa gives the store its domain only after building it; the local store needs the same one.
        self._local.domain = self.domain
        return self._local

    def _usable(self) -> bool:
        return self.degraded_since is None or time.monotonic() >= self.retry_at

    def _failed(self, error: Exception) -> None:
        if self.degraded_since is None:
            self.degraded_since = time.time()
            log.error("Redis cannot be reached (%s): conversations are kept in memory for now", type(error).__name__)
        self.retry_at = time.monotonic() + RETRY_REDIS_SECONDS

    def _recovered(self) -> None:
        if self.degraded_since is not None:
            log.warning("Redis answers again: conversations are kept in Redis again")
        self.degraded_since = None

    async def forget(self, sender_id: str) -> None:
        self.local.forget_now(sender_id)
        try:
            self.red.delete(self.key_prefix + sender_id)
            self._recovered()
        except RedisError as error:
            self._failed(error)
            raise

    async def save(self, tracker: DialogueStateTracker, timeout: float | None = None) -> None:
        if asks_to_forget(tracker):
            with contextlib.suppress(RedisError):
                await self.forget(tracker.sender_id)
            return
        if self._usable():
            try:
                await super().save(tracker, timeout)
                self._recovered()
                self.local.forget_now(tracker.sender_id)
                return
            except RedisError as error:
                self._failed(error)
        await self.local.save(tracker)

    async def _retrieve(self, sender_id: str, fetch_all_sessions: bool) -> DialogueStateTracker | None:
        # A conversation that began while Redis was away lives on here until Redis takes it back.
        local = await (self.local.retrieve_full_tracker if fetch_all_sessions else self.local.retrieve)(sender_id)
        if local is not None or not self._usable():
            return local
        try:
            tracker = await super()._retrieve(sender_id, fetch_all_sessions)
            self._recovered()
            return tracker
        except RedisError as error:
            self._failed(error)
            return None

    async def keys(self) -> Any:
        try:
            return [*await super().keys(), *await self.local.keys()]
        except RedisError as error:
            self._failed(error)
            return await self.local.keys()


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
            return MemoryConversations(domain, event_broker, record_exp)
        return RedisConversations(
            domain=domain,
            event_broker=event_broker,
            record_exp=expiry_seconds(record_exp),
            key_prefix=KEY_PREFIX,
            **redis_connection(url),
        )


def conversations_of(store: TrackerStore) -> MemoryConversations | RedisConversations | None:
    """Our store behind Rasa's FailSafeTrackerStore wrapper, or None for a store configured otherwise."""
    base = store._tracker_store if isinstance(store, FailSafeTrackerStore) else store
    return base if isinstance(base, (MemoryConversations, RedisConversations)) else None


class ResilientLockStore(LockStore):
    """Locks in Redis (`primary`); while Redis cannot be reached, locks of this process instead, so messages
    are still answered (one replica then serialises only its own messages; /webhooks/health/ready says
    "degraded"). Rasa's own stores raise, and the parent would get no answer at all."""

    def __init__(self, primary: LockStore) -> None:
        self.primary = primary
        self.local = InMemoryLockStore()
        self.degraded_since: float | None = None
        self.retry_at = 0.0

    @asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 1
    ) -> AsyncGenerator[TicketLock, None]:
        primary = self.primary.lock(conversation_id, lock_lifetime, wait_time_in_seconds)
        held: TicketLock | None = None
        if self.degraded_since is None or time.monotonic() >= self.retry_at:
            try:
                held = await primary.__aenter__()
                self.degraded_since = None
            except (RedisError, LockError) as error:
                if isinstance(error, LockError) and not isinstance(error.__cause__, RedisError):
                    raise
                if self.degraded_since is None:
                    log.error("Redis cannot be reached (%s): locks are kept in this process", type(error).__name__)
                    self.degraded_since = time.time()
                self.retry_at = time.monotonic() + RETRY_REDIS_SECONDS
        if held is None:
            async with self.local.lock(conversation_id, lock_lifetime, wait_time_in_seconds) as local:
                yield local
            return
        try:
            yield held
        finally:
            # Hands the ticket back; if Redis went away meanwhile, the ticket expires there by itself.
            with contextlib.suppress(RedisError):
                await primary.__aexit__(None, None, None)


class LockStoreFromUrl:
    """endpoints.yml: `lock_store: {type: bot.stores.LockStoreFromUrl, url: ...}`.

    With Redis not Rasa's `RedisLockStore`, which races between replicas, but bot.locks' atomic one."""

    def __new__(cls, endpoint_config: EndpointConfig) -> LockStore:  # type: ignore[misc]
        url = (endpoint_config.url or "").strip()
        if not url:
            return InMemoryLockStore()
        return ResilientLockStore(AtomicRedisLockStore(key_prefix=KEY_PREFIX, **redis_connection(url)))
