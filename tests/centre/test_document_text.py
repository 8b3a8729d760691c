"""A statement's text written before the writer's turn with a gap for `stored`
(app.centre.xapi.document_text) is, once filled, exactly the compact JSON of the document the
store keeps, whatever keys the kiosk sent: with or without a timestamp or version, and with a
`stored` or `authority` of its own, which the store replaces."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from app.centre.xapi.document_text import stored_document
from app.centre.xapi.fast_json import dumps_compact

AUTHORITY = {"objectType": "Agent", "name": "kiosk 1", "account": {"homePage": "urn:x", "name": "k1"}}
STORED = "2026-11-26T10:30:00.125Z"
PROVISIONAL = "2026-11-26T10:29:59.000Z"

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
keys = st.sampled_from(["actor", "verb", "object", "result", "context", "timestamp", "version", "stored", "authority"])


@given(st.dictionaries(keys | st.text(max_size=6), values, max_size=8))
def test_the_filled_text_is_the_documents_json(sent: dict[str, Any]) -> None:
    document, text = stored_document(
        "0b7e0d4c-7a34-4b52-9d2a-6f1f3f0f9a11", sent, AUTHORITY, dumps_compact(AUTHORITY), PROVISIONAL
    )
    document["stored"] = STORED
    if text.twice:
        document["timestamp"] = STORED
    filled = text.with_stored(STORED)
    assert filled == dumps_compact(document)
    assert json.loads(filled) == document
    assert document["authority"] == AUTHORITY and document["stored"] == STORED
    assert document["timestamp"] == sent.get("timestamp", STORED)
    assert document["version"] == sent.get("version", "1.0.0")
    assert next(iter(document)) == "id"


def test_the_servers_keys_come_last() -> None:
    sent = {"stored": "1999-01-01T00:00:00Z", "actor": {"mbox": "mailto:a@example.com"}, "authority": {"name": "x"}}
    document, text = stored_document("id-1", sent, AUTHORITY, dumps_compact(AUTHORITY), PROVISIONAL)
    assert list(document) == ["id", "actor", "timestamp", "stored", "authority", "version"]
    assert text.with_stored(STORED).endswith(
        f'"stored":"{STORED}","authority":{dumps_compact(AUTHORITY)},"version":"1.0.0"}}'
    )
