"""The sync worker: sends waiting xAPI statements to the centre in batches and treats every
answer as a careful client would. A statement leaves the outbox only when the centre has
said it has it; nothing is ever dropped.

- 200/204: sent.
- 400, 403, 409, 413 for a batch: split it in halves to find the statement at fault; that one
  is set aside for staff with the centre's words, the rest go on (a 403 is a statement id
  another centre holds: it must not stop this kiosk's other records).
- 401: stop and tell staff (the kiosk's credentials are refused).
- 429, 5xx, a dropped connection: wait and try again later, with exponential back-off and
  jitter, honouring Retry-After.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

import httpx

from app.store.outbox import OutboxRepository, Waiting
from app.sync.delivery import CENTRE_REFUSED_STATUSES, TIMEOUT_S, Refused, RetryLater, backoff_delay, deliver
from app.sync.link import CentreLink

log = logging.getLogger("silversteps.sync")
BATCH = 50
IDLE_WAIT_S = 5.0


@dataclass(frozen=True)
class SyncState:
    """What staff see, in words."""

    waiting: int
    set_aside: int
    last_success: datetime | None
    problem: str | None  # the centre's or the network's own words
    advice: str | None  # "retry", "refused" or "error": the screen says what to do in the learner's language
    stopped: bool


class Exchange(Protocol):
    """More to share with the centre each round (the roster; see app/sync/roster.py). Returns
    a truthy result when something came back that the screens should show."""

    def exchange(self) -> object: ...


class Together:
    """Several exchanges run one after the other in a round; news if any brought some."""

    def __init__(self, *parts: Exchange) -> None:
        self._parts = parts

    def exchange(self) -> bool:
        return any([bool(part.exchange()) for part in self._parts])


class SyncWorker:
    def __init__(
        self,
        outbox: OutboxRepository,
        link: CentreLink,
        *,
        client: httpx.Client | None = None,
        roster: Callable[[httpx.Client], Exchange] | None = None,
        on_news: Callable[[], None] | None = None,
    ) -> None:
        self._outbox = outbox
        self._link = link
        self._client = client or httpx.Client(timeout=TIMEOUT_S)
        self._roster = roster(self._client) if roster else None
        self._on_news = on_news  # called on the worker's thread: a Qt signal's emit is safe here
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._failures = 0
        self._problem: str | None = None
        self._advice: str | None = None
        self._refused = False
        self._last_success: datetime | None = None

    # ---- one round -------------------------------------------------------------------------

    def run_round(self) -> None:
        """The roster first (so the centre knows a learner before their statements), then the
        statements. Raises RetryLater or Refused when it must stop for now."""
        if self._roster is not None and self._roster.exchange() and self._on_news is not None:
            self._on_news()
        self.send_waiting()

    def send_waiting(self) -> int:
        """Send everything waiting, batch by batch; returns how many the centre took. Raises
        RetryLater or Refused when it must stop for now."""
        sent = 0
        while batch := self._outbox.waiting(BATCH):
            sent += self._send(batch)
            self._last_success = datetime.now(UTC)
        self._problem = self._advice = None
        self._failures = 0
        return sent

    def _send(self, batch: list[Waiting]) -> int:
        def post(items: list[Waiting]) -> httpx.Response:
            return self._client.post(
                f"{self._link.url.rstrip('/')}/xapi/statements",
                json=[item.statement for item in items],
                headers=self._link.headers(),
            )

        def set_aside(item: Waiting, problem: str) -> None:
            self._outbox.set_aside(item.id, problem)
            log.warning("statement %s set aside: %s", item.id, problem)

        def delivered(items: list[Waiting]) -> None:
            self._outbox.mark_sent([item.id for item in items])

        return deliver(batch, post, delivered, set_aside, refused=CENTRE_REFUSED_STATUSES)

    # ---- the background thread -------------------------------------------------------------

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="silversteps-sync", daemon=True)
        self._thread.start()

    def nudge(self) -> None:
        """Something new is waiting: send it now rather than at the next idle tick."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self._client.close()

    def _loop(self) -> None:
        while not self._stop.is_set():
            wait = IDLE_WAIT_S
            try:
                self.run_round()
            except RetryLater as exc:
                self._failures += 1
                wait = backoff_delay(self._failures, exc.retry_after)
                self._problem = str(exc)
                self._advice = "retry"  # records stay on the kiosk and go when the centre answers
            except Refused as exc:
                self._refused = True
                self._problem = str(exc)
                self._advice = "refused"  # staff must enrol the kiosk again
                return
            except Exception as exc:  # keep the kiosk running; the records stay in the outbox
                self._failures += 1
                wait = backoff_delay(self._failures, None)
                self._problem = f"{type(exc).__name__}: {exc}"
                self._advice = "error"  # records stay on the kiosk; staff should look if it repeats
                log.exception("sync round failed")
            self._wake.wait(wait)
            self._wake.clear()

    def state(self) -> SyncState:
        counts = self._outbox.counts()
        return SyncState(
            waiting=counts.waiting,
            set_aside=counts.set_aside,
            last_success=self._last_success or counts.last_sent_at,
            problem=self._problem,
            advice=self._advice,
            stopped=self._refused,
        )
