"""Readiness of this Rasa process, for `make run`, load balancers and Kubernetes probes.

    GET /webhooks/health/ready   200 {"status": "ok" | "degraded", ...}; 503 while no model is loaded

"degraded" means the bot answers but something is not as configured: Redis is away (conversations are kept in
this process's memory meanwhile) or the action server does not answer (parents get the "kurz gestört" reply).
"""

from __future__ import annotations

import asyncio
import os
from typing import Any
from urllib.parse import urlsplit

import httpx
from rasa.core.channels.channel import InputChannel
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.guard import OnNewMessage
from bot.stores import RedisConversations, ResilientLockStore, conversations_of

CHECK_TIMEOUT_SECONDS = 1.0


async def _redis_answers(client: Any) -> bool:
    try:
        return bool(await asyncio.wait_for(asyncio.to_thread(client.ping), CHECK_TIMEOUT_SECONDS))
    except Exception:
        return False


async def _action_server_answers() -> bool:
    url = urlsplit(os.environ.get("ACTION_SERVER_URL", ""))
    if not url.scheme:
        return False
    try:
        async with httpx.AsyncClient(timeout=CHECK_TIMEOUT_SECONDS) as client:
            answer = await client.get(f"{url.scheme}://{url.netloc}/health")
        return answer.status_code == 200
    except httpx.HTTPError:
        return False


async def readiness(agent: Any) -> tuple[int, dict[str, Any]]:
    if agent is None or not agent.is_ready():
        return 503, {"status": "starting", "model": False}
    checks: dict[str, Any] = {"model": True, "actions": "ok" if await _action_server_answers() else "unreachable"}
    conversations = conversations_of(agent.tracker_store)
    if isinstance(conversations, RedisConversations):
        in_redis = await _redis_answers(conversations.red) and conversations.degraded_since is None
        checks["conversations"] = "redis" if in_redis else "memory (Redis away)"
    else:
        checks["conversations"] = "memory"
    locks = agent.lock_store
    if isinstance(locks, ResilientLockStore):
        in_redis = await _redis_answers(getattr(locks.primary, "red", None)) and locks.degraded_since is None
        checks["locks"] = "redis" if in_redis else "this process (Redis away)"
    fallback = getattr(agent.tracker_store, "_fallback_tracker_store", None)
    if fallback is not None and getattr(fallback, "store", None):
        checks["rasa_fallback_store"] = "in use"
    degraded = checks["actions"] != "ok" or "away" in checks["conversations"] or "away" in checks.get("locks", "")
    degraded = degraded or "rasa_fallback_store" in checks
    return 200, {"status": "degraded" if degraded else "ok", **checks}


class HealthInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "health"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> HealthInput:
        return cls()

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        health = Blueprint("familiennavi_health", __name__)

        @health.route("/ready", methods=["GET"])
        async def ready(request: Request) -> HTTPResponse:
            status, body = await readiness(getattr(request.app.ctx, "agent", None))
            return response.json(body, status=status)

        return health
