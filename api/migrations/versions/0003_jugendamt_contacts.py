"""public contact of every Jugendamt: phone, web page, address, Familienbüro, sources (issue 10)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 22:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CONTACT_COLUMNS = (
    "phone",
    "phone_note",
    "address",
    "url",
    "familienbuero_name",
    "familienbuero_phone",
    "familienbuero_url",
    "contact_sources",
    "contact_checked",
)


def upgrade() -> None:
    with op.batch_alter_table("jugendamt", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("contact_status", sa.String(length=30), server_default="no_public_source_found", nullable=False)
        )
        batch_op.add_column(sa.Column("phone", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("phone_note", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("address", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("url", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("familienbuero_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("familienbuero_phone", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("familienbuero_url", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("contact_sources", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("contact_checked", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("jugendamt", schema=None) as batch_op:
        for column in reversed(CONTACT_COLUMNS):
            batch_op.drop_column(column)
        batch_op.drop_column("contact_status")
