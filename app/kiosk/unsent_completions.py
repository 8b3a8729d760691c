"""Start-up's part of an upgrade from an early schema: completions the kiosk kept but never
queued for the centre (migration 0007 lists them) get their statements, made exactly as a
completion made today (same name-based id, this kiosk's identity), so the centre keeps each
once however often this runs."""

from __future__ import annotations

import logging

from app.core.loader import Catalogue
from app.core.xapi import KioskIdentity
from app.store.db import Database
from app.store.unsent_completions import CompletedAttempt, Queued

log = logging.getLogger("silversteps.kiosk")


def queue_unsent_completions(db: Database, catalogue: Catalogue, identity: KioskIdentity) -> Queued | None:
    """Queue what is listed; None when nothing is (every start but the first after the upgrade)."""
    if not db.unsent_completions.any():
        return None
    lessons = {lesson.id: lesson for lesson in catalogue.lessons}

    def statement_of(done: CompletedAttempt) -> dict | None:
        lesson = lessons.get(done.lesson_id)
        if lesson is None:
            return None
        return identity.completion_of(done.learner_id, lesson)(
            done.attempt, done.seconds, done.mistakes, done.completed_at
        )

    result = db.unsent_completions.queue(statement_of)
    log.info("queued %d completions kept from before the outbox; %d wait for their lesson", result.queued, result.left)
    return result
