"""Group commit: batches that arrive while another is written are written together, served in
the order they came, and one refused batch of a group stores nothing while the rest are stored."""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from app.centre.credentials import Client
from app.centre.database import make_engine, migrate
from app.centre.errors import ApiError
from app.centre.xapi.group_commit import GroupCommit, Job
from app.centre.xapi.repository import StatementRepository
from tests.centre.support import statement


def wait_until(condition: Any, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.002)


def test_waiting_batches_are_written_together_in_the_order_they_came() -> None:
    groups: list[list[int]] = []
    first_started, first_may_finish = threading.Event(), threading.Event()

    def write_group(jobs: list[Job]) -> None:
        if not groups:
            first_started.set()
            first_may_finish.wait(10)
        groups.append([job.work for job in jobs])
        for job in jobs:
            job.answer = job.work * 10

    commits = GroupCommit(write_group, most_per_group=250)
    answers: dict[int, int] = {}

    def send(number: int) -> None:
        answers[number] = commits.submit(number, 100)

    threads = [threading.Thread(target=send, args=(0,))]
    threads[0].start()
    assert first_started.wait(10)
    for number in range(1, 8):
        thread = threading.Thread(target=send, args=(number,))
        thread.start()
        threads.append(thread)
        wait_until(lambda number=number: commits.waiting == number)  # each queued before the next comes
    first_may_finish.set()
    for thread in threads:
        thread.join(10)
    assert groups == [[0], [1, 2], [3, 4], [5, 6], [7]], "in order, at most 250 statements a group"
    assert answers == {number: number * 10 for number in range(8)}
    assert commits.waiting == 0


def test_a_refused_job_or_a_failed_write_answers_each_caller_and_hands_the_turn_on() -> None:
    def write_group(jobs: list[Job]) -> None:
        for job in jobs:
            if job.work == "refused":
                job.refuse(ApiError(409, "conflict"))
            elif job.work == "crash":
                raise RuntimeError("the database went away")
            else:
                job.answer = "stored"

    commits = GroupCommit(write_group, most_per_group=1000)
    with pytest.raises(ApiError):
        commits.submit("refused", 1)
    with pytest.raises(RuntimeError):
        commits.submit("crash", 1)
    assert commits.submit("fine", 1) == "stored"


def test_one_refused_batch_of_a_group_stores_nothing_and_the_others_are_stored(tmp_path: Path) -> None:
    db_path = tmp_path / "centre.db"
    engine = make_engine(f"sqlite:///{db_path}")
    migrate(engine)
    repository = StatementRepository(engine)
    kiosk = Client(key="k1", name="kiosk 1", centre="default")
    kept = statement()
    repository.store([kept], kiosk)
    first = [statement() for _ in range(3)]
    changed = [statement(), {**kept, "verb": {"id": "http://adlnet.gov/expapi/verbs/failed"}}]
    fine = [statement() for _ in range(4)]
    outcomes: dict[str, Any] = {}

    def send(name: str, batch: list[dict[str, Any]]) -> None:
        try:
            outcomes[name] = repository.store(batch, kiosk)
        except ApiError as error:
            outcomes[name] = error

    with closing(sqlite3.connect(db_path, isolation_level=None)) as blocker:
        blocker.execute("BEGIN IMMEDIATE")  # the first batch's writer waits for SQLite's lock
        threads = [threading.Thread(target=send, args=("first", first))]
        threads[0].start()
        time.sleep(0.3)
        for queued, (name, batch) in enumerate((("changed", changed), ("fine", fine)), start=1):
            threads.append(thread := threading.Thread(target=send, args=(name, batch)))
            thread.start()
            wait_until(lambda queued=queued: repository.batches_waiting == queued)
        blocker.execute("ROLLBACK")
    for thread in threads:
        thread.join(30)

    assert outcomes["first"] == [item["id"] for item in first]
    assert outcomes["fine"] == [item["id"] for item in fine]
    assert isinstance(outcomes["changed"], ApiError) and outcomes["changed"].status_code == 409
    with engine.connect() as connection:
        held = {row[0] for row in connection.exec_driver_sql("SELECT statement_id FROM xapi_statements")}
    assert held == {kept["id"], *(item["id"] for item in first + fine)}, "nothing of the refused batch"
    engine.dispose()
