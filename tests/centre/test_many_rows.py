"""Inserts of many rows in one statement: the values land in their own columns however many
statements the rows take, columns out of the table's order are refused, and after batches
that mix new statements with ones already stored each statement has exactly its own index
rows (the seqs of the new ones are read back without RETURNING on SQLite)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert

from app.centre.credentials import Client
from app.centre.database import make_engine, migrate
from app.centre.many_rows import PARAMETERS_PER_INSERT, ManyRows
from app.centre.models import Credential
from app.centre.xapi.index import index_entries
from app.centre.xapi.repository import StatementRepository
from tests.centre.support import statement

KIOSK = Client(key="k1", name="kiosk 1", centre="default")


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    made = make_engine(f"sqlite:///{tmp_path}/centre.db")
    migrate(made)
    yield made
    made.dispose()


def test_rows_past_one_statement_keep_their_values_in_their_columns(engine: Engine) -> None:
    columns = ("key", "name", "centre", "secret_hash", "created_at")
    many = ManyRows(insert(Credential), Credential.__table__, columns, engine.dialect)
    count = PARAMETERS_PER_INSERT // len(columns) * 2 + 7  # three statements
    made = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
    rows = [(f"key-{n}", f"name-{n}", f"centre-{n % 3}", f"hash-{n}", made) for n in range(count)]
    with engine.begin() as connection:
        many.run(connection, rows)
    with engine.connect() as connection:
        held = {row.key: row for row in connection.execute(Credential.__table__.select())}
    assert len(held) == count
    assert all(
        held[f"key-{n}"].name == f"name-{n}" and held[f"key-{n}"].centre == f"centre-{n % 3}" for n in range(count)
    )
    assert held["key-0"].created_at.replace(tzinfo=UTC) == made, "converted as SQLAlchemy would"


def test_columns_out_of_the_tables_order_are_refused(engine: Engine) -> None:
    with pytest.raises(ValueError, match="table's order"):
        ManyRows(insert(Credential), Credential.__table__, ("name", "key"), engine.dialect)


def test_each_statement_has_its_own_index_rows_after_mixed_resends(fresh_engine: Engine) -> None:
    """On SQLite the new seqs are read back as one row; on PostgreSQL they come through a
    staging table: either way each index row must reach its own statement."""
    engine = fresh_engine
    migrate(engine)
    repository = StatementRepository(engine)
    first = [statement() for _ in range(5)]
    repository.store(first, KIOSK)
    fresh = [statement() for _ in range(4)]
    mixed = [first[3], fresh[0], first[0], fresh[1], fresh[2], first[4], fresh[3]]
    assert repository.store(mixed, KIOSK) == [item["id"] for item in mixed]

    with engine.connect() as connection:
        documents = dict(connection.exec_driver_sql("SELECT seq, document FROM xapi_statements ORDER BY seq").all())
        rows = connection.exec_driver_sql("SELECT statement_seq, kind, hashed, direct FROM xapi_statement_index").all()
    assert len(documents) == 9
    held: dict[int, set[tuple[str, str, bool]]] = {}
    for seq, kind, hashed, direct in rows:
        held.setdefault(seq, set()).add((kind, hashed, bool(direct)))
    for seq, document in documents.items():
        assert held[seq] == set(index_entries(json.loads(document))), f"statement {seq}"
    stored_in_order = [json.loads(document)["id"] for document in documents.values()]
    assert stored_in_order == [item["id"] for item in first + fresh], "seqs in the order the statements came"
