"""The statement index's rows lose their foreign key to the statements. Every index row is
written in the same statement as its own statement's row (app.centre.xapi.driver_insert) and
deleted with it (app.centre.roster.removal), so the key only checked what the code already
ensures, at a price: PostgreSQL checks a foreign key with a query per row, about eight index
rows a statement, inside the writer's turn that the centre's other writers wait for (a
quarter of the group's insert in bench/bench_ingest.py).

SQLite cannot drop a constraint: the index table is copied without it (batch mode). Nothing
refers to the index table, so the copy drops nothing else. The downgrade puts the key back,
after deleting any index row whose statement is gone.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Spelled out rather than imported from app.centre.models, so this script stays as it was run.
SEQUENCE_KEY = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
INDEX = "xapi_statement_index"
POSTGRESQL_KEY = "xapi_statement_index_statement_seq_fkey"  # PostgreSQL's name for migration 0001's key


def _index_table(*key: sa.ForeignKey) -> sa.Table:
    return sa.Table(
        INDEX,
        sa.MetaData(),
        sa.Column("statement_seq", SEQUENCE_KEY, *key, primary_key=True),
        sa.Column("kind", sa.String(8), primary_key=True),
        sa.Column("hashed", sa.String(64), primary_key=True),
        sa.Column("direct", sa.Boolean, nullable=False),
        sa.Index("ix_xapi_statement_index_lookup", "kind", "hashed", "statement_seq"),
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(POSTGRESQL_KEY, INDEX, type_="foreignkey")
        return
    with op.batch_alter_table(INDEX, copy_from=_index_table(), recreate="always"):
        pass


def downgrade() -> None:
    op.execute(f"DELETE FROM {INDEX} WHERE statement_seq NOT IN (SELECT seq FROM xapi_statements)")
    key = sa.ForeignKey("xapi_statements.seq", ondelete="CASCADE")
    if op.get_bind().dialect.name == "postgresql":
        op.create_foreign_key(POSTGRESQL_KEY, INDEX, "xapi_statements", ["statement_seq"], ["seq"], ondelete="CASCADE")
        return
    with op.batch_alter_table(INDEX, copy_from=_index_table(key), recreate="always"):
        pass
