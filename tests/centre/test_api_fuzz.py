"""Hypothesis against the real server, on SQLite and PostgreSQL: requests to every /api/v1 and
/xapi route, with bodies, query strings and headers drawn from what broke servers before (JSON
nested far past any need, times at the years 1 and 9999 with offsets, strings past each
column's width, NUL and other control characters, invalid UTF-8, a property twice, numbers of
thousands of digits) mixed into otherwise good requests. Checked on every answer: no 5xx, and
a refused request (any 4xx) wrote no row in any table. One server per database for the
module, one connection for all the requests; kept small (examples and sizes) to stay cheap."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from app.core.xapi import ATTEMPT_EXTENSION, KIOSK_EXTENSION, LESSON_PREFIX, SESSION_EXTENSION, VERBS
from tests.centre.both_databases import DATABASES, centre_on, row_counts
from tests.centre.support import VERSION, Centre, make_key, statement

pytestmark = pytest.mark.slow
EXAMPLES = 200

EXTREME_TIMES = [
    "0001-01-01T00:00:00+01:00",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59-01:00",
    "9999-12-31T23:59:59.999999Z",
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "2026-11-25T09:30:00",
    "2026-11-25T09:30:00." + "9" * 60 + "Z",
]
NASTY = st.one_of(
    st.text(max_size=20),
    st.sampled_from(EXTREME_TIMES),
    st.sampled_from(["", "\x00", "a\x00b", "id\n", "\r\n", "²", "9" * 5000, "-1", "NaN", "1e400", "\ud7ff\ue000"]),
    st.builds(
        lambda char, n: char * n,
        st.sampled_from(["x", "题", "\x00", "é"]),
        st.sampled_from([36, 37, 60, 61, 64, 65, 121, 300]),
    ),
)
NUMBERS = st.one_of(
    st.integers(), st.sampled_from([2**31, 2**63, 10**400, -1]), st.floats(allow_nan=False, allow_infinity=False)
)
JSON = st.recursive(
    st.none() | st.booleans() | NUMBERS | NASTY,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(NASTY, children, max_size=3),
    max_leaves=8,
)


def _with(body: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    return {**body, **changes}


def _shaped(template: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """The template with some of its fields given a nasty value (or dropped, or one added)."""
    fields = st.sampled_from([*template, "extra"])
    return st.dictionaries(fields, st.one_of(NASTY, NASTY, JSON), max_size=2).map(
        lambda changes: _with(template, changes)
    )


LEARNER = {"display_name": "王秀英", "phone_last4": "1234", "registered_at": "2026-11-25T09:30:00+08:00"}
SESSION = {
    "title": "学用微信视频",
    "day": "2026-11-26",
    "starts": "09:30",
    "ends": "11:00",
    "lesson_ids": ["video-call"],
}
CERTIFICATE = {"learner_id": str(uuid.uuid4()), "theme_id": "keeping-in-touch"}


def _statement(verb: str, target: str, learner: Any, extension: str, value: Any, timestamp: Any) -> dict[str, Any]:
    made = statement(verb={"id": VERBS[verb][0]}, object={"id": target})
    made["actor"]["account"]["name"] = learner
    made["context"] = {"registration": str(uuid.uuid4()), "extensions": {ATTEMPT_EXTENSION: 1, extension: value}}
    made["timestamp"] = timestamp
    return made


STATEMENTS = st.builds(
    _statement,
    st.sampled_from(["initialized", "progressed", "completed", "attended", "asked"]),
    st.one_of(NASTY.map(lambda lesson: LESSON_PREFIX + quote(lesson, safe="")), st.just(LESSON_PREFIX + "video-call")),
    st.one_of(st.just("L1"), NASTY),
    st.sampled_from([ATTEMPT_EXTENSION, KIOSK_EXTENSION, SESSION_EXTENSION]),
    JSON,
    st.one_of(st.just("2026-11-25T09:30:00Z"), st.sampled_from(EXTREME_TIMES)),
)
TEXT_BODIES = st.one_of(
    st.integers(1, 100_000).map(lambda depth: "[" * depth),
    st.just('{"display_name": "a", "display_name": "b", "registered_at": "2026-11-25T09:30:00Z"}'),
    JSON.map(json.dumps),
)


def _encoded(body: Any) -> bytes:
    return body if isinstance(body, bytes) else (body if isinstance(body, str) else json.dumps(body)).encode()


def _body(shaped: st.SearchStrategy[Any]) -> st.SearchStrategy[bytes]:
    """Mostly the route's own body with nasty fields; else deep, repeated-key, random JSON or bytes."""
    return st.one_of(shaped, shaped, shaped, TEXT_BODIES, st.binary(max_size=40)).map(_encoded)


NO_BODY = st.just(b"")
NO_QUERY: st.SearchStrategy[dict[str, str]] = st.just({})
IDS = st.one_of(st.uuids().map(str), NASTY.filter(bool))
CURSORS = st.one_of(JSON, st.tuples(NASTY, NASTY).map(list)).map(
    lambda value: base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")
)
FEED = st.fixed_dictionaries({}, optional={"after": st.one_of(CURSORS, NASTY), "limit": NASTY, "x": NASTY})
DAYS = st.fixed_dictionaries({}, optional={"from": NASTY, "to": NASTY, "x": NASTY})
STATEMENT_QUERY = st.dictionaries(
    st.sampled_from(["statementId", "since", "until", "agent", "cursor", "limit", "verb", "x"]), NASTY, max_size=2
)
# (method, path, query, body) for each route, the body and query its own with nasty parts
ROUTES = [
    ("PUT", "/api/v1/learners/{id}", NO_QUERY, _body(_shaped(LEARNER))),
    ("GET", "/api/v1/learners", FEED, NO_BODY),
    ("GET", "/api/v1/attempts", FEED, NO_BODY),
    ("GET", "/api/v1/learners/{id}/attempts", NO_QUERY, NO_BODY),
    ("POST", "/api/v1/learners/{id}/merge", NO_QUERY, _body(st.fixed_dictionaries({"into": NASTY}))),
    ("DELETE", "/api/v1/learners/{id}", NO_QUERY, NO_BODY),
    ("PUT", "/api/v1/sessions/{id}", NO_QUERY, _body(_shaped(SESSION))),
    ("GET", "/api/v1/sessions", FEED, NO_BODY),
    ("GET", "/api/v1/sessions/{id}/board", NO_QUERY, NO_BODY),
    ("GET", "/api/v1/attendance", DAYS, NO_BODY),
    ("GET", "/api/v1/completions", DAYS, NO_BODY),
    ("GET", "/api/v1/kiosks", NO_QUERY, NO_BODY),
    ("POST", "/api/v1/kiosks/{id}/revoke", NO_QUERY, NO_BODY),
    ("POST", "/api/v1/certificates", NO_QUERY, _body(_shaped(CERTIFICATE))),
    ("POST", "/api/v1/certificates/{id}/withdraw", NO_QUERY, _body(st.fixed_dictionaries({"reason": NASTY}))),
    ("GET", "/api/v1/certificates/verify", st.fixed_dictionaries({"token": NASTY}), NO_BODY),
    ("POST", "/api/v1/kiosks/enrol", NO_QUERY, _body(st.fixed_dictionaries({"code": NASTY, "name": NASTY}))),
    ("POST", "/xapi/statements", NO_QUERY, _body(st.one_of(STATEMENTS, st.lists(STATEMENTS, min_size=1, max_size=3)))),
    ("PUT", "/xapi/statements", st.fixed_dictionaries({"statementId": IDS}), _body(STATEMENTS)),
    ("GET", "/xapi/statements", STATEMENT_QUERY, NO_BODY),
]
REQUESTS = st.one_of(
    [st.tuples(st.just(method), st.just(path), IDS, query, body) for method, path, query, body in ROUTES]
)
# Header values as bytes: anything HTTP lets through (no control characters, no space around), UTF-8 or not.
HEADER_BYTES = st.binary(max_size=30).map(lambda raw: bytes(b for b in raw if b >= 0x20 and b != 0x7F).strip())
ODD_HEADERS = st.fixed_dictionaries(
    {},
    optional={
        "content-type": st.one_of(
            st.sampled_from(["application/json; charset=utf-8", "text/plain", "multipart/mixed"]), HEADER_BYTES
        ),
        "x-experience-api-version": st.one_of(st.sampled_from(["1.0", "2.0", ""]), HEADER_BYTES),
        "accept": st.one_of(st.just("text/html"), HEADER_BYTES),
    },
)
HEADERS = st.one_of(st.just({}), st.just({}), st.just({}), ODD_HEADERS)  # mostly the good ones, to reach the routes


@pytest.fixture(scope="module", params=DATABASES)
def fuzzed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Centre, Engine]]:
    with centre_on(request.param, request, tmp_path_factory.mktemp(f"fuzz-{request.param}")) as running:
        yield running


@pytest.fixture(scope="module")
def client(fuzzed: tuple[Centre, Engine]) -> Iterator[httpx.Client]:
    centre, _ = fuzzed
    every_route = make_key(centre.db, "fuzz", "default", "all")
    with httpx.Client(base_url=centre.url, auth=every_route, timeout=30) as connection:
        # checking a certificate never makes a key: a refused verify leaves no row
        assert connection.get("/api/v1/certificates/verify", params={"token": "x"}).status_code == 400
        yield connection


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(request=REQUESTS, headers=HEADERS)
def test_no_input_gets_a_server_error_or_leaves_a_row_when_refused(
    fuzzed: tuple[Centre, Engine],
    client: httpx.Client,
    request: tuple[str, str, str, dict[str, str], bytes],
    headers: dict[str, Any],
):
    centre, engine = fuzzed
    method, path, some_id, query, body = request
    before = row_counts(engine)
    answer = client.request(
        method,
        path.replace("{id}", quote(some_id, safe="")),
        params=query,
        content=body or None,
        headers={**VERSION, "content-type": "application/json", **headers},
    )
    sent = f"{method} {path} {some_id!r} {query!r} {body[:300]!r} {headers!r}"
    assert answer.status_code < 500, f"{sent}: {answer.text[:500]}"
    if answer.status_code >= 400:
        assert row_counts(engine) == before, f"{sent}: refused with {answer.status_code} but wrote rows"
    assert "Traceback" not in centre.log_text(), centre.log_text()[-5000:]
