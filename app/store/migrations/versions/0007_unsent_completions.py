"""Completions never sent: the first schema (0001) kept lesson progress but had no outbox, so
a kiosk upgraded from it kept its old completions and never sent them. Every completed attempt
made on this kiosk is listed in `unsent_completions`; start-up (app/kiosk/unsent_completions.py)
queues its completion statement, with the same name-based id the kiosk has always given it,
so one the outbox already holds (sent or waiting) is kept once. Attempts that came from the
centre (lesson_version 0: begun on another kiosk) are that kiosk's to report.

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


def upgrade() -> None:
    op.create_table(
        "unsent_completions",
        sa.Column("progress_id", sa.String(36), sa.ForeignKey("progress.id", ondelete="CASCADE"), primary_key=True),
    )
    op.execute(
        "INSERT INTO unsent_completions (progress_id) "
        "SELECT id FROM progress WHERE status = 'done' AND lesson_version <> 0"
    )


def downgrade() -> None:
    op.drop_table("unsent_completions")
