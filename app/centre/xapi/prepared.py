"""A statement checked and made ready to store, in the request's own thread: its id, the
document as the store keeps it, its JSON text and its index entries. Everything that does not
depend on `stored` is done here, before the writer's turn, which the centre's other writers
wait for (see group_write)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, NamedTuple

from app.centre.credentials import Client
from app.centre.xapi.document_text import DocumentText, stored_document
from app.centre.xapi.fast_json import dumps_compact
from app.centre.xapi.index import IndexEntry, index_entries
from app.core.xapi import VOIDED_VERB

AUTHORITY_HOME_PAGE = "urn:silversteps:centre"


def stored_now() -> datetime:
    """Now, to the millisecond: `stored` as returned must equal `stored` as compared by since/until."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def timestamp_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def authority_of(client: Client) -> dict[str, Any]:
    """The server vouches for every statement with the credential that sent it."""
    return {
        "objectType": "Agent",
        "name": client.name,
        "account": {"homePage": f"{AUTHORITY_HOME_PAGE}:{client.centre}", "name": client.key},
    }


class Prepared(NamedTuple):
    """A checked statement ready to insert: its id, what the client sent, the document as it
    will be returned (its `stored` set in the writer's turn), the document's text with a gap
    for `stored`, and its index entries. One per statement, so a tuple made in C."""

    statement_id: str
    sent: dict[str, Any]
    document: dict[str, Any]
    text: DocumentText
    index: list[IndexEntry]

    @property
    def ref_id(self) -> str | None:
        target = self.document["object"]
        return target["id"].lower() if target.get("objectType") == "StatementRef" else None

    @property
    def registration(self) -> str | None:
        registration = (self.document.get("context") or {}).get("registration")
        return registration.lower() if registration else None

    @property
    def is_voiding(self) -> bool:
        return bool(self.document["verb"]["id"] == VOIDED_VERB)

    def stamp(self, stored: str) -> None:
        """`stored` as taken in the writer's turn (and `timestamp` where the client gave none)."""
        self.document["stored"] = stored
        if self.text.twice:
            self.document["timestamp"] = stored


class BatchPreparer:
    """Prepares the statements of one batch: the authority is one object, written once."""

    def __init__(self, client: Client) -> None:
        self._authority = authority_of(client)
        self._authority_text = dumps_compact(self._authority)
        self._provisional = timestamp_text(stored_now())  # replaced in the writer's turn

    def prepare(self, statement: dict[str, Any]) -> Prepared:
        statement_id = str(statement.get("id") or uuid.uuid4()).lower()
        document, text = stored_document(
            statement_id, statement, self._authority, self._authority_text, self._provisional
        )
        return Prepared(statement_id, statement, document, text, index_entries(document))
