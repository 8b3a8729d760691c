"""The plain, typed rows the writers take. Whoever has the data (the kiosk store, the centre
database, a test) builds these; the writers know nothing of where they came from.

Moments (check-in, completion) are shown in this computer's local time. One without a time
zone is taken as UTC: that is what the store gives back (SQLite keeps no zone) and how
app.core.xapi reads it. Session dates and start times are local already. Durations are
seconds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from app.core.course_base import Text


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    """One learner at one session: whether and when they checked in, and how long they stayed."""

    session_id: str
    session_title: str
    session_date: date
    starts_at: time
    room: str
    tutor: str
    learner_id: str
    learner_name: str
    checked_in_at: datetime | None = None  # None: on the list but not checked in
    seconds_spent: float | None = None  # None: not known (not checked in, or still there)


@dataclass(frozen=True, slots=True)
class CompletionRow:
    """One completed attempt at one lesson, as a lifelong-learning account records it."""

    learner_id: str
    learner_name: str
    lesson_id: str
    lesson_title: str
    theme: str
    completed_at: datetime
    seconds: float
    mistakes: int
    attempt: int


@dataclass(frozen=True, slots=True)
class CertificateLesson:
    title: Text
    completed_on: date


@dataclass(frozen=True, slots=True)
class Certificate:
    """What a printed certificate shows. `verify_url` carries the signed token
    (`app.exports.certificate_token.verify_url`), so the paper cannot be altered unnoticed."""

    learner_name: str
    theme_title: Text
    lessons: tuple[CertificateLesson, ...]
    centre_name: str
    issued_on: date
    certificate_id: str
    verify_url: str
