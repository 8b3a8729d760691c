"""Lesson attempts folded from statements as they are stored: each newly stored statement of a
lesson (started, a step done, completed) moves its attempt forward, in the same transaction
as the statement. The fold only takes the greater of each value, so any arrival order, and
any kiosk, gives the same row; a statement stored once is folded once."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Connection, Dialect, Engine, and_, func, or_, select
from sqlalchemy.orm import Session

from app.centre.many_rows import ManyRows
from app.centre.models import LessonAttempt, RosterLearner
from app.centre.roster.cursor import Cursor, next_cursor
from app.centre.roster.sql import greatest, upsert_for
from app.core.xapi import (
    ATTEMPT_EXTENSION,
    KIOSK_EXTENSION,
    LESSON_PREFIX,
    MISTAKES_EXTENSION,
    POSITION_EXTENSION,
    STEPS_EXTENSION,
    TOTAL_MISTAKES_EXTENSION,
    TOTAL_SECONDS_EXTENSION,
    VERBS,
)

PAGE = 500
STARTED, PROGRESSED, COMPLETED = (VERBS[key][0] for key in ("initialized", "progressed", "completed"))
_DURATION = re.compile(r"^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


def duration_seconds(text: object) -> float:
    """Seconds of an ISO 8601 duration like PT4M12.5S; 0 for anything else."""
    found = _DURATION.match(text) if isinstance(text, str) else None
    if not found:
        return 0.0
    days, hours, minutes, seconds = (float(part or 0) for part in found.groups())
    return ((days * 24 + hours) * 60 + minutes) * 60 + seconds


def _number(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


class AttemptEvent(NamedTuple):
    """What one statement says about an attempt (a named tuple: one per statement of a lesson,
    made in C)."""

    registration: str
    learner_id: str
    lesson_id: str
    attempt: int
    position: int
    steps: int | None
    done: bool
    mistakes: int
    seconds: float
    completed_at: str | None
    kiosk_id: str | None


def event_of(document: dict[str, Any]) -> AttemptEvent | None:
    """The attempt event a stored statement carries, or None for any other statement."""
    verb = document.get("verb", {}).get("id")
    target = document.get("object", {})
    context = document.get("context") or {}
    extensions = context.get("extensions") or {}
    account = document.get("actor", {}).get("account") or {}
    if verb not in (STARTED, PROGRESSED, COMPLETED) or not str(target.get("id", "")).startswith(LESSON_PREFIX):
        return None
    attempt, registration = _number(extensions.get(ATTEMPT_EXTENSION)), context.get("registration")
    if attempt is None or not registration or not account.get("name"):
        return None
    result = document.get("result") or {}
    found = result.get("extensions") or {}
    if verb == PROGRESSED:
        position = _number(found.get(POSITION_EXTENSION)) or 0
        mistakes = _number(found.get(TOTAL_MISTAKES_EXTENSION)) or 0
        seconds = float(found.get(TOTAL_SECONDS_EXTENSION) or 0.0)
    elif verb == COMPLETED:
        position = 0
        mistakes = _number(found.get(MISTAKES_EXTENSION)) or 0
        seconds = duration_seconds(result.get("duration"))
    else:
        position, mistakes, seconds = 0, 0, 0.0
    return AttemptEvent(
        registration=str(registration).lower(),
        learner_id=str(account["name"]),
        lesson_id=str(target["id"]).removeprefix(LESSON_PREFIX),
        attempt=attempt,
        position=position,
        steps=_number(found.get(STEPS_EXTENSION)),
        done=verb == COMPLETED,
        mistakes=mistakes,
        seconds=seconds,
        completed_at=document.get("timestamp") if verb == COMPLETED else None,
        kiosk_id=extensions.get(KIOSK_EXTENSION),
    )


def combined(first: AttemptEvent, second: AttemptEvent) -> AttemptEvent:
    """Two events of one attempt as one: the fold's own rule (the greater of each value)."""
    return first._replace(
        position=max(first.position, second.position),
        steps=max((n for n in (first.steps, second.steps) if n is not None), default=None),
        done=first.done or second.done,
        mistakes=max(first.mistakes, second.mistakes),
        seconds=max(first.seconds, second.seconds),
        completed_at=first.completed_at or second.completed_at,
        kiosk_id=second.kiosk_id or first.kiosk_id,
    )


def fold(
    connection: Connection,
    centre: str,
    documents: list[dict[str, Any]],
    changed: datetime,
    owners: dict[str, str | None],
) -> None:
    """Move the attempts of newly stored statements forward: the batch's events are combined
    per attempt first, so a kiosk's batch of steps is one upsert, not one per statement.
    `owners` maps each learner of the documents to whose records they are (see
    removal.owners_of; None: deleted), looked up by the caller with its other reads."""
    events = [event for document in documents if (event := event_of(document)) is not None]
    by_attempt: dict[str, AttemptEvent] = {}
    for event in events:
        owner = owners.get(event.learner_id, event.learner_id)
        if owner is None:  # deleted at their request: nothing more is kept
            continue
        if owner != event.learner_id:  # merged into another record
            event = event._replace(learner_id=owner)
        known = by_attempt.get(event.registration)
        by_attempt[event.registration] = event if known is None else combined(known, event)
    if not by_attempt:
        return
    rows = [(event.registration, centre, *event[1:], changed) for event in by_attempt.values()]
    _attempt_upsert(connection.dialect).run(connection, rows)


@functools.cache
def _attempt_upsert(dialect: Dialect) -> ManyRows:
    """The upsert, built once per dialect; one statement for all of a group's attempts (the
    fold runs while the group holds the writer's turn; see app.centre.many_rows)."""
    insert = upsert_for(dialect)(LessonAttempt)
    new, old = insert.excluded, LessonAttempt.__table__.c
    upsert = insert.on_conflict_do_update(
        index_elements=[LessonAttempt.centre, LessonAttempt.registration],
        set_={
            "position": greatest(dialect, old.position, new.position),
            "steps": greatest(dialect, func.coalesce(old.steps, new.steps), func.coalesce(new.steps, old.steps)),
            "done": greatest(dialect, old.done, new.done),
            "mistakes": greatest(dialect, old.mistakes, new.mistakes),
            "seconds": greatest(dialect, old.seconds, new.seconds),
            "completed_at": func.coalesce(old.completed_at, new.completed_at),
            "kiosk_id": new.kiosk_id,
            "changed": new.changed,
        },
    )
    columns = ("registration", "centre", *AttemptEvent._fields[1:], "changed")  # the table's order
    return ManyRows(upsert, LessonAttempt.__table__, columns, dialect)


@dataclass(frozen=True)
class AttemptEntry:
    """An attempt as kiosks pull it, with the learner's roster entry so a kiosk that has not
    seen the learner yet can add them first."""

    attempt: LessonAttempt
    display_name: str | None
    phone_last4: str | None

    def to_json(self) -> dict[str, object]:
        row = self.attempt
        return {
            "learner_id": row.learner_id,
            "lesson_id": row.lesson_id,
            "attempt": row.attempt,
            "position": row.position,
            "steps": row.steps,
            "done": bool(row.done),
            "mistakes": row.mistakes,
            "seconds": round(row.seconds, 1),
            "completed_at": row.completed_at,
            "learner": None
            if self.display_name is None
            else {"display_name": self.display_name, "phone_last4": self.phone_last4},
        }


class Attempts:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def _query(self, centre: str) -> Any:
        return (
            select(LessonAttempt, RosterLearner.display_name, RosterLearner.phone_last4)
            .outerjoin(
                RosterLearner, and_(RosterLearner.id == LessonAttempt.learner_id, RosterLearner.centre == centre)
            )
            .where(LessonAttempt.centre == centre)
        )

    def of_learner(self, centre: str, learner_id: str) -> list[AttemptEntry]:
        query = self._query(centre).where(LessonAttempt.learner_id == learner_id)
        with Session(self._engine) as session:
            rows = session.execute(query.order_by(LessonAttempt.lesson_id, LessonAttempt.attempt)).all()
        return [self._entry(row) for row in rows]

    def page(self, centre: str, after: Cursor, limit: int = PAGE) -> tuple[list[AttemptEntry], Cursor, bool]:
        """Attempts changed after `after`, oldest change first; the next cursor; whether more wait."""
        query = (
            self._query(centre)
            .where(
                or_(
                    LessonAttempt.changed > after.changed,
                    and_(LessonAttempt.changed == after.changed, LessonAttempt.registration > after.key),
                )
            )
            .order_by(LessonAttempt.changed, LessonAttempt.registration)
            .limit(limit)
        )
        with Session(self._engine) as session:
            rows = session.execute(query).all()
        entries = [self._entry(row) for row in rows]
        keys = [(entry.attempt.changed, entry.attempt.registration) for entry in entries]
        return entries, *next_cursor(after, keys, limit)

    def completions(self, centre: str, first: date, last: date) -> list[dict[str, Any]]:
        """Completed attempts whose completion day (UTC, as the kiosk stamped it) falls in the range."""
        query = self._query(centre).where(
            LessonAttempt.done.is_(True),
            LessonAttempt.completed_at >= first.isoformat(),
            LessonAttempt.completed_at < (last + timedelta(days=1)).isoformat(),
        )
        with Session(self._engine) as session:
            rows = session.execute(query.order_by(LessonAttempt.completed_at)).all()
        return [
            {
                "learner_id": row[0].learner_id,
                "display_name": row[1],
                "lesson_id": row[0].lesson_id,
                "attempt": row[0].attempt,
                "completed_at": row[0].completed_at,
                "seconds": round(row[0].seconds, 1),
                "mistakes": row[0].mistakes,
            }
            for row in rows
        ]

    @staticmethod
    def _entry(row: Any) -> AttemptEntry:
        return AttemptEntry(row[0], row[1], row[2])
