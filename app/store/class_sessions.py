"""Class sessions, check-ins and help requests on this kiosk. Each event is written with its
xAPI statement in one transaction (like a lesson step), so a check-in or a help call the
screen has shown is on disk and on its way to the centre."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session, sessionmaker

from app.core.class_sessions import ClassSession
from app.store.models import CheckIn, ClassSessionRow, HelpRequest, Learner, utc_now
from app.store.outbox import add_statement

WAITING, SENT = "waiting", "sent"


@dataclass(frozen=True)
class CheckInRecord:
    session_id: str
    learner_id: str
    display_name: str
    checked_in_at: datetime
    by: str


@dataclass(frozen=True)
class HelpRecord:
    id: str
    learner_id: str
    display_name: str
    lesson_id: str
    step_index: int
    session_id: str | None
    asked_at: datetime
    helped_at: datetime | None


@dataclass(frozen=True)
class SessionChange:
    """A session made or changed here that the centre does not have yet."""

    session: ClassSession
    updated_at: datetime


def _session(row: ClassSessionRow) -> ClassSession:
    return ClassSession(
        row.id, row.title, row.day, row.starts, row.ends, row.room, row.tutor, tuple(json.loads(row.lesson_ids))
    )


def _fields(session: ClassSession) -> dict:
    return {
        "title": session.title,
        "day": session.day,
        "starts": session.starts,
        "ends": session.ends,
        "room": session.room,
        "tutor": session.tutor,
        "lesson_ids": json.dumps(list(session.lesson_ids)),
    }


class ClassSessionRepository:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # ---- sessions -----------------------------------------------------------------------------

    def save(self, session: ClassSession) -> None:
        """Keep a new or changed session; it waits to be shared with the centre."""
        with self._sessions.begin() as db:
            row = db.get(ClassSessionRow, session.id)
            if row is None:
                db.add(ClassSessionRow(id=session.id, share_state=WAITING, **_fields(session)))
            else:
                for name, value in _fields(session).items():
                    setattr(row, name, value)
                row.share_state = WAITING

    def get(self, session_id: str) -> ClassSession | None:
        with self._sessions() as db:
            row = db.get(ClassSessionRow, session_id)
            return _session(row) if row else None

    def on_day(self, day: date) -> list[ClassSession]:
        with self._sessions() as db:
            rows = db.scalars(
                select(ClassSessionRow)
                .where(ClassSessionRow.day == day)
                .order_by(ClassSessionRow.starts, ClassSessionRow.title)
            )
            return [_session(row) for row in rows]

    def between(self, first: date, last: date) -> list[ClassSession]:
        with self._sessions() as db:
            rows = db.scalars(
                select(ClassSessionRow)
                .where(ClassSessionRow.day >= first, ClassSessionRow.day <= last)
                .order_by(ClassSessionRow.day, ClassSessionRow.starts)
            )
            return [_session(row) for row in rows]

    def changes(self, limit: int = 100) -> list[SessionChange]:
        with self._sessions() as db:
            rows = db.scalars(select(ClassSessionRow).where(ClassSessionRow.share_state == WAITING).limit(limit))
            return [SessionChange(_session(row), row.updated_at) for row in rows]

    def shared(self, change: SessionChange) -> None:
        """The centre has this version (a later change still waits); updated_at stays as it was."""
        with self._sessions.begin() as db:
            db.execute(
                update(ClassSessionRow)
                .where(ClassSessionRow.id == change.session.id, ClassSessionRow.updated_at == change.updated_at)
                .values(share_state=SENT, updated_at=change.updated_at)
            )

    def take_from_centre(self, sessions: list[ClassSession]) -> int:
        """Sessions other kiosks made; a change made here wins until it has reached the centre."""
        taken = 0
        with self._sessions.begin() as db:
            for session in sessions:
                row = db.get(ClassSessionRow, session.id)
                if row is None:
                    db.add(ClassSessionRow(id=session.id, share_state=SENT, **_fields(session)))
                    taken += 1
                elif row.share_state != WAITING and _session(row) != session:
                    for name, value in _fields(session).items():
                        setattr(row, name, value)
                    taken += 1
        return taken

    # ---- check-ins ----------------------------------------------------------------------------

    def check_in(
        self, session_id: str, learner_id: str, by: str, statement: Callable[[datetime], dict] | None = None
    ) -> bool:
        """Check the learner in (once; a second tap changes nothing). Returns whether it was new."""
        now = utc_now()
        with self._sessions.begin() as db:
            added = db.execute(
                insert(CheckIn)
                .values(session_id=session_id, learner_id=learner_id, checked_in_at=now, checked_in_by=by)
                .on_conflict_do_nothing()
            ).rowcount
            if added and statement is not None:
                add_statement(db, statement(now))
            return bool(added)

    def check_ins(self, session_id: str) -> list[CheckInRecord]:
        with self._sessions() as db:
            rows = db.execute(
                select(CheckIn, Learner.display_name)
                .join(Learner, Learner.id == CheckIn.learner_id)
                .where(CheckIn.session_id == session_id)
                .order_by(CheckIn.checked_in_at)
            ).all()
            return [
                CheckInRecord(c.session_id, c.learner_id, name, c.checked_in_at, c.checked_in_by) for c, name in rows
            ]

    # ---- help ---------------------------------------------------------------------------------

    def ask_help(
        self,
        call_id: str,
        learner_id: str,
        lesson_id: str,
        step_index: int,
        session_id: str | None,
        statement: Callable[[datetime], dict] | None = None,
    ) -> None:
        now = utc_now()
        with self._sessions.begin() as db:
            db.add(
                HelpRequest(
                    id=call_id,
                    learner_id=learner_id,
                    lesson_id=lesson_id,
                    step_index=step_index,
                    session_id=session_id,
                    asked_at=now,
                )
            )
            if statement is not None:
                add_statement(db, statement(now))

    def mark_helped(self, call_id: str, statement: Callable[[datetime], dict] | None = None) -> bool:
        """Once; returns False if it was already marked (or is not a request of this kiosk)."""
        now = utc_now()
        with self._sessions.begin() as db:
            changed = db.execute(
                update(HelpRequest)
                .where(HelpRequest.id == call_id, HelpRequest.helped_at.is_(None))
                .values(helped_at=now)
            ).rowcount
            if changed and statement is not None:
                add_statement(db, statement(now))
            return bool(changed)

    def help_requests(self, since: datetime, session_id: str | None = None) -> list[HelpRecord]:
        """Requests asked since `since` (and for the session, if given), in the order they came."""
        with self._sessions() as db:
            query = (
                select(HelpRequest, Learner.display_name)
                .join(Learner, Learner.id == HelpRequest.learner_id)
                .where(HelpRequest.asked_at >= since)
                .order_by(HelpRequest.asked_at)
            )
            if session_id is not None:
                query = query.where(HelpRequest.session_id == session_id)
            return [
                HelpRecord(h.id, h.learner_id, name, h.lesson_id, h.step_index, h.session_id, h.asked_at, h.helped_at)
                for h, name in db.execute(query).all()
            ]
