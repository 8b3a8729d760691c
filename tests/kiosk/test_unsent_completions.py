"""A kiosk upgraded from any earlier schema sends the completions it kept but never queued:
from 0001 (no outbox at all) and from each later revision, whose outbox may lack completions
made under an earlier one. Each is queued once, with the id the kiosk has always given it, so
a completion the outbox already holds (sent or waiting) is not sent twice; attempts that came
from the centre are left to the kiosk that made them."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from alembic import command
from sqlalchemy import create_engine

from app.core.loader import Catalogue, load_courses
from app.core.resources import courses_dir
from app.core.xapi import lesson_completed, statement_id
from app.kiosk.centre import kiosk_identity
from app.kiosk.unsent_completions import queue_unsent_completions
from app.store.db import REVISIONS, _alembic_config, open_database

LEARNER = "0b5e3d36-52f6-4d5e-9a43-0f3e29f1c0a1"
EARLIER = REVISIONS[:-1]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_courses([courses_dir()])


def completed(lesson_id: str, attempt: int) -> str:
    return statement_id("completed", LEARNER, lesson_id, attempt)


def kiosk_at(revision: str, data_dir, lessons: list[str]) -> None:
    """A database as a kiosk of schema `revision` left it: a learner who completed the first
    lesson twice and the second once; from 0002 on, the outbox already sent the first
    lesson's first completion; from 0003 on, a completion of the third lesson that came from
    the centre (lesson_version 0)."""
    engine = create_engine(f"sqlite:///{data_dir / 'silversteps.db'}")
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), revision)
        sql = connection.exec_driver_sql
        sql(
            "INSERT INTO learners (id, display_name, created_at, updated_at) "
            "VALUES (?, '王秀英', '2025-03-01 09:00:00.000000', '2025-03-01 09:00:00.000000')",
            (LEARNER,),
        )
        rows = [(lessons[0], 1, 1), (lessons[0], 2, 1), (lessons[1], 1, 1)]
        if revision >= "0003":
            rows.append((lessons[2], 1, 0))
        for number, (lesson_id, attempt, version) in enumerate(rows):
            sql(
                "INSERT INTO progress (id, learner_id, lesson_id, lesson_version, attempt, status, current_step,"
                " mistakes, seconds_spent, started_at, updated_at, completed_at) VALUES (?, ?, ?, ?, ?, 'done', 5,"
                " ?, ?, '2025-03-02 10:00:00.000000', '2025-03-02 10:20:00.000000', '2025-03-02 10:20:00.000000')",
                (f"progress-{number}", LEARNER, lesson_id, version, attempt, number, 60.5 * (number + 1)),
            )
        if revision >= "0002":
            sql(
                "INSERT INTO outbox (id, body, state, created_at, tries, sent_at) VALUES (?, '{}', 'sent',"
                " '2025-03-02 10:20:01.000000', 1, '2025-03-02 10:21:00.000000')",
                (completed(lessons[0], 1),),
            )
    engine.dispose()


def outbox(db) -> dict[str, tuple[str, dict]]:
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT id, state, body FROM outbox").all()
    return {row[0]: (row[1], json.loads(row[2])) for row in rows}


@pytest.mark.parametrize("revision", EARLIER)
def test_an_upgrade_queues_each_completion_never_sent_once(revision, data_dir, catalogue):
    lessons = [lesson.id for lesson in catalogue.lessons[:3]]
    kiosk_at(revision, data_dir, lessons)
    db = open_database(data_dir)
    try:
        identity = kiosk_identity(db)
        queued = queue_unsent_completions(db, catalogue, identity)
        found = outbox(db)
        again = queue_unsent_completions(db, catalogue, identity)
        assert outbox(db) == found  # a second start queues nothing more
    finally:
        db.close()

    never_sent = [completed(lessons[0], 2), completed(lessons[1], 1)]
    if revision == "0001":
        never_sent.append(completed(lessons[0], 1))  # 0001 had no outbox: nothing was ever sent
    assert {key for key, (state, _) in found.items() if state == "waiting"} == set(never_sent)
    if revision >= "0002":
        assert found[completed(lessons[0], 1)] == ("sent", {})  # the one already sent is left alone
    assert completed(lessons[2], 1) not in found  # the centre's, from another kiosk
    assert queued is not None and (queued.queued, queued.left) == (3, 0)
    assert again is None

    second_try = next(lesson for lesson in catalogue.lessons if lesson.id == lessons[0])
    expected = lesson_completed(
        centre_home=identity.centre_home,
        kiosk_id=identity.kiosk_id,
        learner_id=LEARNER,
        lesson=second_try,
        attempt=2,
        seconds=121.0,
        mistakes=1,
        at=datetime(2025, 3, 2, 10, 20),
    )
    assert found[completed(lessons[0], 2)][1] == expected  # as a completion made today


def test_a_completion_of_a_lesson_no_longer_here_waits_for_it(data_dir, catalogue):
    kiosk_at("0001", data_dir, ["a-lesson-since-withdrawn", *[lesson.id for lesson in catalogue.lessons[:2]]])
    db = open_database(data_dir)
    try:
        identity = kiosk_identity(db)
        first = queue_unsent_completions(db, catalogue, identity)
        later = queue_unsent_completions(db, catalogue, identity)
        assert (first.queued, first.left) == (1, 2)
        assert (later.queued, later.left) == (0, 2)  # still listed, for the day it comes back
        assert set(outbox(db)) == {completed(catalogue.lessons[0].id, 1)}
    finally:
        db.close()


def test_a_new_kiosk_has_nothing_to_queue(data_dir, catalogue):
    db = open_database(data_dir)
    try:
        assert queue_unsent_completions(db, catalogue, kiosk_identity(db)) is None
    finally:
        db.close()
