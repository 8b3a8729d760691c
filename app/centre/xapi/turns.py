"""A lock that serves its waiters in the order they came. threading.Lock wakes any waiter, so
with sixty batches waiting for their turn to write some waited forty seconds while later ones
went ahead, past a kiosk's request time-out (bench/bench_fleet.py)."""

from __future__ import annotations

import threading
from collections import deque
from types import TracebackType


class FirstComeFirstServed:
    """A context manager: one holder at a time, the turn handed straight to the longest waiter."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._waiting: deque[threading.Event] = deque()
        self._held = False

    def __enter__(self) -> FirstComeFirstServed:
        with self._guard:
            if not self._held:
                self._held = True
                return self
            turn = threading.Event()
            self._waiting.append(turn)
        turn.wait()  # the holder hands over without releasing, so nobody can cut in
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        with self._guard:
            if self._waiting:
                self._waiting.popleft().set()
            else:
                self._held = False

    @property
    def waiting(self) -> int:
        return len(self._waiting)
