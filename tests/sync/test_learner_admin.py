"""Staff actions on a learner's records across two real kiosks and the real centre: delete
everywhere at the learner's request (and say what was removed), merge a duplicate, give the
learner their own records; with the centre away nothing is half done."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app.kiosk.centre import CentreConnection, StaffSignInMissing
from app.kiosk.learner_admin import CentreAway, LearnerAdmin
from app.store.options import CENTRE_TOKEN, CENTRE_URL
from tests.sync.kiosk_support import STAFF_NAME, Kiosk
from tests.sync.test_classroom import session_now
from tests.sync.test_export_command import AS_STAFF, LEARNER, csv_rows, export

pytestmark = pytest.mark.slow


def test_deleting_a_learner_removes_them_from_the_kiosks_the_centre_and_later_exports(centre, tmp_path, lesson):
    a, b = Kiosk(centre, tmp_path / "a"), Kiosk(centre, tmp_path / "b")
    try:
        session = session_now()
        a.classroom.save(session)
        wang, li = a.db.learners.add("王秀英", "1234"), a.db.learners.add("李明")
        for learner in (wang, li):
            a.classroom.learner_signed_in(learner.id)
            a.play(learner.id, lesson, steps=3, session_id=session.id)
        a.classroom.ask_help(wang.id, lesson, 3)
        a.sync()
        b.sync()
        assert b.db.learners.get(wang.id) is not None
        b.db.outbox.add(b.identity.attendance(wang.id, b.db.learners.get(wang.id).created_at))  # not yet sent

        a.sign_in_staff()
        outcome = LearnerAdmin(a.db, a.centre).delete_everywhere(wang.id)
        assert outcome.centre["statements"] >= 6 and outcome.centre["lesson attempts"] == 1
        assert outcome.centre["check-ins"] == 1 and outcome.centre["help calls"] == 1
        assert outcome.kiosk["learner"] == 1 and outcome.kiosk["steps"] == 3 and outcome.kiosk["lessons"] == 1
        assert a.db.learners.get(wang.id) is None

        b.sync()  # hears of it first, so its unsent record is deleted rather than sent
        assert b.db.learners.get(wang.id) is None
        assert b.set_aside() == 0 and b.db.outbox.counts().waiting == 0
        key, secret = centre.key("auditor")
        stored = centre.statements(key, secret)
        assert stored and not any(wang.id in json.dumps(statement) for statement in stored)
        assert any(li.id in json.dumps(statement) for statement in stored)  # the others stay
    finally:
        a.close()
        b.close()
    out = tmp_path / "after.csv"
    today = date.today().isoformat()
    done = export("--from", today, "--to", today, "--format", "csv", "--out", str(out), "--centre", centre.url,
                  "--data-dir", str(tmp_path / "a"), "--staff", STAFF_NAME, env=AS_STAFF)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [row[LEARNER] for row in csv_rows(out)] == ["李明"]


def test_a_duplicate_registered_on_another_kiosk_is_merged_everywhere(centre, tmp_path, lesson):
    a, b = Kiosk(centre, tmp_path / "a"), Kiosk(centre, tmp_path / "b")
    try:
        first, again = a.db.learners.add("王秀英", "1234"), b.db.learners.add("王秀英", "1234")
        a.play(first.id, lesson, steps=2)
        b.play(again.id, lesson, steps=len(lesson.steps))  # finished it as the duplicate
        a.sync()
        b.sync()
        a.sync()
        assert len(a.db.learners.search("王")) == 2

        a.sign_in_staff()
        moved = LearnerAdmin(a.db, a.centre).merge(again.id, first.id)
        assert moved.centre["lesson attempts"] == 1 and moved.kiosk["lessons"] == 1
        b.sync()
        for kiosk in (a, b):
            assert [learner.id for learner in kiosk.db.learners.search("王")] == [first.id]
            assert kiosk.db.progress.get(first.id, lesson.id).ever_completed  # the duplicate's completion
        assert a.set_aside() == b.set_aside() == 0
    finally:
        a.close()
        b.close()


def test_with_the_centre_away_nothing_is_deleted_and_staff_are_told(tmp_path):
    from app.store.db import open_database

    db = open_database(tmp_path)
    learner = db.learners.add("赵兰")
    db.settings.set(CENTRE_URL, "http://127.0.0.1:9")  # enrolled once; nothing answers there now
    db.settings.set(CENTRE_TOKEN, "t")
    staff = db.accounts.add("前台", "staff", "246810")
    centre = CentreConnection(db, start=False)
    admin = LearnerAdmin(db, centre)
    with pytest.raises(StaffSignInMissing) as nobody:  # nobody signed in at the centre
        admin.delete_everywhere(learner.id)
    assert nobody.value.reason == "none"
    centre.sign_in_staff(centre.begin_staff_sign_in(), staff.id, "246810")
    with pytest.raises(StaffSignInMissing) as away:
        admin.delete_everywhere(learner.id)
    assert away.value.reason == "away" and isinstance(away.value, CentreAway)
    assert db.learners.get(learner.id) is not None
    written = admin.export_own_records(learner.id, tmp_path / "mine.json")
    mine = json.loads((tmp_path / "mine.json").read_text(encoding="utf-8"))
    assert written == 1 and mine["learner"]["display_name"] == "赵兰"
    db.close()
