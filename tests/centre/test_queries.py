"""Reading statements back as a tutor's dashboard or another learning record store would: the
filters, `more` paging over a few hundred statements, the `ids` format, and the 400s for a
query string the server does not understand."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest

from tests.centre.support import Centre, error_of, make_key, statement

ANY_ID = "5b1c8f0e-2a4d-4f6b-9c3e-7d8a1b2c3d4e"
OTHER_ID = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"


def ids(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["statements"]]


def every_page(client: httpx.Client, params: dict) -> list[list[str]]:
    """Follow `more` to the end; the ids of each page."""
    pages, response = [], client.get("/xapi/statements", params=params)
    while True:
        pages.append(ids(response))
        more = response.json()["more"]
        if not more:
            return pages
        assert more.startswith("/xapi/statements?cursor=")
        response = client.get(more)


@pytest.fixture(scope="module")
def paging(centre: Centre) -> tuple[tuple[str, str], list[str]]:
    """A centre of its own holding exactly 250 statements, sent in three batches; their ids in order."""
    key = make_key(centre.db, "dashboard", f"paging-{uuid.uuid4().hex[:8]}")
    sent: list[str] = []
    with centre.client(key) as client:
        for size in (100, 100, 50):
            batch = [statement() for _ in range(size)]
            assert client.post("/xapi/statements", json=batch).status_code == 200
            sent += [item["id"] for item in batch]
    return key, sent


def test_more_pages_through_250_statements_newest_first(centre: Centre, paging):
    key, sent = paging
    with centre.client(key) as client:
        pages = every_page(client, {"limit": 100})
    assert [len(page) for page in pages] == [100, 100, 50]
    assert [statement_id for page in pages for statement_id in page] == sent[::-1]


def test_ascending_pages_oldest_first(centre: Centre, paging):
    key, sent = paging
    with centre.client(key) as client:
        pages = every_page(client, {"limit": 90, "ascending": "true"})
    assert [len(page) for page in pages] == [90, 90, 70]
    assert [statement_id for page in pages for statement_id in page] == sent


def test_default_limit_is_100_and_the_largest_page_500(centre: Centre, paging):
    key, _ = paging
    with centre.client(key) as client:
        first = client.get("/xapi/statements")
        assert len(ids(first)) == 100 and first.json()["more"]
        for limit in ("0", "1000"):
            everything = client.get("/xapi/statements", params={"limit": limit})
            assert len(ids(everything)) == 250 and everything.json()["more"] == ""


def test_paging_is_steady_while_new_statements_arrive(xapi: httpx.Client):
    """A statement stored while a reader pages is not on a later page, and none is seen twice."""
    registration = str(uuid.uuid4())
    sent = [statement(context={"registration": registration}) for _ in range(30)]
    assert xapi.post("/xapi/statements", json=sent).status_code == 200
    first = xapi.get("/xapi/statements", params={"registration": registration, "limit": 10})
    assert xapi.post("/xapi/statements", json=statement(context={"registration": registration})).status_code == 200
    second = xapi.get(first.json()["more"])
    rest = xapi.get(second.json()["more"])
    assert ids(first) + ids(second) + ids(rest) == [item["id"] for item in sent[::-1]]
    assert rest.json()["more"] == ""


@pytest.fixture
def tag() -> str:
    return uuid.uuid4().hex


def test_filters_by_agent_verb_activity_and_registration(xapi: httpx.Client, tag: str):
    learner_a = {"objectType": "Agent", "name": "A", "account": {"homePage": "https://kiosk.example", "name": tag}}
    learner_b = {"objectType": "Agent", "mbox": f"mailto:b-{tag}@example.org"}
    lesson_1 = {"objectType": "Activity", "id": f"https://silversteps.example/{tag}/lesson-1"}
    lesson_2 = {"objectType": "Activity", "id": f"https://silversteps.example/{tag}/lesson-2"}
    completed = {"id": f"https://silversteps.example/{tag}/completed"}
    attempted = {"id": f"https://silversteps.example/{tag}/attempted"}
    registration = str(uuid.uuid4())
    a1 = statement(actor=learner_a, verb=completed, object=lesson_1)
    a2 = statement(actor=learner_a, verb=attempted, object=lesson_2)
    b1 = statement(actor=learner_b, verb=completed, object=lesson_1, context={"registration": registration})
    b2 = statement(
        actor=learner_b, verb=attempted, object=lesson_2, context={"contextActivities": {"parent": lesson_1}}
    )
    helped = statement(actor={"mbox": f"mailto:tutor-{tag}@example.org"}, verb=attempted, object=learner_a, context={})
    assert xapi.post("/xapi/statements", json=[a1, a2, b1, b2, helped]).status_code == 200

    def found(**params: str) -> set[str]:
        return set(ids(xapi.get("/xapi/statements", params=params)))

    renamed_a = json.dumps({**learner_a, "name": "another name, same account"})
    assert found(agent=renamed_a) == {a1["id"], a2["id"], helped["id"]}  # actor or object
    assert found(agent=json.dumps({"mbox": learner_b["mbox"]})) == {b1["id"], b2["id"]}
    assert found(verb=completed["id"]) == {a1["id"], b1["id"]}
    assert found(activity=lesson_1["id"]) == {a1["id"], b1["id"]}
    assert found(activity=lesson_1["id"], related_activities="true") == {a1["id"], b1["id"], b2["id"]}
    assert found(registration=registration) == {b1["id"]}
    assert found(agent=renamed_a, verb=completed["id"]) == {a1["id"]}


def test_a_statement_about_a_statement_matches_the_filters_of_its_target(xapi: httpx.Client, tag: str):
    """xAPI: "Tutor confirmed <Ben passed>" is found when asking for Ben's statements."""
    learner = {"mbox": f"mailto:ben-{tag}@example.org"}
    passed = statement(actor=learner)
    confirmed = statement(
        actor={"mbox": f"mailto:tutor-{tag}@example.org"},
        verb={"id": "https://silversteps.example/verbs/confirmed"},
        object={"objectType": "StatementRef", "id": passed["id"]},
        context={},
    )
    assert xapi.post("/xapi/statements", json=[passed, confirmed]).status_code == 200
    response = xapi.get("/xapi/statements", params={"agent": json.dumps(learner)})
    assert ids(response) == [confirmed["id"], passed["id"]]


def test_since_is_exclusive_and_until_inclusive(xapi: httpx.Client, tag: str):
    learner = json.dumps({"mbox": f"mailto:{tag}@example.org"})
    first, second = (statement(actor=json.loads(learner)) for _ in range(2))
    assert xapi.post("/xapi/statements", json=first).status_code == 200
    assert xapi.post("/xapi/statements", json=second).status_code == 200
    stored = xapi.get("/xapi/statements", params={"statementId": first["id"]}).json()["stored"]
    assert first["id"] not in ids(xapi.get("/xapi/statements", params={"agent": learner, "since": stored}))
    assert first["id"] in ids(xapi.get("/xapi/statements", params={"agent": learner, "until": stored}))
    assert second["id"] not in ids(
        xapi.get("/xapi/statements", params={"agent": learner, "until": "2000-01-01T00:00:00Z"})
    )


def test_ids_format_keeps_only_identifiers(xapi: httpx.Client):
    sent = statement()
    assert xapi.post("/xapi/statements", json=sent).status_code == 200
    slim = xapi.get("/xapi/statements", params={"statementId": sent["id"], "format": "ids"}).json()
    assert slim["actor"] == {"objectType": "Agent", "account": sent["actor"]["account"]}
    assert slim["verb"] == {"id": sent["verb"]["id"]}
    assert slim["object"] == {"objectType": "Activity", "id": sent["object"]["id"]}


@pytest.mark.parametrize(
    ("query", "mentions"),
    [
        ("limits=5", "limits"),
        ("Verb=http://example.org/v", "Verb"),
        ("verb=a&verb=b", "twice"),
        ("verb=not%20an%20iri", "IRI"),
        ("agent=%7Bbroken", "agent"),
        ("agent=%7B%22name%22%3A%22x%22%7D", "exactly one"),
        ("since=yesterday", "since"),
        ("limit=-1", "limit"),
        ("limit=ten", "limit"),
        ("ascending=yes", "ascending"),
        ("format=full", "format"),
        ("registration=42", "registration"),
        ("attachments=true", "attachments"),
        # Fixed ids: a parameter's name must be the same in every test worker (pytest-xdist).
        (f"statementId={ANY_ID}&verb=http://example.org/v", "cannot be combined"),
        (f"statementId={ANY_ID}&voidedStatementId={OTHER_ID}", "not both"),
        ("statementId=123", "UUID"),
        ("cursor=not-a-cursor", "cursor"),
        ("cursor=e30&limit=1", "cursor"),
    ],
)
def test_a_query_the_server_does_not_understand_is_400(xapi: httpx.Client, query: str, mentions: str):
    response = xapi.get(f"/xapi/statements?{query}")
    assert response.status_code == 400
    assert mentions in error_of(response)


def test_post_and_put_take_no_stray_parameters(xapi: httpx.Client):
    sent = statement()
    response = xapi.post("/xapi/statements", params={"verb": "http://example.org/v"}, json=sent)
    assert response.status_code == 400 and "verb" in error_of(response)
    response = xapi.put("/xapi/statements", params={"statementId": sent["id"], "x": "1"}, json=sent)
    assert response.status_code == 400 and "x" in error_of(response)
