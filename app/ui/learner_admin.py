"""What staff do to a learner's records, without Qt: correct a name, merge a duplicate, give a
learner a copy of their own records, and delete them everywhere at their request. The centre
goes first: if it cannot be reached, nothing is changed here and staff are told to try again,
so a learner is never half deleted."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.core.learners import LearnerRecord
from app.exports.atomic import atomic_write_text
from app.store.db import Database
from app.store.learner_removal import delete_learner_here, merge_learner_here
from app.store.models import CheckIn, HelpRequest, OutboxStatement, Progress, StepAttempt
from app.sync.delivery import Refused, RetryLater
from app.sync.link import CentreLink
from app.sync.roster import delete_at_centre, merge_at_centre


class CentreAway(Exception):
    """The centre could not be reached or refused: nothing was changed; the words say why."""


@dataclass(frozen=True)
class Outcome:
    """What an action removed or moved, by kind, on the centre and on this kiosk."""

    centre: dict[str, int] = field(default_factory=dict)
    kiosk: dict[str, int] = field(default_factory=dict)

    def total(self) -> int:
        return sum(self.centre.values()) + sum(self.kiosk.values())


def _rows(db: Database, table: Any, learner_id: str) -> list[dict[str, Any]]:
    with db.sessions() as session:
        rows = session.scalars(select(table).where(table.learner_id == learner_id)).all()
        return [{column.name: _plain(getattr(row, column.name)) for column in table.__table__.columns} for row in rows]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


class LearnerAdmin:
    def __init__(self, db: Database, link: CentreLink | None) -> None:
        self._db = db
        self._link = link

    def correct(self, learner_id: str, display_name: str, phone_last4: str | None) -> LearnerRecord:
        return self._db.learners.update(learner_id, display_name, phone_last4)

    def merge(self, duplicate: str, keep: str) -> Outcome:
        if duplicate == keep:
            raise ValueError("Choose two different learners.")
        centre = self._at_centre(lambda link: merge_at_centre(link, duplicate, keep))
        return Outcome(centre, merge_learner_here(self._db.sessions, duplicate, keep))

    def delete_everywhere(self, learner_id: str) -> Outcome:
        centre = self._at_centre(lambda link: delete_at_centre(link, learner_id))
        return Outcome(centre, delete_learner_here(self._db.sessions, learner_id))

    def _at_centre(self, action) -> dict[str, int]:
        if self._link is None:
            return {}
        try:
            return action(self._link)
        except (RetryLater, Refused) as problem:
            raise CentreAway(str(problem)) from None

    def export_own_records(self, learner_id: str, path: Path) -> int:
        """Everything this kiosk holds about the learner, as one JSON file they can take away.
        Returns the number of records written."""
        learner = self._db.learners.get(learner_id)
        if learner is None:
            raise LookupError(f"no learner {learner_id} on this kiosk")
        with self._db.sessions() as session:
            statements = [
                json.loads(body)
                for body in session.scalars(
                    select(OutboxStatement.body).where(OutboxStatement.body.contains(f'"name":"{learner_id}"'))
                )
            ]
        document = {
            "exported_at": datetime.now(UTC).isoformat(),
            "learner": {
                "id": learner.id,
                "display_name": learner.display_name,
                "phone_last4": learner.phone_last4,
                "registered_at": _plain(learner.created_at),
            },
            "lessons": _rows(self._db, Progress, learner_id),
            "steps": _rows(self._db, StepAttempt, learner_id),
            "check_ins": _rows(self._db, CheckIn, learner_id),
            "help_calls": _rows(self._db, HelpRequest, learner_id),
            "xapi_statements": statements,
        }
        with atomic_write_text(path, encoding="utf-8") as stream:
            json.dump(document, stream, ensure_ascii=False, indent=2)
        return 1 + sum(len(document[key]) for key in ("lessons", "steps", "check_ins", "help_calls", "xapi_statements"))
