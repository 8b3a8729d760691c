"""The upstream store as the operator set it up with `silversteps centre upstream set/off`.
Kept in the one `forwarding_upstream` row, so every worker process and every machine of a
PostgreSQL deployment forwards with the same settings, and a change reaches them all within
a second."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from sqlalchemy import Connection, Engine, select, update

from app.centre.forwarding.queue import (
    UPSTREAM_ROW,
    drop_queued,
    put_back_set_aside,
    queue_all_stored,
    waiting_count,
)
from app.centre.models import ForwardingUpstream

XAPI_VERSION = "1.0.3"


class UpstreamSettingsError(ValueError):
    """An address or key the centre cannot forward with; the message says what to give."""


def endpoint_of(url: str) -> str:
    """The store's xAPI endpoint, the address that ends just before `/statements`: given
    `https://lrs.example/xapi/` or `https://lrs.example/xapi/statements`, `https://lrs.example/xapi`."""
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UpstreamSettingsError(
            f"{url!r} is not the address of an xAPI store; give its xAPI endpoint, e.g. https://lrs.city.example/xapi"
        )
    if parts.username or parts.password:
        raise UpstreamSettingsError(
            "leave the credentials out of the address: give the key with --key and the secret in "
            "SILVERSTEPS_UPSTREAM_SECRET (the address is shown by `upstream show`, the secret never)"
        )
    if parts.query or parts.fragment:
        raise UpstreamSettingsError(f"{url!r} has a ?query or #fragment; give the xAPI endpoint alone")
    endpoint = text.rstrip("/")
    return endpoint.removesuffix("/statements") if endpoint.endswith("/statements") else endpoint


def check_key(key: str) -> str:
    if not key or len(key) > 200 or ":" in key or any(ord(char) < 32 for char in key):
        raise UpstreamSettingsError(
            "the key must be 1 to 200 printable characters without ':' (HTTP Basic cannot carry a ':' in it)"
        )
    return key


@dataclass(frozen=True)
class Upstream:
    """Settings a forwarder sends with, read afresh every round."""

    endpoint: str
    key: str
    secret: str = field(repr=False)
    generation: int
    paused_until: datetime | None = None  # the shared back-off: no forwarder sends before then

    @property
    def statements_url(self) -> str:
        return f"{self.endpoint}/statements"

    def headers(self) -> dict[str, str]:
        token = base64.b64encode(f"{self.key}:{self.secret}".encode()).decode()
        return {"Authorization": f"Basic {token}", "X-Experience-API-Version": XAPI_VERSION}


@dataclass(frozen=True)
class Configured:
    """What `upstream set` did: whether this was the first time, and what the queue now holds."""

    first_time: bool
    queued_from_before: int
    waiting: int


def _take_row(connection: Connection) -> ForwardingUpstream:
    """Lock the settings row for a change. The first statement writes, so SQLite takes its one
    write lock before reading; on PostgreSQL, FOR UPDATE then waits for every transaction that
    is storing statements (they hold FOR KEY SHARE on this row) and blocks new ones until the
    change commits, so no statement is stored without seeing the change."""
    connection.execute(
        update(ForwardingUpstream)
        .where(ForwardingUpstream.id == UPSTREAM_ROW)
        .values(generation=ForwardingUpstream.generation + 1)
    )
    row = connection.execute(
        select(ForwardingUpstream).where(ForwardingUpstream.id == UPSTREAM_ROW).with_for_update()
    ).one_or_none()
    if row is None:
        raise RuntimeError("the centre database has no forwarding settings row; run the migrations (0004)")
    return row


def configure(engine: Engine, url: str, key: str, secret: str) -> Configured:
    """Forward to `url` with these credentials from now on, and clear a stop or a back-off so
    forwarding starts at once. The first time, every statement already stored joins the queue."""
    endpoint, key = endpoint_of(url), check_key(key)
    if not secret:
        raise UpstreamSettingsError("the secret is empty")
    now = datetime.now(UTC)
    with engine.begin() as connection:
        first_time = _take_row(connection).url is None
        connection.execute(
            update(ForwardingUpstream)
            .where(ForwardingUpstream.id == UPSTREAM_ROW)
            .values(
                url=endpoint,
                key=key,
                secret=secret,
                enabled=True,
                configured_at=now,
                stopped_reason=None,
                paused_until=None,
                failures=0,
            )
        )
        queued = queue_all_stored(connection, now) if first_time else 0
        return Configured(first_time, queued, waiting_count(connection))


@dataclass(frozen=True)
class TurnedOff:
    was_set_up: bool
    statements: int  # waiting in the queue, or dropped from it with `forget`


def turn_off(engine: Engine, *, forget: bool = False) -> TurnedOff:
    """Stop forwarding. Statements keep joining the queue, so turning it on again loses none;
    with `forget`, the queue and the settings are dropped instead (as if never set up)."""
    with engine.begin() as connection:
        was_set_up = _take_row(connection).url is not None
        waiting = waiting_count(connection)
        values: dict[str, object] = {"enabled": False, "paused_until": None, "failures": 0}
        if forget:
            dropped = drop_queued(connection)
            values.update(url=None, key=None, secret=None, configured_at=None, stopped_reason=None)
            waiting = dropped
        connection.execute(update(ForwardingUpstream).where(ForwardingUpstream.id == UPSTREAM_ROW).values(**values))
    return TurnedOff(was_set_up, waiting)


def retry_now(engine: Engine) -> int:
    """Try again at once, for when the upstream's people have fixed what went wrong on their
    side: end the back-off, lift a stop, and put every set-aside statement back in the queue;
    returns how many went back."""
    with engine.begin() as connection:
        _take_row(connection)
        connection.execute(
            update(ForwardingUpstream)
            .where(ForwardingUpstream.id == UPSTREAM_ROW)
            .values(paused_until=None, failures=0, stopped_reason=None)
        )
        return put_back_set_aside(connection)


def active_upstream(engine: Engine) -> Upstream | None:
    """The settings to forward with now, or None when forwarding is off, not set up or stopped."""
    with engine.connect() as connection:
        row = connection.execute(select(ForwardingUpstream).where(ForwardingUpstream.id == UPSTREAM_ROW)).one_or_none()
    if row is None or not row.enabled or row.url is None or row.stopped_reason is not None:
        return None
    return Upstream(
        endpoint=row.url,
        key=row.key or "",
        secret=row.secret or "",
        generation=row.generation,
        paused_until=row.paused_until,
    )
