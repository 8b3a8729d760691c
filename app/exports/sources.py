"""Where attendance rows come from: this kiosk's own store (a single kiosk, no centre), or
the JSON rows of the centre's /api/v1/attendance (every kiosk of the centre)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from app.core.loader import Catalogue
from app.exports.records import AttendanceRow, CompletionRow
from app.store.db import Database
from app.store.models import Learner, Progress


def local_attendance(db: Database, first: date, last: date) -> Iterator[AttendanceRow]:
    """Check-ins made on this kiosk to sessions held from `first` to `last`; time spent is the
    time on lesson steps finished between check-in and the session's end."""
    for session in db.classes.between(first, last):
        end = datetime.combine(session.day, session.ends).astimezone(UTC)
        for check_in in db.classes.check_ins(session.id):
            arrived = check_in.checked_in_at
            arrived = arrived if arrived.tzinfo else arrived.replace(tzinfo=UTC)
            yield AttendanceRow(
                session_id=session.id,
                session_title=session.title,
                session_date=session.day,
                starts_at=session.starts,
                room=session.room,
                tutor=session.tutor,
                learner_id=check_in.learner_id,
                learner_name=check_in.display_name,
                checked_in_at=arrived,
                seconds_spent=db.progress.step_seconds(check_in.learner_id, arrived, end),
            )


def centre_attendance(rows: Iterable[dict[str, Any]]) -> Iterator[AttendanceRow]:
    """The centre's rows (JSON) as attendance rows."""
    for row in rows:
        arrived = row.get("checked_in_at")
        yield AttendanceRow(
            session_id=row["id"],
            session_title=row["title"],
            session_date=date.fromisoformat(row["day"]),
            starts_at=time.fromisoformat(row["starts"]),
            room=row.get("room", ""),
            tutor=row.get("tutor", ""),
            learner_id=row["learner_id"],
            learner_name=row.get("display_name") or row["learner_id"][:8],
            checked_in_at=datetime.fromisoformat(arrived.replace("Z", "+00:00")) if arrived else None,
            seconds_spent=float(row.get("seconds") or 0.0),
        )


def _lesson_names(catalogue: Catalogue, lesson_id: str) -> tuple[str, str]:
    lesson = catalogue.by_id(lesson_id)
    return (lesson.title.zh, lesson.theme) if lesson else (lesson_id, "")


def local_completions(db: Database, catalogue: Catalogue, first: date, last: date) -> Iterator[CompletionRow]:
    """Lessons completed on this kiosk (or merged in from the centre) between the two days
    (UTC, as stored), oldest first."""
    since = datetime.combine(first, time(), UTC)
    until = datetime.combine(last + timedelta(days=1), time(), UTC)
    with db.sessions() as session:
        rows = session.execute(
            select(Progress, Learner.display_name)
            .join(Learner, Learner.id == Progress.learner_id)
            .where(Progress.status == "done", Progress.completed_at >= since, Progress.completed_at < until)
            .order_by(Progress.completed_at)
        ).all()
    for progress, name in rows:
        title, theme = _lesson_names(catalogue, progress.lesson_id)
        completed = progress.completed_at
        yield CompletionRow(
            learner_id=progress.learner_id,
            learner_name=name,
            lesson_id=progress.lesson_id,
            lesson_title=title,
            theme=theme,
            completed_at=completed if completed.tzinfo else completed.replace(tzinfo=UTC),
            seconds=progress.seconds_spent,
            mistakes=progress.mistakes,
            attempt=progress.attempt,
        )


def centre_completions(rows: Iterable[dict[str, Any]], catalogue: Catalogue) -> Iterator[CompletionRow]:
    """The centre's completion rows (JSON) as completion rows."""
    for row in rows:
        title, theme = _lesson_names(catalogue, row["lesson_id"])
        yield CompletionRow(
            learner_id=row["learner_id"],
            learner_name=row.get("display_name") or row["learner_id"][:8],
            lesson_id=row["lesson_id"],
            lesson_title=title,
            theme=theme,
            completed_at=datetime.fromisoformat(row["completed_at"].replace("Z", "+00:00")),
            seconds=float(row["seconds"]),
            mistakes=int(row["mistakes"]),
            attempt=int(row["attempt"]),
        )
