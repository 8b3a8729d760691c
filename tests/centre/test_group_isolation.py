"""One batch whose data the database refuses never fails the other batches written in the same
group (app.centre.xapi.group_write): the group is written again one batch at a time, the good
batches are stored and answered, and the bad one alone is refused with a 400 that gives the
database's reason, storing nothing. On SQLite and PostgreSQL. The edge's checks keep such data
out of the group in the first place (test_no_server_error.py); these batches skip them, as a
check missed by mistake would."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from app.centre.database import migrate
from app.centre.errors import ApiError
from app.centre.models import LessonAttempt, StoredStatement
from app.centre.xapi.group_write import GroupWrite
from app.core.xapi import ATTEMPT_EXTENSION, LESSON_PREFIX, VERBS
from tests.centre.support import statement
from tests.centre.test_group_write import job_of


def lesson_started(lesson: str = "video-call", learner: str = "L1", attempt: int = 1) -> dict[str, Any]:
    """A kiosk's 'started a lesson' statement, which folds into lesson_attempts."""
    made = statement(verb={"id": VERBS["initialized"][0]}, object={"id": LESSON_PREFIX + lesson})
    made["actor"]["account"]["name"] = learner
    made["context"] = {"registration": str(uuid.uuid4()), "extensions": {ATTEMPT_EXTENSION: attempt}}
    del made["result"]
    return made


BAD_ON_BOTH = {"an attempt number past any integer column": lesson_started(attempt=10**20)}
BAD_ON_POSTGRESQL = {
    "a lesson id of 61 characters": lesson_started(lesson="x" * 61),
    "a NUL in the learner's account name": lesson_started(learner="L\x00"),
}


def bad_batches(engine: Engine) -> dict[str, dict[str, Any]]:
    return {**BAD_ON_BOTH, **(BAD_ON_POSTGRESQL if engine.dialect.name == "postgresql" else {})}


def test_a_batch_the_database_refuses_fails_alone_in_its_group(fresh_engine: Engine) -> None:
    engine = fresh_engine
    migrate(engine)
    writer = GroupWrite(engine)
    for what, bad in bad_batches(engine).items():
        good_before, good_after = [statement(), lesson_started()], [lesson_started(), statement()]
        jobs = [job_of(good_before), job_of([statement(), bad]), job_of(good_after)]
        writer.write(jobs)

        assert jobs[0].answer == [item["id"] for item in good_before], what
        assert jobs[2].answer == [item["id"] for item in good_after], what
        refused = jobs[1].error
        assert isinstance(refused, ApiError) and refused.status_code == 400, (what, refused)
        assert "refused a value of this batch" in refused.message, what
        with engine.connect() as connection:
            stored = set(connection.scalars(select(StoredStatement.statement_id)))
            attempts = set(connection.scalars(select(LessonAttempt.registration)))
        assert {item["id"] for item in good_before + good_after} <= stored, what
        assert not {item.statement_id for item in jobs[1].work.batch} & stored, f"{what}: nothing of the bad batch"
        assert good_after[0]["context"]["registration"] in attempts, f"{what}: the good batch folded"
        assert bad["context"]["registration"] not in attempts, what


def test_a_lone_batch_the_database_refuses_is_a_400(fresh_engine: Engine) -> None:
    engine = fresh_engine
    migrate(engine)
    job = job_of([next(iter(BAD_ON_BOTH.values()))])
    with pytest.raises(ApiError) as refused:
        GroupWrite(engine).write([job])
    assert refused.value.status_code == 400
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(StoredStatement)) == 0
