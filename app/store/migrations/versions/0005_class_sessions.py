"""Class sessions, check-ins and help requests on the kiosk.

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

MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "class_sessions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("title", sa.String(60), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("starts", sa.Time, nullable=False),
        sa.Column("ends", sa.Time, nullable=False),
        sa.Column("room", sa.String(30), nullable=False),
        sa.Column("tutor", sa.String(40), nullable=False),
        sa.Column("lesson_ids", sa.Text, nullable=False),
        sa.Column("updated_at", MOMENT, nullable=False),
        sa.Column("share_state", sa.String(12), nullable=False, server_default="waiting"),
    )
    op.create_index("ix_class_sessions_day", "class_sessions", ["day"])
    op.create_table(
        "check_ins",
        sa.Column(
            "session_id", sa.String(36), sa.ForeignKey("class_sessions.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("learner_id", sa.String(36), sa.ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("checked_in_at", MOMENT, nullable=False),
        sa.Column("checked_in_by", sa.String(12), nullable=False),
    )
    op.create_table(
        "help_requests",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("learner_id", sa.String(36), sa.ForeignKey("learners.id", ondelete="CASCADE"), nullable=False),
        sa.Column("lesson_id", sa.String(60), nullable=False),
        sa.Column("step_index", sa.Integer, nullable=False),
        sa.Column("session_id", sa.String(36), nullable=True),
        sa.Column("asked_at", MOMENT, nullable=False),
        sa.Column("helped_at", MOMENT, nullable=True),
    )
    op.create_index("ix_help_requests_asked_at", "help_requests", ["asked_at"])


def downgrade() -> None:
    op.drop_index("ix_help_requests_asked_at", table_name="help_requests")
    op.drop_table("help_requests")
    op.drop_table("check_ins")
    op.drop_index("ix_class_sessions_day", table_name="class_sessions")
    op.drop_table("class_sessions")
