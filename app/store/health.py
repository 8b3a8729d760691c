"""Look at the kiosk database before anything writes to it: is it a whole SQLite file, sound
inside, and of a schema this SilverSteps knows? Only reads: a connection opened read-only
(SQLite may add its empty WAL companions beside the file, never change the file itself).

Cheap enough for every start (a quick_check reads each page once: about 50 ms for 60 MB),
and it catches what otherwise showed later as a traceback or a sync that failed every round."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.store.problems import DatabaseDamaged, DatabaseFromNewerVersion, DatabaseReadOnly, DatabaseUnusable

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100


def examine(path: Path, known_revisions: tuple[str, ...]) -> DatabaseUnusable | None:
    """The problem with the database at `path`, or None if it may be opened (a missing or
    empty file is a new kiosk's: fine). The problem carries no copy yet."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    problem = _header_problem(path)
    if problem:
        return DatabaseDamaged(path, problem)
    try:
        return _contents_problem(path, known_revisions)
    except sqlite3.OperationalError as error:
        if "unable to open" in str(error):
            return DatabaseReadOnly(path, f"SQLite could not open it: {error}")
        return DatabaseDamaged(path, str(error))
    except sqlite3.DatabaseError as error:  # "file is not a database", "… malformed"
        return DatabaseDamaged(path, str(error))


def _header_problem(path: Path) -> str | None:
    """What the file's first 100 bytes say against its size: garbage, or a file cut short."""
    size = path.stat().st_size
    with path.open("rb") as file:
        header = file.read(HEADER_BYTES)
    if not header.startswith(SQLITE_MAGIC[: len(header)]) or len(header) < len(SQLITE_MAGIC):
        return "not an SQLite file"
    if len(header) < HEADER_BYTES:
        return f"cut short: {size} bytes, less than an SQLite header"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counted = header[92:96] == header[24:28]  # the page count is valid (SQLite file format §1.3.9)
    wal = path.with_name(path.name + "-wal")
    if counted and pages and size < page_size * pages and not (wal.exists() and wal.stat().st_size):
        # With a WAL of its own the file may be mid-checkpoint; quick_check then judges.
        return f"cut short: {size} of {page_size * pages} bytes"
    return None


def _contents_problem(path: Path, known_revisions: tuple[str, ...]) -> DatabaseUnusable | None:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        found = connection.execute("PRAGMA quick_check").fetchall()
        if found != [("ok",)]:
            return DatabaseDamaged(path, "; ".join(row[0] for row in found[:3]).replace("\n", " "))
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            return DatabaseDamaged(path, "not a SilverSteps database (no schema revision)") if tables else None
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        tables -= {"sqlite_sequence"}
    finally:
        connection.close()
    if revision is None:  # at Alembic's base: nothing but its own table is a new database
        return None if tables == {"alembic_version"} else DatabaseDamaged(path, "the schema revision is missing")
    if revision[0] not in known_revisions:
        newest = known_revisions[-1]
        return DatabaseFromNewerVersion(path, f"schema revision {revision[0]}; this version knows up to {newest}")
    return None
