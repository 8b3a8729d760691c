"""The outbox: statements are added inside the transaction of the event they report, then
taken in batches by the sync worker and marked sent only after the centre said so."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session, sessionmaker

from app.store.models import OutboxStatement, utc_now

WAITING, SENT, SET_ASIDE = "waiting", "sent", "set_aside"


def add_statement(session: Session, statement: dict) -> None:
    """Freeze `statement` in the caller's transaction; the same id twice is kept once."""
    body = json.dumps(statement, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    session.execute(
        insert(OutboxStatement)
        .values(id=statement["id"], body=body, state=WAITING, tries=0, created_at=utc_now())
        .on_conflict_do_nothing()
    )


@dataclass(frozen=True)
class Waiting:
    id: str
    statement: dict


@dataclass(frozen=True)
class OutboxCounts:
    waiting: int
    sent: int
    set_aside: int
    last_sent_at: datetime | None


class OutboxRepository:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def add(self, statement: dict) -> None:
        with self._sessions.begin() as session:
            add_statement(session, statement)

    def waiting(self, limit: int) -> list[Waiting]:
        """The oldest waiting statements, as frozen."""
        with self._sessions() as session:
            rows = session.scalars(
                select(OutboxStatement)
                .where(OutboxStatement.state == WAITING)
                .order_by(OutboxStatement.created_at, OutboxStatement.id)
                .limit(limit)
            )
            return [Waiting(row.id, json.loads(row.body)) for row in rows]

    def mark_sent(self, ids: list[str]) -> None:
        with self._sessions.begin() as session:
            session.execute(
                update(OutboxStatement)
                .where(OutboxStatement.id.in_(ids))
                .values(state=SENT, sent_at=utc_now(), problem=None)
            )

    def count_try(self, ids: list[str], problem: str) -> None:
        with self._sessions.begin() as session:
            session.execute(
                update(OutboxStatement)
                .where(OutboxStatement.id.in_(ids))
                .values(tries=OutboxStatement.tries + 1, problem=problem)
            )

    def set_aside(self, statement_id: str, problem: str) -> None:
        """The centre refused this one for good; keep it for staff, stop sending it."""
        with self._sessions.begin() as session:
            session.execute(
                update(OutboxStatement)
                .where(OutboxStatement.id == statement_id)
                .values(state=SET_ASIDE, problem=problem, tries=OutboxStatement.tries + 1)
            )

    def counts(self) -> OutboxCounts:
        with self._sessions() as session:
            by_state = dict(
                session.execute(select(OutboxStatement.state, func.count()).group_by(OutboxStatement.state)).all()
            )
            last = session.scalar(select(func.max(OutboxStatement.sent_at)))
            return OutboxCounts(by_state.get(WAITING, 0), by_state.get(SENT, 0), by_state.get(SET_ASIDE, 0), last)

    def all_ids(self) -> set[str]:
        with self._sessions() as session:
            return set(session.scalars(select(OutboxStatement.id)))
