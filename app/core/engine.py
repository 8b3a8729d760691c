"""The lesson engine: a small state machine that turns learner actions into outcomes.

It knows nothing of screens, speech or storage. The screen hands it "tapped X"; it answers
"correct, next step", "wrong, say the hint", "wrong again, highlight the target" or "lesson
complete", with what the caller needs to record the step.

A step may also offer choices (`Step.choices`): a safe one moves on like `expect`; a trap is
stopped before it happens and its coach words shown, and after a second trap on a step the safe
way is highlighted; a neutral one is answered and the learner chooses again. Traps are counted
apart from mistakes: falling for a trick in practice is what the practice is for.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from app.core.course import ActionKind, Choice, ChoiceKind, Direction, Expect, Lesson, Step, Text


@dataclass(frozen=True)
class Action:
    """What the learner did on the phone. `target` is empty for a tap on nothing in particular."""

    kind: ActionKind
    target: str = ""
    direction: Direction | None = None
    value: str | None = None

    @classmethod
    def tap(cls, target: str) -> Action:
        return cls(ActionKind.TAP, target)


class OutcomeKind(StrEnum):
    NEXT = "next"  # right action, a new step is current
    HINT = "hint"  # first miss on this step: say the hint
    HIGHLIGHT = "highlight"  # second (or later) miss: highlight the target as well
    COMPLETE = "complete"  # right action on the last step
    TRAP = "trap"  # a trap offered as a choice: stopped, explained, choose again
    NEUTRAL = "neutral"  # a choice that neither helps nor harms: answered, choose again


@dataclass(frozen=True)
class Outcome:
    kind: OutcomeKind
    step_index: int  # the step the action was made on
    step_id: str
    mistakes_on_step: int
    step_seconds: float  # time spent on that step so far
    hint: Text | None = None
    highlight_target: str | None = None
    choice: Choice | None = None  # on a step that offers choices: the one made (`expect` as a safe one)
    coach: Text | None = None  # a choice's words for the panel beside the phone
    traps_on_step: int = 0

    @property
    def correct(self) -> bool:
        return self.kind in (OutcomeKind.NEXT, OutcomeKind.COMPLETE)

    @property
    def safe(self) -> bool | None:
        """Whether the choice made was the safe one; None where the step offered no choice."""
        return None if self.choice is None else self.choice.outcome is ChoiceKind.SAFE


def matches(expect: Expect, action: Action) -> bool:
    """True if the action is the one the step asks for (a typed value ignores spaces)."""
    if action.target != expect.target:
        return False
    if expect.action is ActionKind.TYPE:
        typed = (action.value or "").replace(" ", "")
        return action.kind is ActionKind.TYPE and typed == (expect.value or "").replace(" ", "")
    if expect.action is ActionKind.SWIPE:
        return action.kind is ActionKind.SWIPE and action.direction == expect.direction
    return action.kind is expect.action


def choice_made(step: Step, action: Action) -> Choice | None:
    """The choice the action makes on a step that offers choices (its `expect` counts as the
    first safe one), or None: a step without choices, or an action it does not offer."""
    if not step.choices:
        return None
    if matches(step.expect, action):
        return Choice(**step.expect.model_dump(), outcome=ChoiceKind.SAFE)
    return next((choice for choice in step.choices if matches(choice, action)), None)


class LessonRun:
    """One learner's pass through one lesson, started fresh or resumed at a stored step."""

    def __init__(
        self,
        lesson: Lesson,
        *,
        start_step: int = 0,
        mistakes: int = 0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.lesson = lesson
        self._clock = clock
        self._index = max(0, min(start_step, len(lesson.steps) - 1))
        self._complete = False
        self.mistakes_total = mistakes
        self.traps_total = 0  # traps fallen for in this pass (counted apart from mistakes)
        self._mistakes_on_step = 0
        self._traps_on_step = 0
        self._step_started = clock()

    @property
    def step_index(self) -> int:
        return self._index

    @property
    def step(self) -> Step:
        return self.lesson.steps[self._index]

    @property
    def step_count(self) -> int:
        return len(self.lesson.steps)

    @property
    def is_complete(self) -> bool:
        return self._complete

    @property
    def mistakes_on_step(self) -> int:
        return self._mistakes_on_step

    def time_on_step(self) -> float:
        return self._clock() - self._step_started

    def act(self, action: Action) -> Outcome:
        """Judge one action on the current step and move on if it was right (or safe)."""
        if self._complete:
            raise RuntimeError("the lesson is already complete")
        step, index = self.step, self._index
        seconds = self.time_on_step()
        choice = choice_made(step, action)
        if matches(step.expect, action) or (choice is not None and choice.outcome is ChoiceKind.SAFE):
            mistakes = self._mistakes_on_step
            if index == len(self.lesson.steps) - 1:
                self._complete = True
                kind = OutcomeKind.COMPLETE
            else:
                self._enter(index + 1)
                kind = OutcomeKind.NEXT
            coach = choice.coach if choice is not None else None
            return Outcome(kind, index, step.id, mistakes, seconds, choice=choice, coach=coach)
        if choice is not None and choice.outcome is ChoiceKind.TRAP:
            self._traps_on_step += 1
            self.traps_total += 1
            return Outcome(
                OutcomeKind.TRAP,
                index,
                step.id,
                self._mistakes_on_step,
                seconds,
                choice=choice,
                coach=choice.coach,
                traps_on_step=self._traps_on_step,
                highlight_target=step.expect.target if self._traps_on_step >= 2 else None,
            )
        if choice is not None:
            return Outcome(
                OutcomeKind.NEUTRAL, index, step.id, self._mistakes_on_step, seconds, choice=choice, coach=choice.coach
            )
        self._mistakes_on_step += 1
        self.mistakes_total += 1
        if self._mistakes_on_step == 1:
            return Outcome(OutcomeKind.HINT, index, step.id, 1, seconds, hint=step.hint)
        return Outcome(
            OutcomeKind.HIGHLIGHT,
            index,
            step.id,
            self._mistakes_on_step,
            seconds,
            hint=step.hint,
            highlight_target=step.expect.target,
        )

    def back(self) -> int:
        """Go back one step (the learner wants to see it again); returns the new step index."""
        if self._index > 0 and not self._complete:
            self._enter(self._index - 1)
        return self._index

    def restart(self) -> None:
        self._complete = False
        self._enter(0)

    def _enter(self, index: int) -> None:
        self._index = index
        self._mistakes_on_step = 0
        self._traps_on_step = 0
        self._step_started = self._clock()
