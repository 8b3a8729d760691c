"""Failed sign-ins and enrolment guesses from one address are slowed down, and past a limit
refused before any slow check runs. A stranger trying keys, tokens or codes then gets a few
answers a minute instead of hundreds a second, and never makes the server run scrypt for them;
a kiosk at the same address whose own requests succeed is not slowed at all (and its
successes do not wipe the stranger's count either).

Kept by hand rather than with a rate-limit library: what is counted is failures only (counted
after the answer is known, not requests before it), and what follows is a delay before the
refusal, which the rate limiters on PyPI (limits, slowapi) do not do. Per process: with
--workers each process paces the failures it sees, which is enough to keep the cost flat."""

from __future__ import annotations

import asyncio
import logging
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request

from app.centre.errors import ApiError

log = logging.getLogger("silversteps.centre")

FORGIVEN_EVERY_SECONDS = 6.0  # one failure forgotten every 6 s: 10 a minute go on unslowed
FIRST_DELAY_SECONDS = 0.25
LONGEST_DELAY_SECONDS = 5.0
REFUSED_ABOVE = 30  # past this, slow checks (scrypt, the enrolment code lookup) are not run
ADDRESSES_KEPT = 4096  # memory stays flat however many addresses call


@dataclass
class _Failures:
    level: float
    at: float


class SignInPacing:
    """How many recent failures each address has, leaking away with time (a leaky bucket)."""

    def __init__(self, free_failures: int, clock: Callable[[], float] = time.monotonic):
        self.free_failures = free_failures
        self.refused_above = max(REFUSED_ABOVE, free_failures + 1)
        self._clock = clock
        self._failures: OrderedDict[str, _Failures] = OrderedDict()
        self._lock = threading.Lock()

    def _level(self, address: str, now: float) -> float:
        found = self._failures.get(address)
        if found is None:
            return 0.0
        return max(0.0, found.level - (now - found.at) / FORGIVEN_EVERY_SECONDS)

    def note_failure(self, address: str) -> float:
        """Count one failure; returns how long to wait before answering it."""
        with self._lock:
            now = self._clock()
            before = self._level(address, now)
            level = before + 1
            self._failures[address] = _Failures(level, now)
            self._failures.move_to_end(address)
            while len(self._failures) > ADDRESSES_KEPT:
                self._failures.popitem(last=False)
        over = level - self.free_failures
        if over <= 0:
            return 0.0
        if before <= self.free_failures:
            log.warning("failed sign-ins from %s are being slowed down (%d recently)", address, math.floor(level))
        return min(LONGEST_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (over - 1))

    async def failed(self, address: str) -> None:
        """Count a failure and wait before it is answered (the connection waits, no thread does)."""
        delay = self.note_failure(address)
        if delay:
            await asyncio.sleep(delay)

    async def turn_away_if_over(self, address: str) -> None:
        """Past the limit, this try is counted too and answered 429 with Retry-After, before
        any slow check (scrypt, a code or account lookup) runs for it."""
        if wait := self.refused_for(address):
            await self.failed(address)
            raise ApiError(
                429,
                f"Too many failed sign-ins from this address; try again in {wait} seconds.",
                {"Retry-After": str(wait)},
            )

    def refused_for(self, address: str) -> int:
        """Whole seconds until this address may be checked again; 0 when it may be now."""
        with self._lock:
            level = self._level(address, self._clock())
        if level < self.refused_above:
            return 0
        return math.ceil((level - self.refused_above + 1) * FORGIVEN_EVERY_SECONDS)


def address_of(request: Request) -> str:
    """Where a request came from, as pacing counts it (behind a proxy: the proxy's address)."""
    return request.client.host if request.client else "unknown"
