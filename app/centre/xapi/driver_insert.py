"""A group's statements and index rows, each kind in one statement of many rows (see
app.centre.many_rows for why not SQLAlchemy's executemany). Sent as tuples, a group's write
took about 54 µs of CPU a statement instead of 80 (the in-process measure behind
bench/bench_ingest.py), and far less time waiting for the GIL under load."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert
from sqlalchemy.dialects import sqlite

from app.centre.many_rows import ManyRows, positional
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
_STATEMENTS = StoredStatement.__tablename__
_LAST_SEQ = f"SELECT max(seq) FROM {_STATEMENTS}"
# Statement ids are 36-character UUIDs (checked, and lowercased): "id:seq" pairs split safely.
_INSERTED_AFTER = f"SELECT group_concat(statement_id || ':' || seq, ',') FROM {_STATEMENTS} WHERE seq > ?"


_COLUMNS = ", ".join(STATEMENT_COLUMNS)
# PostgreSQL's staging table (see DriverInsert._through_staging); `arrival` keeps the seqs in
# the order the statements came, as the VALUES of an INSERT do.
_STAGING = (
    "CREATE TEMPORARY TABLE IF NOT EXISTS statements_arriving ON COMMIT DELETE ROWS AS "
    f"SELECT 0 AS arrival, {_COLUMNS} FROM {_STATEMENTS} WITH NO DATA; DELETE FROM statements_arriving"
)
_COPY_STAGING = f"COPY statements_arriving (arrival, {_COLUMNS}) FROM STDIN"
_INSERT_STAGED = (
    f"INSERT INTO {_STATEMENTS} ({_COLUMNS}) SELECT {_COLUMNS} FROM statements_arriving ORDER BY arrival "
    "ON CONFLICT (statement_id) DO NOTHING RETURNING statement_id, seq"
)


class DriverInsert:
    """The two inserts of a group write, compiled once for one engine's dialect."""

    def __init__(self, engine: Engine) -> None:
        dialect = engine.dialect
        self._sqlite = dialect.name == "sqlite"
        table = StoredStatement.__table__
        self._copy_index: str | None = None
        if not self._sqlite:  # PostgreSQL's rows go by COPY (see statements() and index_rows())
            self._copy_index = f"COPY {IndexRow.__tablename__} ({', '.join(INDEX_COLUMNS)}) FROM STDIN"
        else:
            new_only = sqlite.insert(StoredStatement).on_conflict_do_nothing(
                index_elements=[StoredStatement.statement_id]
            )
            self._statements = ManyRows(new_only, table, STATEMENT_COLUMNS, dialect, convert=False)
            self._index = ManyRows(insert(IndexRow), IndexRow.__table__, INDEX_COLUMNS, dialect, convert=False)
        self._stored_to_driver = table.c.stored.type.bind_processor(positional(dialect)) or (lambda value: value)

    def stored_value(self, stored: datetime) -> Any:
        """`stored` as the driver takes it (SQLite: the text SQLAlchemy writes), worked out once."""
        return self._stored_to_driver(stored)

    def statements(self, connection: Connection, rows: Sequence[tuple[Any, ...]]) -> dict[str, int]:
        """Insert statement rows (in STATEMENT_COLUMNS order, `stored` from stored_value) unless
        their id is taken; returns the seq of each one inserted now, by id.

        SQLite: no RETURNING, whose thousand rows are a thousand steps, each waiting for the GIL
        under load (1.0 s of a 3.2 s run). The writer holds SQLite's write lock, so the rows
        with a seq past the largest before are the ones inserted now; they come back as one row."""
        if not self._sqlite:
            return self._through_staging(connection, rows)
        before = connection.exec_driver_sql(_LAST_SEQ).scalar() or 0
        self._statements.run(connection, rows)
        pairs = connection.exec_driver_sql(_INSERTED_AFTER, (before,)).scalar()
        return {pair[:36]: int(pair[37:]) for pair in pairs.split(",")} if pairs else {}

    def _through_staging(self, connection: Connection, rows: Sequence[tuple[Any, ...]]) -> dict[str, int]:
        """PostgreSQL: COPY the rows into a temporary table of this transaction, then one
        INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING. An INSERT of 8,000 parameters cost
        more to adapt, send and plan than the rows: 36–47 µs a statement (wall clock, in
        process), now 18; under load 69 ms a group of a thousand."""
        driver = connection.connection.driver_connection
        driver.execute(_STAGING)
        with driver.cursor() as cursor:
            with cursor.copy(_COPY_STAGING) as copy:
                for arrival, row in enumerate(rows):
                    copy.write_row((arrival, *row))
            cursor.execute(_INSERT_STAGED)
            return dict(cursor.fetchall())

    def index_rows(self, connection: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
        """Insert index rows (in INDEX_COLUMNS order). On PostgreSQL with COPY, in the same
        transaction: an INSERT of thousands of parameters cost more to adapt, send and plan than
        the rows themselves (index rows went from 85 to 32 µs a statement, wall clock)."""
        if self._copy_index is None:
            self._index.run(connection, rows)
            return
        with connection.connection.driver_connection.cursor() as cursor, cursor.copy(self._copy_index) as copy:
            for row in rows:
                copy.write_row(row)
