"""The forwarder: one background thread in each server process (so `--workers 3` has three,
on as many machines as share the database) that claims queued statements (first the voiding
statements that withdraw deleted learners' forwarded ones, see `voiding`), posts them to the
upstream store and settles the queue by the upstream's answer, with the same rules as the
kiosk's sync worker (app.sync.delivery). It reads the settings afresh every round, so the
operator's `upstream set/off/retry` reaches it within a second, and it never touches the
event loop: request handling goes on whatever the upstream does."""

from __future__ import annotations

import logging
import threading
import time
from datetime import UTC, datetime

import httpx
from sqlalchemy import Engine

from app.centre.forwarding.outgoing import as_forwarded
from app.centre.forwarding.progress import record_delivered, record_problem, record_stop
from app.centre.forwarding.queue import (
    LANES,
    STATEMENTS,
    Claimed,
    Lane,
    claim,
    forwarder_name,
    release,
    release_abandoned,
    renew,
    set_aside,
)
from app.centre.forwarding.upstream import Upstream, active_upstream
from app.sync.delivery import TIMEOUT_S, Refused, RetryLater, answer_text, backoff_delay, deliver

log = logging.getLogger("silversteps.centre.forwarding")
STORE = "the city's store"
STORE_CAPITALISED = "The city's store"
BATCH = 100
IDLE_POLL_S = 0.5  # how soon a new statement or the operator's change is noticed
STOP_WAIT_S = 10.0
# Renewed before a request once this old, so every request starts with at least LEASE minus
# this (45 s) left: more than a request can take (TIMEOUT_S).
RENEW_AFTER_S = 15.0
WRONG_ADDRESS_STATUSES = (404, 405)


class WrongAddress(Exception):
    """The address answers, but not as an xAPI Statements resource would."""


def _seqs(items: list[Claimed]) -> list[int]:
    return [item.seq for item in items]


def refused_in_words(answer: str) -> str:
    return (
        f"{STORE_CAPITALISED} refused our credentials ({answer}). Check the key and secret with the store's "
        "operator, then run `silversteps centre upstream set URL --key KEY` with the secret in "
        "SILVERSTEPS_UPSTREAM_SECRET; forwarding resumes at once."
    )


def wrong_address_in_words(endpoint: str, answer: str) -> str:
    return (
        f"{endpoint}/statements is not an xAPI Statements resource ({answer}). Give the store's xAPI "
        "endpoint (the address before /statements, e.g. https://lrs.city.example/xapi) with "
        "`silversteps centre upstream set URL --key KEY`."
    )


class Forwarder:
    def __init__(self, engine: Engine, *, client: httpx.Client | None = None, holder: str | None = None) -> None:
        self._engine = engine
        self._client = client or httpx.Client(timeout=TIMEOUT_S)
        self._holder = holder or forwarder_name()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._leased: list[int] = []  # the batch in hand, whose lease is renewed as a whole
        self._lane: Lane = STATEMENTS  # the lane the batch in hand is from
        self._leased_at = 0.0  # time.monotonic() when that lease was last set

    # ---- one round -------------------------------------------------------------------------

    def forward_once(self) -> float:
        """Forward one batch if there is one to forward now; returns how long to wait before the
        next round (0 when more may be waiting)."""
        upstream = active_upstream(self._engine)
        if upstream is None:
            return IDLE_POLL_S
        now = datetime.now(UTC)
        if upstream.paused_until is not None and upstream.paused_until > now:
            return min((upstream.paused_until - now).total_seconds(), IDLE_POLL_S)
        batch: list[Claimed] = []
        for lane in LANES:  # voiding statements for deleted learners first: they are few
            batch = claim(self._engine, self._holder, BATCH, lane)
            if batch:
                break
        if not batch:
            return IDLE_POLL_S
        lane = batch[0].lane
        self._leased, self._leased_at, self._lane = _seqs(batch), time.monotonic(), lane
        try:
            deliver(
                batch,
                lambda items: self._post(upstream, items),
                lambda items: record_delivered(self._engine, _seqs(items), lane),
                self._set_aside,
                store=STORE,
            )
        except RetryLater as problem:
            release(self._engine, self._holder, _seqs(batch), lane)
            pause = record_problem(self._engine, upstream.generation, str(problem), problem.retry_after)
            log.warning("forwarding paused for %.0f s: %s", pause, problem)
        except Refused as problem:
            release(self._engine, self._holder, _seqs(batch), lane)
            record_stop(self._engine, upstream.generation, refused_in_words(str(problem)))
            log.error("forwarding stopped: %s refused our credentials (%s)", STORE, problem)
        except WrongAddress as problem:
            release(self._engine, self._holder, _seqs(batch), lane)
            record_stop(self._engine, upstream.generation, wrong_address_in_words(upstream.endpoint, str(problem)))
            log.error("forwarding stopped: %s/statements answered %s", upstream.endpoint, problem)
        except Exception:
            release(self._engine, self._holder, _seqs(batch), lane)
            raise
        return 0.0

    def _post(self, upstream: Upstream, items: list[Claimed]) -> httpx.Response:
        if time.monotonic() - self._leased_at > RENEW_AFTER_S:  # a long split, or a slow store
            renew(self._engine, self._holder, self._leased, self._lane)  # rows already settled no longer match
            self._leased_at = time.monotonic()
        response = self._client.post(
            upstream.statements_url,
            json=[as_forwarded(item.document) for item in items],
            headers=upstream.headers(),
        )
        if response.status_code in WRONG_ADDRESS_STATUSES:
            raise WrongAddress(answer_text(response))
        return response

    def _set_aside(self, item: Claimed, answer: str) -> None:
        set_aside(self._engine, item.seq, answer, item.lane)
        what = "voiding statement" if item.lane is not STATEMENTS else "statement"
        log.warning("%s %s set aside: %s answered %s", what, item.statement_id, STORE, answer)

    # ---- the background thread -------------------------------------------------------------

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="silversteps-forwarder", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = STOP_WAIT_S) -> None:
        """Finish the request in hand, then give back this process's leases so another
        forwarder takes them at once rather than when they run out."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("the forwarder did not finish in %.0f s; its leases will run out by themselves", timeout)
                return
        try:
            release(self._engine, self._holder)
        except Exception:
            log.exception("could not give back the forwarder's leases; they will run out by themselves")
        self._client.close()

    def _loop(self) -> None:
        failures = 0
        try:
            taken_back = release_abandoned(self._engine, self._holder)
            if taken_back:
                log.info("took back %d statements leased by a server process that has gone", taken_back)
        except Exception:
            log.exception("could not look for leases of server processes that have gone")
        while not self._stop.is_set():
            try:
                wait = self.forward_once()
                failures = 0
            except Exception:  # the database is away, say: keep the server up and try again
                failures += 1
                wait = backoff_delay(failures, None)
                log.exception("forwarding round failed; trying again in %.0f s", wait)
            if wait:
                self._stop.wait(wait)
