"""A statement's stored JSON text, written before the writer's turn with a gap where `stored`
goes. `stored` is taken in the turn (see repository), but writing a thousand documents there
kept every other writer of the centre waiting; now the turn only joins three pieces (on
PostgreSQL, in the INSERT itself, so the rows can be copied to the server before the turn).

The server's keys come last, in the order the document has them: `timestamp` (where the
client gave none, it is `stored`), `stored`, `authority`, then `version` where the client gave
none. A `stored` or `authority` the client sent is replaced, as xAPI says the store sets them."""

from __future__ import annotations

from typing import Any, NamedTuple

from app.centre.xapi.fast_json import dumps_compact

SERVER_KEYS = ("stored", "authority")  # always the server's; `timestamp` and `version` only where missing
DEFAULT_VERSION = "1.0.0"
STORED_AGAIN = '","stored":"'  # between the two `stored` texts of a statement sent without a timestamp


class DocumentText(NamedTuple):
    """The text is `head + stored + tail`, or `head + stored + STORED_AGAIN + stored + tail`
    when `twice` (the timestamp is `stored` too)."""

    head: str
    twice: bool
    tail: str

    def with_stored(self, stored: str) -> str:
        middle = stored + STORED_AGAIN + stored if self.twice else stored
        return self.head + middle + self.tail


def stored_document(
    statement_id: str, sent: dict[str, Any], authority: dict[str, Any], authority_text: str, stored: str
) -> tuple[dict[str, Any], DocumentText]:
    """The document as the store keeps it, with `stored` (and a missing timestamp) set to
    `stored`, and the pieces of its compact JSON (`authority_text` is `authority` written once
    for the batch): `text.with_stored(stored)` is dumps_compact of the document."""
    document = {"id": statement_id, **{key: value for key, value in sent.items() if key not in ("id", *SERVER_KEYS)}}
    twice = "timestamp" not in document
    head = dumps_compact(document)[:-1] + (',"timestamp":"' if twice else ',"stored":"')
    version = "" if "version" in document else f',"version":"{DEFAULT_VERSION}"'
    if twice:
        document["timestamp"] = stored
    document["stored"] = stored
    document["authority"] = authority
    document.setdefault("version", DEFAULT_VERSION)
    return document, DocumentText(head, twice, f'","authority":{authority_text}{version}}}')
