"""xAPI keys carry scopes and can be revoked. Keys made before were made for kiosks sending
their records, so they keep what a kiosk needs (`statements/write statements/read kiosk`) and
lose what only staff should do; `silversteps centre keys` lists them so an operator can see.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

EARLIER_KEY_SCOPES = "statements/write statements/read kiosk"  # as app.centre.scopes says today


def upgrade() -> None:
    with op.batch_alter_table("xapi_credentials") as table:
        table.add_column(sa.Column("scopes", sa.String(200), nullable=False, server_default=EARLIER_KEY_SCOPES))
        table.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("xapi_credentials") as table:
        table.drop_column("revoked_at")
        table.drop_column("scopes")
