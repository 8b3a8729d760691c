"""The tutor's live board of one session, whichever way it was read: from this kiosk's own
store (a single kiosk, no centre) or from the centre (every kiosk of the centre)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.core.class_sessions import ClassSession


@dataclass(frozen=True)
class BoardLearner:
    learner_id: str
    display_name: str
    checked_in_at: datetime | None
    lesson_id: str | None  # the lesson they are in (or last moved in)
    position: int | None  # 0-based step they are on
    steps: int | None
    done: bool
    mistakes: int
    seconds_on_step: float | None  # None when done or not in a lesson
    checked_in_by: str | None = None  # "tutor" or "kiosk" (the learner signed in themselves)


@dataclass(frozen=True)
class HelpCall:
    id: str
    learner_id: str
    display_name: str
    lesson_id: str | None
    step_index: int | None
    asked_at: datetime
    helped_at: datetime | None

    @property
    def waiting(self) -> bool:
        return self.helped_at is None


@dataclass(frozen=True)
class Board:
    session: ClassSession
    learners: list[BoardLearner]
    help: list[HelpCall]  # in the order they came
    source: str  # "kiosk" or "centre"

    def waiting_help(self) -> list[HelpCall]:
        return [call for call in self.help if call.waiting]
