"""Certificates the centre issued, and the key it signs them with (kept only here).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

UTC_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "signing_keys",
        sa.Column("purpose", sa.String(30), primary_key=True),
        sa.Column("key_hex", sa.String(128), nullable=False),
        sa.Column("created_at", UTC_TIMESTAMP, nullable=False),
    )
    op.create_table(
        "certificates",
        sa.Column("id", sa.String(11), primary_key=True),
        sa.Column("centre", sa.String(64), nullable=False),
        sa.Column("learner_id", sa.String(64), nullable=False),
        sa.Column("theme_id", sa.String(60), nullable=False),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("issued_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("revoked_at", UTC_TIMESTAMP, nullable=True),
    )
    op.create_index("ix_certificates_learner", "certificates", ["centre", "learner_id"])


def downgrade() -> None:
    op.drop_index("ix_certificates_learner", table_name="certificates")
    op.drop_table("certificates")
    op.drop_table("signing_keys")
