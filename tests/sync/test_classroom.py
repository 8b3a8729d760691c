"""A class session across two real kiosks and the real centre: the tutor makes the session on
kiosk A; a learner signing in on kiosk B while it is on is checked in by themselves; their
steps and their Help reach the tutor's board on A, in order; the tutor marks the help given.
And the same on one kiosk with no centre at all."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.core.class_sessions import ClassSession
from app.kiosk.centre import CentreConnection
from app.kiosk.classroom import Classroom
from app.store.db import open_database
from app.sync.roster import aware
from tests.sync.kiosk_support import Kiosk

pytestmark = pytest.mark.slow


def session_now(title: str = "学用微信视频", room: str = "") -> ClassSession:
    now = datetime.now()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    start = max(midnight, now - timedelta(minutes=5))
    end = min(midnight + timedelta(hours=23, minutes=59), now + timedelta(minutes=85))  # on today, even near midnight
    return ClassSession.new(title, now.date(), start.time(), end.time(), room, "张老师")


def test_one_kiosk_without_a_centre_runs_the_whole_session(tmp_path, lesson):
    db = open_database(tmp_path)
    classroom = Classroom(db, CentreConnection(db, start=False))
    session = session_now()
    classroom.save(session)
    wang, li = db.learners.add("王秀英"), db.learners.add("李明")
    assert classroom.learner_signed_in(wang.id) == [session]  # by themselves
    assert classroom.check_in(session, li.id) is True  # the tutor's tap
    assert classroom.check_in(session, li.id) is False  # a second tap changes nothing

    assert classroom.ask_help(li.id, lesson, 2) is True
    assert classroom.ask_help(li.id, lesson, 2) is True  # pressed again: still one call
    assert classroom.ask_help(wang.id, lesson, 0) is True
    board = classroom.board(session)
    assert board.source == "kiosk"
    assert [learner.display_name for learner in board.learners] == ["王秀英", "李明"]
    assert [(call.display_name, call.step_index) for call in board.waiting_help()] == [("李明", 2), ("王秀英", 0)]

    classroom.mark_helped(board.help[0].id, tutor_id="tutor-1")
    after = classroom.board(session)
    assert [call.display_name for call in after.waiting_help()] == ["王秀英"]
    verbs = [statement.statement["verb"]["id"].rsplit("/", 1)[1] for statement in db.outbox.waiting(100)]
    assert sorted(verbs) == ["asked", "asked", "attended", "attended", "responded"]
    db.close()


def test_a_learner_on_one_kiosk_shows_on_the_tutors_board_on_another(centre, tmp_path, lesson):
    tutor_kiosk, learner_kiosk = Kiosk(centre, tmp_path / "a"), Kiosk(centre, tmp_path / "b")
    try:
        session = session_now()
        tutor_kiosk.classroom.save(session)
        wang = learner_kiosk.db.learners.add("王秀英")
        tutor_kiosk.sync()
        learner_kiosk.sync()
        assert learner_kiosk.db.classes.get(session.id) == session  # shared through the centre

        assert learner_kiosk.classroom.learner_signed_in(wang.id) == [session]
        learner_kiosk.play(wang.id, lesson, steps=2)
        learner_kiosk.classroom.ask_help(wang.id, lesson, 2)
        learner_kiosk.sync()

        board = tutor_kiosk.classroom.board(session)
        assert board.source == "centre"
        (seen,) = board.learners
        assert (seen.display_name, seen.lesson_id, seen.position, seen.steps) == (
            "王秀英",
            lesson.id,
            2,
            len(lesson.steps),
        )
        assert seen.checked_in_at is not None and seen.seconds_on_step is not None and seen.seconds_on_step < 120
        (call,) = board.waiting_help()
        assert (call.display_name, call.lesson_id, call.step_index) == ("王秀英", lesson.id, 2)

        tutor_kiosk.classroom.mark_helped(call.id, tutor_id="tutor-1")
        tutor_kiosk.sync()
        assert tutor_kiosk.classroom.board(session).waiting_help() == []
        assert learner_kiosk.set_aside() == tutor_kiosk.set_aside() == 0
    finally:
        tutor_kiosk.close()
        learner_kiosk.close()


def test_check_ins_from_two_kiosks_fold_into_one_with_the_earliest_time(centre, tmp_path):
    a, b = Kiosk(centre, tmp_path / "a"), Kiosk(centre, tmp_path / "b")
    try:
        session = session_now()
        a.classroom.save(session)
        zhao = a.db.learners.add("赵兰")
        a.sync()
        b.sync()
        a.classroom.check_in(session, zhao.id)  # the tutor's tap on A
        b.classroom.learner_signed_in(zhao.id)  # and Zhao's own sign-in on B
        b.sync()
        a.sync()
        (seen,) = a.classroom.board(session).learners
        assert seen.display_name == "赵兰"
        times = [aware(kiosk.db.classes.check_ins(session.id)[0].checked_in_at) for kiosk in (a, b)]
        assert abs(seen.checked_in_at - min(times)) < timedelta(milliseconds=1)  # the earlier one counts
        assert a.set_aside() == b.set_aside() == 0  # the two check-ins did not collide
    finally:
        a.close()
        b.close()
