"""xAPI statements are frozen in the outbox in the same transaction as the progress they
report, once per event, and never carry a learner's name or phone digits."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from app.core.loader import load_courses
from app.core.resources import courses_dir
from app.core.xapi import KioskIdentity, iso_duration, statement_id
from app.store.db import open_database

LESSON = load_courses([courses_dir()]).by_id("pay-shop-qr")
IDENTITY = KioskIdentity(kiosk_id="kiosk-1", centre_home="https://centre.example/a")


def finish(db, learner_id: str) -> None:
    progress = db.progress.start(learner_id, LESSON.id, LESSON.version, started=IDENTITY.start_of(learner_id, LESSON))
    for index, step in enumerate(LESSON.steps[progress.current_step :], start=progress.current_step):
        last = index == len(LESSON.steps) - 1
        db.progress.record(
            learner_id,
            LESSON.id,
            outcome="complete" if last else "next",
            step_index=index,
            step_id=step.id,
            mistakes_on_step=0,
            seconds=3.0,
            next_step=index + 1,
            completed=last,
            completion=IDENTITY.completion_of(learner_id, LESSON),
        )


def bodies(db) -> list[dict]:
    return [waiting.statement for waiting in db.outbox.waiting(100)]


def test_start_and_completion_each_freeze_one_statement(data_dir):
    db = open_database(data_dir)
    learner = db.learners.add("王秀英", "1234")
    db.progress.start(learner.id, LESSON.id, LESSON.version, started=IDENTITY.start_of(learner.id, LESSON))
    db.progress.start(learner.id, LESSON.id, LESSON.version, started=IDENTITY.start_of(learner.id, LESSON))
    assert [s["verb"]["id"].rsplit("/", 1)[-1] for s in bodies(db)] == ["initialized"]  # resuming adds nothing
    finish(db, learner.id)
    statements = bodies(db)
    assert [s["verb"]["id"].rsplit("/", 1)[-1] for s in statements] == ["initialized", "completed"]
    completed = statements[1]
    assert completed["id"] == statement_id("completed", learner.id, LESSON.id, 1)
    assert completed["result"]["duration"] == iso_duration(3.0 * len(LESSON.steps))
    assert completed["context"]["registration"] == statements[0]["context"]["registration"]
    assert completed["actor"] == {
        "objectType": "Agent",
        "account": {"homePage": IDENTITY.centre_home, "name": learner.id},
    }
    text = json.dumps(statements, ensure_ascii=False)
    assert "王秀英" not in text and "1234" not in text
    finish(db, learner.id)  # a second attempt is a second completion, with its own id
    ids = [s["id"] for s in bodies(db)]
    assert len(ids) == len(set(ids)) == 4
    db.close()


def test_the_same_statement_twice_is_kept_once_and_sent_ones_are_counted(data_dir):
    db = open_database(data_dir)
    moment = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
    db.outbox.add(IDENTITY.attendance("learner-1", moment))
    db.outbox.add(IDENTITY.attendance("learner-1", moment.replace(hour=11)))  # same day: same id
    assert db.outbox.counts().waiting == 1
    [waiting] = db.outbox.waiting(10)
    db.outbox.mark_sent([waiting.id])
    counts = db.outbox.counts()
    assert (counts.waiting, counts.sent, counts.set_aside) == (0, 1, 0) and counts.last_sent_at is not None
    db.close()


def test_a_completion_and_its_statement_commit_together(data_dir):
    """If making the statement fails, the completion is not stored either (one transaction)."""
    db = open_database(data_dir)
    learner = db.learners.add("李建国")
    db.progress.start(learner.id, LESSON.id, LESSON.version)

    def broken(*_args):
        raise RuntimeError("disk full")

    for index, step in enumerate(LESSON.steps[:-1]):
        db.progress.record(
            learner.id, LESSON.id, outcome="next", step_index=index, step_id=step.id,
            mistakes_on_step=0, seconds=1.0, next_step=index + 1, completed=False,
        )  # fmt: skip
    last = len(LESSON.steps) - 1
    with pytest.raises(RuntimeError, match="disk full"):
        db.progress.record(
            learner.id, LESSON.id, outcome="complete", step_index=last, step_id=LESSON.steps[last].id,
            mistakes_on_step=0, seconds=1.0, next_step=last + 1, completed=True, completion=broken,
        )  # fmt: skip
    assert db.progress.get(learner.id, LESSON.id).status.value == "in_progress"
    assert db.outbox.counts().waiting == 0
    db.close()


def test_statements_waiting_from_before_the_order_index_are_sent_oldest_first(data_dir):
    """Migration 0006 replaces the outbox's index on state with one in sending order: what
    was waiting before the upgrade is still waiting after it, oldest first, read from the index."""
    from alembic import command

    from app.store.db import _alembic_config

    db = open_database(data_dir)
    with db.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), "0005")
    for name in ("王秀英", "李建国", "Ada"):
        finish(db, db.learners.add(name).id)
    before = [waiting.id for waiting in db.outbox.waiting(1000)]
    db.close()
    db = open_database(data_dir)  # upgrades to head
    try:
        assert [waiting.id for waiting in db.outbox.waiting(1000)] == before and len(before) > 3
        with db.engine.connect() as connection:
            plan = " ".join(
                str(row[-1])
                for row in connection.exec_driver_sql(
                    "EXPLAIN QUERY PLAN SELECT id FROM outbox WHERE state = 'waiting' ORDER BY created_at, id LIMIT 50"
                )
            )
        assert "ix_outbox_waiting_order" in plan and "TEMP B-TREE" not in plan, plan
    finally:
        db.close()
