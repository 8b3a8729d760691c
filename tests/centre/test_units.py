"""The pure parts behind the HTTP tests, checked directly: when two statements are the same,
which index rows a statement gets, the cursor, and secret hashing."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.centre.credentials import hash_secret, secret_matches
from app.centre.errors import ApiError
from app.centre.xapi.canonical import canonical_form, fingerprint
from app.centre.xapi.index import ACTIVITY, AGENT, VERB, agent_key, digest, index_entries
from app.centre.xapi.query import Position, StatementQuery, decode_cursor, encode_cursor, parse_query
from tests.centre.support import statement


def test_server_fields_key_order_uuid_case_numbers_and_instants_do_not_count():
    sent = statement(id="0f8b5e8e-3f7c-4c1e-9d2a-1b2c3d4e5f60")
    same = {
        **dict(reversed(list(sent.items()))),
        "id": sent["id"].upper(),
        "timestamp": "2026-11-25T01:30:00.250000Z",
        "stored": "2030-01-01T00:00:00Z",
        "authority": {"mbox": "mailto:x@example.org"},
        "version": "1.0.0",
        "result": {**sent["result"], "score": {"raw": 9.0, "min": 0.0, "max": 10}},
    }
    assert canonical_form(same) == canonical_form(sent)
    assert fingerprint(same) == fingerprint(sent)


@pytest.mark.parametrize(
    "change",
    [
        {"timestamp": "2026-11-25T09:30:00.251+08:00"},
        {"verb": {"id": "http://adlnet.gov/expapi/verbs/attempted"}},
        {"result": {"completion": True}},
        {"context": {"extensions": {"https://x.example/e": "2026-11-25T01:30:00Z"}}},
    ],
)
def test_any_real_difference_counts(change):
    sent = statement()
    assert fingerprint({**sent, **change}) != fingerprint(sent)


@given(st.dictionaries(st.sampled_from(["a", "b", "c"]), st.integers() | st.text(max_size=3), max_size=3))
def test_extensions_are_compared_as_given(extensions):
    sent = statement(context={"extensions": {f"https://x.example/{key}": value for key, value in extensions.items()}})
    assert fingerprint(sent) == fingerprint(dict(sent))


def test_index_rows_separate_direct_and_related():
    group = {"objectType": "Group", "mbox": "mailto:class@example.org", "member": [{"mbox": "mailto:m@example.org"}]}
    sent = statement(
        actor=group,
        authority={"mbox": "mailto:centre@example.org"},
        context={
            "instructor": {"mbox": "mailto:tutor@example.org"},
            "contextActivities": {"parent": {"id": "https://p"}},
        },
    )
    rows = {(entry.kind, entry.hashed): entry.direct for entry in index_entries(sent)}
    assert rows[(VERB, digest(sent["verb"]["id"]))] is True
    assert rows[(AGENT, digest("mbox:mailto:class@example.org"))] is True
    assert rows[(AGENT, digest("mbox:mailto:m@example.org"))] is True  # a member counts as the actor
    assert rows[(AGENT, digest("mbox:mailto:tutor@example.org"))] is False
    assert rows[(AGENT, digest("mbox:mailto:centre@example.org"))] is False
    assert rows[(ACTIVITY, digest(sent["object"]["id"]))] is True
    assert rows[(ACTIVITY, digest("https://p"))] is False


def test_agents_are_the_same_by_identifier_not_by_name():
    one = {"name": "Wang", "account": {"homePage": "https://k.example", "name": "L1"}}
    assert agent_key(one) == agent_key({**one, "name": "王"})
    assert agent_key(one) != agent_key({"account": {"homePage": "https://k.example", "name": "L2"}})
    assert agent_key({"mbox_sha1sum": "AB" * 20}) == agent_key({"mbox_sha1sum": "ab" * 20})


def test_a_cursor_carries_the_query_and_the_position():
    query = parse_query([("verb", "https://x.example/v"), ("limit", "7"), ("ascending", "true")])
    assert isinstance(query, StatementQuery)
    position = Position(datetime(2026, 11, 25, 1, 30, tzinfo=UTC), 42)
    again = decode_cursor(encode_cursor(query, position))
    assert (again.verb, again.limit, again.ascending, again.after) == (query.verb, 7, True, position)


def _token(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()


@pytest.mark.parametrize(
    "token",
    [
        "",
        "!!!",
        _token({}),
        _token({"p": {}}),
        _token({"p": {"limit": 5}, "s": "2026-01-01T00:00:00+00:00", "q": 1}),
        _token({"p": {"statementId": "x"}, "s": "2026-01-01T00:00:00+00:00", "q": 1}),
        _token({"p": {"verb": "not an iri"}, "s": "2026-01-01T00:00:00+00:00", "q": 1}),
        _token({"p": {}, "s": "yesterday", "q": 1}),
    ],
)
def test_a_cursor_not_made_here_is_refused(token: str):
    with pytest.raises(ApiError) as refused:
        decode_cursor(token)
    assert refused.value.status_code == 400


def test_secrets_are_salted_and_checked():
    first, second = hash_secret("open sesame"), hash_secret("open sesame")
    assert first != second
    assert secret_matches("open sesame", first) and secret_matches("open sesame", second)
    assert not secret_matches("open sesame!", first)
    assert not secret_matches("open sesame", "plain text")
