"""Lesson progress and the per-step attempt log. `record` writes both in one transaction and
returns only after the commit, so a step the screen has acknowledged is on disk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.core.course import Choice
from app.core.progress import AttemptSnapshot, LessonProgress, Status
from app.core.xapi import ChoiceReport, StepReport
from app.store.models import Progress, StepAttempt, new_id, utc_now
from app.store.outbox import add_statement

# Make the xAPI statement of an event from what only the transaction knows (the attempt
# number; the time and mistakes of a completion).
StartStatement = Callable[[int, datetime], dict]
CompletionStatement = Callable[[int, float, int, datetime], dict]
StepStatement = Callable[[StepReport], dict]
ChoiceStatement = Callable[[ChoiceReport], dict]

MISTAKE_OUTCOMES = ("hint", "highlight")
PROGRESS_OUTCOMES = ("next", "complete")


@dataclass(frozen=True)
class StepAttemptRecord:
    step_index: int
    step_id: str
    outcome: str
    mistakes_on_step: int
    seconds: float
    recorded_at: datetime


def _snapshot(row: Progress, ever_completed: bool) -> LessonProgress:
    return LessonProgress(
        lesson_id=row.lesson_id,
        status=Status(row.status),
        current_step=row.current_step,
        attempt=row.attempt,
        mistakes=row.mistakes,
        seconds_spent=row.seconds_spent,
        completed_at=row.completed_at,
        ever_completed=ever_completed or row.status == Status.DONE,
        updated_at=row.updated_at,
    )


class ProgressRepository:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    @staticmethod
    def _latest(session: Session, learner_id: str, lesson_id: str) -> Progress | None:
        query = (
            select(Progress)
            .where(Progress.learner_id == learner_id, Progress.lesson_id == lesson_id)
            .order_by(Progress.attempt.desc())
            .limit(1)
        )
        return session.scalars(query).first()

    @staticmethod
    def _ever_completed(session: Session, learner_id: str, lesson_id: str) -> bool:
        query = select(func.count()).where(
            Progress.learner_id == learner_id, Progress.lesson_id == lesson_id, Progress.status == Status.DONE.value
        )
        return session.scalar(query) > 0

    def get(self, learner_id: str, lesson_id: str) -> LessonProgress:
        with self._sessions() as session:
            row = self._latest(session, learner_id, lesson_id)
            if row is None:
                return LessonProgress.new(lesson_id)
            return _snapshot(row, self._ever_completed(session, learner_id, lesson_id))

    def all_for(self, learner_id: str) -> dict[str, LessonProgress]:
        with self._sessions() as session:
            rows = session.scalars(select(Progress).where(Progress.learner_id == learner_id).order_by(Progress.attempt))
            latest: dict[str, Progress] = {}
            done: set[str] = set()
            for row in rows:
                latest[row.lesson_id] = row
                if row.status == Status.DONE.value:
                    done.add(row.lesson_id)
            return {lesson_id: _snapshot(row, lesson_id in done) for lesson_id, row in latest.items()}

    def start(
        self, learner_id: str, lesson_id: str, lesson_version: int, *, started: StartStatement | None = None
    ) -> LessonProgress:
        """Resume the attempt in progress, or open a new one at step 0 (and, given `started`,
        freeze its statement in the same transaction)."""
        with self._sessions.begin() as session:
            row = self._latest(session, learner_id, lesson_id)
            ever = self._ever_completed(session, learner_id, lesson_id)
            if row is not None and row.status == Status.IN_PROGRESS.value:
                return _snapshot(row, ever)
            row = Progress(
                learner_id=learner_id,
                lesson_id=lesson_id,
                lesson_version=lesson_version,
                attempt=(row.attempt + 1) if row else 1,
                status=Status.IN_PROGRESS.value,
                current_step=0,
                mistakes=0,
                seconds_spent=0.0,
            )
            session.add(row)
            session.flush()
            if started is not None:
                add_statement(session, started(row.attempt, row.started_at))
            return _snapshot(row, ever)

    def record(
        self,
        learner_id: str,
        lesson_id: str,
        *,
        outcome: str,
        step_index: int,
        step_id: str,
        mistakes_on_step: int,
        seconds: float,
        next_step: int,
        completed: bool,
        completion: CompletionStatement | None = None,
        progressed: StepStatement | None = None,
        choice: Choice | None = None,
        chosen: ChoiceStatement | None = None,
    ) -> None:
        """Log one judged action and move the progress row, in one transaction. A step done
        freezes the statement `progressed` makes, a choice made (safe, trap or neutral) the one
        `chosen` makes, and a completion the one `completion` makes, in that same transaction."""
        with self._sessions.begin() as session:
            row = self._latest(session, learner_id, lesson_id)
            if row is None or row.status != Status.IN_PROGRESS.value:
                raise LookupError(f"no lesson in progress for learner {learner_id} and lesson {lesson_id}")
            record_id = new_id()
            session.add(
                StepAttempt(
                    id=record_id,
                    progress_id=row.id,
                    learner_id=learner_id,
                    lesson_id=lesson_id,
                    attempt=row.attempt,
                    step_index=step_index,
                    step_id=step_id,
                    outcome=outcome,
                    mistakes_on_step=mistakes_on_step,
                    seconds=seconds,
                )
            )
            row.current_step = next_step
            if outcome in MISTAKE_OUTCOMES:
                row.mistakes += 1
            if outcome in PROGRESS_OUTCOMES:
                row.seconds_spent += seconds
                if progressed is not None:
                    report = StepReport(
                        record_id=record_id,
                        attempt=row.attempt,
                        step_index=step_index,
                        position=next_step,
                        mistakes_on_step=mistakes_on_step,
                        seconds=seconds,
                        attempt_mistakes=row.mistakes,
                        attempt_seconds=row.seconds_spent,
                        at=utc_now(),
                    )
                    add_statement(session, progressed(report))
            if choice is not None and chosen is not None:
                add_statement(session, chosen(ChoiceReport(record_id, row.attempt, step_index, choice, utc_now())))
            if completed:
                row.status = Status.DONE.value
                row.completed_at = utc_now()
                if completion is not None:
                    add_statement(session, completion(row.attempt, row.seconds_spent, row.mistakes, row.completed_at))

    def merge(self, learner_id: str, attempts: list[AttemptSnapshot]) -> int:
        """Take in what the centre knows of this learner's attempts (made on any kiosk), so the
        learner carries on here where they stopped there. Nothing goes back: a step, a
        completion, mistakes and time only ever move forward. Writes no statements (the kiosk
        that saw the events made them). Returns how many attempts changed here."""
        changed = 0
        with self._sessions.begin() as session:
            for remote in attempts:
                row = session.scalars(
                    select(Progress).where(
                        Progress.learner_id == learner_id,
                        Progress.lesson_id == remote.lesson_id,
                        Progress.attempt == remote.attempt,
                    )
                ).first()
                if row is None:
                    row = Progress(
                        learner_id=learner_id,
                        lesson_id=remote.lesson_id,
                        lesson_version=0,  # unknown: the attempt began on another kiosk
                        attempt=remote.attempt,
                        status=Status.IN_PROGRESS.value,
                        current_step=0,
                        mistakes=0,
                        seconds_spent=0.0,
                    )
                    session.add(row)
                before = (row.status, row.current_step, row.mistakes, row.seconds_spent)
                row.current_step = max(row.current_step, remote.position)
                row.mistakes = max(row.mistakes, remote.mistakes)
                row.seconds_spent = max(row.seconds_spent, remote.seconds)
                if remote.done and row.status != Status.DONE.value:
                    row.status = Status.DONE.value
                    row.completed_at = remote.completed_at or utc_now()
                changed += before != (row.status, row.current_step, row.mistakes, row.seconds_spent)
        return changed

    def set_step(self, learner_id: str, lesson_id: str, step_index: int) -> None:
        """The learner went back a step: remember where they are, and log it."""
        with self._sessions.begin() as session:
            row = self._latest(session, learner_id, lesson_id)
            if row is None or row.status != Status.IN_PROGRESS.value:
                return
            session.add(
                StepAttempt(
                    progress_id=row.id,
                    learner_id=learner_id,
                    lesson_id=lesson_id,
                    attempt=row.attempt,
                    step_index=step_index,
                    step_id="",
                    outcome="back",
                    mistakes_on_step=0,
                    seconds=0.0,
                )
            )
            row.current_step = step_index

    def step_seconds(self, learner_id: str, since: datetime, until: datetime) -> float:
        """Seconds the learner spent on steps they finished between two moments (UTC)."""
        with self._sessions() as session:
            total = session.scalar(
                select(func.sum(StepAttempt.seconds)).where(
                    StepAttempt.learner_id == learner_id,
                    StepAttempt.outcome.in_(PROGRESS_OUTCOMES),
                    StepAttempt.recorded_at >= since,
                    StepAttempt.recorded_at <= until,
                )
            )
            return float(total or 0.0)

    def attempts(self, learner_id: str, lesson_id: str) -> list[StepAttemptRecord]:
        with self._sessions() as session:
            rows = session.scalars(
                select(StepAttempt)
                .where(StepAttempt.learner_id == learner_id, StepAttempt.lesson_id == lesson_id)
                .order_by(StepAttempt.recorded_at)
            )
            return [
                StepAttemptRecord(r.step_index, r.step_id, r.outcome, r.mistakes_on_step, r.seconds, r.recorded_at)
                for r in rows
            ]
