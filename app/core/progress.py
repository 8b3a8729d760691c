"""Progress rules shared by the store and the screens: what a lesson's status is for a learner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Status(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"


@dataclass(frozen=True)
class LessonProgress:
    """A learner's standing in one lesson, as the catalogue card and resume need it.

    `current_step` is the step to show next (0-based). A finished lesson keeps its last
    completion; starting it again opens a new attempt at step 0.
    """

    lesson_id: str
    status: Status
    current_step: int
    attempt: int
    mistakes: int
    seconds_spent: float
    completed_at: datetime | None = None
    ever_completed: bool = False
    updated_at: datetime | None = None  # the last step taken: the lesson to carry on is the latest

    @classmethod
    def new(cls, lesson_id: str) -> LessonProgress:
        return cls(lesson_id, Status.NEW, 0, 0, 0, 0.0)

    def resumable(self) -> bool:
        """Half done: opened, left after its first step, not finished."""
        return self.status is Status.IN_PROGRESS and self.current_step > 0

    def resume_step(self, step_count: int) -> int:
        """The step to open: where they stopped, or the start for a new or finished lesson."""
        if self.status is Status.IN_PROGRESS:
            return max(0, min(self.current_step, step_count - 1))
        return 0


@dataclass(frozen=True)
class AttemptSnapshot:
    """One attempt as the centre knows it from every kiosk's records: what a kiosk merges so a
    learner can carry on where they stopped on another kiosk."""

    lesson_id: str
    attempt: int
    position: int  # the step to show next
    done: bool
    mistakes: int
    seconds: float
    completed_at: datetime | None = None
