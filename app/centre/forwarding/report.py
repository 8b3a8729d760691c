"""`silversteps centre upstream show` in words: where statements go, whether they are going,
what is waiting or set aside, and, when something is wrong, what the operator can do. The
secret is never part of it."""

from __future__ import annotations

from datetime import UTC, datetime

from app.centre.forwarding.progress import Progress
from app.centre.forwarding.queue import QueueState

SET_UP = "`silversteps centre upstream set URL --key KEY` (secret in SILVERSTEPS_UPSTREAM_SECRET or typed when asked)"


def _when(moment: datetime | None, none: str = "never") -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else none


def _state(progress: Progress, queue: QueueState, now: datetime) -> str:
    if progress.stopped_reason:
        return f"STOPPED. {progress.stopped_reason}"
    if not progress.enabled:
        return f"off. Statements still join the queue and go when you turn it on again with {SET_UP}."
    if progress.paused_until is not None and progress.paused_until > now:
        return (
            f"waiting to try again at {_when(progress.paused_until)} after {progress.failures} failed "
            "attempt(s); nothing is lost, statements go when the store answers "
            "(`silversteps centre upstream retry` tries at once)."
        )
    if queue.waiting:
        return "forwarding."
    return "up to date: every statement stored has been forwarded or set aside."


def _problem_words(progress: Progress) -> str:
    if not progress.last_problem:
        return ""
    if progress.last_problem == progress.stopped_reason:
        return " (the stop above)"
    resolved = (
        progress.last_success_at and progress.last_problem_at and progress.last_success_at > progress.last_problem_at
    )
    return f"{' (forwarding worked since)' if resolved else ''}: {progress.last_problem}"


def describe(progress: Progress | None, queue: QueueState, now: datetime | None = None) -> list[str]:
    """The lines `upstream show` prints."""
    now = now or datetime.now(UTC)
    if progress is None or progress.endpoint is None:
        return [f"Forwarding is not set up. To forward every statement to the city's store: {SET_UP}."]
    lines = [
        f"Upstream:      {progress.endpoint} (key {progress.key}; set {_when(progress.configured_at)})",
        f"State:         {_state(progress, queue, now)}",
        f"Waiting:       {queue.waiting} statement(s)"
        + (
            f" ({queue.voids_waiting} of them voiding statements withdrawing copies of deleted learners' records)"
            if queue.voids_waiting
            else ""
        )
        + (f", oldest queued {_when(queue.oldest_waiting)}" if queue.oldest_waiting else "")
        + (f", {queue.in_flight} being sent now" if queue.in_flight else ""),
        f"Set aside:     {queue.set_aside} statement(s) the store refused"
        + (" (listed below; `silversteps centre upstream retry` sends them again)" if queue.set_aside else ""),
        f"Last success:  {_when(progress.last_success_at)}",
        f"Last problem:  {_when(progress.last_problem_at, 'none')}" + _problem_words(progress),
    ]
    for item in queue.first_set_aside:
        voiding = f" (voiding {item.voided_id})" if item.voided_id else ""
        lines.append(f"  set aside {item.statement_id}{voiding} at {_when(item.at)}: {item.reason}")
    if queue.set_aside > len(queue.first_set_aside):
        lines.append(f"  and {queue.set_aside - len(queue.first_set_aside)} more")
    return lines
