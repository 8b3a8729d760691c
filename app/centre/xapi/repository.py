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
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, exists, false, func, insert, not_, or_, select, text, true
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import aliased
from sqlalchemy.sql.selectable import CTE

from app.centre.credentials import Client
from app.centre.errors import ApiError, bad_request
from app.centre.forwarding.queue import enqueue_new
from app.centre.models import IndexRow, StoredStatement
from app.centre.roster.attempts import fold as fold_attempts
from app.centre.roster.classes import fold as fold_class_events
from app.centre.roster.removal import deleted_among
from app.centre.xapi.canonical import fingerprint
from app.centre.xapi.formats import ids_format
from app.centre.xapi.index import ACTIVITY, AGENT, VERB, index_entries
from app.centre.xapi.query import Position, SingleQuery, StatementQuery
from app.centre.xapi.schema import VOIDED_VERB
from app.centre.xapi.turns import FirstComeFirstServed

AUTHORITY_HOME_PAGE = "urn:silversteps:centre"
EARLIEST = "1970-01-01T00:00:00.000Z"  # Consistent-Through of a centre with no statement yet
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


@dataclass(frozen=True)
class Prepared:
    """A checked statement ready to insert: its id, the fingerprint of what the client sent, and
    the document as it will be returned."""

    statement_id: str
    fingerprint: str
    document: dict[str, Any]

    @property
    def ref_id(self) -> str | None:
        target = self.document["object"]
        return target["id"].lower() if target.get("objectType") == "StatementRef" else None

    @property
    def registration(self) -> str | None:
        registration = (self.document.get("context") or {}).get("registration")
        return registration.lower() if registration else None


def prepare(statement: dict[str, Any], client: Client, stored: datetime) -> Prepared:
    """Give the statement its id, and its stored, authority and version as the server sets them."""
    statement_id = str(statement.get("id") or uuid.uuid4()).lower()
    received = {**statement, "id": statement_id}
    document = {"id": statement_id, **{key: value for key, value in statement.items() if key != "id"}}
    document.setdefault("timestamp", timestamp_text(stored))
    document["stored"] = timestamp_text(stored)
    document["authority"] = authority_of(client)
    document.setdefault("version", "1.0.0")
    return Prepared(statement_id, fingerprint(received), document)


def refuse_deleted_learners(connection: Any, batch: list[Prepared]) -> None:
    """A learner deleted at their request gets no new records (a kiosk that has not heard yet
    may still send some); 409 sets the statement aside on the kiosk, which then deletes it."""
    names = {str(name) for item in batch if (name := (item.document["actor"].get("account") or {}).get("name"))}
    if gone := deleted_among(connection, names):
        raise ApiError(
            409,
            f"Learner {sorted(gone)[0]} was deleted at their request; the centre keeps nothing more about them. "
            "The kiosk deletes its own copy when it next hears from the centre.",
        )


@dataclass(frozen=True)
class Page:
    documents: list[str]
    next: Position | None


class StatementRepository:
    """Stores and finds statements of one centre at a time (the caller's credential decides which)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
        # One statement for every batch, so it is compiled once (a fresh multi-row VALUES per
        # batch size was compiled every time); SQLAlchemy sends the rows as one insert.
        self._insert_new = (
            self._insert(StoredStatement)
            .on_conflict_do_nothing(index_elements=[StoredStatement.statement_id])
            .returning(StoredStatement.statement_id, StoredStatement.seq)
        )
        self._turns: defaultdict[str, FirstComeFirstServed] = defaultdict(FirstComeFirstServed)

    def store(self, statements: list[dict[str, Any]], client: Client) -> list[str]:
        """Store a batch (all or nothing); returns the ids in order, new and already stored alike."""
        stored = stored_now()
        batch = [prepare(statement, client, stored) for statement in statements]
        seen: set[str] = set()
        for item in batch:
            if item.statement_id in seen:
                raise bad_request(f"The batch has statement id {item.statement_id} more than once; send it once.")
            seen.add(item.statement_id)
        new_seqs: list[int] = []  # forwarded upstream: queued in this same transaction
        with self._waiting_turn(client.centre), self._engine.begin() as connection:
            stored = self._take_turn(connection, client.centre)
            for item, sent in zip(batch, statements, strict=True):
                item.document["stored"] = timestamp_text(stored)
                if "timestamp" not in sent:
                    item.document["timestamp"] = item.document["stored"]
            refuse_deleted_learners(connection, batch)
            # One multi-row insert for the batch, then one for its index rows and one fold per
            # kind: per-statement round trips were most of the cost of storing.
            inserted = dict(
                connection.execute(self._insert_new, [self._row(item, client, stored) for item in batch]).all()
            )
            index_rows, new_documents = [], []
            for item in batch:
                seq = inserted.get(item.statement_id)
                if seq is None:
                    self._compare_with_stored(connection, item, client)
                    continue
                new_seqs.append(seq)
                new_documents.append(item.document)
                index_rows += [
                    {"statement_seq": seq, "kind": entry.kind, "hashed": entry.hashed, "direct": entry.direct}
                    for entry in index_entries(item.document)
                ]
            if index_rows:
                connection.execute(insert(IndexRow), index_rows)
            fold_attempts(connection, client.centre, new_documents, stored)
            fold_class_events(connection, client.centre, new_documents, stored)
            enqueue_new(connection, new_seqs, stored)
        return [item.statement_id for item in batch]

    @staticmethod
    def _row(item: Prepared, client: Client, stored: datetime) -> dict[str, Any]:
        return {
            "statement_id": item.statement_id,
            "centre": client.centre,
            "credential_key": client.key,
            "stored": stored,
            "ref_id": item.ref_id,
            "is_voiding": item.document["verb"]["id"] == VOIDED_VERB,
            "registration": item.registration,
            "fingerprint": item.fingerprint,
            "document": json.dumps(item.document, ensure_ascii=False, separators=(",", ":")),
        }

    def _waiting_turn(self, centre: str) -> FirstComeFirstServed:
        """Writers in this process queue here, holding no connection, for the turn _take_turn
        takes in the database: SQLite's busy wait is no queue (a writer can starve past its
        timeout while others go ahead: a 503 under fifty kiosks at once), and a PostgreSQL
        writer waiting in the database would hold one of the pool's few connections."""
        return self._turns["" if self._engine.dialect.name == "sqlite" else centre]  # SQLite: one writer at all

    def _take_turn(self, connection: Any, centre: str) -> datetime:
        """Writers of one centre take turns, and each takes its `stored` in its turn, later than
        any before it. So statements become visible in `stored` order, and a reader asking for
        `since` the newest `stored` it has seen (or the Consistent-Through header) misses none
        that commit later: were `stored` taken before the turn, a batch waiting for its turn
        would commit after a later one, behind a reader that had already moved past it."""
        if self._engine.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(CAST(:space AS integer), hashtext(:centre))"),
                {"space": TURN_LOCKS, "centre": centre},
            )
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # SQLite's write lock now, not at the first insert
        last = connection.execute(_newest_stored(centre)).scalar()
        now = stored_now()
        return now if last is None or now > last else last + timedelta(milliseconds=1)

    def consistent_through(self, centre: str) -> str:
        """X-Experience-API-Consistent-Through: every statement stored up to this time is visible
        now, and none will commit later with an earlier `stored` (see _take_turn)."""
        with self._engine.connect() as connection:
            last = connection.execute(_newest_stored(centre)).scalar()
        return timestamp_text(last) if last is not None else EARLIEST

    @staticmethod
    def _compare_with_stored(connection: Any, item: Prepared, client: Client) -> None:
        """The id was taken: the same statement again is fine; anything else stops the batch."""
        existing = connection.execute(
            select(StoredStatement.centre, StoredStatement.fingerprint).where(
                StoredStatement.statement_id == item.statement_id
            )
        ).one()
        if existing.centre != client.centre:
            raise ApiError(403, f"Statement {item.statement_id} belongs to another centre; this key cannot write it.")
        if existing.fingerprint != item.fingerprint:
            raise ApiError(
                409,
                f"Statement {item.statement_id} is already stored with different content; a statement cannot be "
                "changed. Send new records with a new id (or void the old one).",
            )

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
