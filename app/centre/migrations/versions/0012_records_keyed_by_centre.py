"""Each centre's records are its own. A statement id is unique within its centre, not across the
server: another centre storing an id first no longer blocks this centre's statement, nor tells
anyone the id exists. The rows folded from statements are keyed with their centre too: lesson
attempts by (centre, registration), help calls by (centre, id), check-ins and time in a session
by (centre, session, learner). Before, the first centre to use a key kept it, and the other
centre's row was dropped without a word.

PostgreSQL changes the keys in place. SQLite cannot: each table is built again under its new
keys, its rows copied, the old one dropped and the new one renamed. The statements table is
referred to by the forwarding queue (ON DELETE CASCADE), so the queue's rows are kept aside
while the statements table is swapped and put back after; its AUTOINCREMENT counter is carried
over, so no number of a deleted statement is ever handed out again.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# Spelled out rather than imported from app.centre.models, so this script stays as it was run.
SEQUENCE_KEY = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
UTC_TIMESTAMP = sa.DateTime(timezone=True)
STATEMENTS = "xapi_statements"
STATEMENT_ID_UNIQUE = "ux_xapi_statements_centre_statement_id"
# (table, its key before, its key now) of the folded rows
FOLDED_KEYS = (
    ("lesson_attempts", ("registration",), ("centre", "registration")),
    ("help_calls", ("id",), ("centre", "id")),
    ("session_check_ins", ("session_id", "learner_id"), ("centre", "session_id", "learner_id")),
    ("session_time", ("session_id", "learner_id"), ("centre", "session_id", "learner_id")),
)


def _columns(table: str) -> list[sa.Column]:
    """The table's columns as migrations 0001-0011 left them, without keys."""
    made: dict[str, list[sa.Column]] = {
        STATEMENTS: [
            sa.Column("seq", SEQUENCE_KEY, primary_key=True, autoincrement=True),
            sa.Column("statement_id", sa.String(36), nullable=False),
            sa.Column("centre", sa.String(64), nullable=False),
            sa.Column("credential_key", sa.String(64), nullable=False),
            sa.Column("stored", UTC_TIMESTAMP, nullable=False),
            sa.Column("ref_id", sa.String(36), nullable=True),
            sa.Column("is_voiding", sa.Boolean, nullable=False),
            sa.Column("registration", sa.String(36), nullable=True),
            sa.Column("document", sa.Text, nullable=False),
        ],
        "lesson_attempts": [
            sa.Column("registration", sa.String(36), nullable=False),
            sa.Column("centre", sa.String(64), nullable=False),
            sa.Column("learner_id", sa.String(64), nullable=False),
            sa.Column("lesson_id", sa.String(60), nullable=False),
            sa.Column("attempt", sa.Integer, nullable=False),
            sa.Column("position", sa.Integer, nullable=False),
            sa.Column("steps", sa.Integer, nullable=True),
            sa.Column("done", sa.Boolean, nullable=False),
            sa.Column("mistakes", sa.Integer, nullable=False),
            sa.Column("seconds", sa.Float, nullable=False),
            sa.Column("completed_at", sa.String(40), nullable=True),
            sa.Column("kiosk_id", sa.String(64), nullable=True),
            sa.Column("changed", UTC_TIMESTAMP, nullable=False),
        ],
        "help_calls": [
            sa.Column("id", sa.String(36), nullable=False),
            sa.Column("centre", sa.String(64), nullable=False),
            sa.Column("learner_id", sa.String(64), nullable=True),
            sa.Column("lesson_id", sa.String(60), nullable=True),
            sa.Column("step_index", sa.Integer, nullable=True),
            sa.Column("session_id", sa.String(36), nullable=True),
            sa.Column("asked_at", UTC_TIMESTAMP, nullable=True),
            sa.Column("helped_at", UTC_TIMESTAMP, nullable=True),
        ],
        "session_check_ins": [
            sa.Column("session_id", sa.String(36), nullable=False),
            sa.Column("learner_id", sa.String(64), nullable=False),
            sa.Column("centre", sa.String(64), nullable=False),
            sa.Column("first_at", sa.String(40), nullable=False),
            sa.Column("checked_in_by", sa.String(12), nullable=False),
            sa.Column("changed", UTC_TIMESTAMP, nullable=False),
        ],
        "session_time": [
            sa.Column("session_id", sa.String(36), nullable=False),
            sa.Column("learner_id", sa.String(64), nullable=False),
            sa.Column("centre", sa.String(64), nullable=False),
            sa.Column("seconds", sa.Float, nullable=False),
        ],
    }
    return made[table]


# The indexes each table had, created again after SQLite swaps the table (name, columns)
INDEXES = {
    STATEMENTS: (
        ("ix_xapi_statements_centre_stored", ("centre", "stored", "seq")),
        ("ix_xapi_statements_ref_id", ("ref_id",)),
        ("ix_xapi_statements_registration", ("registration",)),
    ),
    "lesson_attempts": (
        ("ix_lesson_attempts_centre_changed", ("centre", "changed", "registration")),
        ("ix_lesson_attempts_learner", ("centre", "learner_id")),
    ),
    "help_calls": (("ix_help_calls_session", ("centre", "session_id", "asked_at")),),
    "session_check_ins": (),
    "session_time": (),
}


def _sqlite_rebuild(table: str, *constraints: sa.schema.SchemaItem) -> None:
    """Build `table` again with `constraints`, keeping its rows and indexes (SQLite only)."""
    bind = op.get_bind()
    columns = _columns(table)
    names = ", ".join(column.name for column in columns)
    new = sa.Table(
        f"{table}_rekeyed",
        sa.MetaData(),
        *columns,
        *constraints,
        sqlite_autoincrement=table == STATEMENTS,
    )
    new.create(bind)
    bind.exec_driver_sql(f"INSERT INTO {new.name} ({names}) SELECT {names} FROM {table}")
    bind.exec_driver_sql(f"DROP TABLE {table}")
    bind.exec_driver_sql(f"ALTER TABLE {new.name} RENAME TO {table}")
    for name, indexed in INDEXES[table]:
        op.create_index(name, table, list(indexed))


def _sqlite_statements(unique: sa.UniqueConstraint) -> None:
    bind = op.get_bind()
    counter = bind.exec_driver_sql(f"SELECT seq FROM sqlite_sequence WHERE name = '{STATEMENTS}'").scalar()
    bind.exec_driver_sql("CREATE TEMPORARY TABLE queue_kept AS SELECT * FROM forwarding_queue")
    _sqlite_rebuild(STATEMENTS, unique)  # the drop empties forwarding_queue (ON DELETE CASCADE)
    bind.exec_driver_sql("INSERT INTO forwarding_queue SELECT * FROM queue_kept")
    bind.exec_driver_sql("DROP TABLE queue_kept")
    if counter is not None:
        bind.exec_driver_sql(f"UPDATE sqlite_sequence SET seq = max(seq, {int(counter)}) WHERE name = '{STATEMENTS}'")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_statements(sa.UniqueConstraint("centre", "statement_id", name=STATEMENT_ID_UNIQUE))
        for table, _before, now in FOLDED_KEYS:
            _sqlite_rebuild(table, sa.PrimaryKeyConstraint(*now, name=f"{table}_pkey"))
        return
    op.drop_constraint(f"{STATEMENTS}_statement_id_key", STATEMENTS, type_="unique")
    op.create_unique_constraint(STATEMENT_ID_UNIQUE, STATEMENTS, ["centre", "statement_id"])
    for table, _before, now in FOLDED_KEYS:
        op.drop_constraint(f"{table}_pkey", table, type_="primary")
        op.create_primary_key(f"{table}_pkey", table, list(now))


def downgrade() -> None:
    """Back to keys across centres; refused while two centres share a key (which to drop is
    not a migration's choice)."""
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_statements(sa.UniqueConstraint("statement_id"))
        for table, before, _now in FOLDED_KEYS:
            _sqlite_rebuild(table, sa.PrimaryKeyConstraint(*before))
        return
    op.drop_constraint(STATEMENT_ID_UNIQUE, STATEMENTS, type_="unique")
    op.create_unique_constraint(f"{STATEMENTS}_statement_id_key", STATEMENTS, ["statement_id"])
    for table, before, _now in FOLDED_KEYS:
        op.drop_constraint(f"{table}_pkey", table, type_="primary")
        op.create_primary_key(f"{table}_pkey", table, list(before))
