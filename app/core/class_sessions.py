"""Class sessions a volunteer tutor runs: a title, a day, a time, a room and the lessons in
focus. Pure rules: when a session is on (so a learner signing in at a kiosk is checked in by
themselves), and how a new session is checked before it is kept."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

EARLY = timedelta(minutes=15)  # learners arrive before the start; they count as there
MAX_TITLE = 60
MAX_ROOM = 30


@dataclass(frozen=True)
class ClassSession:
    id: str
    title: str
    day: date
    starts: time
    ends: time
    room: str = ""
    tutor: str = ""
    lesson_ids: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def new(
        cls,
        title: str,
        day: date,
        starts: time,
        ends: time,
        room: str = "",
        tutor: str = "",
        lesson_ids: tuple[str, ...] = (),
    ) -> ClassSession:
        """A checked new session with a fresh id; ValueError says what to change."""
        title, room = " ".join(title.split()), " ".join(room.split())
        starts, ends = (moment.replace(second=0, microsecond=0) for moment in (starts, ends))  # to the minute
        if not title:
            raise ValueError("Please give the session a title.")
        if len(title) > MAX_TITLE:
            raise ValueError(f"Please use a shorter title (at most {MAX_TITLE} characters).")
        if len(room) > MAX_ROOM:
            raise ValueError(f"Please use a shorter room name (at most {MAX_ROOM} characters).")
        if ends <= starts:
            raise ValueError("The session must end after it starts.")
        return cls(str(uuid.uuid4()), title, day, starts, ends, room, tutor, tuple(lesson_ids))

    def start_at(self) -> datetime:
        return datetime.combine(self.day, self.starts)

    def end_at(self) -> datetime:
        return datetime.combine(self.day, self.ends)

    def is_on(self, local_now: datetime) -> bool:
        """On from a quarter of an hour before it starts until it ends (local wall-clock time)."""
        moment = local_now.replace(tzinfo=None)
        return self.start_at() - EARLY <= moment <= self.end_at()

    def hours(self) -> float:
        return (self.end_at() - self.start_at()).total_seconds() / 3600


def sessions_on(sessions: list[ClassSession], local_now: datetime, room: str | None = None) -> list[ClassSession]:
    """Sessions a learner signing in now joins: those on now, in this kiosk's room if it has one."""
    return [s for s in sessions if s.is_on(local_now) and (not room or not s.room or s.room == room)]
