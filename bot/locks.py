"""A Redis lock store for Rasa that stays correct when several Rasa replicas serve the same conversation.

Rasa serialises the messages of one conversation with a ticket lock (`LockStore.lock()`): each message draws a
ticket, waits until its ticket is the lowest live one, runs, and hands its ticket back. Rasa's open-source
`RedisLockStore` keeps a conversation's tickets as one JSON value and changes it by read-modify-write from Python:
`issue_ticket` GETs the lock, appends `last ticket + 1` and SETs the whole lock back; `finish_serving` and
`update_lock` do the same, and `cleanup` reads "is anyone waiting?" and then DELetes in a second step. Between
the read and the write another replica can do the same, so two replicas draw the same ticket number (both run
at once), or one SET overwrites the ticket the other just added (that message runs unserialised), or a DEL
drops a ticket drawn in between. Then both replicas read the same tracker, append their events and save: events
are lost, duplicated or reordered. Its ticket expiry also uses each replica's own clock.

This store keeps one Redis hash per conversation, `familiennavi:lock:<conversation id>`: the field `counter`
and one field per live ticket (ticket number -> expiry in Redis milliseconds). Every change is one Lua script,
which Redis runs atomically, so no replica ever sees or writes a half-done state:
- issuing: drop expired tickets, HINCRBY the counter, add the ticket with its expiry - one step, so every
  ticket number is unique and the numbers rise in the order the tickets were drawn;
- whose turn: the lowest live ticket runs, every other holder waits (Rasa's polling in `lock()`);
- giving a ticket back, dropping expired tickets and deleting the empty lock are one step too;
- expiry is measured by Redis' clock (TIME), the same for all replicas; a crashed holder's ticket expires
  after Rasa's lock lifetime and no longer blocks, and a waiter whose own ticket expired gets a `LockError`
  instead of waiting behind later tickets forever;
- the hash expires with its last ticket, and is deleted as soon as no ticket is left: nothing stays.
A new counter starts from Redis' clock in microseconds, so ticket numbers keep rising even after the hash was
deleted: a late hand-back of an expired ticket can never remove a newer ticket with a reused number.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from typing import Any

import redis
from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import DEFAULT_SOCKET_TIMEOUT_IN_SECONDS, LOCK_LIFETIME, LockError, LockStore

logger = logging.getLogger(__name__)

DEFAULT_KEY_PREFIX = "familiennavi"

# Shared by all scripts: KEYS[1] is the conversation's hash. `settle` drops expired tickets, deletes the hash
# when no ticket is left (else lets it expire with its last ticket) and returns the live tickets by number.
_LUA_COMMON = """
local key = KEYS[1]
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)

local function settle()
  local fields = redis.call('HGETALL', key)
  local live = {}
  local last_expiry = 0
  for i = 1, #fields, 2 do
    if fields[i] ~= 'counter' then
      local expires = tonumber(fields[i + 1])
      if expires <= now then
        redis.call('HDEL', key, fields[i])
      else
        live[#live + 1] = {tonumber(fields[i]), expires}
        if expires > last_expiry then last_expiry = expires end
      end
    end
  end
  if #live == 0 then
    redis.call('DEL', key)
  else
    redis.call('PEXPIRE', key, last_expiry - now)
  end
  table.sort(live, function(a, b) return a[1] < b[1] end)
  return live
end

local function ensure_counter()
  if redis.call('HEXISTS', key, 'counter') == 0 then
    local seed = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
    redis.call('HSET', key, 'counter', string.format('%d', seed))
  end
end

local function as_reply(live)
  local reply = {}
  for _, ticket in ipairs(live) do
    reply[#reply + 1] = ticket[1]
    reply[#reply + 1] = ticket[2] - now
  end
  return reply
end
"""

# ARGV[1]: lifetime in milliseconds. Returns the new ticket's number.
_ISSUE = (
    _LUA_COMMON
    + """
settle()
ensure_counter()
local number = redis.call('HINCRBY', key, 'counter', 1)
redis.call('HSET', key, string.format('%d', number), string.format('%d', now + tonumber(ARGV[1])))
settle()
return number
"""
)

# Returns the live tickets by number: number, milliseconds left, number, milliseconds left, ...
_STATE = _LUA_COMMON + "return as_reply(settle())\n"

# ARGV[1]: the ticket handed back. Returns how many live tickets are left.
_FINISH = (
    _LUA_COMMON
    + """
redis.call('HDEL', key, ARGV[1])
return #settle()
"""
)

# ARGV: number, milliseconds left, ... of the lock to store. Replaces the tickets, keeps the counter rising.
_REPLACE = (
    _LUA_COMMON
    + """
ensure_counter()
local counter = tonumber(redis.call('HGET', key, 'counter'))
redis.call('DEL', key)
for i = 1, #ARGV, 2 do
  local number = tonumber(ARGV[i])
  if number > counter then counter = number end
  redis.call('HSET', key, ARGV[i], string.format('%d', now + tonumber(ARGV[i + 1])))
end
redis.call('HSET', key, 'counter', string.format('%d', counter))
return #settle()
"""
)


def _milliseconds(seconds: float) -> int:
    return max(1, round(seconds * 1000))


class AtomicRedisLockStore(LockStore):
    """Rasa's ticket lock in Redis, every state change one atomic Lua script (see the module docstring).

    Takes the same connection arguments as Rasa's `RedisLockStore`; keys are `<key_prefix>:lock:<conversation>`.
    """

    def __init__(
        self,
        host: str = "localhost",
        port: int = 6379,
        db: int = 1,
        username: str | None = None,
        password: str | None = None,
        use_ssl: bool = False,
        ssl_certfile: str | None = None,
        ssl_keyfile: str | None = None,
        ssl_ca_certs: str | None = None,
        key_prefix: str = DEFAULT_KEY_PREFIX,
        socket_timeout: float = DEFAULT_SOCKET_TIMEOUT_IN_SECONDS,
    ) -> None:
        # redis-py connects on the first command, not here.
        self.red = redis.Redis(
            host=host,
            port=int(port),
            db=int(db),
            username=username,
            password=password,
            ssl=use_ssl,
            ssl_certfile=ssl_certfile,
            ssl_keyfile=ssl_keyfile,
            ssl_ca_certs=ssl_ca_certs,
            socket_timeout=socket_timeout,
        )
        self.key_prefix = f"{key_prefix}:lock:"
        self._issue = self.red.register_script(_ISSUE)
        self._state = self.red.register_script(_STATE)
        self._finish = self.red.register_script(_FINISH)
        self._replace = self.red.register_script(_REPLACE)
        super().__init__()

    def key(self, conversation_id: str) -> str:
        return self.key_prefix + conversation_id

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Draw the next ticket for `conversation_id`, valid for `lock_lifetime` seconds (one atomic step)."""
        try:
            return int(self._issue(keys=[self.key(conversation_id)], args=[_milliseconds(lock_lifetime)]))
        except redis.RedisError as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        """The live tickets, lowest number first; None when there is none. Expiries are turned into this
        machine's clock, because Rasa's `TicketLock` compares them with `time.time()`."""
        reply: list[Any] = self._state(keys=[self.key(conversation_id)])
        if not reply:
            return None
        now = time.time()
        tickets = deque(
            Ticket(int(number), now + int(left) / 1000) for number, left in zip(reply[::2], reply[1::2], strict=True)
        )
        return TicketLock(conversation_id, tickets)

    def update_lock(self, conversation_id: str) -> None:
        """Drop expired tickets (atomically, unlike the inherited get-modify-save)."""
        self._state(keys=[self.key(conversation_id)])

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        """Hand `ticket_number` back; the lock is deleted in the same step when no ticket is left."""
        self._finish(keys=[self.key(conversation_id)], args=[ticket_number])

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        # Rasa's cleanup checks "is anyone waiting?" and deletes in a second step: a ticket drawn in between
        # would be deleted with the lock. Here the check and the delete are part of the hand-back.
        self.finish_serving(conversation_id, ticket_number)

    def delete_lock(self, conversation_id: str) -> None:
        """Delete the conversation's lock with all its tickets."""
        self.red.delete(self.key(conversation_id))

    def save_lock(self, lock: TicketLock) -> None:
        """Replace the stored tickets with `lock`'s (one atomic step). The lock protocol above never needs it;
        it is kept for callers of Rasa's `LockStore` interface."""
        now = time.time()
        args: list[int] = []
        for ticket in lock.tickets:
            if ticket.expires > now:
                args += [ticket.number, _milliseconds(ticket.expires - now)]
        self._replace(keys=[self.key(lock.conversation_id)], args=args)

    async def _acquire_lock(self, conversation_id: str, ticket: int, wait_time_in_seconds: float) -> TicketLock:
        """Wait until `ticket` is the lowest live ticket. Raises `LockError` when the ticket has expired
        meanwhile: its place in the queue is gone (Rasa's loop would wait until every later ticket is done)."""
        # No conversation id in the logs (privacy: no clear sender id).
        logger.debug("Acquiring lock for a conversation.")
        while True:
            lock = self.get_lock(conversation_id)
            if lock is None or all(live.number != ticket for live in lock.tickets):
                break
            if not lock.is_locked(ticket):
                logger.debug("Acquired lock for a conversation.")
                return lock
            logger.debug(
                f"Lock busy: {sum(live.number < ticket for live in lock.tickets)} earlier message(s) of the "
                f"conversation first. Retrying in {wait_time_in_seconds} seconds ..."
            )
            await asyncio.sleep(wait_time_in_seconds)
        raise LockError("Could not acquire the conversation's lock: the ticket expired while waiting.")
