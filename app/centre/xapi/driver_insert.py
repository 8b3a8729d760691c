"""A group's statements and index rows sent to the database driver as plain tuples.

Written by hand, beside SQLAlchemy rather than through it, for this one hot path: SQLAlchemy
builds and converts a parameter dictionary per row (construct_params and each column type's
processor), and a group of 1,000 statements has 1,000 statement rows and about 5,000 index
rows. Sent as tuples, a group's write takes about 70 µs of CPU a statement instead of 80
(the in-process measure behind bench/bench_ingest.py). The
SQL is still SQLAlchemy's: it is compiled once per engine from the same models, so the column
names, the conflict target and each dialect's placeholders cannot drift from the tables."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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
PARAMETERS_PER_INSERT = 8000  # well under SQLite's 32,766 and PostgreSQL's 65,535


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
        head, values, tail = _split_values(str(one_row), dialect.name, len(STATEMENT_COLUMNS))
        self._statement_sql = (head, values, tail)
        index_sql = str(insert(IndexRow).values({name: None for name in INDEX_COLUMNS}).compile(dialect=dialect))
        self._index_sql = _split_values(index_sql, dialect.name, len(INDEX_COLUMNS))
        self._copy_index = (
            f"COPY {IndexRow.__tablename__} ({', '.join(INDEX_COLUMNS)}) FROM STDIN"
            if dialect.name == "postgresql"
            else None
        )
        self._stored_to_driver = StoredStatement.__table__.c.stored.type.bind_processor(dialect) or (lambda v: v)

    def stored_value(self, stored: datetime) -> Any:
        """`stored` as the driver takes it (SQLite: the text SQLAlchemy writes), worked out once."""
        return self._stored_to_driver(stored)

    def statements(self, connection: Connection, rows: Sequence[tuple[Any, ...]]) -> dict[str, int]:
        """Insert statement rows (in STATEMENT_COLUMNS order) unless their id is taken; returns
        the seq of each one inserted now, by id."""
        inserted: dict[str, int] = {}
        for sql, values in _many_rows(self._statement_sql, rows):
            inserted.update(connection.exec_driver_sql(sql, values).all())
        return inserted

    def index_rows(self, connection: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
        """Insert index rows (in INDEX_COLUMNS order). On PostgreSQL with COPY, in the same
        transaction: an INSERT of thousands of parameters cost more to adapt, send and plan than
        the rows themselves (index rows went from 85 to 32 µs a statement, wall clock)."""
        if self._copy_index is not None:
            with connection.connection.driver_connection.cursor() as cursor, cursor.copy(self._copy_index) as copy:
                for row in rows:
                    copy.write_row(row)
            return
        for sql, values in _many_rows(self._index_sql, rows):
            connection.exec_driver_sql(sql, values)


def _many_rows(
    statement: tuple[str, str, str], rows: Sequence[tuple[Any, ...]]
) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """One INSERT with many rows of VALUES, up to PARAMETERS_PER_INSERT, and its parameters.
    Not executemany: SQLite's driver lets go of Python's lock for each row it steps, and under
    load each row then waited for the lock again behind the threads reading other batches."""
    head, values, tail = statement
    rows_at_once = PARAMETERS_PER_INSERT // max(len(rows[0]), 1) if rows else 1
    for start in range(0, len(rows), rows_at_once):
        chunk = rows[start : start + rows_at_once]
        yield f"{head}{', '.join([values] * len(chunk))}{tail}", tuple(value for row in chunk for value in row)


def _split_values(sql: str, dialect_name: str, columns: int) -> tuple[str, str, str]:
    """`INSERT … VALUES (?, …) ON CONFLICT …` as its head, its one row of placeholders and its
    tail (perhaps empty), so that one row can be repeated for many."""
    head, found_values, rest = sql.partition("VALUES ")
    values, closed, tail = rest.partition(")")
    if not found_values or not closed or values.count(_placeholder(dialect_name)) != columns:
        raise RuntimeError(f"unexpected insert statement for {dialect_name}: {sql}")
    return head + "VALUES ", values + ")", tail


def _placeholder(dialect_name: str) -> str:
    return "%s" if dialect_name == "postgresql" else "?"
