"""Learners on this kiosk: added with just a name (and optionally a phone's last four digits)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app.core.learners import LearnerRecord, check_name, check_phone_last4
from app.store.models import Learner

ROSTER_WAITING, ROSTER_SENT, ROSTER_REFUSED = "waiting", "sent", "refused"


@dataclass(frozen=True)
class RosterChange:
    """A learner added or changed here that the centre's roster does not have yet."""

    learner: LearnerRecord
    updated_at: datetime  # the change this is; a later change sends again


def _record(row: Learner) -> LearnerRecord:
    return LearnerRecord(row.id, row.display_name, row.phone_last4, row.created_at)


class LearnerRepository:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def add(self, display_name: str, phone_last4: str | None = None) -> LearnerRecord:
        row = Learner(display_name=check_name(display_name), phone_last4=check_phone_last4(phone_last4))
        with self._sessions.begin() as session:
            session.add(row)
            session.flush()
            return _record(row)

    def update(self, learner_id: str, display_name: str, phone_last4: str | None = None) -> LearnerRecord:
        """Correct a learner's name or phone digits; the change waits to reach the centre's roster."""
        with self._sessions.begin() as session:
            row = session.get(Learner, learner_id)
            if row is None:
                raise LookupError(f"no learner {learner_id} on this kiosk")
            row.display_name, row.phone_last4 = check_name(display_name), check_phone_last4(phone_last4)
            row.roster_state = ROSTER_WAITING
            session.flush()
            return _record(row)

    def get(self, learner_id: str) -> LearnerRecord | None:
        with self._sessions() as session:
            row = session.get(Learner, learner_id)
            return _record(row) if row else None

    def all(self) -> list[LearnerRecord]:
        with self._sessions() as session:
            rows = session.scalars(select(Learner).order_by(Learner.display_name, Learner.created_at))
            return [_record(row) for row in rows]

    def search(self, text: str) -> list[LearnerRecord]:
        """By surname: a Chinese name's first characters, or the start of any word of an
        English name ("wong" finds "Mary Wong"); four digits find the phone's last four."""
        wanted = text.strip().casefold()
        if not wanted:
            return self.all()
        found = []
        for learner in self.all():
            name = learner.display_name.casefold()
            if (
                name.startswith(wanted)
                or any(word.startswith(wanted) for word in name.split())
                or (learner.phone_last4 and learner.phone_last4 == wanted)
            ):
                found.append(learner)
        return found

    # ---- the centre's roster ------------------------------------------------------------------

    def roster_changes(self, limit: int = 200) -> list[RosterChange]:
        with self._sessions() as session:
            rows = session.scalars(
                select(Learner).where(Learner.roster_state == ROSTER_WAITING).order_by(Learner.updated_at).limit(limit)
            )
            return [RosterChange(_record(row), row.updated_at) for row in rows]

    def _settle(self, change: RosterChange, state: str) -> None:
        """Mark the change as settled, unless the learner changed again meanwhile (that change
        still waits). The stored updated_at is written back as it was, so it does not move."""
        with self._sessions.begin() as session:
            session.execute(
                update(Learner)
                .where(Learner.id == change.learner.id, Learner.updated_at == change.updated_at)
                .values(roster_state=state, updated_at=change.updated_at)
            )

    def on_roster(self, change: RosterChange) -> None:
        self._settle(change, ROSTER_SENT)

    def refused_by_roster(self, change: RosterChange) -> None:
        """The centre will not take this learner (another centre's id): stop offering it."""
        self._settle(change, ROSTER_REFUSED)

    def take_from_roster(self, learners: list[LearnerRecord]) -> int:
        """Add or update learners registered on other kiosks of the centre. A change made here
        that has not reached the centre yet wins until it has. Returns how many changed here."""
        changed = 0
        with self._sessions.begin() as session:
            for entry in learners:
                row = session.get(Learner, entry.id)
                if row is None:
                    row = Learner(
                        id=entry.id,
                        display_name=entry.display_name,
                        phone_last4=entry.phone_last4,
                        created_at=entry.created_at,
                        roster_state=ROSTER_SENT,
                    )
                    session.add(row)
                    changed += 1
                elif row.roster_state != ROSTER_WAITING and (row.display_name, row.phone_last4) != (
                    entry.display_name,
                    entry.phone_last4,
                ):
                    row.display_name, row.phone_last4 = entry.display_name, entry.phone_last4
                    row.roster_state = ROSTER_SENT
                    changed += 1
        return changed
