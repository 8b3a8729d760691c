"""Statements in and out of the database. Writes are idempotent without check-then-insert:
each statement is inserted with ON CONFLICT DO NOTHING and only a statement that was already
there is compared, so two kiosks resending the same record at once cannot both store it or
both fail. A batch is one transaction: any refusal stores nothing."""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Engine, and_, exists, false, func, not_, or_, select, text, true
from sqlalchemy.orm import aliased
from sqlalchemy.sql.selectable import CTE

from app.centre.credentials import Client
from app.centre.errors import ApiError, bad_request
from app.centre.forwarding.queue import enqueue_new
from app.centre.models import IndexRow, StoredStatement
from app.centre.roster.attempts import fold as fold_attempts
from app.centre.roster.classes import fold as fold_class_events
from app.centre.roster.removal import deleted_among
from app.centre.xapi.canonical import same_statement
from app.centre.xapi.driver_insert import DriverInsert
from app.centre.xapi.fast_json import dumps_compact
from app.centre.xapi.formats import ids_format
from app.centre.xapi.group_commit import GroupCommit, Job
from app.centre.xapi.index import ACTIVITY, AGENT, VERB, IndexEntry, index_entries
from app.centre.xapi.query import Position, SingleQuery, StatementQuery
from app.centre.xapi.schema import VOIDED_VERB
from app.centre.xapi.write_turn import WriteTurn

AUTHORITY_HOME_PAGE = "urn:silversteps:centre"
EARLIEST = "1970-01-01T00:00:00.000Z"  # Consistent-Through of a centre with no statement yet
STATEMENTS_PER_GROUP = 1000  # batches waiting are written together up to this many statements
TURN_LOCKS = 0x53535453  # PostgreSQL advisory locks of this module: (TURN_LOCKS, hashtext(centre))


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
    will be returned, and its index entries (worked out before the writer's turn, which on
    PostgreSQL the other workers wait for). One per statement, so a tuple made in C."""

    statement_id: str
    sent: dict[str, Any]
    document: dict[str, Any]
    index: list[IndexEntry]

    @property
    def ref_id(self) -> str | None:
        target = self.document["object"]
        return target["id"].lower() if target.get("objectType") == "StatementRef" else None

    @property
    def registration(self) -> str | None:
        registration = (self.document.get("context") or {}).get("registration")
        return registration.lower() if registration else None


def prepare(statement: dict[str, Any], authority: dict[str, Any], stored: str) -> Prepared:
    """Give the statement its id, and its stored, authority and version as the server sets them
    (`stored` here is provisional, for the order of the keys: the writer's turn sets it)."""
    statement_id = str(statement.get("id") or uuid.uuid4()).lower()
    document = {"id": statement_id, **{key: value for key, value in statement.items() if key != "id"}}
    document.setdefault("timestamp", stored)
    document["stored"] = stored
    document["authority"] = authority
    document.setdefault("version", "1.0.0")
    return Prepared(statement_id, statement, document, index_entries(document))


def deleted_learner_refusal(learner: str) -> ApiError:
    """A learner deleted at their request gets no new records (a kiosk that has not heard yet
    may still send some); 409 sets the statement aside on the kiosk, which then deletes it."""
    return ApiError(
        409,
        f"Learner {learner} was deleted at their request; the centre keeps nothing more about them. "
        "The kiosk deletes its own copy when it next hears from the centre.",
    )


def learners_of(batch: list[Prepared]) -> set[str]:
    return {str(name) for item in batch if (name := (item.document["actor"].get("account") or {}).get("name"))}


@dataclass(frozen=True)
class Pending:
    """One request's checked batch, waiting to be written with its group."""

    batch: list[Prepared]
    client: Client

    def stamp(self, stored: datetime) -> None:
        """`stored` as taken in the writer's turn (and `timestamp` where the client gave none)."""
        text = timestamp_text(stored)
        for item in self.batch:
            item.document["stored"] = text
            if "timestamp" not in item.sent:
                item.document["timestamp"] = text


@dataclass(frozen=True)
class Inserted:
    """A statement this group stored for the first time, and its sequence number."""

    item: Prepared
    seq: int
    centre: str


@dataclass(frozen=True)
class Page:
    documents: list[str]
    next: Position | None


class StatementRepository:
    """Stores and finds statements of one centre at a time (the caller's credential decides which)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._driver_insert = DriverInsert(engine)
        self._write_turn = WriteTurn(engine.url.database if engine.dialect.name == "sqlite" else None)
        self._writers: defaultdict[str, GroupCommit] = defaultdict(
            lambda: GroupCommit(self._write_group, STATEMENTS_PER_GROUP)
        )

    def store(self, statements: list[dict[str, Any]], client: Client) -> list[str]:
        """Store a batch (all or nothing); returns the ids in order, new and already stored alike.
        The batch is written with the others waiting at the same time, in one transaction with
        one commit (see group_commit); a refused batch is taken out of it and stores nothing."""
        provisional = timestamp_text(stored_now())  # replaced in the writer's turn (see _take_turn)
        authority = authority_of(client)  # one object for the batch: nothing changes it
        batch = [prepare(statement, authority, provisional) for statement in statements]
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

    def _write_group(self, jobs: list[Job]) -> None:
        """One transaction for every batch of the group: one insert of all their statements,
        then one for their index rows, one fold per kind and centre, one forwarding enqueue."""
        with self._write_turn.held(), self._engine.begin() as connection:
            stored = self._take_turn(connection, {job.work.client.centre for job in jobs})
            for job in jobs:
                job.work.stamp(stored)
            learners = {job: learners_of(job.work.batch) for job in jobs}
            gone = deleted_among(connection, set().union(*learners.values()))
            for job, theirs in learners.items():
                if refused := sorted(theirs & gone):
                    job.refuse(deleted_learner_refusal(refused[0]))
            inserted = self._insert_statements(connection, [job for job in jobs if job.error is None], stored)
            self._driver_insert.index_rows(
                connection,
                [(new.seq, entry.kind, entry.hashed, entry.direct) for new in inserted for entry in new.item.index],
            )
            for centre in sorted({new.centre for new in inserted}):
                documents = [new.item.document for new in inserted if new.centre == centre]
                fold_attempts(connection, centre, documents, stored)
                fold_class_events(connection, centre, documents, stored)
            enqueue_new(connection, [new.seq for new in inserted], stored)
        for job in jobs:  # only once committed
            if job.error is None:
                job.answer = [item.statement_id for item in job.work.batch]

    def _insert_statements(self, connection: Any, jobs: list[Job], stored: datetime) -> list[Inserted]:
        """Insert the statements of every batch at once. An id already taken is compared with
        what is stored; a batch with a conflict is refused, and the rest inserted again without it."""
        while jobs:
            attempt = connection.begin_nested()
            stored_value = self._driver_insert.stored_value(stored)
            rows = [_row(item, job.work.client, stored_value) for job in jobs for item in job.work.batch]
            taken_now = self._driver_insert.statements(connection, rows)
            inserted: list[Inserted] = []
            resent: list[tuple[Job, Prepared]] = []
            for job in jobs:
                for item in job.work.batch:
                    seq = taken_now.pop(item.statement_id, None)  # popped: the same id in a later batch compares
                    if seq is None:
                        resent.append((job, item))
                    else:
                        inserted.append(Inserted(item, seq, job.work.client.centre))
            held = _held(connection, {item.statement_id for _, item in resent})
            for job, item in resent:
                if job.error is None:
                    try:
                        _compare_with_stored(item, job.work.client, *held[item.statement_id])
                    except ApiError as error:
                        job.refuse(error)
            if all(job.error is None for job in jobs):
                attempt.commit()
                return inserted
            attempt.rollback()
            jobs = [job for job in jobs if job.error is None]
        return []

    def _writer_key(self, centre: str) -> str:
        """Batches in this process queue here, holding no connection, for the turn _take_turn
        takes in the database: SQLite's busy wait is no queue (a writer can starve past its
        timeout while others go ahead: a 503 under fifty kiosks at once), and a PostgreSQL
        writer waiting in the database would hold one of the pool's few connections. Between
        the worker processes of one SQLite file, the group writers take turns by WriteTurn."""
        return "" if self._engine.dialect.name == "sqlite" else centre  # SQLite: one writer at all

    def _take_turn(self, connection: Any, centres: set[str]) -> datetime:
        """Writers of one centre take turns, and each takes its `stored` in its turn, later than
        any before it. So statements become visible in `stored` order, and a reader asking for
        `since` the newest `stored` it has seen (or the Consistent-Through header) misses none
        that commit later: were `stored` taken before the turn, a batch waiting for its turn
        would commit after a later one, behind a reader that had already moved past it."""
        if self._engine.dialect.name == "postgresql":
            for centre in sorted(centres):  # one on PostgreSQL (a group is one centre's); sorted: no deadlock
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(CAST(:space AS integer), hashtext(:centre))"),
                    {"space": TURN_LOCKS, "centre": centre},
                )
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # SQLite's write lock now, not at the first insert
        newest = [last for centre in centres if (last := connection.execute(_newest_stored(centre)).scalar())]
        now = stored_now()
        return now if not newest or now > max(newest) else max(newest) + timedelta(milliseconds=1)

    def consistent_through(self, centre: str) -> str:
        """X-Experience-API-Consistent-Through: every statement stored up to this time is visible
        now, and none will commit later with an earlier `stored` (see _take_turn)."""
        with self._engine.connect() as connection:
            last = connection.execute(_newest_stored(centre)).scalar()
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


def _held(connection: Any, statement_ids: set[str]) -> dict[str, tuple[str, str]]:
    """The centre and stored document of each id already taken, in one query for the group."""
    if not statement_ids:
        return {}
    found = connection.execute(
        select(StoredStatement.statement_id, StoredStatement.centre, StoredStatement.document).where(
            StoredStatement.statement_id.in_(statement_ids)
        )
    )
    return {row.statement_id: (row.centre, row.document) for row in found}


def _compare_with_stored(item: Prepared, client: Client, centre: str, document: str) -> None:
    """The id was taken: the same statement again is fine; anything else stops the batch."""
    if centre != client.centre:
        raise ApiError(403, f"Statement {item.statement_id} belongs to another centre; this key cannot write it.")
    if not same_statement({**item.sent, "id": item.statement_id}, json.loads(document)):
        raise ApiError(
            409,
            f"Statement {item.statement_id} is already stored with different content; a statement cannot be "
            "changed. Send new records with a new id (or void the old one).",
        )


def _row(item: Prepared, client: Client, stored: Any) -> tuple[Any, ...]:
    """A statement row in DriverInsert's column order."""
    return (
        item.statement_id,
        client.centre,
        client.key,
        stored,
        item.ref_id,
        item.document["verb"]["id"] == VOIDED_VERB,
        item.registration,
        dumps_compact(item.document),
    )


def _newest_stored(centre: str) -> Any:
    return select(func.max(StoredStatement.stored)).where(StoredStatement.centre == centre)


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
