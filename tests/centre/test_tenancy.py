"""Two centres on one server (SQLite and PostgreSQL), each with its kiosk, tried as centre B's
kiosk would try to reach centre A's records: nothing B's credentials do changes what A stores,
sees or can send, and nothing A holds is revealed to B.

- ids stored first by B (a kiosk's statement ids and registrations are made from what they
  are about, so B can make the ones A will send) neither block A nor tell B anything;
- a statement of B naming A's learner is refused, and puts her name in none of B's feeds;
- both centres' batches written together in one group keep their own statements."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, text

from app.core.xapi import KioskIdentity
from tests.centre.both_databases import DATABASES, centre_on, writers_turn_held
from tests.centre.support import AS_KIOSK, Centre, error_of, make_key, statement
from tests.centre.test_roster_api import attempt_statements, lesson, put_learner  # noqa: F401 - a fixture

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=DATABASES)
def two_centres(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    folder: Path = tmp_path_factory.mktemp(f"tenancy-{request.param}")
    with centre_on(request.param, request, folder) as (server, engine):
        a = make_key(server.db, "kiosk of A", "centre-a", *AS_KIOSK)
        b = make_key(server.db, "kiosk of B", "centre-b", *AS_KIOSK)
        yield server, engine, a, b


def kiosk(server: Centre, credential: tuple[str, str]) -> httpx.Client:
    return server.client(credential)


def test_ids_b_stored_first_neither_block_a_nor_tell_b_anything(two_centres, lesson):  # noqa: F811
    server, _engine, a, b = two_centres
    learner = str(uuid.uuid4())
    of_a = attempt_statements(KioskIdentity("kiosk-a", "https://a.example/centres/centre-a"), learner, lesson, 2, True)
    with kiosk(server, b) as b_kiosk, kiosk(server, a) as a_kiosk:
        # B makes the very ids (and registration) A's kiosk will send for A's learner, first
        planted = [
            {**item, "actor": {"objectType": "Agent", "name": "B's own", "mbox": "mailto:b@b.example"}} for item in of_a
        ]
        assert b_kiosk.post("/xapi/statements", json=planted).status_code == 200
        assert b_kiosk.post("/xapi/statements", json=planted).status_code == 200, "B's resend: as any resend"

        assert put_learner(a_kiosk, learner).status_code == 200
        answer = a_kiosk.post("/xapi/statements", json=of_a)
        assert answer.status_code == 200, answer.text
        assert answer.json() == [item["id"] for item in of_a]
        (attempt,) = a_kiosk.get(f"/api/v1/learners/{learner}/attempts").json()["attempts"]
        assert attempt["done"] is True and attempt["learner"]["display_name"] == "王秀英"

        first = of_a[0]["id"]
        mine = a_kiosk.get("/xapi/statements", params={"statementId": first}).json()
        theirs = b_kiosk.get("/xapi/statements", params={"statementId": first}).json()
        assert mine["actor"]["account"]["name"] == learner
        assert theirs["actor"]["mbox"] == "mailto:b@b.example", "each centre reads its own statement under the id"
        # and A storing first tells B nothing either: a fresh id of A's, then B's with it
        fresh = statement()
        assert a_kiosk.post("/xapi/statements", json=fresh).status_code == 200
        assert b_kiosk.post("/xapi/statements", json={**fresh, "verb": {"id": "http://b.example/v"}}).status_code == 200


def test_a_statement_of_b_naming_a_learner_of_a_is_refused_and_reveals_her_nowhere(two_centres, lesson):  # noqa: F811
    server, engine, a, b = two_centres
    learner = str(uuid.uuid4())
    with kiosk(server, b) as b_kiosk, kiosk(server, a) as a_kiosk:
        assert put_learner(a_kiosk, learner, "李桂芳").status_code == 200
        identity_b = KioskIdentity("kiosk-b", "https://b.example/centres/centre-b")
        naming_her = attempt_statements(identity_b, learner, lesson, 1, True)
        refused = b_kiosk.post("/xapi/statements", json=naming_her)
        assert refused.status_code == 403
        assert "not one of this centre's learners" in error_of(refused)
        assert (
            b_kiosk.put(
                f"/api/v1/learners/{learner}",
                json={"display_name": "B's guess", "registered_at": "2026-11-25T09:00:00+08:00"},
            ).status_code
            == 403
        )

        b_names = [item["learner"] for item in b_kiosk.get("/api/v1/attempts").json()["attempts"]]
        assert all(name is None or name["display_name"] != "李桂芳" for name in b_names)
        assert learner not in {item["id"] for item in b_kiosk.get("/api/v1/learners").json()["learners"]}
        assert b_kiosk.get(f"/api/v1/learners/{learner}/attempts").json()["attempts"] == []

        identity_a = KioskIdentity("kiosk-a", "https://a.example/centres/centre-a")
        assert (
            a_kiosk.post("/xapi/statements", json=attempt_statements(identity_a, learner, lesson, 1, True)).status_code
            == 200
        )
        (attempt,) = a_kiosk.get(f"/api/v1/learners/{learner}/attempts").json()["attempts"]
        assert attempt["done"] is True, "A's own completion is recorded"
    assert _rows(engine, "SELECT count(*) FROM lesson_attempts WHERE learner_id = :l", l=learner) == 1


def test_both_centres_batches_in_one_group_keep_their_own_statements(two_centres):
    server, engine, a, b = two_centres
    shared = [statement() for _ in range(3)]
    answers: list[httpx.Response] = []
    # SQLite: one writers' turn for every centre, so both batches go in one group; PostgreSQL: a
    # turn per centre, both held
    other = writers_turn_held(engine, "centre-b") if engine.dialect.name == "postgresql" else nullcontext()
    with writers_turn_held(engine, "centre-a"), other:

        def send(credential: tuple[str, str], verb: str) -> None:
            with kiosk(server, credential) as client:
                batch = [{**item, "verb": {"id": verb}} for item in shared]
                answers.append(client.post("/xapi/statements", json=batch))

        threads = [
            threading.Thread(target=send, args=(a, "http://a.example/v")),
            threading.Thread(target=send, args=(b, "http://b.example/v")),
        ]
        for thread in threads:
            thread.start()
        time.sleep(1.0)  # both batches wait for the turn, so they go in together
    for thread in threads:
        thread.join(30)
    assert [answer.status_code for answer in answers] == [200, 200], [answer.text for answer in answers]
    for credential, verb in ((a, "http://a.example/v"), (b, "http://b.example/v")):
        with kiosk(server, credential) as client:
            for item in shared:
                got = client.get("/xapi/statements", params={"statementId": item["id"]}).json()
                assert got["verb"]["id"] == verb


def _rows(engine: Engine, sql: str, **values: object) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text(sql), values).scalar_one())


def test_b_cannot_take_over_a_session_of_a(two_centres):
    """PostgreSQL answered 200 here before, as if B had saved it (A's row stayed as it was)."""
    server, _engine, a, b = two_centres
    session_id = str(uuid.uuid4())
    session = {
        "title": "手机支付入门",
        "day": "2026-12-08",
        "starts": "09:00",
        "ends": "10:30",
        "room": "二楼活动室",
        "tutor": "王老师",
        "lesson_ids": [],
    }
    with kiosk(server, a) as a_kiosk, kiosk(server, b) as b_kiosk:
        assert a_kiosk.put(f"/api/v1/sessions/{session_id}", json=session).status_code == 200
        taken = b_kiosk.put(f"/api/v1/sessions/{session_id}", json={**session, "title": "B's class"})
        assert taken.status_code == 403
        assert a_kiosk.get(f"/api/v1/sessions/{session_id}/board").json()["session"]["title"] == "手机支付入门"
        assert b_kiosk.get(f"/api/v1/sessions/{session_id}/board").status_code == 404
