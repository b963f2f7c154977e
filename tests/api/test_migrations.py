"""The Alembic migrations create exactly the schema the models describe, on SQLite and on PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from api.models import Base


def test_migrated_database_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
    tables = set(inspect(engine).get_table_names())
    assert {
        "service",
        "organization",
        "location",
        "service_at_location",
        "phone",
        "schedule",
        "language",
        "service_change",
        "staff_token",
        "municipality",
        "jugendamt",
        "postal_code",
    } <= tables
