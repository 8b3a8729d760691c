"""How forwarding is going, kept on the settings row where every forwarder and the operator's
`upstream show` read it: the last success, the last problem in words, the back-off all
forwarders share (so three worker processes do not each hammer a store that is down), and a
stop that waits for the operator. A report made under old settings (an older `generation`)
is dropped: new credentials must not be stopped by the old ones' refusal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, Engine, and_, select, update

from app.centre.forwarding.queue import STATEMENTS, UPSTREAM_ROW, Lane, forget_delivered
from app.centre.models import ForwardingUpstream
from app.sync.delivery import backoff_delay


def _this_generation(generation: int) -> ColumnElement[bool]:
    return and_(ForwardingUpstream.id == UPSTREAM_ROW, ForwardingUpstream.generation == generation)


def record_delivered(engine: Engine, seqs: list[int], lane: Lane = STATEMENTS) -> None:
    """The upstream acknowledged these: out of the queue, and the back-off is over, together."""
    now = datetime.now(UTC)
    with engine.begin() as connection:
        forget_delivered(connection, seqs, lane)
        connection.execute(
            update(ForwardingUpstream)
            .where(ForwardingUpstream.id == UPSTREAM_ROW)
            .values(last_success_at=now, failures=0, paused_until=None)
        )


def record_problem(engine: Engine, generation: int, problem: str, retry_after: float | None) -> float:
    """A failure worth retrying: count it, note it and pause every forwarder for the back-off
    (exponential with jitter, never shorter than the upstream's Retry-After). Returns the pause."""
    now = datetime.now(UTC)
    with engine.begin() as connection:
        failures = connection.execute(
            update(ForwardingUpstream)
            .where(_this_generation(generation))
            .values(failures=ForwardingUpstream.failures + 1, last_problem=problem, last_problem_at=now)
            .returning(ForwardingUpstream.failures)
        ).scalar()
        if failures is None:  # the operator changed the settings meanwhile: try the new ones now
            return 0.0
        pause = backoff_delay(failures, retry_after)
        connection.execute(
            update(ForwardingUpstream)
            .where(_this_generation(generation))
            .values(paused_until=now + timedelta(seconds=pause))
        )
    return pause


def record_stop(engine: Engine, generation: int, reason: str) -> None:
    """A problem only the operator can fix (credentials refused, wrong address): stop until
    `upstream set` or `upstream retry`."""
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(
            update(ForwardingUpstream)
            .where(_this_generation(generation))
            .values(stopped_reason=reason, last_problem=reason, last_problem_at=now, paused_until=None)
        )


@dataclass(frozen=True)
class Progress:
    """The settings row as `upstream show` tells it (never the secret)."""

    endpoint: str | None
    key: str | None
    enabled: bool
    configured_at: datetime | None
    stopped_reason: str | None
    paused_until: datetime | None
    failures: int
    last_success_at: datetime | None
    last_problem: str | None
    last_problem_at: datetime | None


def read_progress(engine: Engine) -> Progress | None:
    with engine.connect() as connection:
        row = connection.execute(select(ForwardingUpstream).where(ForwardingUpstream.id == UPSTREAM_ROW)).one_or_none()
    if row is None:
        return None
    return Progress(
        endpoint=row.url,
        key=row.key,
        enabled=row.enabled,
        configured_at=row.configured_at,
        stopped_reason=row.stopped_reason,
        paused_until=row.paused_until,
        failures=row.failures,
        last_success_at=row.last_success_at,
        last_problem=row.last_problem,
        last_problem_at=row.last_problem_at,
    )
