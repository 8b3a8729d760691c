"""Statements in and out of the database. Writes are idempotent without check-then-insert:
each statement is inserted with ON CONFLICT DO NOTHING and only a statement that was already
there is compared, so two kiosks resending the same record at once cannot both store it or
both fail. A batch is one transaction: any refusal stores nothing."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, exists, false, not_, or_, select, true
from sqlalchemy.orm import aliased
from sqlalchemy.sql.selectable import CTE

from app.centre.credentials import Client
from app.centre.errors import bad_request
from app.centre.models import IndexRow, StoredStatement
from app.centre.xapi.formats import ids_format
from app.centre.xapi.group_commit import GroupCommit
from app.centre.xapi.group_write import GroupWrite, Pending, newest_stored
from app.centre.xapi.index import ACTIVITY, AGENT, VERB
from app.centre.xapi.prepared import BatchPreparer, timestamp_text
from app.centre.xapi.query import Position, SingleQuery, StatementQuery

EARLIEST = "1970-01-01T00:00:00.000Z"  # Consistent-Through of a centre with no statement yet
STATEMENTS_PER_GROUP = 1000  # batches waiting are written together up to this many statements


@dataclass(frozen=True)
class Page:
    documents: list[str]
    next: Position | None


class StatementRepository:
    """Stores and finds statements of one centre at a time (the caller's credential decides which)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        group_write = GroupWrite(engine)
        self._writers: defaultdict[str, GroupCommit] = defaultdict(
            lambda: GroupCommit(group_write.write, STATEMENTS_PER_GROUP)
        )

    def store(self, statements: list[dict[str, Any]], client: Client) -> list[str]:
        """Store a batch (all or nothing); returns the ids in order, new and already stored alike.
        The batch is written with the others waiting at the same time, in one transaction with
        one commit (see group_commit and group_write); a refused batch stores nothing."""
        preparer = BatchPreparer(client)
        batch = [preparer.prepare(statement) for statement in statements]
        seen: set[str] = set()
        for item in batch:
            if item.statement_id in seen:
                raise bad_request(f"The batch has statement id {item.statement_id} more than once; send it once.")
            seen.add(item.statement_id)
        return self._writers[self._writer_key(client.centre)].submit(Pending(batch, client), len(batch))

    @property
    def batches_waiting(self) -> int:
        """Batches queued behind the one being written, in this process."""
        return sum(writer.waiting for writer in list(self._writers.values()))

    def _writer_key(self, centre: str) -> str:
        """Batches in this process queue here, holding no connection, for the turn group_write
        takes in the database: SQLite's busy wait is no queue (a writer can starve past its
        timeout while others go ahead: a 503 under fifty kiosks at once), and a PostgreSQL
        writer waiting in the database would hold one of the pool's few connections. Between
        the worker processes of one SQLite file, the group writers take turns by WriteTurn."""
        return "" if self._engine.dialect.name == "sqlite" else centre  # SQLite: one writer at all

    def consistent_through(self, centre: str) -> str:
        """X-Experience-API-Consistent-Through: every statement stored up to this time is visible
        now, and none will commit later with an earlier `stored` (see GroupWrite._open_turn)."""
        with self._engine.connect() as connection:
            last = connection.execute(newest_stored(centre)).scalar()
        return timestamp_text(last) if last is not None else EARLIEST

    def get(self, query: SingleQuery, centre: str) -> str | None:
        """One statement's stored JSON: a voided one only by voidedStatementId, others only by statementId."""
        voided = _voided()
        rows = self._rows(
            select(StoredStatement.document).where(
                StoredStatement.statement_id == query.statement_id,
                StoredStatement.centre == centre,
                voided if query.voided else not_(voided),
            )
        )
        return _formatted(rows[0].document, query.format) if rows else None

    def find(self, query: StatementQuery, centre: str) -> Page:
        """A page of statements, newest stored first unless ascending; voided ones left out."""
        statement = StoredStatement
        conditions: list[ColumnElement[bool]] = [statement.centre == centre, not_(_voided())]
        if query.since is not None:
            conditions.append(statement.stored > query.since)
        if query.until is not None:
            conditions.append(statement.stored <= query.until)
        for name, condition in _filters(query):
            matching = _matching(name, condition, centre)
            conditions.append(statement.statement_id.in_(select(matching.c.statement_id)))
        if query.after is not None:
            conditions.append(_beyond(query.after, query.ascending))
        order = [statement.stored, statement.seq]
        if not query.ascending:
            order = [column.desc() for column in order]
        rows = self._rows(
            select(statement.seq, statement.stored, statement.document)
            .where(*conditions)
            .order_by(*order)
            .limit(query.limit + 1)
        )
        more = len(rows) > query.limit
        rows = rows[: query.limit]
        documents = [_formatted(row.document, query.format) for row in rows]
        return Page(documents, Position(rows[-1].stored, rows[-1].seq) if more else None)

    def _rows(self, statement: Any) -> list[Any]:
        with self._engine.connect() as connection:
            return list(connection.execute(statement).all())


def _formatted(document: str, format_name: str) -> str:
    if format_name != "ids":
        return document
    return json.dumps(ids_format(json.loads(document)), ensure_ascii=False, separators=(",", ":"))


def _voided() -> ColumnElement[bool]:
    """True for a statement some voiding statement of its centre points at (a voiding statement is never voided)."""
    voiding = aliased(StoredStatement, name="voiding")
    return and_(
        StoredStatement.is_voiding.is_(false()),
        exists(
            select(voiding.seq).where(
                voiding.centre == StoredStatement.centre,
                voiding.is_voiding.is_(true()),
                voiding.ref_id == StoredStatement.statement_id,
            )
        ),
    )


def _indexed(kind: str, hashed: str, related: bool, statement: Any) -> ColumnElement[bool]:
    conditions = [IndexRow.statement_seq == statement.seq, IndexRow.kind == kind, IndexRow.hashed == hashed]
    if not related:
        conditions.append(IndexRow.direct.is_(true()))
    return exists(select(IndexRow.statement_seq).where(*conditions))


def _filters(query: StatementQuery) -> list[tuple[str, Any]]:
    """(name, a function of the statements alias giving the condition) for each filter asked for."""
    filters: list[tuple[str, Any]] = []
    if query.agent:
        filters.append(("by_agent", lambda s: _indexed(AGENT, query.agent, query.related_agents, s)))
    if query.verb:
        filters.append(("by_verb", lambda s: _indexed(VERB, query.verb, False, s)))
    if query.activity:
        filters.append(("by_activity", lambda s: _indexed(ACTIVITY, query.activity, query.related_activities, s)))
    if query.registration:
        filters.append(("by_registration", lambda s: s.registration == query.registration))
    return filters


def _matching(name: str, condition: Any, centre: str) -> CTE:
    """Ids of statements that meet a filter, and of statements that point at those through a
    StatementRef, however deep (xAPI: "Andrew confirmed <Ben's statement>" matches agent=Ben)."""
    base = aliased(StoredStatement, name=f"{name}_base")
    matching = select(base.statement_id).where(base.centre == centre, condition(base)).cte(name, recursive=True)
    referrer = aliased(StoredStatement, name=f"{name}_referrer")
    return matching.union(
        select(referrer.statement_id).where(referrer.centre == centre, referrer.ref_id == matching.c.statement_id)
    )


def _beyond(last: Position, ascending: bool) -> ColumnElement[bool]:
    """Statements after `last` in the page order (stored, then seq for the same millisecond)."""
    statement = StoredStatement
    if ascending:
        return or_(statement.stored > last.stored, and_(statement.stored == last.stored, statement.seq > last.seq))
    return or_(statement.stored < last.stored, and_(statement.stored == last.stored, statement.seq < last.seq))
