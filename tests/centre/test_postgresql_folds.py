"""The roster, the folds (lesson attempts, check-ins, time, help calls), sessions, removal and
certificates on PostgreSQL, whose upserts are spelled differently from SQLite's (GREATEST,
LEAST, ON CONFLICT … WHERE): the same answers as on SQLite."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

import httpx
import pytest

from app.core.class_sessions import ClassSession
from app.core.loader import load_courses
from app.core.resources import courses_dir
from app.core.xapi import KioskIdentity
from app.core.xapi_class import checked_in, help_asked, help_given
from tests.centre.support import AS_KIOSK_AND_STAFF, Centre, make_key, running_centre
from tests.centre.test_postgresql import postgres_url  # noqa: F401 - the throwaway cluster fixture
from tests.centre.test_roster_api import attempt_statements, lesson, put_learner  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow
IDENTITY = KioskIdentity("kiosk-pg", "https://centre.example/pg")


@pytest.fixture(scope="module")
def pg(postgres_url: str, tmp_path_factory: pytest.TempPathFactory):  # noqa: F811
    with running_centre(postgres_url, tmp_path_factory.mktemp("pg-folds") / "server.log") as server:
        yield server


@pytest.fixture
def client(pg: Centre):
    with pg.client(make_key(pg.db, "kiosk", f"c{uuid.uuid4().hex[:8]}", *AS_KIOSK_AND_STAFF)) as client:
        yield client


def test_attempts_fold_in_any_order_and_resend_on_postgresql(client: httpx.Client, lesson):  # noqa: F811
    learner = str(uuid.uuid4())
    assert put_learner(client, learner).status_code == 200
    statements = attempt_statements(IDENTITY, learner, lesson, steps=len(lesson.steps), done=True)
    for statement in reversed(statements):
        assert client.post("/xapi/statements", json=statement).status_code == 200
    assert client.post("/xapi/statements", json=statements[1:3]).status_code == 200
    (attempt,) = client.get(f"/api/v1/learners/{learner}/attempts").json()["attempts"]
    assert (attempt["position"], attempt["done"], attempt["mistakes"]) == (len(lesson.steps),) * 1 + (
        True,
        len(lesson.steps),
    )
    feed = client.get("/api/v1/attempts").json()
    assert [row["learner_id"] for row in feed["attempts"]] == [learner] and feed["more"] is False


def test_a_session_board_attendance_and_help_on_postgresql(client: httpx.Client, lesson):  # noqa: F811
    learner = str(uuid.uuid4())
    put_learner(client, learner, "李明")
    session = ClassSession.new("手机支付", date.today(), time(0, 0), time(23, 59))
    body = {
        "title": session.title,
        "day": session.day.isoformat(),
        "starts": "00:00",
        "ends": "23:59",
        "room": "101",
        "tutor": "张老师",
        "lesson_ids": [lesson.id],
    }
    assert client.put(f"/api/v1/sessions/{session.id}", json=body).status_code == 200
    now = datetime.now(UTC)
    for kiosk in ("kiosk-1", "kiosk-2"):  # checked in twice: the earlier one counts
        statement = checked_in(centre_home=IDENTITY.centre_home, kiosk_id=kiosk, learner_id=learner,
                               session_id=session.id, session_title=session.title, by="kiosk",
                               at=now - timedelta(minutes=5 if kiosk == "kiosk-2" else 1))  # fmt: skip
        assert client.post("/xapi/statements", json=statement).status_code == 200
    steps = IDENTITY.step_of(learner, lesson, session.id)
    from app.core.xapi import StepReport

    for index in range(2):
        report = StepReport(str(uuid.uuid4()), 1, index, index + 1, 0, 30.0, 0, 30.0 * (index + 1), now)
        assert client.post("/xapi/statements", json=steps(report)).status_code == 200
    asked = help_asked(centre_home=IDENTITY.centre_home, kiosk_id="kiosk-1", learner_id=learner, help_id="h",
                       lesson=lesson, step_index=2, session_id=session.id, at=now)  # fmt: skip
    helped = help_given(centre_home=IDENTITY.centre_home, kiosk_id="kiosk-9", tutor_id="t", call_id=asked["id"], at=now)
    assert client.post("/xapi/statements", json=helped).status_code == 200  # helped arrives first
    assert client.post("/xapi/statements", json=asked).status_code == 200

    board = client.get(f"/api/v1/sessions/{session.id}/board").json()
    (row,) = board["learners"]
    assert (row["display_name"], row["position"]) == ("李明", 2)
    assert row["checked_in_at"].startswith((now - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"))
    (call,) = board["help"]
    assert call["helped_at"] is not None and call["step_index"] == 2
    today = date.today().isoformat()
    (line,) = client.get("/api/v1/attendance", params={"from": today, "to": today}).json()["rows"]
    assert line["seconds"] == 60.0 and line["display_name"] == "李明"


def test_merge_delete_and_certificates_on_postgresql(client: httpx.Client, lesson):  # noqa: F811
    keep, duplicate = str(uuid.uuid4()), str(uuid.uuid4())
    put_learner(client, keep, "王秀英")
    put_learner(client, duplicate, "王秀英")
    theme = [other for other in load_courses([courses_dir()]).lessons if other.theme == lesson.theme]
    for each in theme:
        done = attempt_statements(IDENTITY, duplicate, each, steps=len(each.steps), done=True)
        assert client.post("/xapi/statements", json=done).status_code == 200
    moved = client.post(f"/api/v1/learners/{duplicate}/merge", json={"into": keep}).json()["moved"]
    assert moved["lesson attempts"] == len(theme)
    issued = client.post("/api/v1/certificates", json={"learner_id": keep, "theme_id": lesson.theme})
    assert issued.status_code == 201, issued.text
    verified = httpx.get(f"{client.base_url}/api/v1/certificates/verify", params={"token": issued.json()["token"]})
    assert verified.json()["learner_name"] == "王秀英"

    removed = client.delete(f"/api/v1/learners/{keep}").json()["removed"]
    assert removed["lesson attempts"] == len(theme) and removed["certificates"] == 1
    assert client.get(f"/api/v1/learners/{keep}/attempts").json()["attempts"] == []
    refused = client.post("/xapi/statements", json=attempt_statements(IDENTITY, keep, lesson, 1, False)[0])
    assert refused.status_code == 409 and "deleted at their request" in refused.json()["error"]
