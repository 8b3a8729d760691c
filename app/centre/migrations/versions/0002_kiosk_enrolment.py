"""Kiosk enrolment: one-time enrolment codes and enrolled kiosks with their device tokens.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

UTC_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "kiosk_enrolment_codes",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("centre", sa.String(64), nullable=False),
        sa.Column("created_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("expires_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("used_at", UTC_TIMESTAMP, nullable=True),
        sa.Column("kiosk_id", sa.String(36), nullable=True),
    )
    op.create_table(
        "kiosks",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("centre", sa.String(64), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("enrolled_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("revoked_at", UTC_TIMESTAMP, nullable=True),
        sa.Column("last_seen_at", UTC_TIMESTAMP, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("kiosks")
    op.drop_table("kiosk_enrolment_codes")
