"""The outbox's waiting statements in sending order straight from an index.

The sync worker asks for the oldest 50 waiting statements again and again; with an index on
`state` alone SQLite sorted every waiting row for each batch (8 ms a batch with 10,000 waiting,
so a day offline took longer to send the more there was). An index on (state, created_at, id)
gives them in order; it also serves every lookup by state, so the old index goes.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_outbox_waiting_order", "outbox", ["state", "created_at", "id"])
    op.drop_index("ix_outbox_state", table_name="outbox")


def downgrade() -> None:
    op.create_index("ix_outbox_state", "outbox", ["state"])
    op.drop_index("ix_outbox_waiting_order", table_name="outbox")
