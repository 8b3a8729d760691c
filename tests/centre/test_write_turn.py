"""The statement writers of several worker processes on one SQLite file take turns by a file
lock beside the database, handed over by the kernel the moment it is let go (SQLite's own
busy wait polls, and left its lock free while a waiting worker slept)."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from pathlib import Path

from sqlalchemy import Engine

from app.centre.credentials import Client
from app.centre.database import make_engine, migrate
from app.centre.xapi.repository import StatementRepository
from app.centre.xapi.write_turn import TURN_SUFFIX, WriteTurn
from tests.centre.support import statement

KIOSK = Client(key="k1", name="kiosk 1", centre="default")


def stored_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.exec_driver_sql("SELECT count(*) FROM xapi_statements").scalar_one()


def test_a_group_write_waits_for_the_turn_another_process_holds(tmp_path: Path) -> None:
    db_path = tmp_path / "centre.db"
    engine = make_engine(f"sqlite:///{db_path}")
    migrate(engine)
    repository = StatementRepository(engine)
    batch = [statement() for _ in range(3)]
    answers: list[list[str]] = []

    other_worker = os.open(f"{db_path}{TURN_SUFFIX}", os.O_CREAT | os.O_RDWR)  # its own open file, as a process
    fcntl.flock(other_worker, fcntl.LOCK_EX)
    writer = threading.Thread(target=lambda: answers.append(repository.store(batch, KIOSK)))
    writer.start()
    time.sleep(0.5)
    assert writer.is_alive() and stored_count(engine) == 0, "waiting for its turn, holding no SQLite lock"

    os.close(other_worker)  # the other worker is done (or died): the kernel hands the turn on
    writer.join(10)
    assert answers == [[item["id"] for item in batch]]
    assert stored_count(engine) == 3
    engine.dispose()


def test_a_database_without_a_file_has_no_file_turn(tmp_path: Path) -> None:
    assert WriteTurn(None).path is None
    assert WriteTurn(":memory:").path is None
    turn = WriteTurn(str(tmp_path / "centre.db"))
    with turn.held():
        assert turn.path is not None and Path(turn.path).exists()
    with turn.held():  # taken again at once: letting go of it released it
        pass
