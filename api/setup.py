"""First start: create the schema, build the directory and load the demo offers when the database is new.

Several workers may start at once, so the work runs under a lock (a file lock for SQLite, an advisory
lock for PostgreSQL) and each step checks again whether another worker has done it already.
"""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from api.directory.build import build_directory, directory_is_built, directory_is_current
from api.migrations_runner import upgrade_database
from api.services.demo import load_demo_offers

log = logging.getLogger(__name__)
ADVISORY_LOCK_ID = 4_711_2026


@contextmanager
def _setup_lock(engine: Engine) -> Iterator[None]:
    if engine.dialect.name == "sqlite":
        database = engine.url.database or ""
        lock_path = Path(f"{database}.setup-lock") if database and database != ":memory:" else None
        if lock_path is None:
            yield
            return
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with lock_path.open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": ADVISORY_LOCK_ID})
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": ADVISORY_LOCK_ID})
            connection.commit()


def prepare_database(engine: Engine, *, demo_data: bool) -> None:
    with _setup_lock(engine):
        upgrade_database(engine)
        with Session(engine) as session:
            if directory_is_current(session):
                return
            new_database = not directory_is_built(session)
            log.info("%s: building the NRW directory", "new database" if new_database else "curated tables changed")
            build_directory(session)
            session.commit()
            if demo_data and new_database:
                loaded = load_demo_offers(session)
                session.commit()
                log.info("loaded %d demo offers", loaded)
