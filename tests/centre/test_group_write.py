"""A group of batches written in one transaction (app.centre.xapi.group_write), on SQLite and
PostgreSQL: a batch with a changed resend is refused and the group written again without it; a
batch about a learner deleted at their request is left out; a statement sent twice in one
group is stored once with its own index rows; the seqs follow the order the statements came;
and each stored document carries the `stored` of its turn (and as its timestamp where the
kiosk gave none)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, insert

from app.centre.credentials import Client
from app.centre.database import migrate
from app.centre.errors import ApiError
from app.centre.models import RosterLearner
from app.centre.xapi.group_commit import Job
from app.centre.xapi.group_write import GroupWrite, Pending
from app.centre.xapi.index import index_entries
from app.centre.xapi.prepared import BatchPreparer
from tests.centre.support import statement

KIOSK = Client(key="k1", name="kiosk 1", centre="default")


def job_of(statements: list[dict[str, Any]]) -> Job:
    preparer = BatchPreparer(KIOSK)
    batch = [preparer.prepare(item) for item in statements]
    return Job(Pending(batch, KIOSK), len(batch))


def about(learner: str) -> dict[str, Any]:
    return statement(actor={"objectType": "Agent", "account": {"homePage": "https://kiosk.example", "name": learner}})


def test_a_group_with_a_changed_resend_and_a_deleted_learner(fresh_engine: Engine) -> None:
    engine = fresh_engine
    migrate(engine)
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(
            insert(RosterLearner),
            [
                {"id": "gone", "centre": "default", "display_name": "", "registered_at": now, "kiosk_id": "k"}
                | {"changed": now, "removed": "deleted"}
            ],
        )
    writer = GroupWrite(engine)
    kept = statement()
    writer.write([earlier := job_of([kept])])
    assert earlier.answer == [kept["id"]]

    untimed = statement()
    del untimed["timestamp"]
    first = [statement(), untimed, statement()]
    changed = [statement(), {**kept, "verb": {"id": "http://adlnet.gov/expapi/verbs/failed"}}]
    deleted = [statement(), about("gone")]
    again = [first[0], statement(), kept]  # sent twice in the group, and a resend of what is stored
    jobs = [job_of(batch) for batch in (first, changed, deleted, again)]
    writer.write(jobs)

    assert jobs[0].answer == [item["id"] for item in first]
    assert isinstance(jobs[1].error, ApiError) and jobs[1].error.status_code == 409
    assert isinstance(jobs[2].error, ApiError) and "deleted at their request" in jobs[2].error.message
    assert jobs[3].answer == [item["id"] for item in again]
    with engine.connect() as connection:
        documents = dict(connection.exec_driver_sql("SELECT seq, document FROM xapi_statements ORDER BY seq").all())
        stored_column = dict(connection.exec_driver_sql("SELECT statement_id, stored FROM xapi_statements").all())
        rows = connection.exec_driver_sql("SELECT statement_seq, kind, hashed, direct FROM xapi_statement_index").all()
    held = [json.loads(document) for document in documents.values()]
    assert [document["id"] for document in held] == [kept["id"], *(item["id"] for item in first), again[1]["id"]]
    index: dict[int, set[tuple[str, str, bool]]] = {}
    for seq, kind, hashed, direct in rows:
        index.setdefault(seq, set()).add((kind, hashed, bool(direct)))
    for seq, document in documents.items():
        assert index[seq] == set(index_entries(json.loads(document))), f"statement {seq}: its own index rows"
    group = [document for document in held if document["id"] != kept["id"]]
    assert len({document["stored"] for document in group}) == 1, "one group, one stored"
    assert group[0]["stored"] > held[0]["stored"]
    stamped = next(document for document in group if document["id"] == untimed["id"])
    assert stamped["timestamp"] == stamped["stored"], "no timestamp sent: the store's time"
    assert all(document["timestamp"] == first[0]["timestamp"] for document in group if document is not stamped)
    assert list(stamped)[-4:] == ["timestamp", "stored", "authority", "version"], "the server's keys last"
    as_column = stored_column[untimed["id"]]
    as_column = as_column if isinstance(as_column, datetime) else datetime.fromisoformat(as_column)
    assert as_column.replace(tzinfo=UTC) == datetime.fromisoformat(stamped["stored"]), "column and text agree"
