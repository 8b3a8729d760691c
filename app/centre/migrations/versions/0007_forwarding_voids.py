"""Voiding statements still to send upstream, for forwarded statements of a learner deleted at
their request. A table of their own: `forwarding_queue` holds only statements the centre
stores, and a voiding statement for a deleted learner is none of its records.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Spelled out rather than imported from app.centre.models, so this script stays as it was run.
SEQUENCE_KEY = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
UTC_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "forwarding_voids",
        sa.Column("seq", SEQUENCE_KEY, primary_key=True, autoincrement=True),
        sa.Column("voided_id", sa.String(36), nullable=False, unique=True),
        sa.Column("statement_id", sa.String(36), nullable=False, unique=True),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("queued_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("claimed_until", UTC_TIMESTAMP, nullable=True),
        sa.Column("claimed_by", sa.String(64), nullable=True),
        sa.Column("set_aside_at", UTC_TIMESTAMP, nullable=True),
        sa.Column("set_aside_reason", sa.Text, nullable=True),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_forwarding_voids_set_aside", "forwarding_voids", ["set_aside_at", "seq"])


def downgrade() -> None:
    op.drop_index("ix_forwarding_voids_set_aside", table_name="forwarding_voids")
    op.drop_table("forwarding_voids")
