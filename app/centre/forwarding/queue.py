"""The durable queue of statements still to forward. Claiming and settling are each one
statement that decides and changes at once, never a read followed by a write, so any number
of forwarders in any number of processes and machines can share the queue:

- a statement joins in the transaction that stores it (`queue_new`), and only if forwarding
  was ever set up, which it learns under a lock the operator's change must wait for;
- a forwarder claims a batch by setting a lease (`claimed_until`) on rows nobody holds, with
  FOR UPDATE SKIP LOCKED on PostgreSQL (SQLite has one writer at a time anyway);
- a delivered statement's row is deleted; a refused one is set aside with the upstream's words.

Voiding statements for the forwarded statements of a learner deleted at their request wait in
a second lane, `forwarding_voids` (see `app.centre.forwarding.voiding`), claimed and settled
by the same rules; a forwarder takes them before statements.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Select,
    Update,
    and_,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.orm import InstrumentedAttribute

from app.centre.models import ForwardingQueueItem, ForwardingUpstream, ForwardingVoid, StoredStatement
from app.system.processes import still_running

LEASE = timedelta(seconds=60)
UPSTREAM_ROW = 1  # the one forwarding_upstream row (migration 0004 makes it)

Queue = ForwardingQueueItem
Voids = ForwardingVoid


@dataclass(frozen=True)
class Lane:
    """One of the two queues a forwarder sends from: the table and the key its rows go by."""

    name: str
    table: Any
    key: InstrumentedAttribute[int]


STATEMENTS = Lane("statements", Queue, Queue.statement_seq)
VOIDS = Lane("voids", Voids, Voids.seq)
LANES = (VOIDS, STATEMENTS)  # in the order a forwarder takes them: a deleted learner's voids first


def forwarder_name() -> str:
    """Who holds a lease: this machine and process, so a restarted server can tell that a lease
    of a process that no longer exists on this machine can be taken back at once."""
    return f"{socket.gethostname()[:48]}:{os.getpid()}"


@dataclass(frozen=True)
class Claimed:
    """A statement this forwarder holds the lease on."""

    seq: int
    statement_id: str
    document: dict[str, Any]
    lane: Lane = STATEMENTS


# ---- joining the queue --------------------------------------------------------------------


def forwarding_set_up() -> Select[Any]:
    """Whether forwarding was ever set up (a URL, or none), read FOR KEY SHARE in the
    transaction that stores statements, before it queues them (queue_new). An operator setting
    forwarding up at that moment either waits for that transaction, and then queues its
    statements with the ones stored before, or commits first, and then the read sees it set up.
    (SQLite has no row locks: there the writer already holds the database's write lock.)"""
    return (
        select(ForwardingUpstream.url)
        .where(ForwardingUpstream.id == UPSTREAM_ROW)
        .with_for_update(read=True, key_share=True)
    )


def queue_new(connection: Connection, seqs: list[int], now: datetime) -> None:
    """Queue statements just stored in this transaction, once forwarding_set_up found it set up."""
    if seqs:
        connection.execute(insert(Queue), [{"statement_seq": seq, "queued_at": now} for seq in seqs])


def queue_all_stored(connection: Connection, now: datetime) -> int:
    """Queue every stored statement not already queued (when forwarding is first set up); returns
    how many joined, counted (psycopg reports no row count for INSERT … SELECT)."""
    before = queued_count(connection)
    not_queued = ~exists(select(Queue.statement_seq).where(Queue.statement_seq == StoredStatement.seq))
    stored = select(StoredStatement.seq, literal(now, Queue.queued_at.type)).where(not_queued)
    connection.execute(insert(Queue).from_select(["statement_seq", "queued_at"], stored))
    return queued_count(connection) - before


# ---- claiming and settling ----------------------------------------------------------------


def _claimable(now: datetime, lane: Lane = STATEMENTS) -> ColumnElement[bool]:
    table = lane.table
    return and_(table.set_aside_at.is_(None), or_(table.claimed_until.is_(None), table.claimed_until < now))


def claim(engine: Engine, holder: str, limit: int, lane: Lane = STATEMENTS) -> list[Claimed]:
    """Take up to `limit` statements of `lane` nobody holds (oldest first) under a fresh lease.
    A quick look first, so an idle forwarder polling an empty queue never takes a write lock."""
    now = datetime.now(UTC)
    with engine.connect() as connection:
        if connection.execute(select(lane.key).where(_claimable(now, lane)).limit(1)).first() is None:
            return []
    with engine.begin() as connection:
        seqs = sorted(connection.execute(_claiming(engine, holder, limit, now, lane)).scalars())
        if not seqs:
            return []
        source = Voids if lane is VOIDS else StoredStatement
        rows = connection.execute(
            select(source.seq, source.statement_id, source.document).where(source.seq.in_(seqs)).order_by(source.seq)
        ).all()
    return [Claimed(row.seq, row.statement_id, json.loads(row.document), lane) for row in rows]


def _claiming(engine: Engine, holder: str, limit: int, now: datetime, lane: Lane = STATEMENTS) -> Update:
    """The one UPDATE that claims. On PostgreSQL the rows are picked in a MATERIALIZED CTE with
    FOR UPDATE SKIP LOCKED: written as `IN (subquery)`, the planner may run the subquery again
    for each row, and each run skips the rows this UPDATE has just locked, so it would claim
    far more than `limit`. SQLite runs the subquery once, and has one writer at a time."""
    table, key = lane.table, lane.key
    picked = select(key).where(_claimable(now, lane)).order_by(key).limit(limit)
    lease = {"claimed_until": now + LEASE, "claimed_by": holder}
    if engine.dialect.name == "postgresql":
        chosen = picked.with_for_update(skip_locked=True).cte("chosen").prefix_with("MATERIALIZED")
        return update(table).where(key == chosen.c[key.key]).values(**lease).returning(key)
    return update(table).where(key.in_(picked)).values(**lease).returning(key)


def renew(engine: Engine, holder: str, seqs: list[int], lane: Lane = STATEMENTS) -> None:
    """Extend the lease, so a slow upstream or a long split never lets it run out mid-send."""
    with engine.begin() as connection:
        connection.execute(
            update(lane.table)
            .where(lane.key.in_(seqs), lane.table.claimed_by == holder)
            .values(claimed_until=datetime.now(UTC) + LEASE)
        )


def forget_delivered(connection: Connection, seqs: list[int], lane: Lane = STATEMENTS) -> None:
    """The upstream has these: they leave the queue, whoever holds them now."""
    connection.execute(delete(lane.table).where(lane.key.in_(seqs)))


def set_aside(engine: Engine, seq: int, reason: str, lane: Lane = STATEMENTS) -> None:
    """The upstream refused this statement on its own: keep it out of the way, with its words."""
    with engine.begin() as connection:
        connection.execute(
            update(lane.table)
            .where(lane.key == seq)
            .values(set_aside_at=datetime.now(UTC), set_aside_reason=reason, claimed_until=None, claimed_by=None)
        )


def release(engine: Engine, holder: str, seqs: list[int] | None = None, lane: Lane | None = None) -> None:
    """Give back leases (all of this holder's, in both lanes, when `seqs` is None), so they go
    at the next try. `claimed_by` stays: a statement a forwarder held may have reached the
    upstream (a request that timed out after the store had it), which deleting a learner must
    know (app.centre.forwarding.voiding)."""
    with engine.begin() as connection:
        for each in (lane,) if lane is not None else LANES:
            condition = and_(each.table.claimed_by == holder, each.table.claimed_until.is_not(None))
            if seqs is not None:
                condition = and_(condition, each.key.in_(seqs))
            connection.execute(update(each.table).where(condition).values(claimed_until=None))


def _pid_of(holder: str) -> int:
    """The holder's process id; 0 (unsure, so alive) for a name without one."""
    pid = holder.rsplit(":", 1)[-1]
    return int(pid) if pid.isdigit() else 0


def release_abandoned(engine: Engine, holder: str) -> int:
    """Take back at once the leases of processes of this machine that no longer exist (a server
    killed and started again); other machines' leases run out by themselves, and so do those of
    a process whose state cannot be read (app.system.processes: asked without a signal, since
    os.kill(pid, 0) on Windows would end the process asked about). Called before this
    forwarder claims anything, so leases in its own name are a killed predecessor's that had
    the same process id (a server that is always pid 1 in its container). Returns how many."""
    host = holder.rsplit(":", 1)[0]
    now = datetime.now(UTC)
    holders: set[str] = set()
    with engine.connect() as connection:
        for lane in LANES:
            table = lane.table
            mine = and_(table.claimed_until >= now, table.claimed_by.startswith(f"{host}:"))
            holders.update(connection.execute(select(table.claimed_by).where(mine).distinct()).scalars())
    gone = [name for name in sorted(holders) if name == holder or not still_running(_pid_of(name))]
    if not gone:
        return 0
    taken_back = 0
    with engine.begin() as connection:
        for lane in LANES:
            result = connection.execute(
                update(lane.table)
                .where(lane.table.claimed_by.in_(gone), lane.table.claimed_until.is_not(None))
                .values(claimed_until=None)
            )
            taken_back += max(result.rowcount, 0)
    return taken_back


# ---- what the operator sees ---------------------------------------------------------------


def queued_count(connection: Connection) -> int:
    """Every row of both lanes, set aside or not."""
    return sum(connection.execute(select(func.count()).select_from(lane.table)).scalar_one() for lane in LANES)


def waiting_count(connection: Connection) -> int:
    return sum(
        connection.execute(
            select(func.count()).select_from(lane.table).where(lane.table.set_aside_at.is_(None))
        ).scalar_one()
        for lane in LANES
    )


def drop_queued(connection: Connection) -> int:
    """Empty both lanes (forwarding forgotten); returns how many rows went."""
    dropped = queued_count(connection)
    for lane in LANES:
        connection.execute(delete(lane.table))
    return dropped


def put_back_set_aside(connection: Connection) -> int:
    put_back = 0
    for lane in LANES:
        table = lane.table
        result = connection.execute(
            update(table).where(table.set_aside_at.is_not(None)).values(set_aside_at=None, set_aside_reason=None)
        )
        put_back += max(result.rowcount, 0)
    return put_back


@dataclass(frozen=True)
class SetAside:
    statement_id: str
    at: datetime
    reason: str
    voided_id: str | None = None  # for a voiding statement: the forwarded statement it voids


@dataclass(frozen=True)
class QueueState:
    waiting: int  # statements and voiding statements alike
    in_flight: int
    oldest_waiting: datetime | None
    set_aside: int
    first_set_aside: list[SetAside]
    voids_waiting: int = 0  # of `waiting`: voiding statements for deleted learners' forwarded ones


def queue_state(engine: Engine, show_set_aside: int = 10) -> QueueState:
    now = datetime.now(UTC)
    waiting = in_flight = aside = 0
    oldest: list[datetime] = []
    voids_waiting = 0
    with engine.connect() as connection:
        for lane in LANES:
            table = lane.table
            count, first = connection.execute(
                select(func.count(), func.min(table.queued_at)).where(table.set_aside_at.is_(None))
            ).one()
            waiting += count
            voids_waiting += count if lane is VOIDS else 0
            oldest += [first] if first is not None else []
            in_flight += connection.execute(
                select(func.count()).where(table.set_aside_at.is_(None), table.claimed_until >= now)
            ).scalar_one()
            aside += connection.execute(
                select(func.count()).select_from(table).where(table.set_aside_at.is_not(None))
            ).scalar_one()
        listed = [
            SetAside(row[0], row[1], row[2] or "")
            for row in connection.execute(
                select(StoredStatement.statement_id, Queue.set_aside_at, Queue.set_aside_reason)
                .join(StoredStatement, StoredStatement.seq == Queue.statement_seq)
                .where(Queue.set_aside_at.is_not(None))
                .order_by(Queue.set_aside_at, Queue.statement_seq)
                .limit(show_set_aside)
            )
        ] + [
            SetAside(row[0], row[1], row[2] or "", row[3])
            for row in connection.execute(
                select(Voids.statement_id, Voids.set_aside_at, Voids.set_aside_reason, Voids.voided_id)
                .where(Voids.set_aside_at.is_not(None))
                .order_by(Voids.set_aside_at, Voids.seq)
                .limit(show_set_aside)
            )
        ]
    listed.sort(key=lambda item: item.at)
    return QueueState(
        waiting=waiting,
        in_flight=in_flight,
        oldest_waiting=min(oldest) if oldest else None,
        set_aside=aside,
        first_set_aside=listed[:show_set_aside],
        voids_waiting=voids_waiting,
    )
