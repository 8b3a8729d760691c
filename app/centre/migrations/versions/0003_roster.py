"""The centre's roster: every learner registered on any of its kiosks, so a learner can sign in
on any of them. `changed` is the centre's own clock (kiosk clocks may be hours off) and is
what kiosks page by when they pull the roster.

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
    )
    op.create_index("ix_roster_learners_centre_changed", "roster_learners", ["centre", "changed", "id"])


def downgrade() -> None:
    op.drop_index("ix_roster_learners_centre_changed", table_name="roster_learners")
    op.drop_table("roster_learners")
