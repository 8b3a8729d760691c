"""A resent statement is compared with the stored document itself (app.centre.xapi.canonical),
so the fingerprint kept beside every statement for that comparison goes. Working it out for
every statement stored was a tenth of the centre's CPU per statement; the comparison it served
happens only when an id is sent again.

SQLite drops the column in place (ALTER TABLE … DROP COLUMN, SQLite 3.35 or later): a copy of
the table, as batch mode makes, would drop the old table under the index rows and forwarding
queue that refer to it. The downgrade works the fingerprints out again from the documents,
and leaves the column nullable for the same reason.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import hashlib
import json

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

DOWNGRADE_ROWS_AT_ONCE = 1000


def upgrade() -> None:
    op.drop_column("xapi_statements", "fingerprint")


def downgrade() -> None:
    from app.centre.xapi.canonical import canonical_form  # as it is now: the form that compares

    op.add_column("xapi_statements", sa.Column("fingerprint", sa.String(64), nullable=True))
    connection = op.get_bind()
    statements = sa.table(
        "xapi_statements", sa.column("seq"), sa.column("document"), sa.column("fingerprint", sa.String(64))
    )
    last = -1
    while rows := connection.execute(
        sa.select(statements.c.seq, statements.c.document)
        .where(statements.c.seq > last)
        .order_by(statements.c.seq)
        .limit(DOWNGRADE_ROWS_AT_ONCE)
    ).all():
        for seq, document in rows:
            sent = json.loads(document)
            if sent.get("timestamp") == sent.get("stored"):  # the server's timestamp: not sent
                sent.pop("timestamp", None)
            digest = hashlib.sha256(canonical_form(sent).encode()).hexdigest()
            connection.execute(sa.update(statements).where(statements.c.seq == seq).values(fingerprint=digest))
        last = rows[-1].seq
    # Left nullable: NOT NULL would need a copy of the table on SQLite (see above); every row has one.
