"""Class sessions shared by the centre's kiosks, and the tutor's live board of one session:
who is checked in, where each is in which lesson and for how long, and the help calls in the
order they reached the centre."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, Field, StringConstraints
from sqlalchemy import Engine, and_, func, or_, select
from sqlalchemy.orm import Session

from app.centre.errors import ApiError, bad_request
from app.centre.models import (
    HelpCall,
    LessonAttempt,
    RosterLearner,
    SessionCheckIn,
    SessionTime,
    SharedClassSession,
)
from app.centre.roster.cursor import Cursor, next_cursor
from app.centre.roster.fields import Body, Day, LessonId, OneLine, parse_body, trimmed
from app.centre.roster.sql import upsert_for

PAGE = 500
CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
FIELDS = {"title": 60, "room": 30, "tutor": 40}
SHAPE = (
    'Send JSON like {"title": "学用微信视频", "day": "2026-11-26", "starts": "09:30", "ends": "11:00", '
    '"room": "201", "tutor": "张老师", "lesson_ids": ["video-call"]}'
)


MOST_LESSONS = 50


def _clock(value: str) -> str:
    if not CLOCK.fullmatch(value):
        raise ValueError("must be a time like 09:30")
    return value


@dataclass(frozen=True)
class SessionEntry:
    id: str
    title: str
    day: str
    starts: str
    ends: str
    room: str
    tutor: str
    lesson_ids: list[str]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class SessionBody(Body):
    """The body of PUT /api/v1/sessions/{id}; the limits are shared_sessions' columns."""

    title: Annotated[str, trimmed(FIELDS["title"], shortest=1), OneLine]
    day: Day
    starts: Annotated[str, AfterValidator(_clock)]
    ends: Annotated[str, AfterValidator(_clock)]
    room: Annotated[str, StringConstraints(max_length=FIELDS["room"]), OneLine] = ""
    tutor: Annotated[str, StringConstraints(max_length=FIELDS["tutor"]), OneLine] = ""
    lesson_ids: list[LessonId] = Field(default_factory=list, max_length=MOST_LESSONS)


def parse_session(session_id: str, body: object) -> SessionEntry:
    session = parse_body(SessionBody, body, SHAPE)
    if session.ends <= session.starts:
        raise bad_request("The session must end after it starts.")
    return SessionEntry(
        session_id,
        session.title,
        session.day.isoformat(),
        session.starts,
        session.ends,
        session.room,
        session.tutor,
        list(session.lesson_ids),
    )


def _entry(row: SharedClassSession) -> SessionEntry:
    return SessionEntry(
        row.id, row.title, row.day, row.starts, row.ends, row.room, row.tutor, json.loads(row.lesson_ids)
    )


class SharedSessions:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def put(self, centre: str, kiosk_key: str, entry: SessionEntry) -> None:
        values = {**asdict(entry), "lesson_ids": json.dumps(entry.lesson_ids, ensure_ascii=False)}
        insert = upsert_for(self._engine.dialect)(SharedClassSession).values(
            centre=centre, kiosk_id=kiosk_key, changed=datetime.now(UTC), **values
        )
        changes = {name: insert.excluded[name] for name in (*values, "changed") if name != "id"}
        statement = insert.on_conflict_do_update(
            index_elements=[SharedClassSession.id],
            set_=changes,
            where=SharedClassSession.centre == insert.excluded.centre,
        )
        with self._engine.begin() as connection:
            # RETURNING, not rowcount: on PostgreSQL the count said 1 for an upsert its WHERE
            # refused, and another centre's session was "saved" with 200 (see Roster.put)
            if connection.execute(statement.returning(SharedClassSession.id)).first() is None:
                raise ApiError(403, f"Session {entry.id} belongs to another centre.")

    def page(self, centre: str, after: Cursor, limit: int = PAGE) -> tuple[list[SessionEntry], Cursor, bool]:
        query = (
            select(SharedClassSession)
            .where(
                SharedClassSession.centre == centre,
                or_(
                    SharedClassSession.changed > after.changed,
                    and_(SharedClassSession.changed == after.changed, SharedClassSession.id > after.key),
                ),
            )
            .order_by(SharedClassSession.changed, SharedClassSession.id)
            .limit(limit)
        )
        with Session(self._engine) as session:
            rows = session.scalars(query).all()
            entries = [_entry(row) for row in rows]
            keys = [(row.changed, row.id) for row in rows]
        return entries, *next_cursor(after, keys, limit)

    def board(self, centre: str, session_id: str) -> dict[str, Any]:
        """The live board; 404 if the session is not this centre's."""
        now = datetime.now(UTC)
        with Session(self._engine) as session:
            row = session.scalar(
                select(SharedClassSession).where(
                    SharedClassSession.centre == centre, SharedClassSession.id == session_id
                )
            )
            if row is None:
                raise ApiError(404, f"No session {session_id} at this centre; kiosks share a session once it is saved.")
            names = dict(
                session.execute(
                    select(RosterLearner.id, RosterLearner.display_name).where(RosterLearner.centre == centre)
                ).all()
            )
            check_ins = session.scalars(
                select(SessionCheckIn)
                .where(SessionCheckIn.session_id == session_id, SessionCheckIn.centre == centre)
                .order_by(SessionCheckIn.first_at)
            ).all()
            learner_ids = [check_in.learner_id for check_in in check_ins]
            latest = self._latest_attempts(session, centre, learner_ids)
            calls = session.scalars(
                select(HelpCall)
                .where(HelpCall.centre == centre, HelpCall.session_id == session_id, HelpCall.asked_at.is_not(None))
                .order_by(HelpCall.asked_at, HelpCall.id)
            ).all()
            return {
                "session": _entry(row).to_json(),
                "now": now.isoformat(),
                "learners": [
                    {
                        "learner_id": check_in.learner_id,
                        "display_name": names.get(check_in.learner_id),
                        "checked_in_at": check_in.first_at,
                        "checked_in_by": check_in.checked_in_by,
                        **_where(latest.get(check_in.learner_id), now),
                    }
                    for check_in in check_ins
                ],
                "help": [
                    {
                        "id": call.id,
                        "learner_id": call.learner_id,
                        "display_name": names.get(call.learner_id or ""),
                        "lesson_id": call.lesson_id,
                        "step_index": call.step_index,
                        "asked_at": call.asked_at.isoformat() if call.asked_at else None,
                        "helped_at": call.helped_at.isoformat() if call.helped_at else None,
                    }
                    for call in calls
                ],
            }

    def attendance(self, centre: str, first: date, last: date) -> list[dict[str, Any]]:
        """Every check-in to a session held from `first` to `last`: session, learner, the
        earliest check-in and the seconds spent on lesson steps during the session."""
        query = (
            select(SharedClassSession, SessionCheckIn, RosterLearner.display_name, SessionTime.seconds)
            .join(
                SessionCheckIn,
                and_(SessionCheckIn.session_id == SharedClassSession.id, SessionCheckIn.centre == centre),
            )
            .outerjoin(
                RosterLearner, and_(RosterLearner.id == SessionCheckIn.learner_id, RosterLearner.centre == centre)
            )
            .outerjoin(
                SessionTime,
                and_(
                    SessionTime.centre == centre,
                    SessionTime.session_id == SessionCheckIn.session_id,
                    SessionTime.learner_id == SessionCheckIn.learner_id,
                ),
            )
            .where(
                SharedClassSession.centre == centre,
                SessionCheckIn.centre == centre,
                SharedClassSession.day >= first.isoformat(),
                SharedClassSession.day <= last.isoformat(),
            )
            .order_by(
                SharedClassSession.day, SharedClassSession.starts, SharedClassSession.id, RosterLearner.display_name
            )
        )
        with Session(self._engine) as session:
            return [
                {
                    **_entry(row).to_json(),
                    "learner_id": check_in.learner_id,
                    "display_name": name,
                    "checked_in_at": check_in.first_at,
                    "checked_in_by": check_in.checked_in_by,
                    "seconds": round(seconds or 0.0, 1),
                }
                for row, check_in, name, seconds in session.execute(query).all()
            ]

    @staticmethod
    def _latest_attempts(session: Session, centre: str, learner_ids: list[str]) -> dict[str, LessonAttempt]:
        if not learner_ids:
            return {}
        newest = (
            select(LessonAttempt.learner_id, func.max(LessonAttempt.changed).label("changed"))
            .where(LessonAttempt.centre == centre, LessonAttempt.learner_id.in_(learner_ids))
            .group_by(LessonAttempt.learner_id)
            .subquery()
        )
        rows = session.scalars(
            select(LessonAttempt)
            .join(
                newest,
                and_(LessonAttempt.learner_id == newest.c.learner_id, LessonAttempt.changed == newest.c.changed),
            )
            .where(LessonAttempt.centre == centre)
        ).all()
        return {row.learner_id: row for row in rows}


def _where(attempt: LessonAttempt | None, now: datetime) -> dict[str, Any]:
    """Where a learner is: their most recently moved attempt, and how long since it moved."""
    if attempt is None:
        return {
            "lesson_id": None,
            "position": None,
            "steps": None,
            "done": False,
            "mistakes": 0,
            "seconds_on_step": None,
        }
    return {
        "lesson_id": attempt.lesson_id,
        "position": attempt.position,
        "steps": attempt.steps,
        "done": bool(attempt.done),
        "mistakes": attempt.mistakes,
        "seconds_on_step": None if attempt.done else round((now - attempt.changed).total_seconds(), 1),
    }
