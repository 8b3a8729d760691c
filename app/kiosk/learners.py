"""The learners of this kiosk as the screens use them: the names to find and tap, adding a
new learner with just a name, and signing in, which is itself a record (attendance, once a
day and kiosk) and checks the learner in to a class session on now."""

from __future__ import annotations

from datetime import UTC, datetime

from app.core.learners import LearnerRecord
from app.core.progress import LessonProgress
from app.kiosk.centre import CentreConnection
from app.kiosk.classroom import Classroom
from app.kiosk.preferences import LearnerPrefs, Preferences
from app.store.db import Database


class Learners:
    def __init__(
        self, db: Database, centre: CentreConnection, classroom: Classroom | None, preferences: Preferences
    ) -> None:
        self._db = db
        self._centre = centre
        self._classroom = classroom
        self._preferences = preferences

    def all(self) -> list[LearnerRecord]:
        return self._db.learners.all()

    def search(self, text: str) -> list[LearnerRecord]:
        return self._db.learners.search(text)

    def get(self, learner_id: str) -> LearnerRecord | None:
        return self._db.learners.get(learner_id)

    def add(self, display_name: str, phone_last4: str | None = None) -> LearnerRecord:
        """Raises ValueError (words a person can act on) for an empty or too long name, or
        digits that are not four."""
        return self._db.learners.add(display_name, phone_last4)

    def progress(self, learner_id: str) -> dict[str, LessonProgress]:
        """Where the learner is in each lesson they have opened, by lesson id."""
        return self._db.progress.all_for(learner_id)

    def sign_in(self, learner: LearnerRecord) -> LearnerPrefs:
        """Coming to the centre is itself a record (once a day and kiosk, waiting in the outbox);
        a session on now checks them in; what other kiosks know of them is fetched now. Returns
        the language and text size they chose last time."""
        self._db.outbox.add(self._centre.identity.attendance(learner.id, datetime.now(UTC)))
        if self._classroom is not None:
            self._classroom.learner_signed_in(learner.id)
        self._centre.nudge()
        return self._preferences.of_learner(learner.id)
