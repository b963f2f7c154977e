"""Alembic environment: uses the engine handed over by api.migrations_runner, or DATABASE_URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from api.db import make_engine
from api.models import Base
from api.settings import get_settings

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine: Engine | None = config.attributes.get("engine")
    if engine is None:
        engine = make_engine(config.get_main_option("sqlalchemy.url") or get_settings().database_url)
    with engine.connect() as connection:
        # SQLite cannot ALTER most things in place; batch mode copies the table instead.
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
