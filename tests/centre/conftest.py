"""Fixtures of the centre tests. One real server serves the whole session; tests keep apart by
using their own ids, registrations and centres. Tests that kill or reconfigure a server start
their own with `support.running_centre`."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.centre.support import AS_KIOSK_AND_STAFF, Centre, make_key, running_centre


@pytest.fixture(scope="session")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Centre]:
    folder = tmp_path_factory.mktemp("centre")
    # Many tests here fail to sign in on purpose, all from 127.0.0.1; pacing those failures is
    # tested on servers of its own (test_sign_in_pacing.py), not spread over the session's.
    many_may_fail = ("--free-failed-sign-ins", "100000")
    with running_centre(f"sqlite:///{folder}/c.db", folder / "server.log", *many_may_fail) as server:
        yield server


@pytest.fixture(scope="session")
def kiosk_key(centre: Centre) -> tuple[str, str]:
    return make_key(centre.db, "kiosk 1", "default", *AS_KIOSK_AND_STAFF)


@pytest.fixture
def xapi(centre: Centre, kiosk_key: tuple[str, str]) -> Iterator[httpx.Client]:
    with centre.client(kiosk_key) as client:
        yield client


# ---- a throwaway PostgreSQL cluster (for test_workers.py; the benchmarks use it too) ----------

import importlib.util  # noqa: E402  (appended: this part came later than the imports above)
import uuid  # noqa: E402
from pathlib import Path  # noqa: E402

from sqlalchemy import Engine, create_engine, text  # noqa: E402

from app.centre.database import make_engine  # noqa: E402
from tests.centre.postgres import postgres_programs, throwaway_postgres  # noqa: E402


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[str]:
    if importlib.util.find_spec("psycopg") is None:
        pytest.skip("psycopg is not installed")
    if postgres_programs() is None:
        pytest.skip("the PostgreSQL server programs (initdb, pg_ctl) are not installed")
    with throwaway_postgres() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database, not migrated: an SQLite file, and a new database on the cluster."""
    if request.param == "sqlite":
        made = make_engine(f"sqlite:///{tmp_path}/centre.db")
    else:
        cluster = request.getfixturevalue("postgres_cluster")
        name = f"test_{uuid.uuid4().hex[:12]}"
        admin = create_engine(cluster, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {name}"))
        admin.dispose()
        made = make_engine(cluster.rsplit("/", 1)[0] + f"/{name}")
    yield made
    made.dispose()
