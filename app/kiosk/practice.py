"""Practising a lesson, without Qt: one call per thing the learner does, which judges it
(`app.core.engine.LessonRun`), records it (the step row and the xAPI statements it makes, in
one transaction that is committed before the call returns, so a step the screen shows as done
survives a power cut) and answers what the screen must show next.

The player screen only renders `Shown` and asks the speaker to talk; everything a tap means is
here, and tested here (tests/kiosk/test_practice.py)."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.course import Lesson, Step
from app.core.engine import Action, LessonRun, Outcome, OutcomeKind
from app.kiosk.centre import CentreConnection
from app.kiosk.classroom import Classroom
from app.store.db import Database


@dataclass(frozen=True)
class Shown:
    """What the screen shows after the learner acted: the step now current (the next one after
    a right action, the same one after a miss), and the engine's judgement, which carries the
    hint and the target to highlight."""

    outcome: Outcome
    step: Step
    step_index: int
    step_count: int

    @property
    def kind(self) -> OutcomeKind:
        return self.outcome.kind

    @property
    def complete(self) -> bool:
        return self.outcome.kind is OutcomeKind.COMPLETE


class PracticeRun:
    """One learner in one lesson, from its opening (or resumption) until they leave it."""

    def __init__(
        self,
        db: Database,
        centre: CentreConnection,
        classroom: Classroom | None,
        learner_id: str,
        run: LessonRun,
        session_id: str | None,
    ) -> None:
        self._db = db
        self._centre = centre
        self._classroom = classroom
        self.learner_id = learner_id
        self._run = run
        self.session_id = session_id  # the class session the learner is in, if one is on

    # ---- where the learner is --------------------------------------------------------------

    @property
    def lesson(self) -> Lesson:
        return self._run.lesson

    @property
    def step(self) -> Step:
        return self._run.step

    @property
    def step_index(self) -> int:
        return self._run.step_index

    @property
    def step_count(self) -> int:
        return self._run.step_count

    @property
    def is_complete(self) -> bool:
        return self._run.is_complete

    @property
    def traps_total(self) -> int:
        """Traps fallen for (and stopped) since the lesson was opened here: counted apart from mistakes."""
        return self._run.traps_total

    @property
    def mistakes_total(self) -> int:
        """Mistakes in this attempt so far, those before a resumption included."""
        return self._run.mistakes_total

    # ---- what the learner does ---------------------------------------------------------------

    def act(self, action: Action) -> Shown:
        """Judge the action, record it with its statements (committed on return), and say what
        to show. Raises RuntimeError once the lesson is complete."""
        run = self._run
        outcome = run.act(action)
        complete = outcome.kind is OutcomeKind.COMPLETE
        identity = self._centre.identity
        self._db.progress.record(
            self.learner_id,
            run.lesson.id,
            outcome=outcome.kind.value,
            step_index=outcome.step_index,
            step_id=outcome.step_id,
            mistakes_on_step=outcome.mistakes_on_step,
            seconds=outcome.step_seconds,
            next_step=run.step_count if complete else run.step_index,
            completed=complete,
            completion=identity.completion_of(self.learner_id, run.lesson),
            progressed=identity.step_of(self.learner_id, run.lesson, self.session_id),
            choice=outcome.choice,
            chosen=identity.choice_of(self.learner_id, run.lesson),
        )
        return Shown(outcome, run.step, run.step_index, run.step_count)

    def back(self) -> int:
        """Go back one step to see it again; the stored step follows. Returns the step now shown."""
        index = self._run.back()
        self._db.progress.set_step(self.learner_id, self._run.lesson.id, index)
        return index

    def ask_help(self) -> bool:
        """Help was pressed on this step: call the tutor if a session is on. Counts no mistake.
        Returns whether a tutor has been told."""
        if self._classroom is None:
            return False
        told = self._classroom.ask_help(self.learner_id, self._run.lesson, self._run.step_index)
        self._centre.nudge()
        return told


class Practice:
    def __init__(self, db: Database, centre: CentreConnection, classroom: Classroom | None) -> None:
        self._db = db
        self._centre = centre
        self._classroom = classroom

    def open(self, learner_id: str, lesson: Lesson, *, from_start: bool = False) -> PracticeRun:
        """Start the lesson for the learner, or resume it at the stored step (with the mistakes
        made so far in this attempt), or, `from_start`, take the attempt in progress back to
        its first step ("从头再学"); a start is itself a record."""
        identity = self._centre.identity
        progress = self._db.progress.start(
            learner_id, lesson.id, lesson.version, started=identity.start_of(learner_id, lesson)
        )
        step = progress.resume_step(len(lesson.steps))
        if from_start and step > 0:
            step = 0
            self._db.progress.set_step(learner_id, lesson.id, 0)  # the stored step follows, as Back does
        run = LessonRun(lesson, start_step=step, mistakes=progress.mistakes)
        session_id = self._classroom.session_of(learner_id) if self._classroom is not None else None
        return PracticeRun(self._db, self._centre, self._classroom, learner_id, run, session_id)
