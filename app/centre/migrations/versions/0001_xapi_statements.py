"""xAPI credentials, statements and the statement index.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Spelled out rather than imported from app.centre.models, so this script stays as it was run.
SEQUENCE_KEY = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
UTC_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "xapi_credentials",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("centre", sa.String(64), nullable=False, server_default="default"),
        sa.Column("secret_hash", sa.String(256), nullable=False),
        sa.Column("created_at", UTC_TIMESTAMP, nullable=False),
    )
    op.create_table(
        "xapi_statements",
        sa.Column("seq", SEQUENCE_KEY, primary_key=True, autoincrement=True),
        sa.Column("statement_id", sa.String(36), nullable=False, unique=True),
        sa.Column("centre", sa.String(64), nullable=False),
        sa.Column("credential_key", sa.String(64), nullable=False),
        sa.Column("stored", UTC_TIMESTAMP, nullable=False),
        sa.Column("ref_id", sa.String(36), nullable=True),
        sa.Column("is_voiding", sa.Boolean, nullable=False),
        sa.Column("registration", sa.String(36), nullable=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_xapi_statements_centre_stored", "xapi_statements", ["centre", "stored", "seq"])
    op.create_index("ix_xapi_statements_ref_id", "xapi_statements", ["ref_id"])
    op.create_index("ix_xapi_statements_registration", "xapi_statements", ["registration"])
    op.create_table(
        "xapi_statement_index",
        sa.Column(
            "statement_seq",
            SEQUENCE_KEY,
            sa.ForeignKey("xapi_statements.seq", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("kind", sa.String(8), primary_key=True),
        sa.Column("hashed", sa.String(64), primary_key=True),
        sa.Column("direct", sa.Boolean, nullable=False),
    )
    op.create_index("ix_xapi_statement_index_lookup", "xapi_statement_index", ["kind", "hashed", "statement_seq"])


def downgrade() -> None:
    op.drop_table("xapi_statement_index")
    op.drop_table("xapi_statements")
    op.drop_table("xapi_credentials")
