"""What a tap does, without Qt: the practice call judges the action, records the step and the
statements it makes in the kiosk's real store (SQLite), and answers what the screen must show."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.core.class_sessions import ClassSession
from app.core.course import Expect, Lesson
from app.core.engine import Action, OutcomeKind
from app.core.loader import load_courses
from app.core.progress import Status
from app.core.resources import courses_dir
from app.core.xapi import VERBS
from app.kiosk.centre import CentreConnection
from app.kiosk.classroom import Classroom
from app.kiosk.practice import Practice
from app.store.db import Database, open_database
from app.sync.enrol import Enrolment
from tests.core.test_choices import NEUTRAL, TRAP, lesson_with

MISS = Action.tap("somewhere-else")


def right(expect: Expect) -> Action:
    return Action(expect.action, expect.target, expect.direction, expect.value)


@pytest.fixture(scope="module")
def lesson() -> Lesson:
    """A lesson of at least four steps whose first step has a hint and a target."""
    catalogue = load_courses([courses_dir()])
    return next(lesson for lesson in catalogue.lessons if len(lesson.steps) >= 4)


@pytest.fixture
def kiosk(data_dir):
    db = open_database(data_dir)
    centre = CentreConnection(db, start=False)
    classroom = Classroom(db, centre)
    yield db, centre, classroom, Practice(db, centre, classroom)
    centre.close()
    db.close()


def statements(db: Database) -> list[dict]:
    return [waiting.statement for waiting in db.outbox.waiting(1000)]


def verbs(db: Database) -> list[str]:
    names = {iri: name for name, (iri, _en, _zh) in VERBS.items()}
    return [names[statement["verb"]["id"]] for statement in statements(db)]


def test_a_right_action_moves_on_and_is_stored_with_its_statement(kiosk, lesson):
    db, centre, _classroom, practice = kiosk
    learner = db.learners.add("王秀英")
    run = practice.open(learner.id, lesson)
    assert run.step_index == 0 and verbs(db) == ["initialized"]  # a start is itself a record

    shown = run.act(right(lesson.steps[0].expect))

    assert shown.kind is OutcomeKind.NEXT and not shown.complete
    assert (shown.step_index, shown.step, shown.step_count) == (1, lesson.steps[1], len(lesson.steps))
    stored = db.progress.get(learner.id, lesson.id)
    assert stored.current_step == 1 and stored.mistakes == 0 and stored.status is Status.IN_PROGRESS
    (attempt,) = db.progress.attempts(learner.id, lesson.id)
    assert (attempt.step_index, attempt.step_id, attempt.outcome) == (0, lesson.steps[0].id, "next")
    assert verbs(db) == ["initialized", "progressed"]
    step = statements(db)[-1]
    assert step["actor"]["account"] == {"homePage": centre.identity.centre_home, "name": learner.id}
    assert step["object"]["id"].endswith(lesson.id)


def test_a_first_miss_hints_and_a_second_shows_the_target_without_moving_on(kiosk, lesson):
    db, _centre, _classroom, practice = kiosk
    learner = db.learners.add("李明")
    run = practice.open(learner.id, lesson)
    first = lesson.steps[0]

    hint = run.act(MISS)
    assert hint.kind is OutcomeKind.HINT and hint.outcome.hint == first.hint
    assert hint.step_index == 0 and hint.step is first and hint.outcome.highlight_target is None
    highlight = run.act(MISS)
    assert highlight.kind is OutcomeKind.HIGHLIGHT and highlight.outcome.highlight_target == first.expect.target
    assert highlight.outcome.mistakes_on_step == 2

    stored = db.progress.get(learner.id, lesson.id)
    assert stored.current_step == 0 and stored.mistakes == 2
    assert [a.outcome for a in db.progress.attempts(learner.id, lesson.id)] == ["hint", "highlight"]
    assert verbs(db) == ["initialized"]  # a miss is in the step log, not a statement of its own

    after = run.act(right(first.expect))
    assert after.kind is OutcomeKind.NEXT and after.outcome.mistakes_on_step == 2
    assert statements(db)[-1]["result"]["extensions"]  # the step's statement carries its mistakes


def test_the_last_right_action_completes_the_lesson_and_nothing_counts_after(kiosk, lesson):
    db, _centre, _classroom, practice = kiosk
    learner = db.learners.add("Mary Wong")
    run = practice.open(learner.id, lesson)
    for step in lesson.steps[:-1]:
        assert run.act(right(step.expect)).kind is OutcomeKind.NEXT
    done = run.act(right(lesson.steps[-1].expect))

    assert done.complete and done.kind is OutcomeKind.COMPLETE and run.is_complete
    stored = db.progress.get(learner.id, lesson.id)
    assert stored.status is Status.DONE and stored.ever_completed and stored.completed_at is not None
    assert verbs(db) == ["initialized"] + ["progressed"] * len(lesson.steps) + ["completed"]
    with pytest.raises(RuntimeError):
        run.act(right(lesson.steps[-1].expect))
    assert len(statements(db)) == len(lesson.steps) + 2


def test_a_learner_who_walks_away_resumes_at_the_stored_step(kiosk, lesson):
    db, _centre, _classroom, practice = kiosk
    learner = db.learners.add("赵兰")
    run = practice.open(learner.id, lesson)
    run.act(right(lesson.steps[0].expect))
    run.act(MISS)
    run.act(right(lesson.steps[1].expect))

    again = practice.open(learner.id, lesson)  # the next visit, with no memory but the store's
    assert again.step_index == 2 and again.step is lesson.steps[2]
    assert db.progress.get(learner.id, lesson.id).mistakes == 1
    assert verbs(db).count("initialized") == 1  # the same attempt, not a new start


def test_back_shows_the_step_before_and_the_store_follows(kiosk, lesson):
    db, _centre, _classroom, practice = kiosk
    learner = db.learners.add("陈平")
    run = practice.open(learner.id, lesson)
    run.act(right(lesson.steps[0].expect))
    run.act(right(lesson.steps[1].expect))

    assert run.back() == 1 and run.step is lesson.steps[1]
    assert db.progress.get(learner.id, lesson.id).current_step == 1
    assert practice.open(learner.id, lesson).step_index == 1  # a crash now resumes where they see it
    assert run.back() == 0 and run.back() == 0  # never before the first step


def session_on_now(room: str = "") -> ClassSession:
    now = datetime.now()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    start = max(midnight, now - timedelta(minutes=5))
    end = min(midnight + timedelta(hours=23, minutes=59), now + timedelta(minutes=60))
    return ClassSession.new("学用微信视频", now.date(), start.time(), end.time(), room, "张老师")


def test_help_is_kept_and_tells_the_tutor_while_a_session_is_on_and_counts_no_mistake(kiosk, lesson):
    db, _centre, classroom, practice = kiosk
    learner = db.learners.add("王秀英")
    since = datetime.now(UTC) - timedelta(days=1)
    alone = practice.open(learner.id, lesson)
    assert alone.ask_help() is False  # no session: the screen shows the way; no tutor to tell
    (kept,) = db.classes.help_requests(since)
    assert (kept.step_index, kept.session_id) == (0, None)

    session = session_on_now()
    classroom.save(session)
    classroom.check_in(session, learner.id)
    run = practice.open(learner.id, lesson)
    assert run.session_id == session.id  # its steps count as time in the session
    run.act(right(lesson.steps[0].expect))
    assert run.ask_help() is True and run.ask_help() is True  # pressed twice: one call
    calls = [call for call in db.classes.help_requests(since) if call.step_index == 1]
    assert [(call.learner_id, call.lesson_id, call.session_id) for call in calls] == [
        (learner.id, lesson.id, session.id)
    ]
    assert db.progress.get(learner.id, lesson.id).mistakes == 0
    assert session.id in str(statements(db)[-1])  # the call's statement names the session


def test_enrolling_again_names_the_new_centre_in_the_next_records_at_once(kiosk, lesson):
    db, centre, _classroom, practice = kiosk
    learner = db.learners.add("李明")
    run = practice.open(learner.id, lesson)
    run.act(right(lesson.steps[0].expect))
    before = statements(db)[-1]["actor"]["account"]["homePage"]

    centre.join("http://127.0.0.1:9", Enrolment(kiosk_id="k-2", centre="centre-b", token="token-b"))
    run.act(right(lesson.steps[1].expect))  # the same open lesson: nothing was rebuilt

    after = statements(db)[-1]["actor"]["account"]["homePage"]
    assert before != after == "http://127.0.0.1:9/centres/centre-b"


def test_a_trap_is_recorded_with_its_statement_but_is_not_a_mistake(kiosk):
    db, _centre, _classroom, practice = kiosk
    learner = db.learners.add("李桂兰")
    run = practice.open(learner.id, lesson_with([TRAP, NEUTRAL]))
    shown = run.act(Action.tap("speaker"))
    assert shown.kind is OutcomeKind.TRAP and shown.step_index == 0
    run.act(Action.tap("hang-up"))
    assert run.mistakes_total == 0 and run.traps_total == 1
    answered = [s for s in statements(db) if s["verb"]["id"] == VERBS["answered"][0]]
    assert [(s["result"]["response"], s["result"]["success"]) for s in answered] == [
        ("tap:speaker", False),
        ("tap:hang-up", True),
    ]
    assert verbs(db) == ["initialized", "answered", "progressed", "answered"]
    steps = db.progress.attempts(learner.id, "choices")
    assert [record.outcome for record in steps] == ["trap", "next"]
    assert db.progress.get(learner.id, "choices").mistakes == 0
