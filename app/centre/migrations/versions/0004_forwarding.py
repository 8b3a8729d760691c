"""Forwarding to an upstream xAPI store (the city's): the one upstream the operator configured,
and the durable queue of statements still to forward. The upstream row always exists (id 1,
url NULL until configured) so that storing a statement can lock it and never race the operator
turning forwarding on.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Spelled out rather than imported from app.centre.models, so this script stays as it was run.
SEQUENCE_KEY = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
UTC_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    upstream = op.create_table(
        "forwarding_upstream",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("url", sa.String(2000), nullable=True),
        sa.Column("key", sa.String(200), nullable=True),
        sa.Column("secret", sa.Text, nullable=True),
        sa.Column("enabled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("generation", sa.Integer, nullable=False, server_default="0"),
        sa.Column("configured_at", UTC_TIMESTAMP, nullable=True),
        sa.Column("stopped_reason", sa.Text, nullable=True),
        sa.Column("paused_until", UTC_TIMESTAMP, nullable=True),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_success_at", UTC_TIMESTAMP, nullable=True),
        sa.Column("last_problem", sa.Text, nullable=True),
        sa.Column("last_problem_at", UTC_TIMESTAMP, nullable=True),
    )
    op.bulk_insert(upstream, [{"id": 1, "enabled": False, "generation": 0, "failures": 0}])
    op.create_table(
        "forwarding_queue",
        sa.Column(
            "statement_seq",
            SEQUENCE_KEY,
            sa.ForeignKey("xapi_statements.seq", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("queued_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("claimed_until", UTC_TIMESTAMP, nullable=True),
        sa.Column("claimed_by", sa.String(64), nullable=True),
        sa.Column("set_aside_at", UTC_TIMESTAMP, nullable=True),
        sa.Column("set_aside_reason", sa.Text, nullable=True),
    )
    op.create_index("ix_forwarding_queue_set_aside", "forwarding_queue", ["set_aside_at", "statement_seq"])


def downgrade() -> None:
    op.drop_index("ix_forwarding_queue_set_aside", table_name="forwarding_queue")
    op.drop_table("forwarding_queue")
    op.drop_table("forwarding_upstream")
