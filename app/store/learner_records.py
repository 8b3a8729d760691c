"""Everything this kiosk holds about one learner, as plain JSON-ready values: the learner's
right to a copy of their own records (the staff console's "their records" and the learner's
own data). The deletion and merging of those rows is in learner_removal.py."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.store.models import CheckIn, HelpRequest, OutboxStatement, Progress, StepAttempt

TABLES = {"lessons": Progress, "steps": StepAttempt, "check_ins": CheckIn, "help_calls": HelpRequest}


def plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def records_of(sessions: sessionmaker[Session], learner_id: str) -> dict[str, list[dict[str, Any]]]:
    """The learner's rows by kind (lessons, steps, check-ins, help calls) and the xAPI
    statements made about them, in one read."""
    with sessions() as session:
        found: dict[str, list[dict[str, Any]]] = {}
        for kind, table in TABLES.items():
            rows = session.scalars(select(table).where(table.learner_id == learner_id)).all()
            columns = table.__table__.columns
            found[kind] = [{column.name: plain(getattr(row, column.name)) for column in columns} for row in rows]
        found["xapi_statements"] = [
            json.loads(body)
            for body in session.scalars(
                select(OutboxStatement.body).where(OutboxStatement.body.contains(f'"name":"{learner_id}"'))
            )
        ]
    return found
