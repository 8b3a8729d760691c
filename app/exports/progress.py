"""How a writer reports progress, so the GUI can show a progress bar (from a worker thread)
and a person can cancel: the callback may raise, and the writer then leaves no file behind."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

DEFAULT_EVERY = 1000


class Progress(Protocol):
    """Called with the rows written so far and the total, or None when it is not known
    (a generator). Called every `every` rows and once more at the end."""

    def __call__(self, done: int, total: int | None) -> None: ...


def total_of(rows: Iterable[object], total: int | None) -> int | None:
    """The caller's total, else the length of a list or tuple, else unknown."""
    if total is not None:
        return total
    try:
        return len(rows)  # type: ignore[arg-type]
    except TypeError:
        return None


class Ticker:
    """Counts rows and calls the callback every `every` rows; cheap enough for a hot loop."""

    __slots__ = ("done", "every", "progress", "total")

    def __init__(self, progress: Progress | None, total: int | None, every: int = DEFAULT_EVERY) -> None:
        if every < 1:
            raise ValueError("every must be at least 1 row")
        self.progress = progress
        self.total = total
        self.every = every
        self.done = 0

    def tick(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % self.every == 0:
            self.progress(self.done, self.total)

    def finish(self) -> None:
        """The last call: done equals the rows written, even when that is not a multiple of every."""
        if self.progress is not None and (self.done % self.every or self.done == 0):
            self.progress(self.done, self.total)
