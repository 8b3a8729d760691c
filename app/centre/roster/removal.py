"""Removing a learner from the centre at their request, and merging a duplicate into the
learner it duplicates. Both keep the roster row as a marker (without the name, once deleted)
so every kiosk of the centre learns of it through the roster feed and does the same."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Select, delete, select, update

from app.centre.errors import ApiError
from app.centre.forwarding.voiding import withdraw_from_upstream
from app.centre.models import (
    HelpCall,
    IndexRow,
    IssuedCertificate,
    LessonAttempt,
    RosterLearner,
    SessionCheckIn,
    SessionTime,
    StoredStatement,
)

DELETED, MERGED = "deleted", "merged"


def _learner(connection: Connection, centre: str, learner_id: str) -> RosterLearner:
    row = connection.execute(
        select(RosterLearner).where(RosterLearner.centre == centre, RosterLearner.id == learner_id)
    ).first()
    if row is None:
        raise ApiError(404, f"No learner {learner_id} on this centre's roster.")
    if row.removed:
        raise ApiError(410, f"Learner {learner_id} was already {row.removed}.")
    return row


def statements_about(centre: str, learner_id: str) -> Any:
    """The learner's statements: their account name as stored (compact JSON). A learner id is
    a UUID, which nothing else in a statement contains."""
    return (StoredStatement.centre == centre) & StoredStatement.document.contains(f'"name":"{learner_id}"')


@dataclass(frozen=True)
class Deleted:
    """What deleting a learner did: what was removed here, by kind, and how many voiding
    statements are queued for copies the city's store has (or may have) of their statements."""

    removed: dict[str, int]
    upstream_voided: int


def delete_learner(engine: Engine, centre: str, learner_id: str) -> Deleted:
    """Delete everything the centre holds about the learner, in one transaction. Their
    statements not yet forwarded to the city's store are never sent; those it already has are
    voided there (see app.centre.forwarding.voiding), in the same transaction."""
    with engine.begin() as connection:
        _learner(connection, centre, learner_id)
        upstream_voided = withdraw_from_upstream(connection, centre, statements_about(centre, learner_id))
        theirs = select(StoredStatement.seq).where(statements_about(centre, learner_id))
        connection.execute(delete(IndexRow).where(IndexRow.statement_seq.in_(theirs)))  # no cascade: 0009
        removed = {
            "statements": connection.execute(
                delete(StoredStatement).where(statements_about(centre, learner_id))
            ).rowcount,
            "lesson attempts": _delete(connection, LessonAttempt, centre, learner_id),
            "check-ins": _delete(connection, SessionCheckIn, centre, learner_id),
            "session time": _delete(connection, SessionTime, centre, learner_id),
            "help calls": _delete(connection, HelpCall, centre, learner_id),
            "certificates": _delete(connection, IssuedCertificate, centre, learner_id),
        }
        connection.execute(
            update(RosterLearner)
            .where(RosterLearner.centre == centre, RosterLearner.id == learner_id)
            .values(display_name="", phone_last4=None, removed=DELETED, changed=datetime.now(UTC))
        )
    return Deleted(removed, upstream_voided)


def _delete(connection: Connection, table: Any, centre: str, learner_id: str) -> int:
    return connection.execute(delete(table).where(table.centre == centre, table.learner_id == learner_id)).rowcount


def merge_learner(engine: Engine, centre: str, duplicate: str, keep: str) -> dict[str, int]:
    """Move the duplicate's records to the learner kept; the duplicate's later statements fold
    into the kept learner too (see `owners_of`). Statements themselves are never rewritten."""
    if duplicate == keep:
        raise ApiError(400, "A learner cannot be merged into themselves.")
    now = datetime.now(UTC)
    with engine.begin() as connection:
        _learner(connection, centre, duplicate)
        _learner(connection, centre, keep)
        moved = {
            "lesson attempts": _repoint(connection, LessonAttempt, centre, duplicate, keep),
            "help calls": _repoint(connection, HelpCall, centre, duplicate, keep),
            "certificates": _repoint(connection, IssuedCertificate, centre, duplicate, keep),
            "check-ins": _move_check_ins(connection, centre, duplicate, keep),
            "session time": _move_time(connection, centre, duplicate, keep),
        }
        connection.execute(
            update(RosterLearner)
            .where(RosterLearner.centre == centre, RosterLearner.id == duplicate)
            .values(removed=MERGED, merged_into=keep, changed=now)
        )
        connection.execute(
            update(RosterLearner).where(RosterLearner.centre == centre, RosterLearner.id == keep).values(changed=now)
        )
        connection.execute(
            update(LessonAttempt)
            .where(LessonAttempt.centre == centre, LessonAttempt.learner_id == keep)
            .values(changed=now)
        )
    return moved


def _repoint(connection: Connection, table: Any, centre: str, duplicate: str, keep: str) -> int:
    return connection.execute(
        update(table).where(table.centre == centre, table.learner_id == duplicate).values(learner_id=keep)
    ).rowcount


def _move_check_ins(connection: Connection, centre: str, duplicate: str, keep: str) -> int:
    """A session both were checked in to keeps the kept learner's check-in."""
    rows = connection.execute(
        select(SessionCheckIn).where(SessionCheckIn.centre == centre, SessionCheckIn.learner_id == duplicate)
    ).all()
    for row in rows:
        taken = connection.execute(
            select(SessionCheckIn.first_at).where(
                SessionCheckIn.centre == centre,
                SessionCheckIn.session_id == row.session_id,
                SessionCheckIn.learner_id == keep,
            )
        ).scalar()
        where = (
            (SessionCheckIn.centre == centre)
            & (SessionCheckIn.session_id == row.session_id)
            & (SessionCheckIn.learner_id == duplicate)
        )
        if taken is None:
            connection.execute(update(SessionCheckIn).where(where).values(learner_id=keep))
        else:
            connection.execute(delete(SessionCheckIn).where(where))
    return len(rows)


def _move_time(connection: Connection, centre: str, duplicate: str, keep: str) -> int:
    rows = connection.execute(
        select(SessionTime).where(SessionTime.centre == centre, SessionTime.learner_id == duplicate)
    ).all()
    for row in rows:
        session_of = (SessionTime.centre == centre) & (SessionTime.session_id == row.session_id)
        mine, theirs = session_of & (SessionTime.learner_id == keep), session_of & (SessionTime.learner_id == duplicate)
        if connection.execute(select(SessionTime.seconds).where(mine)).scalar() is None:
            connection.execute(update(SessionTime).where(theirs).values(learner_id=keep))
        else:
            connection.execute(update(SessionTime).where(mine).values(seconds=SessionTime.seconds + row.seconds))
            connection.execute(delete(SessionTime).where(theirs))
    return len(rows)


def roster_rows_among(learner_ids: set[str]) -> Select[Any]:
    """The roster rows of those of `learner_ids` the centre has, with their centre, for
    owners_of and foreign_learners. A query of its own so a group write can send it with the
    others of its turn (see app.centre.xapi.group_write)."""
    return select(RosterLearner.id, RosterLearner.centre, RosterLearner.removed, RosterLearner.merged_into).where(
        RosterLearner.id.in_(learner_ids)
    )


def owners_of(rows: Iterable[Any], learner_ids: set[str]) -> dict[str, str | None]:
    """Whose records a statement about each of `learner_ids` belongs to: the learner kept for a
    merged duplicate, None for a deleted learner (nothing is kept about them), else the
    learner; from the rows roster_rows_among found."""
    removed = {row[0]: (row[3] if row[2] == MERGED else None) for row in rows if row[2] is not None}
    return {learner_id: removed.get(learner_id, learner_id) for learner_id in learner_ids}


def centres_of(rows: Iterable[Any]) -> dict[str, str]:
    """Each learner's centre, from the rows roster_rows_among found (learners not on any
    roster yet are not in it: a kiosk may send a learner's statements before the roster)."""
    return {row[0]: row[1] for row in rows}
