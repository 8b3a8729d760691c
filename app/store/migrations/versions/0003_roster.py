"""Roster sync: whether a learner added or changed on this kiosk has reached the centre yet.
Learners already on the kiosk are waiting, so the first sync shares them.

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


def upgrade() -> None:
    with op.batch_alter_table("learners") as batch:
        batch.add_column(sa.Column("roster_state", sa.String(12), nullable=False, server_default="waiting"))
    op.create_index("ix_learners_roster_state", "learners", ["roster_state"])


def downgrade() -> None:
    op.drop_index("ix_learners_roster_state", table_name="learners")
    with op.batch_alter_table("learners") as batch:
        batch.drop_column("roster_state")
