"""Deleting a learner from this kiosk at their request, and merging a duplicate learner into
the one it duplicates. Each is one transaction and says what it removed or moved."""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.store.models import CheckIn, HelpRequest, Learner, OutboxStatement, Progress, Setting, StepAttempt
from app.store.options import learner_prefs


def _about(learner_id: str):
    """Outbox statements about the learner: their account name as frozen (compact JSON)."""
    return OutboxStatement.body.contains(f'"name":"{learner_id}"')


def _count(session: Session, table, *where) -> int:
    return session.scalar(select(func.count()).select_from(table).where(*where)) or 0


def delete_learner_here(sessions: sessionmaker[Session], learner_id: str) -> dict[str, int]:
    """Everything this kiosk holds about the learner, including records not yet sent; returns
    what was removed, by kind (0s if the kiosk never had them)."""
    with sessions.begin() as session:
        removed = {
            "learner": _count(session, Learner, Learner.id == learner_id),
            "lessons": _count(session, Progress, Progress.learner_id == learner_id),
            "steps": _count(session, StepAttempt, StepAttempt.learner_id == learner_id),
            "check-ins": _count(session, CheckIn, CheckIn.learner_id == learner_id),
            "help calls": _count(session, HelpRequest, HelpRequest.learner_id == learner_id),
            "records for the centre": session.execute(delete(OutboxStatement).where(_about(learner_id))).rowcount,
        }
        session.execute(delete(StepAttempt).where(StepAttempt.learner_id == learner_id))
        session.execute(delete(Learner).where(Learner.id == learner_id))  # progress, check-ins, help: cascade
        session.execute(delete(Setting).where(Setting.key == learner_prefs(learner_id).key))
    return removed


def merge_learner_here(sessions: sessionmaker[Session], duplicate: str, keep: str) -> dict[str, int]:
    """Move the duplicate's lessons, steps, check-ins and help calls to the learner kept, then
    remove the duplicate. Their attempts follow the kept learner's, numbered after them."""
    with sessions.begin() as session:
        copy = session.get(Learner, duplicate)
        if copy is None:
            return {"lessons": 0, "steps": 0, "check-ins": 0, "help calls": 0}
        if session.get(Learner, keep) is None:  # the roster has not brought them here yet
            session.add(
                Learner(id=keep, display_name=copy.display_name, phone_last4=copy.phone_last4, roster_state="sent")
            )
            session.flush()
        lessons = session.scalars(select(Progress).where(Progress.learner_id == duplicate)).all()
        for row in lessons:
            after = session.scalar(
                select(func.max(Progress.attempt)).where(
                    Progress.learner_id == keep, Progress.lesson_id == row.lesson_id
                )
            )
            row.attempt += after or 0
            row.learner_id = keep
        session.flush()
        moved = {
            "lessons": len(lessons),
            "steps": session.execute(
                update(StepAttempt).where(StepAttempt.learner_id == duplicate).values(learner_id=keep)
            ).rowcount,
            "help calls": session.execute(
                update(HelpRequest).where(HelpRequest.learner_id == duplicate).values(learner_id=keep)
            ).rowcount,
            "check-ins": 0,
        }
        for check_in in session.scalars(select(CheckIn).where(CheckIn.learner_id == duplicate)).all():
            if session.get(CheckIn, (check_in.session_id, keep)) is None:
                check_in.learner_id = keep
                moved["check-ins"] += 1
            else:
                session.delete(check_in)
        session.flush()
        session.delete(copy)
    return moved
