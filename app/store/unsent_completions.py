"""Completions the outbox never got (listed by migration 0007): each is turned into its
statement and queued, and taken off the list, in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from app.store.models import Progress, UnsentCompletion
from app.store.outbox import add_statement


@dataclass(frozen=True)
class CompletedAttempt:
    """What a completion statement says, as the progress row kept it."""

    learner_id: str
    lesson_id: str
    attempt: int
    seconds: float
    mistakes: int
    completed_at: datetime


@dataclass(frozen=True)
class Queued:
    queued: int
    left: int  # lessons this kiosk no longer has: they wait for the lesson to come back


class UnsentCompletions:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def any(self) -> bool:
        """Cheap: asked at every start."""
        with self._sessions() as session:
            return session.scalar(select(UnsentCompletion.progress_id).limit(1)) is not None

    def queue(self, statement_of: Callable[[CompletedAttempt], dict | None]) -> Queued:
        """Freeze the statement `statement_of` makes for each listed completion (None: cannot be
        made yet; it stays listed). The outbox keeps an id once, so a completion it already
        holds, sent or waiting, is not queued again."""
        queued = left = 0
        with self._sessions.begin() as session:
            rows = (
                session.execute(select(Progress).join(UnsentCompletion, UnsentCompletion.progress_id == Progress.id))
                .scalars()
                .all()
            )
            for row in rows:
                statement = statement_of(
                    CompletedAttempt(
                        learner_id=row.learner_id,
                        lesson_id=row.lesson_id,
                        attempt=row.attempt,
                        seconds=row.seconds_spent,
                        mistakes=row.mistakes,
                        completed_at=row.completed_at or row.updated_at,
                    )
                )
                if statement is None:
                    left += 1
                    continue
                add_statement(session, statement)
                session.execute(delete(UnsentCompletion).where(UnsentCompletion.progress_id == row.id))
                queued += 1
        return Queued(queued, left)
