"""The live board of a session from this kiosk's own store: the learners checked in here,
where each is in their most recently moved lesson, and the help calls made here."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.core.board import Board, BoardLearner, HelpCall
from app.core.class_sessions import ClassSession
from app.store.class_sessions import ClassSessionRepository
from app.store.models import Progress


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def local_board(
    sessions: sessionmaker[Session], classes: ClassSessionRepository, session: ClassSession, now: datetime
) -> Board:
    check_ins = classes.check_ins(session.id)
    learners = []
    with sessions() as db:
        for check_in in check_ins:
            row = db.scalars(
                select(Progress)
                .where(Progress.learner_id == check_in.learner_id)
                .order_by(Progress.updated_at.desc())
                .limit(1)
            ).first()
            done = row is not None and row.status == "done"
            learners.append(
                BoardLearner(
                    learner_id=check_in.learner_id,
                    display_name=check_in.display_name,
                    checked_in_at=_aware(check_in.checked_in_at),
                    lesson_id=row.lesson_id if row else None,
                    position=row.current_step if row else None,
                    steps=None,
                    done=done,
                    mistakes=row.mistakes if row else 0,
                    seconds_on_step=None
                    if row is None or done
                    else max(0.0, (now - _aware(row.updated_at)).total_seconds()),
                    checked_in_by=check_in.by,
                )
            )
    since = datetime.combine(session.day, session.starts).astimezone(UTC) - timedelta(hours=1)
    calls = [
        HelpCall(
            call.id,
            call.learner_id,
            call.display_name,
            call.lesson_id,
            call.step_index,
            _aware(call.asked_at),
            _aware(call.helped_at) if call.helped_at else None,
        )
        for call in classes.help_requests(since, session.id)
    ]
    return Board(session, learners, calls, "kiosk")
