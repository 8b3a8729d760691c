"""A centre server on each database, for the tests that must hold on SQLite and PostgreSQL
alike: the module's server is started once per database (params of a module-scoped fixture),
PostgreSQL's in a fresh database of the session's throwaway cluster. Also: the rows of every
table at once (to show a refused request wrote none), and the writers' turn held from outside
(so batches sent meanwhile are written in one group)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, Integer, cast, create_engine, func, select, text, union_all

from app.centre.models import Base
from app.centre.xapi.group_write import TURN_LOCKS
from app.centre.xapi.write_turn import WriteTurn
from tests.centre.support import Centre, running_centre

DATABASES = ["sqlite", "postgresql"]


@contextmanager
def centre_on(kind: str, request: pytest.FixtureRequest, folder: Path) -> Iterator[tuple[Centre, Engine]]:
    """A running centre on `kind`, and an engine on its database for the test's own reads."""
    if kind == "sqlite":
        url = f"sqlite:///{folder}/centre.db"
    else:
        cluster = request.getfixturevalue("postgres_cluster")
        name = f"edge_{uuid.uuid4().hex[:12]}"
        admin = create_engine(cluster, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {name}"))
        admin.dispose()
        url = cluster.rsplit("/", 1)[0] + f"/{name}"
    with running_centre(url, folder / "server.log") as server:
        engine = create_engine(url)
        try:
            yield server, engine
        finally:
            engine.dispose()


def row_counts(engine: Engine) -> dict[str, int]:
    """How many rows each table of the centre holds, in one query."""
    tables = sorted(Base.metadata.tables.values(), key=lambda table: table.name)
    counts = union_all(*(select(func.count().label("n")).select_from(table) for table in tables))
    with engine.connect() as connection:
        numbers = [row.n for row in connection.execute(counts)]
    return dict(zip((table.name for table in tables), numbers, strict=True))


@contextmanager
def writers_turn_held(engine: Engine, centre: str = "default") -> Iterator[None]:
    """Hold the centre's writers' turn from the test: every batch sent meanwhile waits, and
    those that queue behind the first are written as one group once it is let go."""
    if engine.dialect.name == "sqlite":
        with WriteTurn(engine.url.database).held():
            yield
        return
    with engine.connect() as connection:
        connection.execute(select(func.pg_advisory_lock(cast(TURN_LOCKS, Integer), func.hashtext(centre))))
        try:
            yield
        finally:
            connection.execute(select(func.pg_advisory_unlock(cast(TURN_LOCKS, Integer), func.hashtext(centre))))
