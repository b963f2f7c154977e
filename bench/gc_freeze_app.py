"""The offers API with `gc.freeze()` after its startup, for `bench/api_search.py --gc-freeze`.

An experiment, not a change to the app: it measures the fix proposed in bench/README.md. After startup the
worker holds ~150,000 long-lived objects (FastAPI, pydantic, SQLAlchemy, the directory index). Under
concurrency, request objects survive the young generations, so Python runs full collections that scan all of
them (~100 ms each, every second or so) and stall every connection of the worker. Freezing moves the startup
objects out of the collector's reach.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.main import app

_startup = app.router.lifespan_context


@asynccontextmanager
async def _lifespan_then_freeze(application: FastAPI) -> AsyncIterator[None]:
    async with _startup(application):
        gc.collect()
        gc.freeze()
        yield


app.router.lifespan_context = _lifespan_then_freeze
