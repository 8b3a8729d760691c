"""The roster and attempts API on the real server: a lesson attempt folds the same whatever
order and however often its statements arrive; feeds page by the centre's clock; bad input
is a 400 that says what to send."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from app.core.loader import load_courses
from app.core.resources import courses_dir
from app.core.xapi import KioskIdentity, StepReport
from tests.centre.support import Centre, make_key

pytestmark = pytest.mark.slow
AT = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def lesson():
    from app.ui.icons import IconLibrary

    catalogue = load_courses([courses_dir()], icons=frozenset(IconLibrary().names()))
    return catalogue.lessons[0]


def attempt_statements(identity: KioskIdentity, learner_id: str, lesson, steps: int, done: bool) -> list[dict]:
    """The statements a kiosk makes for one attempt: started, each step, completed."""
    made = [identity.start_of(learner_id, lesson)(1, AT)]
    for index in range(steps):
        report = StepReport(
            record_id=str(uuid.uuid4()),
            attempt=1,
            step_index=index,
            position=index + 1,
            mistakes_on_step=1,
            seconds=3.0,
            attempt_mistakes=index + 1,
            attempt_seconds=3.0 * (index + 1),
            at=AT + timedelta(seconds=index),
        )
        made.append(identity.step_of(learner_id, lesson)(report))
    if done:
        made.append(identity.completion_of(learner_id, lesson)(1, 3.0 * steps, steps, AT + timedelta(minutes=5)))
    return made


def put_learner(client: httpx.Client, learner_id: str, name: str = "王秀英") -> httpx.Response:
    return client.put(
        f"/api/v1/learners/{learner_id}",
        json={"display_name": name, "phone_last4": "1234", "registered_at": "2026-11-25T09:00:00+08:00"},
    )


def test_an_attempt_folds_the_same_in_any_order_and_any_number_of_deliveries(xapi, lesson):
    identity = KioskIdentity("kiosk-9", "https://centre.example/a")
    learner = str(uuid.uuid4())
    assert put_learner(xapi, learner).status_code == 200
    statements = attempt_statements(identity, learner, lesson, steps=len(lesson.steps), done=True)
    for statement in reversed(statements):  # completion first, start last
        assert xapi.post("/xapi/statements", json=statement).status_code == 200
    assert xapi.post("/xapi/statements", json=statements[1:4]).status_code == 200  # again: no change
    attempts = xapi.get(f"/api/v1/learners/{learner}/attempts").json()["attempts"]
    assert attempts == [
        {
            "learner_id": learner,
            "lesson_id": lesson.id,
            "attempt": 1,
            "position": len(lesson.steps),
            "steps": len(lesson.steps),
            "done": True,
            "mistakes": len(lesson.steps),
            "seconds": 3.0 * len(lesson.steps),
            "completed_at": statements[-1]["timestamp"],
            "learner": {"display_name": "王秀英", "phone_last4": "1234"},
        }
    ]


def test_an_unfinished_attempt_stands_at_its_furthest_step(xapi, lesson):
    identity = KioskIdentity("kiosk-9", "https://centre.example/a")
    learner = str(uuid.uuid4())
    put_learner(xapi, learner)
    statements = attempt_statements(identity, learner, lesson, steps=4, done=False)
    assert xapi.post("/xapi/statements", json=[statements[0], statements[4], statements[2]]).status_code == 200
    (attempt,) = xapi.get(f"/api/v1/learners/{learner}/attempts").json()["attempts"]
    assert (attempt["position"], attempt["done"], attempt["mistakes"]) == (4, False, 4)


def test_the_feeds_page_by_cursor_and_resend_only_their_last_minutes(centre: Centre, tmp_path):
    key = make_key(centre.db, "feed reader", "feed-centre", "kiosk")
    with centre.client(key) as client:
        ids = sorted(str(uuid.uuid4()) for _ in range(7))
        for learner_id in ids:
            assert put_learner(client, learner_id, f"学员{learner_id[:4]}").status_code == 200
        seen, cursor, more, pages = [], None, True, 0
        while more:
            page = client.get("/api/v1/learners", params={"limit": 3, **({"after": cursor} if cursor else {})}).json()
            seen += [learner["id"] for learner in page["learners"]]
            cursor, more, pages = page["next"], page["more"], pages + 1
        assert sorted(set(seen)) == ids and len(seen) == 7 and pages == 3
        again = client.get("/api/v1/learners", params={"after": cursor}).json()
        assert sorted(learner["id"] for learner in again["learners"]) == ids  # changed within the overlap
        assert again["next"] == cursor and again["more"] is False  # and the cursor stays put


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"not json", "not JSON"),
        (b"[]", "not a JSON object"),
        (b'{"display_name": "A", "registered_at": "2026-11-25T09:00:00Z", "phone": "1"}', "Unknown field"),
        (b'{"display_name": "", "registered_at": "2026-11-25T09:00:00Z"}', "display_name"),
        (b'{"display_name": "A", "phone_last4": "12a4", "registered_at": "2026-11-25T09:00:00Z"}', "four digits"),
        (b'{"display_name": "A", "registered_at": "2026-11-25T09:00:00"}', "time zone"),
    ],
)
def test_a_bad_learner_is_refused_with_what_to_send(xapi, body, words):
    answer = xapi.put(f"/api/v1/learners/{uuid.uuid4()}", content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 400 and words in answer.json()["error"]


def test_bad_feed_queries_and_strangers_are_refused(centre: Centre, xapi):
    assert xapi.get("/api/v1/learners", params={"since": "yesterday"}).status_code == 400
    assert xapi.get("/api/v1/attempts", params={"limit": "0"}).status_code == 400
    assert "cursor" in xapi.get("/api/v1/attempts", params={"after": "bm90IG1pbmU"}).json()["error"]
    assert xapi.get("/api/v1/learners/not%20an%20id/attempts").status_code == 400
    with httpx.Client(base_url=centre.url) as stranger:
        assert stranger.get("/api/v1/learners").status_code == 401
        assert put_learner(stranger, str(uuid.uuid4())).status_code == 401


def test_deleting_a_learner_says_what_went_and_how_many_copies_upstream_are_voided(xapi):
    learner = str(uuid.uuid4())
    assert put_learner(xapi, learner).status_code == 200
    actor = {"objectType": "Agent", "account": {"homePage": "https://centre.example/a", "name": learner}}
    sent = {
        "actor": actor,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
        "object": {"id": "https://silversteps.example/lessons/video-call"},
    }
    assert xapi.post("/xapi/statements", json=[sent, sent]).status_code == 200
    answer = xapi.delete(f"/api/v1/learners/{learner}")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["removed"]["statements"] == 2
    assert body["upstream_voided"] == 0  # this centre forwards nowhere: nothing is at a city's store
    assert xapi.delete(f"/api/v1/learners/{learner}").status_code == 410
