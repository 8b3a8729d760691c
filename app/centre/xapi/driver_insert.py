"""A group's statements and index rows, written the way each database takes many rows fastest
(see app.centre.many_rows for why not SQLAlchemy's executemany). Sent as tuples, a group's write
took about 54 µs of CPU a statement instead of 80 (the in-process measure behind
bench/bench_ingest.py), and far less time waiting for the GIL under load.

`stage` runs before the writer's turn, `insert` in it; a batch refused in the turn (a deleted
learner) is left out by its number in the group."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple, Protocol

from sqlalchemy import Connection, Engine, insert
from sqlalchemy.dialects import sqlite

from app.centre.credentials import Client
from app.centre.many_rows import ManyRows, positional
from app.centre.models import IndexRow, StoredStatement
from app.centre.xapi.document_text import STORED_AGAIN
from app.centre.xapi.prepared import Prepared

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


class GroupBatch(NamedTuple):
    """One batch of the group: whose it is, and its statements in the order sent."""

    client: Client
    rows: Sequence[Prepared]


class GroupRows(Protocol):
    def stage(self, connection: Connection, batches: Sequence[GroupBatch]) -> None: ...

    def insert(
        self, connection: Connection, batches: Sequence[GroupBatch], refused: set[int], stored: datetime, text: str
    ) -> dict[tuple[str, str], int]: ...

    def undo_insert(self, connection: Connection) -> None: ...


_SAVEPOINT = "group_insert"  # set by each insert, so a batch refused after it can be taken out


def group_rows(engine: Engine) -> GroupRows:
    return PostgresRows() if engine.dialect.name == "postgresql" else SqliteRows(engine)


_STATEMENTS = StoredStatement.__tablename__
_LAST_SEQ = f"SELECT max(seq) FROM {_STATEMENTS}"
# Centre ids have no ':' or ',' (credentials.CENTRE_NAME) and statement ids are 36-character
# UUIDs (checked, and lowercased): "centre:id:seq" triples split safely.
_INSERTED_AFTER = (
    f"SELECT group_concat(centre || ':' || statement_id || ':' || seq, ',') FROM {_STATEMENTS} WHERE seq > ?"
)


def _taken(triples: str | None) -> dict[tuple[str, str], int]:
    taken: dict[tuple[str, str], int] = {}
    for triple in triples.split(",") if triples else ():
        centre, rest = triple.split(":", 1)
        taken[(centre, rest[:36])] = int(rest[37:])
    return taken


class SqliteRows:
    """SQLite, in process: each kind of row in one INSERT of many rows, all in the turn."""

    def __init__(self, engine: Engine) -> None:
        dialect = engine.dialect
        table = StoredStatement.__table__
        new_only = sqlite.insert(StoredStatement).on_conflict_do_nothing(
            index_elements=[StoredStatement.centre, StoredStatement.statement_id]
        )
        self._statements = ManyRows(new_only, table, STATEMENT_COLUMNS, dialect, convert=False)
        self._index = ManyRows(insert(IndexRow), IndexRow.__table__, INDEX_COLUMNS, dialect, convert=False)
        self._stored_to_driver = table.c.stored.type.bind_processor(positional(dialect)) or (lambda value: value)

    def stage(self, connection: Connection, batches: Sequence[GroupBatch]) -> None:
        """Nothing to send ahead: the database is in this process."""

    def insert(
        self, connection: Connection, batches: Sequence[GroupBatch], refused: set[int], stored: datetime, text: str
    ) -> dict[tuple[str, str], int]:
        """Insert the statements (unless their id is taken in their centre) and the index rows of
        those inserted now; returns the seq of each one inserted now, by (centre, id).

        No RETURNING, whose thousand rows are a thousand steps, each waiting for the GIL under
        load (1.0 s of a 3.2 s run). The writer holds SQLite's write lock, so the rows with a
        seq past the largest before are the ones inserted now; they come back as one row."""
        stored_value = self._stored_to_driver(stored)
        kept = [batch for number, batch in enumerate(batches) if number not in refused]
        connection.exec_driver_sql(f"SAVEPOINT {_SAVEPOINT}")
        before = connection.exec_driver_sql(_LAST_SEQ).scalar() or 0
        self._statements.run(
            connection,
            [
                (
                    row.statement_id,
                    batch.client.centre,
                    batch.client.key,
                    stored_value,
                    row.ref_id,
                    row.is_voiding,
                    row.registration,
                    row.text.with_stored(text),
                )
                for batch in kept
                for row in batch.rows
            ],
        )
        taken = _taken(connection.exec_driver_sql(_INSERTED_AFTER, (before,)).scalar())
        indexed: set[tuple[str, str]] = set()
        index_rows = []
        for batch in kept:
            for row in batch.rows:
                key = (batch.client.centre, row.statement_id)
                seq = taken.get(key)
                if seq is not None and key not in indexed:  # the first of an id sent twice
                    indexed.add(key)
                    index_rows.extend((seq, entry.kind, entry.hashed, entry.direct) for entry in row.index)
        self._index.run(connection, index_rows)
        return taken

    def undo_insert(self, connection: Connection) -> None:
        connection.exec_driver_sql(f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}")


_STAGED = ("arrival", "batch", "statement_id", "centre", "credential_key", "ref_id", "is_voiding", "registration")
_STAGING = (
    # Temporary tables of this connection, emptied at each commit (and by a rollback).
    "CREATE TEMPORARY TABLE IF NOT EXISTS statements_arriving ON COMMIT DELETE ROWS AS "
    "SELECT 0 AS arrival, 0 AS batch, statement_id, centre, credential_key, ref_id, is_voiding, registration, "
    f"'' AS head, false AS twice, '' AS tail FROM {_STATEMENTS} WITH NO DATA; "
    "CREATE TEMPORARY TABLE IF NOT EXISTS index_arriving ON COMMIT DELETE ROWS AS "
    f"SELECT 0 AS arrival, kind, hashed, direct FROM {IndexRow.__tablename__} WITH NO DATA"
)
_COPY_STATEMENTS = f"COPY statements_arriving ({', '.join(_STAGED)}, head, twice, tail) FROM STDIN"
_COPY_INDEX = "COPY index_arriving (arrival, kind, hashed, direct) FROM STDIN"
_COLUMNS = ", ".join(STATEMENT_COLUMNS)
# The first arrival of each id in its centre (a group may hold the same statement twice; later ones are
# compared with the stored one), in arrival order, so seqs follow the order statements came;
# then the index rows of those inserted now, in the same statement.
_INSERT_STAGED = f"""
WITH first AS (
    SELECT DISTINCT ON (centre, statement_id) * FROM statements_arriving
    WHERE batch <> ALL(%(refused)s) ORDER BY centre, statement_id, arrival
), new AS (
    INSERT INTO {_STATEMENTS} ({_COLUMNS})
    SELECT statement_id, centre, credential_key, %(stored)s, ref_id, is_voiding, registration,
           head || CASE WHEN twice THEN %(twice)s ELSE %(once)s END || tail
    FROM first ORDER BY arrival
    ON CONFLICT (centre, statement_id) DO NOTHING RETURNING centre, statement_id, seq
), indexed AS (
    INSERT INTO {IndexRow.__tablename__} ({", ".join(INDEX_COLUMNS)})
    SELECT new.seq, entry.kind, entry.hashed, entry.direct
    FROM new JOIN first USING (centre, statement_id) JOIN index_arriving entry ON entry.arrival = first.arrival
)
SELECT centre, statement_id, seq FROM new
"""


class PostgresRows:
    """PostgreSQL: the rows are copied (COPY) to temporary tables before the turn, and inserted
    from there in the turn by one statement. An INSERT of 8,000 parameters cost more to adapt,
    send and plan than the rows (36–47 µs a statement, wall clock, in process; COPY 18), and
    copying in the turn kept the centre's other writers waiting."""

    def stage(self, connection: Connection, batches: Sequence[GroupBatch]) -> None:
        driver = connection.connection.driver_connection
        with driver.cursor() as cursor:
            cursor.execute(_STAGING)
            arrival = 0
            with cursor.copy(_COPY_STATEMENTS) as copy:
                for number, batch in enumerate(batches):
                    centre, key = batch.client.centre, batch.client.key
                    for row in batch.rows:
                        text = row.text  # the columns of _STAGED, then the text's pieces
                        staged = (arrival, number, row.statement_id, centre, key, row.ref_id, row.is_voiding)
                        copy.write_row((*staged, row.registration, text.head, text.twice, text.tail))
                        arrival += 1
            arrival = 0
            with cursor.copy(_COPY_INDEX) as copy:
                for batch in batches:
                    for row in batch.rows:
                        for entry in row.index:
                            copy.write_row((arrival, entry.kind, entry.hashed, entry.direct))
                        arrival += 1

    def insert(
        self, connection: Connection, batches: Sequence[GroupBatch], refused: set[int], stored: datetime, text: str
    ) -> dict[tuple[str, str], int]:
        """Insert the staged statements of the batches not refused (unless their id is taken in
        their centre), with `stored` and its text, and the index rows of those inserted now;
        returns the seq of each one inserted now, by (centre, id)."""
        parameters = {
            "refused": sorted(refused),
            "stored": stored,
            "twice": text + STORED_AGAIN + text,
            "once": text,
        }
        driver = connection.connection.driver_connection
        with driver.cursor() as marking, driver.cursor() as inserting:
            with driver.pipeline():  # the savepoint goes with the insert, in one round trip
                marking.execute(f"SAVEPOINT {_SAVEPOINT}")
                inserting.execute(_INSERT_STAGED, parameters)
            return {(centre, statement_id): seq for centre, statement_id, seq in inserting.fetchall()}

    def undo_insert(self, connection: Connection) -> None:
        """Take the insert back; the staged rows stay, for the insert made again."""
        connection.connection.driver_connection.execute(f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}")
