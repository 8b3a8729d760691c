"""The roster: learners registered on any kiosk of a centre. A kiosk puts each learner it
registers (or changes) and pulls the others'. Ids are the kiosk-made UUIDs, so two kiosks
never collide; a learner belongs to one centre, and another centre's kiosk cannot take them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator
from sqlalchemy import Engine, and_, or_, select

from app.centre.errors import ApiError
from app.centre.models import RosterLearner
from app.centre.roster.cursor import Cursor, next_cursor
from app.centre.roster.fields import Body, Moment, OneLine, parse_body, trimmed
from app.centre.roster.sql import upsert_for

NAME_LENGTH = 40
PAGE = 500


@dataclass(frozen=True)
class LearnerEntry:
    id: str
    display_name: str
    phone_last4: str | None
    registered_at: datetime
    removed: str | None = None  # "deleted" or "merged": kiosks then delete or merge their copy
    merged_into: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "display_name": self.display_name,
            "phone_last4": self.phone_last4,
            "registered_at": self.registered_at.isoformat(),
            "removed": self.removed,
            "merged_into": self.merged_into,
        }


SHAPE = 'Send JSON like {"display_name": "王秀英", "phone_last4": "1234", "registered_at": "2026-11-25T09:30:00Z"}'


def _four_digits(value: str) -> str:
    if not (len(value) == 4 and value.isascii() and value.isdigit()):
        raise ValueError("must be four digits or null")
    return value


class LearnerBody(Body):
    """The body of PUT /api/v1/learners/{id}; the limits are roster_learners' columns."""

    display_name: Annotated[str, trimmed(NAME_LENGTH, shortest=1), OneLine]
    phone_last4: Annotated[str, AfterValidator(_four_digits)] | None = None
    registered_at: Moment


def parse_entry(learner_id: str, body: object) -> LearnerEntry:
    """The body of PUT /api/v1/learners/{id}, checked field by field."""
    learner = parse_body(LearnerBody, body, SHAPE)
    return LearnerEntry(learner_id, learner.display_name, learner.phone_last4, learner.registered_at)


class Roster:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._upsert = upsert_for(engine.dialect)

    def put(self, centre: str, kiosk_key: str, entry: LearnerEntry) -> None:
        """Add or change a learner of `centre`; 403 if the id is another centre's. One statement,
        never check-then-insert: two kiosks putting the same learner at once both succeed."""
        now = datetime.now(UTC)
        statement = self._upsert(RosterLearner).values(
            id=entry.id,
            centre=centre,
            display_name=entry.display_name,
            phone_last4=entry.phone_last4,
            registered_at=entry.registered_at,
            kiosk_id=kiosk_key,
            changed=now,
        )
        statement = statement.on_conflict_do_update(
            index_elements=[RosterLearner.id],
            set_={
                "display_name": statement.excluded.display_name,
                "phone_last4": statement.excluded.phone_last4,
                "changed": statement.excluded.changed,
            },
            where=(RosterLearner.centre == statement.excluded.centre) & RosterLearner.removed.is_(None),
        )
        with self._engine.begin() as connection:
            # RETURNING, not rowcount: psycopg reports a row count for an upsert whose WHERE kept
            # the row as it was, so another centre's learner was "put" with 200 on PostgreSQL
            if connection.execute(statement.returning(RosterLearner.id)).first() is None:
                removed = connection.execute(
                    select(RosterLearner.removed).where(RosterLearner.centre == centre, RosterLearner.id == entry.id)
                ).scalar()  # another centre's learner: not this centre's to learn whether she left
                if removed:
                    raise ApiError(410, f"Learner {entry.id} was {removed}; the kiosk will hear of it and do the same.")
                raise ApiError(403, f"Learner {entry.id} belongs to another centre; this kiosk cannot change them.")

    def page(self, centre: str, after: Cursor, limit: int = PAGE) -> tuple[list[LearnerEntry], Cursor, bool]:
        """Learners changed after `after`, oldest change first; the next cursor; whether more wait."""
        query = (
            select(RosterLearner)
            .where(
                RosterLearner.centre == centre,
                or_(
                    RosterLearner.changed > after.changed,
                    and_(RosterLearner.changed == after.changed, RosterLearner.id > after.key),
                ),
            )
            .order_by(RosterLearner.changed, RosterLearner.id)
            .limit(limit)
        )
        with self._engine.connect() as connection:
            rows = connection.execute(query).all()
        entries = [
            LearnerEntry(row.id, row.display_name, row.phone_last4, row.registered_at, row.removed, row.merged_into)
            for row in rows
        ]
        return entries, *next_cursor(after, [(row.changed, row.id) for row in rows], limit)
