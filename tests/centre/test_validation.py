"""Bad input is a 400 with a message that says what and where, never a 500: broken JSON, wrong
types, properties xAPI does not define, values in the wrong form; and, fuzzed, any JSON at
all in any place of a statement."""

from __future__ import annotations

import copy
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.centre.support import Centre, error_of, statement


@pytest.mark.parametrize(
    ("body", "mentions"),
    [
        (b'{"actor": ', "not valid JSON"),
        (b"", "no body"),
        (b"\xff\xfe", "UTF-8"),
        (b'"a statement"', "JSON object"),
        (b"[]", "empty"),
        (b"[1]", "statement 0 of the batch must be a JSON object"),
        (b'{"id": "x", "id": "y"}', "appears twice"),
        (b'{"result": {"score": {"raw": NaN}}}', "NaN is not a JSON number"),
        (b"[Infinity]", "Infinity is not a JSON number"),
        (b"[" * 100_000 + b"]" * 100_000, "levels deep"),
        (b'{"result": {"extensions": {"http://x.org/e": ' + b"[" * 80 + b"]" * 80 + b"}}}", "levels deep"),
        (
            b'[{"object": {"objectType": "SubStatement", "object": {"definition": {"extensions": {"http://x.org/e": '
            + b"[" * 59  # the innermost array at level 65
            + b"]" * 59
            + b"}}}}}]",
            "levels deep",
        ),
        (b'{"actor": ' + b"[" * 80 + b"]" * 80 + b"}", "actor: must be a JSON object"),
    ],
)
def test_bodies_that_are_not_statements(xapi: httpx.Client, body: bytes, mentions: str):
    response = xapi.post("/xapi/statements", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert mentions in error_of(response)


@pytest.mark.parametrize(
    ("content_type", "mentions"),
    [("text/plain", "Content-Type: application/json"), ("multipart/mixed; boundary=x", "multipart")],
)
def test_only_json_is_accepted(xapi: httpx.Client, content_type: str, mentions: str):
    response = xapi.post("/xapi/statements", content=b"{}", headers={"Content-Type": content_type})
    assert response.status_code == 400
    assert mentions in error_of(response)


def replaced(path: str, value: Any) -> dict[str, Any]:
    """A valid statement with the value at a dotted path replaced (or removed, for ...)."""
    document = statement()
    *parents, last = path.split(".")
    target = document
    for name in parents:
        target = target[name]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return document


@pytest.mark.parametrize(
    ("path", "value", "mentions"),
    [
        ("colour", "blue", "colour: is not a property of xAPI 1.0.3"),
        ("actor.name", None, "actor.name: is null"),
        ("context.contextActivities", {"parent": [None]}, "context.contextActivities.parent[0]: is null"),
        ("actor.nickname", "Wang", "actor.nickname: is not a property"),
        ("verb.id", 42, "verb.id: must be a string"),
        ("verb", ..., "verb: is required"),
        ("verb.id", "completed", "verb.id: 'completed' is not an IRI"),
        ("verb.display", {"en US": "done"}, "language tag"),
        ("actor", {"name": "nobody"}, "exactly one of mbox"),
        ("actor", {"mbox": "wang@example.org"}, "mailto:"),
        ("actor", {"objectType": "Group", "name": "class"}, "needs a member list"),
        ("actor.objectType", "Person", "actor.objectType"),
        ("object.objectType", "Thing", "objectType must be Activity"),
        ("object.id", "lesson 1", "not an IRI"),
        ("object", {"objectType": "StatementRef", "id": "42"}, "not a UUID"),
        ("id", "12345", "id: '12345' is not a UUID"),
        ("timestamp", "2026-11-25 09:30", "ISO 8601"),
        ("timestamp", "2026-11-25T09:30:00", "time zone"),
        ("timestamp", "2026-13-25T09:30:00Z", "not a real date"),
        ("timestamp", "9999-12-31T23:59:59-23:59", "outside the years"),
        ("result.success", "yes", "result.success: must be true or false"),
        ("result.duration", "4 minutes", "ISO 8601 duration"),
        ("result.score", {"scaled": 1.5}, "less than or equal to 1"),
        ("result.score", {"raw": 11, "min": 0, "max": 10}, "above max"),
        ("context.registration", "abc", "context.registration"),
        ("context.extensions", {"not an iri": 1}, "not an IRI"),
        ("context.contextActivities", {"parent": [{"id": 7}]}, "contextActivities.parent[0].id: must be a string"),
        ("context.contextActivities", {"uncle": []}, "uncle: is not a property"),
        ("version", "2.0.0", "version '2.0.0' is not 1.0.x"),
        (
            "attachments",
            [
                {
                    "usageType": "http://x.org/u",
                    "display": {"en": "a"},
                    "contentType": "text/plain",
                    "length": 1,
                    "sha2": "abc",
                }
            ],
            "fileUrl",
        ),
    ],
)
def test_statements_with_a_wrong_part_are_400_naming_the_part(xapi: httpx.Client, path, value, mentions):
    document = replaced(path, value)
    response = xapi.post("/xapi/statements", json=document)
    assert response.status_code == 400, response.text
    assert mentions in error_of(response)
    assert xapi.get("/xapi/statements", params={"statementId": document["id"]}).status_code in (400, 404)


def test_extensions_may_hold_null(xapi: httpx.Client):
    document = statement(result={"extensions": {"https://silversteps.example/x/hint": None}})
    assert xapi.post("/xapi/statements", json=document).status_code == 200


def test_context_platform_only_with_an_activity(xapi: httpx.Client):
    document = statement(object={"objectType": "Agent", "mbox": "mailto:tutor@example.org"})
    response = xapi.post("/xapi/statements", json=document)
    assert response.status_code == 400
    assert "context.platform" in error_of(response)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
PLACES = [
    "id", "actor", "actor.account", "actor.account.name", "verb", "verb.id", "verb.display", "object",
    "object.id", "object.definition", "object.definition.name", "result", "result.score", "result.score.raw",
    "result.duration", "context", "context.registration", "context.language", "timestamp", "version",
]  # fmt: skip


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place=st.sampled_from(PLACES), value=json_values)
def test_any_json_anywhere_is_stored_or_refused_never_a_server_error(centre: Centre, kiosk_key, place, value):
    document = replaced(place, copy.deepcopy(value))
    with centre.client(kiosk_key) as client:
        response = client.post("/xapi/statements", json=document)
    assert response.status_code in (200, 400), response.text
    if response.status_code == 400:
        error_of(response)
