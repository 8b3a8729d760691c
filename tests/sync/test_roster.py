"""Roster and resume across kiosks, with two real kiosk stores enrolled at the real centre
server: a learner registered on one kiosk signs in on the other, and a lesson started on one
resumes at the same step on the other; every statement still reaches the centre once."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from app.core.progress import Status
from app.store.db import open_database
from app.sync.link import centre_link
from tests.sync.kiosk_support import Kiosk
from tests.sync.test_enrol import silversteps
from tests.sync.test_sync_with_centre import Centre

pytestmark = pytest.mark.slow


@pytest.fixture
def kiosks(centre, tmp_path):
    made = [Kiosk(centre, tmp_path / name) for name in ("kiosk-a", "kiosk-b")]
    yield made
    for kiosk in made:
        kiosk.close()


def test_a_learner_registered_on_one_kiosk_signs_in_and_resumes_on_another(centre, kiosks, lesson):
    a, b = kiosks
    wang = a.db.learners.add("王秀英", "1234")
    a.db.outbox.add(a.identity.attendance(wang.id, datetime.now(UTC)))
    a.play(wang.id, lesson, steps=3, mistakes_each=1)
    a.sync()

    b.sync()
    found = b.db.learners.search("王")
    assert [(learner.id, learner.display_name, learner.phone_last4) for learner in found] == [
        (wang.id, "王秀英", "1234")
    ]
    on_b = b.db.progress.get(wang.id, lesson.id)
    assert (on_b.status, on_b.current_step, on_b.attempt, on_b.mistakes) == (Status.IN_PROGRESS, 3, 1, 3)

    b.play(wang.id, lesson, steps=len(lesson.steps))  # resumes at step 4 and finishes
    b.sync()
    a.sync()
    on_a = a.db.progress.get(wang.id, lesson.id)
    assert on_a.status is Status.DONE and on_a.ever_completed

    key, secret = centre.key("staff-reader")
    stored = centre.statement_ids(key, secret)
    assert sorted(stored) == sorted(a.made() | b.made())  # none missing, none twice
    assert a.set_aside() == b.set_aside() == 0  # resuming made no conflicting statement
    # Steps 1-3 were done on A, the rest on B: one step statement each, no step twice.
    assert len(b.made() - a.made()) == len(lesson.steps) - 3 + 1  # B's steps and the completion


def test_changes_made_on_the_kiosk_win_until_they_reach_the_centre(centre, kiosks):
    a, b = kiosks
    li = a.db.learners.add("李明")
    a.sync()
    b.sync()
    assert b.db.learners.get(li.id).display_name == "李明"
    b.sync()  # the overlap re-sends recent rows: taking them again changes nothing
    assert [learner.display_name for learner in b.db.learners.all()] == ["李明"]
    assert a.db.learners.roster_changes() == [] and b.db.learners.roster_changes() == []


def test_a_kiosk_of_another_centre_neither_sees_nor_takes_the_learners(centre, kiosks, tmp_path):
    a, _ = kiosks
    zhao = a.db.learners.add("赵兰")
    a.sync()
    code = enrol_code_for(centre, "other-centre")
    enrolled = silversteps("kiosk", "enrol", centre.url, code, "--data-dir", str(tmp_path / "outsider"))
    assert enrolled.returncode == 0, enrolled.stderr
    outsider_db = open_database(tmp_path / "outsider")
    link = centre_link(outsider_db.settings)
    with httpx.Client(headers=link.headers()) as client:
        assert client.get(f"{centre.url}/api/v1/learners").json()["learners"] == []
        assert client.get(f"{centre.url}/api/v1/learners/{zhao.id}/attempts").json()["attempts"] == []
        put = client.put(
            f"{centre.url}/api/v1/learners/{zhao.id}",
            json={"display_name": "冒名", "phone_last4": None, "registered_at": "2026-11-25T09:00:00+00:00"},
        )
    assert put.status_code == 403 and "another centre" in put.json()["error"]
    a.sync()
    assert a.db.learners.get(zhao.id).display_name == "赵兰"
    outsider_db.close()


def enrol_code_for(centre: Centre, centre_name: str) -> str:
    done = silversteps("centre", "enrol-code", "--centre", centre_name, "--db", centre.db_url)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()[-1]
