"""Load shedding for writes: a process stores one batch at a time (writers of a centre take
turns), so when a city's kiosks all come online at once, a queue of hundreds of batches would
make each wait longer than a kiosk's request time-out; the kiosk would give up and send the
same batch again, which makes the queue longer still. Past a limit (`--max-writes-waiting`),
a new write is answered at once (its body read, not parsed) with 503 and a Retry-After spread
over a range, so kiosks come back at different times (they honour Retry-After, with their own
jitter) and every answer is quick."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager

from app.centre.errors import ApiError

RETRY_AFTER_SECONDS = (5, 20)


class WriteGate:
    """Counts the write requests in this process; the event loop is its only caller, so a plain
    counter needs no lock."""

    def __init__(self, limit: int, chooser: random.Random | None = None) -> None:
        self.limit = limit
        self.in_flight = 0
        self.turned_away = 0
        self._random = chooser or random.Random()

    @contextmanager
    def admit(self) -> Iterator[None]:
        if self.in_flight >= self.limit:
            self.turned_away += 1
            seconds = self._random.randint(*RETRY_AFTER_SECONDS)
            raise ApiError(
                503,
                "The centre is busy storing other kiosks' records; nothing was stored. "
                f"Send this again in {seconds} seconds.",
                {"Retry-After": str(seconds)},
            )
        self.in_flight += 1
        try:
            yield
        finally:
            self.in_flight -= 1
