"""Class sessions shared by the centre's kiosks, check-ins and help calls folded from the
kiosks' statements, for the tutor's live board on any kiosk.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

UTC_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "shared_sessions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("centre", sa.String(64), nullable=False),
        sa.Column("title", sa.String(60), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("starts", sa.String(5), nullable=False),
        sa.Column("ends", sa.String(5), nullable=False),
        sa.Column("room", sa.String(30), nullable=False),
        sa.Column("tutor", sa.String(40), nullable=False),
        sa.Column("lesson_ids", sa.Text, nullable=False),
        sa.Column("kiosk_id", sa.String(64), nullable=False),
        sa.Column("changed", UTC_TIMESTAMP, nullable=False),
    )
    op.create_index("ix_shared_sessions_centre_changed", "shared_sessions", ["centre", "changed", "id"])
    op.create_table(
        "session_check_ins",
        sa.Column("session_id", sa.String(36), primary_key=True),
        sa.Column("learner_id", sa.String(64), primary_key=True),
        sa.Column("centre", sa.String(64), nullable=False),
        sa.Column("first_at", sa.String(40), nullable=False),
        sa.Column("checked_in_by", sa.String(12), nullable=False),
        sa.Column("changed", UTC_TIMESTAMP, nullable=False),
    )
    op.create_table(
        "session_time",
        sa.Column("session_id", sa.String(36), primary_key=True),
        sa.Column("learner_id", sa.String(64), primary_key=True),
        sa.Column("centre", sa.String(64), nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
    )
    op.create_table(
        "help_calls",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("centre", sa.String(64), nullable=False),
        sa.Column("learner_id", sa.String(64), nullable=True),
        sa.Column("lesson_id", sa.String(60), nullable=True),
        sa.Column("step_index", sa.Integer, nullable=True),
        sa.Column("session_id", sa.String(36), nullable=True),
        sa.Column("asked_at", UTC_TIMESTAMP, nullable=True),
        sa.Column("helped_at", UTC_TIMESTAMP, nullable=True),
    )
    op.create_index("ix_help_calls_session", "help_calls", ["centre", "session_id", "asked_at"])


def downgrade() -> None:
    op.drop_index("ix_help_calls_session", table_name="help_calls")
    op.drop_table("help_calls")
    op.drop_table("session_time")
    op.drop_table("session_check_ins")
    op.drop_index("ix_shared_sessions_centre_changed", table_name="shared_sessions")
    op.drop_table("shared_sessions")
