"""The SQLite engine under concurrent requests: those that read and then write (every staff request reads its
session and stores when it was last seen) wait their turn; reads never wait for a write."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from api.db import make_engine, writing_session


@pytest.fixture
def counter(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'counter.sqlite3'}")
    with Session(engine) as session:
        session.execute(text("CREATE TABLE counter (value INTEGER NOT NULL)"))
        session.execute(text("INSERT INTO counter VALUES (0)"))
        session.commit()
    yield engine
    engine.dispose()


def _value(session: Session) -> int:
    value: int = session.execute(text("SELECT value FROM counter")).scalar_one()
    return value


def test_concurrent_writing_sessions_neither_fail_nor_lose_updates(counter: Engine) -> None:
    factory = sessionmaker(bind=counter)
    errors: list[BaseException] = []
    start = threading.Event()

    def read_then_write() -> None:
        start.wait()
        try:
            with writing_session(factory) as session:
                value = _value(session)
                time.sleep(0.05)  # the other requests run meanwhile
                session.execute(text("UPDATE counter SET value = :value"), {"value": value + 1})
                session.commit()
        except OperationalError as error:
            errors.append(error)

    threads = [threading.Thread(target=read_then_write) for _ in range(6)]
    for thread in threads:
        thread.start()
    start.set()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    with factory() as session:
        assert _value(session) == 6


def test_a_read_does_not_wait_for_a_write_in_progress(counter: Engine) -> None:
    factory = sessionmaker(bind=counter)
    with writing_session(factory) as writer:
        writer.execute(text("UPDATE counter SET value = 7"))
        began = time.monotonic()
        with factory() as reader:
            assert _value(reader) == 0  # the last committed value, at once
        assert time.monotonic() - began < 1
        writer.commit()
    with factory() as reader:
        assert _value(reader) == 7
