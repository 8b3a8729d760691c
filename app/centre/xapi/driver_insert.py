"""A group's statements and index rows sent to the database driver as plain tuples.

Written by hand, beside SQLAlchemy rather than through it, for this one hot path: SQLAlchemy
builds and converts a parameter dictionary per row (construct_params and each column type's
processor), and a group of 1,000 statements has 1,000 statement rows and about 5,000 index
rows. Sent as tuples, a group's write takes about 70 µs of CPU a statement instead of 80
(the in-process measure behind bench/bench_ingest.py). The
SQL is still SQLAlchemy's: it is compiled once per engine from the same models, so the column
names, the conflict target and each dialect's placeholders cannot drift from the tables."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert
from sqlalchemy.dialects import postgresql, sqlite

from app.centre.models import IndexRow, StoredStatement

STATEMENT_COLUMNS = (
    "statement_id",
    "centre",
    "credential_key",
    "stored",
    "ref_id",
    "is_voiding",
    "registration",
    "document",
)
INDEX_COLUMNS = ("statement_seq", "kind", "hashed", "direct")
ROWS_PER_INSERT = 500  # 4,000 parameters: under SQLite's 32,766 and PostgreSQL's 65,535


class DriverInsert:
    """The two inserts of a group write, compiled once for one engine's dialect."""

    def __init__(self, engine: Engine) -> None:
        dialect = engine.dialect
        if dialect.paramstyle not in ("qmark", "format"):  # psycopg's pyformat: take its %s form
            dialect = type(dialect)(paramstyle="format")
        dialect_insert = postgresql.insert if dialect.name == "postgresql" else sqlite.insert
        one_row = (
            dialect_insert(StoredStatement)
            .values({name: None for name in STATEMENT_COLUMNS})
            .on_conflict_do_nothing(index_elements=[StoredStatement.statement_id])
            .returning(StoredStatement.statement_id, StoredStatement.seq)
            .compile(dialect=dialect)
        )
        head, values, tail = _split_values(str(one_row), dialect.name)
        self._statement_sql = (head, values, tail)
        self._index_sql = str(insert(IndexRow).values({name: None for name in INDEX_COLUMNS}).compile(dialect=dialect))
        self._stored_to_driver = StoredStatement.__table__.c.stored.type.bind_processor(dialect) or (lambda v: v)

    def stored_value(self, stored: datetime) -> Any:
        """`stored` as the driver takes it (SQLite: the text SQLAlchemy writes), worked out once."""
        return self._stored_to_driver(stored)

    def statements(self, connection: Connection, rows: Sequence[tuple[Any, ...]]) -> dict[str, int]:
        """Insert statement rows (in STATEMENT_COLUMNS order) unless their id is taken; returns
        the seq of each one inserted now, by id."""
        head, values, tail = self._statement_sql
        inserted: dict[str, int] = {}
        for start in range(0, len(rows), ROWS_PER_INSERT):
            chunk = rows[start : start + ROWS_PER_INSERT]
            sql = f"{head}{', '.join([values] * len(chunk))}{tail}"
            flat = tuple(value for row in chunk for value in row)
            inserted.update(connection.exec_driver_sql(sql, flat).all())
        return inserted

    def index_rows(self, connection: Connection, rows: list[tuple[Any, ...]]) -> None:
        """Insert index rows (in INDEX_COLUMNS order) with the driver's executemany."""
        if rows:
            connection.exec_driver_sql(self._index_sql, rows)


def _split_values(sql: str, dialect_name: str) -> tuple[str, str, str]:
    """`INSERT … VALUES (?, …) ON CONFLICT …` as its head, its one row of placeholders and its
    tail, so that one row can be repeated for many."""
    head, _, rest = sql.partition("VALUES ")
    values, _, tail = rest.partition(")")
    if not head or not tail or values.count(_placeholder(dialect_name)) != len(STATEMENT_COLUMNS):
        raise RuntimeError(f"unexpected insert statement for {dialect_name}: {sql}")
    return head + "VALUES ", values + ")", tail


def _placeholder(dialect_name: str) -> str:
    return "%s" if dialect_name == "postgresql" else "?"
