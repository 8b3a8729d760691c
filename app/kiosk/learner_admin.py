"""What staff do to a learner's records, without Qt: correct a name, merge a duplicate, give a
learner a copy of their own records, and delete them everywhere at their request. The centre
goes first: if it cannot be reached, nothing is changed here and staff are told to try again,
so a learner is never half deleted."""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from app.core.learners import LearnerRecord
from app.exports.atomic import atomic_write_text
from app.kiosk.centre import CentreAway
from app.store.db import Database
from app.store.learner_records import plain, records_of
from app.store.learner_removal import delete_learner_here, merge_learner_here
from app.sync.link import CentreLink
from app.sync.roster import delete_at_centre, merge_at_centre

__all__ = ["CentreAway", "LearnerAdmin", "Outcome"]


class CentreOfKiosk(Protocol):
    """Where the centre is, asked at each action, and the staff member's sign-in there
    (app.kiosk.centre.CentreConnection)."""

    def link(self) -> CentreLink | None: ...

    def as_staff(self) -> AbstractContextManager[CentreLink]: ...


@dataclass(frozen=True)
class Outcome:
    """What an action removed or moved, by kind, on the centre and on this kiosk."""

    centre: dict[str, int] = field(default_factory=dict)
    kiosk: dict[str, int] = field(default_factory=dict)

    def total(self) -> int:
        return sum(self.centre.values()) + sum(self.kiosk.values())


class LearnerAdmin:
    def __init__(self, db: Database, centre: CentreOfKiosk) -> None:
        self._db = db
        self._centre = centre

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
        """The centre first, as the signed-in staff member: CentreAway if it cannot be reached
        or StaffSignInMissing without their sign-in there, and nothing changes here. A kiosk
        without a centre changes only its own records."""
        if self._centre.link() is None:
            return {}
        with self._centre.as_staff() as link:
            return action(link)

    def export_own_records(self, learner_id: str, path: Path) -> int:
        """Everything this kiosk holds about the learner, as one JSON file they can take away.
        Returns the number of records written."""
        learner = self._db.learners.get(learner_id)
        if learner is None:
            raise LookupError(f"no learner {learner_id} on this kiosk")
        records = records_of(self._db.sessions, learner_id)
        document = {
            "exported_at": datetime.now(UTC).isoformat(),
            "learner": {
                "id": learner.id,
                "display_name": learner.display_name,
                "phone_last4": learner.phone_last4,
                "registered_at": plain(learner.created_at),
            },
            **records,
        }
        with atomic_write_text(path, encoding="utf-8") as stream:
            json.dump(document, stream, ensure_ascii=False, indent=2)
        return 1 + sum(len(rows) for rows in records.values())
