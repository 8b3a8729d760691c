"""The centre's roster: every learner registered on any of its kiosks, so a learner can sign in
on any of them; and each lesson attempt as the statements of every kiosk tell it, so a lesson
resumes on another kiosk. `changed` is the centre's own clock (kiosk clocks may be hours off)
and is what kiosks page by when they pull.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

UTC_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "roster_learners",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("centre", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(40), nullable=False),
        sa.Column("phone_last4", sa.String(4), nullable=True),
        sa.Column("registered_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("kiosk_id", sa.String(64), nullable=False),
        sa.Column("changed", UTC_TIMESTAMP, nullable=False),
        sa.Column("removed", sa.String(10), nullable=True),
        sa.Column("merged_into", sa.String(36), nullable=True),
    )
    op.create_index("ix_roster_learners_centre_changed", "roster_learners", ["centre", "changed", "id"])
    op.create_table(
        "lesson_attempts",
        sa.Column("registration", sa.String(36), primary_key=True),
        sa.Column("centre", sa.String(64), nullable=False),
        sa.Column("learner_id", sa.String(64), nullable=False),
        sa.Column("lesson_id", sa.String(60), nullable=False),
        sa.Column("attempt", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("steps", sa.Integer, nullable=True),
        sa.Column("done", sa.Boolean, nullable=False),
        sa.Column("mistakes", sa.Integer, nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
        sa.Column("completed_at", sa.String(40), nullable=True),
        sa.Column("kiosk_id", sa.String(64), nullable=True),
        sa.Column("changed", UTC_TIMESTAMP, nullable=False),
    )
    op.create_index("ix_lesson_attempts_centre_changed", "lesson_attempts", ["centre", "changed", "registration"])
    op.create_index("ix_lesson_attempts_learner", "lesson_attempts", ["centre", "learner_id"])


def downgrade() -> None:
    op.drop_index("ix_lesson_attempts_learner", table_name="lesson_attempts")
    op.drop_index("ix_lesson_attempts_centre_changed", table_name="lesson_attempts")
    op.drop_table("lesson_attempts")
    op.drop_index("ix_roster_learners_centre_changed", table_name="roster_learners")
    op.drop_table("roster_learners")
