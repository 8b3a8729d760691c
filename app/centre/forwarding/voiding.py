"""What deleting a learner at their request means for forwarding. xAPI has no delete: the
city's store keeps every statement it was sent, and the standard way to withdraw one is a
voiding statement (xAPI 1.0.3 Data 2.3.2), after which the store leaves it out of every
query. So, in the transaction that deletes the learner:

- their statements not yet sent leave the queue, and are never sent;
- for each one the city's store has, or may have (being sent at this moment, or sent once and
  its answer lost), a voiding statement joins the `forwarding_voids` lane, to go with the same
  rules, leases and back-off as statements.

A statement counts as sent when forwarding was set up and its queue row is gone, for rows
leave the queue only when the upstream has them, and as maybe sent when a forwarder ever held
its row (a request that timed out may have reached the store); voiding a statement the store
never received is harmless (the store keeps the voiding statement alone). Set-aside
statements were refused, so they are not at the city's store. A voiding statement the
learner's kiosk sent cannot itself be voided (Data 2.3.2), so it stays there; it names the
learner only by their random id.

The city's store still returns a voided statement by `voidedStatementId`: voiding hides, it
does not erase. Only the city's operator can erase it for good."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, delete, exists, false, not_, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from app.centre.forwarding.queue import UPSTREAM_ROW, Queue, Voids
from app.centre.models import ForwardingUpstream, StoredStatement
from app.core.xapi import VOIDED_VERB

# The namespace of voiding statements' ids: uuid5(VOID_NAMESPACE, voided id), so a voiding
# statement resent, or made again for the same statement, is the very same statement.
VOID_NAMESPACE = uuid.UUID("5b1f0c2e-7d1a-5c55-9a0e-53696c766572")
CENTRE_HOME_PAGE = "urn:silversteps:centre"  # as the authority of the centre's own statements


def void_id(voided_id: str) -> str:
    return str(uuid.uuid5(VOID_NAMESPACE, voided_id.lower()))


def centre_agent(centre: str) -> dict[str, Any]:
    """Who voids: the centre itself, named as it names itself in the authority it gives."""
    return {
        "objectType": "Agent",
        "name": f"SilverSteps centre {centre}",
        "account": {"homePage": f"{CENTRE_HOME_PAGE}:{centre}", "name": "centre"},
    }


def voiding_statement(voided_id: str, centre: str, at: datetime) -> dict[str, Any]:
    return {
        "id": void_id(voided_id),
        "actor": centre_agent(centre),
        "verb": {"id": VOIDED_VERB, "display": {"en-US": "voided"}},
        "object": {"objectType": "StatementRef", "id": voided_id},
        "timestamp": at.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
    }


def _sent_or_maybe() -> ColumnElement[bool]:
    """Out of the queue (delivered), or ever held by a forwarder (being sent now, or sent once
    without an answer): the city's store has it, or may have."""
    queued = exists(select(Queue.statement_seq).where(Queue.statement_seq == StoredStatement.seq))
    claimed = exists(
        select(Queue.statement_seq).where(Queue.statement_seq == StoredStatement.seq, Queue.claimed_by.is_not(None))
    )
    return or_(not_(queued), claimed)


def withdraw_from_upstream(connection: Connection, centre: str, about: ColumnElement[bool]) -> int:
    """For the statements `about` (a learner's, about to be deleted in this transaction): drop
    those not yet sent from the queue and queue a voiding statement for each the city's store
    has or may have. Returns how many voiding statements that is. Nothing to do when
    forwarding was never set up (or was forgotten): then nothing of theirs is queued and no
    store is known. Read under the same lock as `forwarding_set_up`, so an operator setting
    forwarding up at this moment either sees this transaction done or is seen by it."""
    set_up = connection.execute(
        select(ForwardingUpstream.url)
        .where(ForwardingUpstream.id == UPSTREAM_ROW)
        .with_for_update(read=True, key_share=True)
    ).scalar()
    if set_up is None:
        return 0
    voided = list(
        connection.execute(
            select(StoredStatement.statement_id)
            .where(about, StoredStatement.is_voiding.is_(false()), _sent_or_maybe())
            .order_by(StoredStatement.seq)
        ).scalars()
    )
    theirs = select(StoredStatement.seq).where(about)
    connection.execute(delete(Queue).where(Queue.statement_seq.in_(theirs)))
    if voided:
        now = datetime.now(UTC)
        rows = [
            {
                "voided_id": voided_id,
                "statement_id": void_id(voided_id),
                "document": json.dumps(
                    voiding_statement(voided_id, centre, now), ensure_ascii=False, separators=(",", ":")
                ),
                "queued_at": now,
            }
            for voided_id in voided
        ]
        dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        connection.execute(dialect.insert(Voids).on_conflict_do_nothing(index_elements=[Voids.voided_id]), rows)
    return len(voided)
