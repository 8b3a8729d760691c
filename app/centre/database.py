"""Open the centre database from a URL and bring its schema up to date. SQLite files get WAL
and synchronous=FULL, so a statement acknowledged with 200 survives the server being killed or
the power going; PostgreSQL is durable on commit by itself."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from app.store.private_files import private_database

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "centre_alembic_version"  # the kiosk's tables use alembic_version


class DatabaseUrlError(ValueError):
    """A --db value this server cannot use; the message says what to give instead."""


SQLITE_BUSY_TIMEOUT_MS = 10_000
# Each statement adds about five rows to the index table, at random places in its B-trees; with
# SQLite's default 2 MB page cache those pages were read back from the OS for nearly every row
# once a centre had some thousands of statements (14 µs a row against 7 µs with 64 MB). The
# cache fills only as pages are used, so an idle connection of the pool holds little.
SQLITE_CACHE_KIB = 64 * 1024


def _configure_sqlite(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def parse_database_url(text: str) -> URL:
    """`sqlite:///path` or `postgresql+psycopg://…`; a bare `postgresql://` means psycopg 3."""
    try:
        url = make_url(text)
    except ArgumentError:
        raise DatabaseUrlError(
            f"{text!r} is not a database URL; give sqlite:///path/to/centre.db or "
            "postgresql+psycopg://user:password@host/dbname"
        ) from None
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseUrlError(f"the centre runs on SQLite or PostgreSQL, not {url.get_backend_name()}")
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        raise DatabaseUrlError("give the SQLite database a file: sqlite:///path/to/centre.db")
    return url


def make_engine(text: str) -> Engine:
    url = parse_database_url(text)
    if url.get_backend_name() == "sqlite":
        if url.query.get("uri") not in ("true", "1"):  # SQLite's own URI form (file:…?mode=ro) is opened as given
            path = Path(url.database or "").expanduser()
            path.parent.mkdir(parents=True, exist_ok=True)
            private_database(path)  # learners' names and the centre's keys: the owner's only
        engine = create_engine(url)
        event.listen(engine, "connect", _configure_sqlite)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as missing:
        raise DatabaseUrlError(f"PostgreSQL needs the {missing.name} package: pip install 'psycopg[binary]'") from None


def migrate(engine: Engine) -> str:
    """Apply every centre migration not yet applied; returns the revision now in force."""
    # Alembic (a tenth of a second) only where migrations run
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        return (
            MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE}).get_current_revision() or ""
        )
