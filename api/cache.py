"""Redis cache for locate and search answers, stored as the finished JSON bytes.

Invalidation: every cached search answer is tagged with the Jugendämter whose offers it may contain
(a Redis set per Jugendamt holds the keys). A write to a Jugendamt's offers deletes those keys and
bumps the Jugendamt's generation; a search that read an older generation before it queried the
database does not store its answer, so a slow reader cannot put back what a writer just removed.

Without REDIS_URL, or while Redis is away, every call is a miss or a no-op: the API answers from the
database, only slower. After a failure the cache rests for a few seconds instead of timing out on
every request.

Privacy: nothing a person typed is kept in Redis in clear. Key names hold a keyed hash (HMAC-SHA256 with a
secret from the settings) of the query, so a postal code cannot be found by hashing all 100,000 of them;
answers are stored without the echoed query (see api.routes.locate); tag sets hold only those key names.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections.abc import Iterable, Sequence

import redis
import redis.asyncio as aioredis

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5.0
SOCKET_TIMEOUT_SECONDS = 0.5
# One slow answer under load is no reason to send every request to the database; a dead Redis fails fast.
FAILURES_BEFORE_REST = 3


def _as_bytes(values: Iterable[object]) -> list[bytes | None]:
    return [value if isinstance(value, bytes) else None for value in values]


class Cache:
    def __init__(self, url: str | None, prefix: str, ttl_seconds: int, secret: bytes) -> None:
        self.url = url
        self.prefix = prefix
        self.ttl_seconds = ttl_seconds
        self._secret = secret
        self._async: aioredis.Redis | None = None
        self._sync: redis.Redis | None = None
        self._down_until = 0.0
        self._failures = 0
        if url:
            timeout = SOCKET_TIMEOUT_SECONDS
            self._async = aioredis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
            self._sync = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)

    @property
    def configured(self) -> bool:
        return self._async is not None

    def _available(self) -> bool:
        return self.configured and time.monotonic() >= self._down_until

    def _failed(self, error: Exception) -> None:
        self._failures += 1
        if self._failures < FAILURES_BEFORE_REST:
            return
        if time.monotonic() >= self._down_until:
            log.warning("cache unavailable, answering without it: %s", type(error).__name__)
        self._down_until = time.monotonic() + RETRY_AFTER_SECONDS

    def _succeeded(self) -> None:
        self._failures = 0

    def key(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    def hashed_key(self, kind: str, version: str, query: bytes) -> str:
        """The key of an answer to `query`: a keyed hash, never the query itself."""
        return self.key(kind, version, hmac.new(self._secret, query, hashlib.sha256).hexdigest()[:32])

    def _tag(self, jugendamt_id: str) -> str:
        return self.key("tag", jugendamt_id)

    def _generation(self, jugendamt_id: str) -> str:
        return self.key("gen", jugendamt_id)

    async def get(self, key: str) -> bytes | None:
        if not self._available():
            return None
        assert self._async is not None
        try:
            value = await self._async.get(key)
        except (redis.RedisError, OSError) as error:
            self._failed(error)
            return None
        self._succeeded()
        return value if isinstance(value, bytes) else None

    async def generations(self, jugendamt_ids: Sequence[str]) -> list[bytes | None] | None:
        """The current generations of these Jugendämter, read before querying the database."""
        if not self._available() or not jugendamt_ids:
            return None
        assert self._async is not None
        try:
            values = await self._async.mget([self._generation(ja) for ja in jugendamt_ids])
        except (redis.RedisError, OSError) as error:
            self._failed(error)
            return None
        return _as_bytes(values)

    async def put(
        self,
        key: str,
        value: bytes,
        jugendamt_ids: Sequence[str] = (),
        generations_before: list[bytes | None] | None = None,
    ) -> bool:
        """Store an answer; skip it if one of its Jugendämter was written to since `generations_before`."""
        if not self._available():
            return False
        assert self._async is not None
        try:
            if jugendamt_ids:
                if generations_before is None:
                    return False
                now = await self._async.mget([self._generation(ja) for ja in jugendamt_ids])
                if _as_bytes(now) != generations_before:
                    return False
            async with self._async.pipeline(transaction=False) as pipe:
                pipe.set(key, value, ex=self.ttl_seconds)
                for jugendamt_id in jugendamt_ids:
                    pipe.sadd(self._tag(jugendamt_id), key)
                    pipe.expire(self._tag(jugendamt_id), self.ttl_seconds * 2)
                await pipe.execute()
        except (redis.RedisError, OSError) as error:
            self._failed(error)
            return False
        return True

    def invalidate(self, jugendamt_ids: Iterable[str]) -> None:
        """Forget every cached answer that may show offers of these Jugendämter (called after a write)."""
        if not self._available():
            return
        assert self._sync is not None
        try:
            for jugendamt_id in set(jugendamt_ids):
                self._sync.incr(self._generation(jugendamt_id))
                keys = self._sync.smembers(self._tag(jugendamt_id))
                if keys:
                    self._sync.delete(*keys)
                self._sync.delete(self._tag(jugendamt_id))
        except (redis.RedisError, OSError) as error:
            # A write must not fail because the cache is away; entries expire after the TTL at the latest.
            self._failed(error)

    async def ping(self) -> bool:
        if not self.configured:
            return False
        assert self._async is not None
        try:
            return bool(await self._async.ping())
        except (redis.RedisError, OSError) as error:
            self._failed(error)
            return False

    async def close(self) -> None:
        if self._async is not None:
            await self._async.aclose()
        if self._sync is not None:
            self._sync.close()
