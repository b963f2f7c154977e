"""staff accounts, sessions, referrals, intake counts (issue 9, the staff intake aid)

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 20:38:23.944193
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "intake_count",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("jugendamt_id", sa.String(length=60), nullable=False),
        sa.Column("municipality_ags", sa.String(length=8), nullable=False),
        sa.Column("need", sa.String(length=40), nullable=False),
        sa.Column("intakes", sa.Integer(), nullable=False),
        sa.Column("without_fitting_offer", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["jugendamt_id"], ["jugendamt.id"], name=op.f("fk_intake_count_jugendamt_id_jugendamt")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_count")),
        sa.UniqueConstraint("month", "jugendamt_id", "municipality_ags", "need", name="uq_intake_count_key"),
    )
    op.create_table(
        "referral",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("jugendamt_id", sa.String(length=60), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("alias", sa.String(length=60), nullable=False),
        sa.Column("contact", sa.String(length=120), nullable=False),
        sa.Column("reach_when", sa.String(length=120), nullable=False),
        sa.Column("language", sa.String(length=3), nullable=False),
        sa.Column("need", sa.String(length=40), nullable=False),
        sa.Column("offer_id", sa.String(length=36), nullable=True),
        sa.Column("offer_name", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=254), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('rueckruf', 'hausbesuch')", name=op.f("ck_referral_kind")),
        sa.CheckConstraint("status IN ('offen', 'in_arbeit', 'erledigt')", name=op.f("ck_referral_status")),
        sa.ForeignKeyConstraint(["jugendamt_id"], ["jugendamt.id"], name=op.f("fk_referral_jugendamt_id_jugendamt")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral")),
    )
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_referral_expires_at"), ["expires_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_referral_jugendamt_id"), ["jugendamt_id"], unique=False)

    op.create_table(
        "staff_account",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("jugendamt_id", sa.String(length=60), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("role IN ('staff', 'admin')", name=op.f("ck_staff_account_role")),
        sa.ForeignKeyConstraint(
            ["jugendamt_id"], ["jugendamt.id"], name=op.f("fk_staff_account_jugendamt_id_jugendamt")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_account")),
        sa.UniqueConstraint("email", name=op.f("uq_staff_account_email")),
    )
    with op.batch_alter_table("staff_account", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_account_jugendamt_id"), ["jugendamt_id"], unique=False)

    op.create_table(
        "referral_event",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("referral_id", sa.String(length=36), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("by", sa.String(length=254), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["referral_id"], ["referral.id"], name=op.f("fk_referral_event_referral_id_referral"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral_event")),
    )
    with op.batch_alter_table("referral_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_referral_event_referral_id"), ["referral_id"], unique=False)

    op.create_table(
        "staff_session",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["staff_account.id"],
            name=op.f("fk_staff_session_account_id_staff_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_staff_session")),
    )
    with op.batch_alter_table("staff_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_session_account_id"), ["account_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("staff_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_session_account_id"))

    op.drop_table("staff_session")
    with op.batch_alter_table("referral_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referral_event_referral_id"))

    op.drop_table("referral_event")
    with op.batch_alter_table("staff_account", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_account_jugendamt_id"))

    op.drop_table("staff_account")
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referral_jugendamt_id"))
        batch_op.drop_index(batch_op.f("ix_referral_expires_at"))

    op.drop_table("referral")
    op.drop_table("intake_count")
