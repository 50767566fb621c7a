"""Conversation locks that a dead Rasa process cannot hold for long (applied by bot.runtime.guards
in every profile).

Rasa 3.6 serialises the messages of one conversation with a ticket lock (rasa.core.lock_store):
each message takes a ticket that expires TICKET_LOCK_LIFETIME seconds after it was issued (default
60) and waits, polling every second, until its ticket is the first one. Two faults follow with
several replicas on one Redis:

- A replica killed in the middle of a message leaves its ticket at the head of the queue until it
  expires: the conversation is stuck for up to 60 s, and every retry waits and ends in an apology.
  A short lifetime alone would not do, because a turn slower than the lifetime (an action server
  timing out) would lose its lock while it still runs.
- Every change to a lock is read-modify-write without a transaction, so two replicas taking
  tickets for one conversation at the same moment can lose a ticket, and `cleanup` can delete a
  lock that another replica has just queued on (that message then fails with LockError).

Here:
- a ticket lives LIFETIME_S (TICKET_LOCK_LIFETIME, default 3 s) and is renewed every third of that
  while its process is alive, waiting or serving; so a live turn keeps its lock however long it
  takes, and a dead process's ticket expires within LIFETIME_S;
- a waiting message looks again every WAIT_S (SIGNPOST_LOCK_WAIT, default 0.1 s) instead of 1 s;
- on Redis every change (issue, renew, expire, finish, delete when empty) is one optimistic
  transaction (WATCH/MULTI; retried on conflict), and lock keys expire by themselves
  (KEY_TTL_S after the last change), so nothing is lost between replicas and nothing lingers.

Measured (tests/prod/test_locks.py): a conversation whose message was in flight on a Rasa killed
with SIGKILL answers its next message through the other replica within 5 s of the kill.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import Callable
from contextlib import asynccontextmanager

logger = logging.getLogger(__name__)

DEFAULT_LIFETIME_S = 3
DEFAULT_WAIT_S = 0.1
KEY_TTL_S = 300
MAX_RETRIES = 20


def lifetime_s() -> float:
    """TICKET_LOCK_LIFETIME (Rasa's own variable, whole seconds), default 3."""
    try:
        return float(int(os.environ.get("TICKET_LOCK_LIFETIME", "0"))) or DEFAULT_LIFETIME_S
    except ValueError:
        return DEFAULT_LIFETIME_S


def wait_s() -> float:
    """SIGNPOST_LOCK_WAIT: seconds between two looks at a busy lock, default 0.1."""
    try:
        return max(0.01, float(os.environ.get("SIGNPOST_LOCK_WAIT", DEFAULT_WAIT_S)))
    except ValueError:
        return DEFAULT_WAIT_S


def _renew(lock, ticket_number: int, lifetime: float) -> bool:
    """Push one ticket's expiry to now + lifetime; False if the ticket is gone."""
    import time
    for ticket in lock.tickets:
        if ticket.number == ticket_number:
            ticket.expires = time.time() + lifetime
            return True
    return False


def _atomic(store, conversation_id: str, change: Callable):
    """Apply `change(lock_or_None) -> (lock_or_None_to_store, result)` to the Redis lock in one
    WATCH/MULTI transaction (retried on conflict); None stored means delete the key."""
    import redis
    from rasa.core.lock import TicketLock
    key = store.key_prefix + conversation_id
    with store.red.pipeline() as pipe:
        for _ in range(MAX_RETRIES):
            try:
                pipe.watch(key)
                raw = pipe.get(key)
                lock = TicketLock.from_dict(json.loads(raw)) if raw else None
                new, result = change(lock)
                pipe.multi()
                if new is None or not new.tickets:
                    pipe.delete(key)
                else:
                    pipe.set(key, new.dumps(), ex=KEY_TTL_S)
                pipe.execute()
                return result
            except redis.WatchError:
                continue
    from rasa.core.lock_store import LockError
    raise LockError(f"lock for conversation '{conversation_id}' kept changing")


def _make_redis_atomic() -> None:
    from rasa.core.lock import TicketLock
    from rasa.core.lock_store import LockError, RedisLockStore
    if getattr(RedisLockStore, "_signpost_atomic", False):
        return

    def issue_ticket(self, conversation_id, lock_lifetime=None):
        lifetime = lock_lifetime or lifetime_s()

        def change(lock):
            lock = lock or TicketLock(conversation_id)
            return lock, lock.issue_ticket(lifetime)
        try:
            return _atomic(self, conversation_id, change)
        except Exception as exc:  # noqa: BLE001 - Rasa's own contract: LockError
            raise LockError(f"Error while acquiring lock: {type(exc).__name__}") from None

    def update_lock(self, conversation_id):
        def change(lock):
            if lock:
                lock.remove_expired_tickets()
            return lock, None
        _atomic(self, conversation_id, change)

    def finish_serving(self, conversation_id, ticket_number):
        def change(lock):
            if lock:
                lock.remove_ticket_for(ticket_number)
            return lock, None
        _atomic(self, conversation_id, change)

    def cleanup(self, conversation_id, ticket_number):
        self.finish_serving(conversation_id, ticket_number)   # deletes the key when empty

    def renew(self, conversation_id, ticket_number, lifetime):
        return _atomic(self, conversation_id,
                       lambda lock: (lock, bool(lock) and _renew(lock, ticket_number, lifetime)))

    RedisLockStore.issue_ticket = issue_ticket
    RedisLockStore.update_lock = update_lock
    RedisLockStore.finish_serving = finish_serving
    RedisLockStore.cleanup = cleanup
    RedisLockStore.renew_ticket = renew
    RedisLockStore._signpost_atomic = True


def _renew_ticket(store, conversation_id: str, ticket: int, lifetime: float) -> bool:
    if hasattr(store, "renew_ticket"):
        return store.renew_ticket(conversation_id, ticket, lifetime)
    lock = store.get_lock(conversation_id)          # in-memory store: one process, no race
    if lock and _renew(lock, ticket, lifetime):
        store.save_lock(lock)
        return True
    return False


async def _keep_alive(store, conversation_id: str, ticket: int, lifetime: float) -> None:
    while True:
        await asyncio.sleep(lifetime / 3)
        try:
            if not _renew_ticket(store, conversation_id, ticket, lifetime):
                return
        except Exception as exc:  # noqa: BLE001 - Redis away: the turn fails on its own
            logger.warning("could not renew a conversation lock: %s", type(exc).__name__)


def apply() -> None:
    """Patch Rasa's LockStore.lock (every lock store) and RedisLockStore (atomic changes)."""
    from rasa.core.lock_store import LockStore
    if getattr(LockStore, "_signpost_renewing", False):
        return
    _make_redis_atomic()

    @asynccontextmanager
    async def lock(self, conversation_id, lock_lifetime=None, wait_time_in_seconds=None):
        lifetime = lifetime_s() if lock_lifetime in (None,) else float(lock_lifetime)
        lifetime = min(lifetime, lifetime_s())           # Rasa's 60 s default never applies
        wait = wait_s() if wait_time_in_seconds is None else min(wait_time_in_seconds, wait_s())
        ticket = self.issue_ticket(conversation_id, lifetime)
        keeper = asyncio.ensure_future(_keep_alive(self, conversation_id, ticket, lifetime))
        try:
            yield await self._acquire_lock(conversation_id, ticket, wait)
        finally:
            keeper.cancel()
            self.cleanup(conversation_id, ticket)

    LockStore.lock = lock
    LockStore._signpost_renewing = True
