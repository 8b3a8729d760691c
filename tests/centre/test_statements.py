"""Storing statements as the kiosk's sync worker does: single and batch POST, PUT, resending
after a lost reply (no change), a changed statement under an old id (409), all-or-nothing
batches, reading back by id, and voiding."""

from __future__ import annotations

import copy
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.centre.support import error_of, statement

VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def fetch(xapi: httpx.Client, statement_id: str, *, voided: bool = False) -> httpx.Response:
    return xapi.get("/xapi/statements", params={"voidedStatementId" if voided else "statementId": statement_id})


def voiding(target_id: str) -> dict:
    """A tutor voids a record; no context.platform, which only an Activity object may have."""
    return statement(
        verb={"id": VOIDED, "display": {"en-US": "voided"}},
        object={"objectType": "StatementRef", "id": target_id},
        context={"registration": str(uuid.uuid4())},
        result={},
    )


def by_registration(xapi: httpx.Client, registration: str) -> list[dict]:
    response = xapi.get("/xapi/statements", params={"registration": registration, "limit": 500})
    assert response.status_code == 200, response.text
    return response.json()["statements"]


def test_post_one_statement_returns_its_id_and_stores_it_with_server_fields(xapi: httpx.Client, kiosk_key):
    sent = statement()
    response = xapi.post("/xapi/statements", json=sent)
    assert response.status_code == 200, response.text
    assert response.json() == [sent["id"]]

    stored = fetch(xapi, sent["id"]).json()
    assert {key: stored[key] for key in sent} == sent  # as sent, to the byte
    assert stored["stored"].endswith("Z")
    assert stored["version"] == "1.0.0"
    assert stored["authority"]["account"]["name"] == kiosk_key[0]


def test_post_without_id_gets_a_uuid4_and_a_timestamp(xapi: httpx.Client):
    sent = statement()
    del sent["id"], sent["timestamp"]
    (new_id,) = xapi.post("/xapi/statements", json=sent).json()
    assert uuid.UUID(new_id).version == 4
    stored = fetch(xapi, new_id).json()
    assert stored["timestamp"] == stored["stored"]


def test_post_a_batch_returns_ids_in_order(xapi: httpx.Client):
    registration = str(uuid.uuid4())
    batch = [statement(context={"registration": registration}) for _ in range(5)]
    del batch[2]["id"]
    response = xapi.post("/xapi/statements", json=batch)
    assert response.status_code == 200, response.text
    ids = response.json()
    assert [ids[0], ids[1], ids[3], ids[4]] == [batch[i]["id"] for i in (0, 1, 3, 4)]
    assert {item["id"] for item in by_registration(xapi, registration)} == set(ids)


def test_the_same_statement_twice_changes_nothing(xapi: httpx.Client):
    sent = statement()
    assert xapi.post("/xapi/statements", json=sent).status_code == 200
    first = fetch(xapi, sent["id"]).json()

    again = xapi.post("/xapi/statements", json=sent)
    assert again.status_code == 200
    assert again.json() == [sent["id"]]
    assert fetch(xapi, sent["id"]).json() == first  # not even `stored` moved
    assert len(by_registration(xapi, sent["context"]["registration"])) == 1


def test_the_same_statement_written_differently_is_still_the_same(xapi: httpx.Client):
    """Key order, UUID case, 9 against 9.0, the spelling of the same instant, and the fields the
    server sets itself do not make a resent statement different."""
    sent = statement()
    assert xapi.post("/xapi/statements", json=sent).status_code == 200
    resent = dict(reversed(list(copy.deepcopy(sent).items())))
    resent["id"] = sent["id"].upper()
    resent["timestamp"] = "2026-11-25T01:30:00.25Z"  # 09:30:00.250+08:00
    resent["result"]["score"]["raw"] = 9.0
    resent["context"]["registration"] = sent["context"]["registration"].upper()
    resent["stored"] = "2000-01-01T00:00:00Z"
    resent["version"] = "1.0.3"
    resent["authority"] = {"mbox": "mailto:someone@else.example"}
    response = xapi.post("/xapi/statements", json=resent)
    assert response.status_code == 200, response.text
    assert response.json() == [sent["id"]]


def test_the_same_id_with_different_content_is_a_conflict_and_keeps_the_first(xapi: httpx.Client):
    sent = statement()
    assert xapi.post("/xapi/statements", json=sent).status_code == 200
    changed = {**sent, "result": {**sent["result"], "success": False}}
    response = xapi.post("/xapi/statements", json=changed)
    assert response.status_code == 409
    assert sent["id"] in error_of(response)
    assert fetch(xapi, sent["id"]).json()["result"]["success"] is True


def test_a_statement_sent_without_a_timestamp_is_the_same_when_resent_without_one(xapi: httpx.Client):
    """The server gave it a timestamp; that is not part of what the kiosk sent."""
    sent = statement()
    del sent["timestamp"]
    assert xapi.post("/xapi/statements", json=sent).status_code == 200
    first = fetch(xapi, sent["id"]).json()
    assert first["timestamp"] == first["stored"]

    again = xapi.post("/xapi/statements", json=sent)
    assert again.status_code == 200, again.text
    assert fetch(xapi, sent["id"]).json() == first


@pytest.mark.parametrize("first_has_timestamp", [True, False])
def test_a_timestamp_given_on_one_send_only_is_a_difference(xapi: httpx.Client, first_has_timestamp: bool):
    with_timestamp = statement()
    without = {key: value for key, value in with_timestamp.items() if key != "timestamp"}
    first, second = (with_timestamp, without) if first_has_timestamp else (without, with_timestamp)
    assert xapi.post("/xapi/statements", json=first).status_code == 200
    response = xapi.post("/xapi/statements", json=second)
    assert response.status_code == 409, response.text


def test_kiosks_resending_at_the_same_moment_store_each_statement_once(centre, kiosk_key):
    """Eight clients send the same batch at once; half of them send a changed copy of one
    statement. Every identical send is 200, every changed one 409, and each id is stored once."""
    registration = str(uuid.uuid4())
    batch = [statement(context={"registration": registration}) for _ in range(10)]
    changed = copy.deepcopy(batch)
    changed[-1]["result"]["success"] = False

    def send(index: int) -> int:
        with centre.client(kiosk_key) as client:
            return client.post("/xapi/statements", json=batch if index % 2 else changed).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = list(pool.map(send, range(8)))
    with centre.client(kiosk_key) as client:
        stored = by_registration(client, registration)
    assert sorted(item["id"] for item in stored) == sorted(item["id"] for item in batch)
    (last,) = (item for item in stored if item["id"] == batch[-1]["id"])
    winner = batch if last["result"]["success"] else changed
    expected = [200 if (batch if index % 2 else changed) is winner else 409 for index in range(8)]
    assert codes == expected


def test_a_batch_with_one_bad_statement_stores_nothing(xapi: httpx.Client):
    registration = str(uuid.uuid4())
    batch = [statement(context={"registration": registration}) for _ in range(3)]
    batch[1]["actor"] = {"name": "nobody in particular"}  # no identifier
    response = xapi.post("/xapi/statements", json=batch)
    assert response.status_code == 400
    assert "statement 1" in error_of(response)
    assert by_registration(xapi, registration) == []


def test_a_batch_that_conflicts_late_stores_nothing(xapi: httpx.Client):
    """The conflict is found by the database after earlier statements were inserted: the
    transaction must take them back."""
    registration = str(uuid.uuid4())
    old = statement()
    assert xapi.post("/xapi/statements", json=old).status_code == 200
    batch = [statement(context={"registration": registration}) for _ in range(3)]
    batch.append({**old, "verb": {"id": "http://adlnet.gov/expapi/verbs/attempted"}})
    assert xapi.post("/xapi/statements", json=batch).status_code == 409
    assert by_registration(xapi, registration) == []


def test_a_batch_with_the_same_id_twice_is_refused(xapi: httpx.Client):
    first = statement()
    response = xapi.post("/xapi/statements", json=[first, first])
    assert response.status_code == 400
    assert "more than once" in error_of(response)
    assert fetch(xapi, first["id"]).status_code == 404


def test_put_stores_under_the_given_id(xapi: httpx.Client):
    sent = statement()
    statement_id = sent.pop("id")
    response = xapi.put("/xapi/statements", params={"statementId": statement_id}, json=sent)
    assert response.status_code == 204
    assert response.content == b""
    assert fetch(xapi, statement_id).json()["id"] == statement_id
    assert xapi.put("/xapi/statements", params={"statementId": statement_id}, json=sent).status_code == 204
    changed = {**sent, "timestamp": "2026-11-26T09:30:00Z"}
    assert xapi.put("/xapi/statements", params={"statementId": statement_id}, json=changed).status_code == 409


def test_put_without_statement_id_is_refused(xapi: httpx.Client):
    sent = statement()
    del sent["id"]
    response = xapi.put("/xapi/statements", json=sent)
    assert response.status_code == 400
    assert "statementId" in error_of(response)


# A fixed other id: a parameter's name must be the same in every test worker (pytest-xdist).
@pytest.mark.parametrize(
    ("statement_id", "problem"), [("not-a-uuid", "UUID"), ("0d6f3a2b-8c1e-4f5a-9b7d-2e4c6a8b0f1d", "differs")]
)
def test_put_with_a_bad_or_different_statement_id_is_refused(xapi: httpx.Client, statement_id: str, problem: str):
    sent = statement()
    response = xapi.put("/xapi/statements", params={"statementId": statement_id}, json=sent)
    assert response.status_code == 400
    assert problem in error_of(response)
    assert fetch(xapi, sent["id"]).status_code == 404


def test_get_an_unknown_id_is_404(xapi: httpx.Client):
    response = fetch(xapi, str(uuid.uuid4()))
    assert response.status_code == 404
    error_of(response)


def test_voiding_hides_the_target_except_by_voided_statement_id(xapi: httpx.Client):
    target = statement()
    assert xapi.post("/xapi/statements", json=target).status_code == 200
    void = voiding(target["id"])
    assert xapi.post("/xapi/statements", json=void).status_code == 200

    assert fetch(xapi, target["id"]).status_code == 404
    assert fetch(xapi, target["id"], voided=True).json()["id"] == target["id"]
    # A filter no longer finds the target, but does find the voiding statement that points at
    # it (xAPI's StatementRef rule), which is an ordinary statement in every other way too.
    found = by_registration(xapi, target["context"]["registration"])
    assert [item["id"] for item in found] == [void["id"]]
    assert fetch(xapi, void["id"]).status_code == 200
    assert fetch(xapi, void["id"], voided=True).status_code == 404


def test_a_voiding_statement_cannot_be_voided(xapi: httpx.Client):
    target = statement()
    first = voiding(target["id"])
    second = voiding(first["id"])
    assert xapi.post("/xapi/statements", json=[target, first, second]).status_code == 200
    assert fetch(xapi, first["id"]).status_code == 200
    assert fetch(xapi, target["id"], voided=True).status_code == 200


def test_voiding_needs_a_statement_ref(xapi: httpx.Client):
    response = xapi.post("/xapi/statements", json=statement(verb={"id": VOIDED}, context={}))
    assert response.status_code == 400
    assert "StatementRef" in error_of(response)
