"""Open the kiosk database: SQLite in WAL mode with synchronous=FULL (an acknowledged step
survives a power cut), migrated to the newest schema at start-up after a backup."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.store.accounts import AccountRepository
from app.store.class_sessions import ClassSessionRepository
from app.store.health import examine
from app.store.kept_copies import keep_copy
from app.store.learners import LearnerRepository
from app.store.outbox import OutboxRepository
from app.store.paths import database_path
from app.store.private_files import private_database, private_folder
from app.store.problems import DatabaseReadOnly
from app.store.progress import ProgressRepository
from app.store.settings import SettingsRepository
from app.store.unsent_completions import UnsentCompletions

log = logging.getLogger("silversteps.store")
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Every migration, oldest first. Start-up compares the database with the newest and imports
# Alembic (a quarter of a second) only when an upgrade is due; a revision not in this list was
# written by a newer SilverSteps. A test keeps it equal to Alembic's history.
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")
HEAD_REVISION = REVISIONS[-1]
BACKUPS_KEPT = 5


def _configure_connection(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _configure_connection)
    return engine


def _alembic_config(connection: object):  # -> alembic.config.Config
    # Alembic only when the schema must change: a kiosk whose database is current starts without it
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """Alembic's own idea of the newest revision (slow: reads every migration script)."""
    # Alembic only when the schema must change: a kiosk whose database is current starts without it
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS)).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        has_table = connection.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
        ).first()
        if not has_table:
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _backup(path: Path, revision: str) -> Path:
    """Copy the database with SQLite's online backup (consistent even with a WAL file)."""
    folder = path.parent / "backups"
    private_folder(folder)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"silversteps-{revision}-{stamp}.db"
    private_database(target)
    with sqlite3.connect(path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    for old in sorted(folder.glob("silversteps-*.db"))[:-BACKUPS_KEPT]:
        old.unlink()
    log.info("backed up the database to %s before upgrading", target)
    return target


def migrate(engine: Engine, path: Path) -> str:
    """Bring the schema to head; back the file up first if it holds an older schema."""
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return current
    # Alembic only when the schema must change: a kiosk whose database is current starts without it
    from alembic import command

    if current is not None:
        _backup(path, current)
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")
    return HEAD_REVISION


@dataclass
class Database:
    """The open database and its repositories; each repository call is its own transaction."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.learners = LearnerRepository(self.sessions)
        self.progress = ProgressRepository(self.sessions)
        self.settings = SettingsRepository(self.sessions)
        self.outbox = OutboxRepository(self.sessions)
        self.accounts = AccountRepository(self.sessions)
        self.classes = ClassSessionRepository(self.sessions)
        self.unsent_completions = UnsentCompletions(self.sessions)

    def close(self) -> None:
        self.engine.dispose()


def open_database(data_dir: Path) -> Database:
    """Open (and migrate) the kiosk database, or raise DatabaseUnusable - damaged, from a newer
    version, read-only - with a copy of the file kept as found. Never starts the records over
    and never replaces the file: what to do is for staff to decide."""
    path = database_path(data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseReadOnly(path, f"its folder cannot be made: {error.strerror}") from error
    problem = examine(path, REVISIONS)
    if problem is not None:
        raise problem.with_copy(keep_copy(path))
    try:
        private_database(path)  # names, phone digits and the centre credentials: the owner's only
    except PermissionError as error:
        raise DatabaseReadOnly(path, error.strerror or str(error), keep_copy(path)) from error
    engine = make_engine(path)
    try:
        migrate(engine, path)
        _prove_writable(engine)
    except OperationalError as error:
        engine.dispose()
        if not _is_read_only(error):
            raise
        raise DatabaseReadOnly(path, str(error.orig), keep_copy(path)) from error
    return Database(path, engine)


def _prove_writable(engine: Engine) -> None:
    """A write rolled back: SQLite opens a file it may not write read-only without a word, and
    the first learner's step would be the first to fail."""
    with engine.connect() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = version_num")
        connection.rollback()


def _is_read_only(error: OperationalError) -> bool:
    words = str(error.orig)
    return "readonly" in words or "unable to open" in words or "read-only" in words


def upgrade(data_dir: Path) -> str:
    """`silversteps db upgrade`: migrate and report the revision now in force."""
    database = open_database(data_dir)
    try:
        return current_revision(database.engine) or ""
    finally:
        database.close()


def integrity_ok(data_dir: Path) -> bool:
    with sqlite3.connect(database_path(data_dir)) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
