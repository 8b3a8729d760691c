"""One INSERT (or upsert) of many rows, handed to the database driver as plain values.

Written beside SQLAlchemy rather than through it, for the few inserts a group of batches makes
while it holds the writer's turn. SQLAlchemy's executemany builds a parameter dictionary per
row, and SQLite's driver steps each row with Python's GIL let go: under load, every row then
waited for the GIL again behind the threads reading other batches (the GIL's 5 ms switch
interval, for each of hundreds of rows). One statement of many rows is one step. The SQL is
still SQLAlchemy's, compiled once for one row from the same models and repeated, so column
names, conflict targets and each dialect's placeholders cannot drift from the tables."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.engine import CursorResult, Dialect
from sqlalchemy.sql.dml import Insert

PARAMETERS_PER_INSERT = 8000  # well under SQLite's 32,766 and PostgreSQL's 65,535


def positional(dialect: Dialect) -> Dialect:
    """The dialect with %s or ? placeholders (psycopg's default pyformat names each one)."""
    return dialect if dialect.paramstyle in ("qmark", "format") else type(dialect)(paramstyle="format")


class ManyRows:
    """`insert` (an Insert of `table`, perhaps with ON CONFLICT …) for rows given as tuples in
    `columns` order (the table's own order). With `convert`, each column's SQLAlchemy type prepares its values (for
    instance aware datetimes); without, the caller passes what the driver takes."""

    def __init__(
        self, insert: Insert, table: Table, columns: Sequence[str], dialect: Dialect, convert: bool = True
    ) -> None:
        in_table_order = [column.name for column in table.columns if column.name in set(columns)]
        if list(columns) != in_table_order:  # SQLAlchemy writes the columns in the table's order
            raise ValueError(f"give the columns of {table.name} in the table's order: {in_table_order}")
        dialect = positional(dialect)
        compiled = str(insert.values({name: None for name in columns}).compile(dialect=dialect))
        self._head, self._values, self._tail = _split_values(compiled, dialect.name, len(columns))
        self._rows_at_once = max(PARAMETERS_PER_INSERT // len(columns), 1)
        converters = [table.c[name].type.bind_processor(dialect) if convert else None for name in columns]
        self._converters: list[tuple[int, Callable[[Any], Any]]] = [
            (index, converter) for index, converter in enumerate(converters) if converter is not None
        ]

    def execute(self, connection: Connection, rows: Sequence[tuple[Any, ...]]) -> Iterator[CursorResult[Any]]:
        """One statement for every PARAMETERS_PER_INSERT values; yields each one's result."""
        for start in range(0, len(rows), self._rows_at_once):
            chunk = rows[start : start + self._rows_at_once]
            sql = f"{self._head}{', '.join([self._values] * len(chunk))}{self._tail}"
            yield connection.exec_driver_sql(sql, tuple(value for row in chunk for value in self._converted(row)))

    def run(self, connection: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
        for _ in self.execute(connection, rows):
            pass

    def _converted(self, row: tuple[Any, ...]) -> tuple[Any, ...]:
        if not self._converters:
            return row
        values = list(row)
        for index, converter in self._converters:
            values[index] = converter(values[index])
        return tuple(values)


def _split_values(sql: str, dialect_name: str, columns: int) -> tuple[str, str, str]:
    """`INSERT … VALUES (?, …) ON CONFLICT …` as its head, its one row of placeholders and its
    tail (perhaps empty), so that one row can be repeated for many."""
    head, found_values, rest = sql.partition("VALUES ")
    values, closed, tail = rest.partition(")")
    placeholder = "%s" if dialect_name == "postgresql" else "?"
    if not found_values or not closed or values.count(placeholder) != columns:
        raise RuntimeError(f"unexpected insert statement for {dialect_name}: {sql}")
    return head + "VALUES ", values + ")", tail
