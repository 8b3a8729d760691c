"""Staff and tutor accounts known to each centre, and the short-lived tokens they sign in for.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_accounts",
        sa.Column("centre", sa.String(64), primary_key=True),
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("role", sa.String(12), nullable=False),
        sa.Column("secret_hash", sa.String(256), nullable=False),
        sa.Column("failed_tries", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("locked_until", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "staff_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("centre", sa.String(64), nullable=False),
        sa.Column("account_id", sa.String(36), nullable=False),
        sa.Column("kiosk_id", sa.String(36)),
        sa.Column("scopes", sa.String(200), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_staff_tokens_account", "staff_tokens", ["centre", "account_id"])


def downgrade() -> None:
    op.drop_index("ix_staff_tokens_account", "staff_tokens")
    op.drop_table("staff_tokens")
    op.drop_table("staff_accounts")
