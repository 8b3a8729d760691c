"""The statement writers of several worker processes on one SQLite file take turns by a file
lock beside the database, handed over by the kernel the moment it is let go (SQLite's own
busy wait polls, and left its lock free while a waiting worker slept). Where there are no file
locks (Windows) there is no file turn (app.system.file_lock, tests/system/test_file_lock.py)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine

import app.system.file_lock as file_lock
from app.centre.credentials import Client
from app.centre.database import make_engine, migrate
from app.centre.xapi.repository import StatementRepository
from app.centre.xapi.write_turn import TURN_SUFFIX, WriteTurn
from app.system.file_lock import file_locks_available
from tests.centre.support import statement
from tests.system.support import lock_held_elsewhere

KIOSK = Client(key="k1", name="kiosk 1", centre="default")
needs_file_locks = pytest.mark.skipif(not file_locks_available(), reason="no file locks on Windows")


def stored_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.exec_driver_sql("SELECT count(*) FROM xapi_statements").scalar_one()


@needs_file_locks
def test_a_group_write_waits_for_the_turn_another_process_holds(tmp_path: Path) -> None:
    db_path = tmp_path / "centre.db"
    engine = make_engine(f"sqlite:///{db_path}")
    migrate(engine)
    repository = StatementRepository(engine)
    batch = [statement() for _ in range(3)]
    answers: list[list[str]] = []

    with lock_held_elsewhere(Path(f"{db_path}{TURN_SUFFIX}")) as other_worker:  # a worker process's turn
        writer = threading.Thread(target=lambda: answers.append(repository.store(batch, KIOSK)))
        writer.start()
        time.sleep(0.5)
        assert writer.is_alive() and stored_count(engine) == 0, "waiting for its turn, holding no SQLite lock"

        other_worker.kill()  # the other worker dies mid-turn: the kernel hands the turn on
        writer.join(10)
    assert answers == [[item["id"] for item in batch]]
    assert stored_count(engine) == 3
    engine.dispose()


@needs_file_locks
def test_a_database_without_a_file_has_no_file_turn(tmp_path: Path) -> None:
    assert WriteTurn(None).path is None
    assert WriteTurn(":memory:").path is None
    turn = WriteTurn(str(tmp_path / "centre.db"))
    with turn.held():
        assert turn.path is not None and Path(turn.path).exists()
    with turn.held():  # taken again at once: letting go of it released it
        pass


def test_without_file_locks_there_is_no_file_turn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows, faked by taking fcntl away: the block runs at once and no turn file is made."""
    monkeypatch.setattr(file_lock, "fcntl", None)
    turn = WriteTurn(str(tmp_path / "centre.db"))
    assert turn.path is None
    with turn.held():
        pass
    assert list(tmp_path.iterdir()) == []
