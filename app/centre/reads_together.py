"""Several queries sent to PostgreSQL in one round trip (psycopg's pipeline mode), answered in
order, each with its own snapshot taken when it runs (READ COMMITTED): a query after a lock
sees what the lock's last holder committed.

For the reads that open a group write's turn (see app.centre.xapi.group_write): under load, a
writer waited for Python's GIL after each round trip (5–8 ms), and all of a centre's writers
waited for it. The queries are compiled before the turn; SQLite, in process, runs them one
after another through SQLAlchemy as usual."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from sqlalchemy import Connection, Dialect
from sqlalchemy.sql import Select


class CompiledRead(NamedTuple):
    """A query as the driver takes it, and how to read each column of its rows."""

    statement: Select[Any]
    sql: str
    parameters: dict[str, Any]
    readers: list[Callable[[Any], Any] | None]


def compiled(statements: Sequence[Select[Any]], dialect: Dialect) -> list[CompiledRead]:
    """Compile the queries for `dialect` (done before the turn: SQLAlchemy's compiler is pure Python)."""
    reads = []
    for statement in statements:
        text = statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
        readers = [column.type.result_processor(dialect, None) for column in statement.selected_columns]
        reads.append(CompiledRead(statement, str(text), dict(text.params), readers))
    return reads


def read_together(connection: Connection, reads: Sequence[CompiledRead]) -> list[list[tuple[Any, ...]]]:
    """Each query's rows, in order."""
    if connection.dialect.name != "postgresql":
        return [[tuple(row) for row in connection.execute(read.statement)] for read in reads]
    driver = connection.connection.driver_connection
    cursors = [driver.cursor() for _ in reads]
    try:
        with driver.pipeline():
            for cursor, read in zip(cursors, reads, strict=True):
                cursor.execute(read.sql, read.parameters)
        return [_read_rows(cursor.fetchall(), read.readers) for cursor, read in zip(cursors, reads, strict=True)]
    finally:
        for cursor in cursors:
            cursor.close()


def _read_rows(rows: list[tuple[Any, ...]], readers: list[Callable[[Any], Any] | None]) -> list[tuple[Any, ...]]:
    if not any(readers):
        return rows
    return [
        tuple(value if reader is None else reader(value) for value, reader in zip(row, readers, strict=True))
        for row in rows
    ]
