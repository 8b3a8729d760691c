"""A kiosk as the sync tests drive it: enrolled at the real centre, its real store, and its
real sync worker run one round at a time; lessons played the way the player screen records them."""

from __future__ import annotations

from app.kiosk.centre import CentreConnection
from app.kiosk.classroom import Classroom
from app.store.db import Database, open_database
from app.sync.link import centre_link
from app.sync.roster import RosterExchange
from app.sync.sessions import SessionExchange
from app.sync.worker import SyncWorker, Together
from tests.sync.test_enrol import enrol_kiosk
from tests.sync.test_sync_with_centre import Centre

STAFF_NAME, STAFF_PIN = "前台", "246810"


class Kiosk:
    """One enrolled kiosk: its real store and its real sync worker, run a round at a time; a
    staff account made before enrolment, so the centre knows it and staff can sign in there."""

    def __init__(self, centre: Centre, data_dir) -> None:
        before = open_database(data_dir)
        self.staff = before.accounts.add(STAFF_NAME, "staff", STAFF_PIN)
        before.close()
        enrol_kiosk(centre, data_dir)
        self.db: Database = open_database(data_dir)
        self.centre = CentreConnection(self.db, start=False)  # its worker is run a round at a time
        self.identity = self.centre.identity
        link = centre_link(self.db.settings)
        self.worker = SyncWorker(
            self.db.outbox,
            link,
            roster=lambda client: Together(
                RosterExchange(client, link, self.db.learners, self.db.progress, self.db.settings, self.db.sessions),
                SessionExchange(client, link, self.db.classes, self.db.settings),
            ),
        )
        self.classroom = Classroom(self.db, self.centre)

    def sign_in_staff(self) -> None:
        """The staff member signs in here, and so at the centre, as the role screen does."""
        self.centre.sign_in_staff(self.centre.begin_staff_sign_in(), self.staff.id, STAFF_PIN)

    def sync(self) -> None:
        self.worker.run_round()

    def play(self, learner_id: str, lesson, steps: int, mistakes_each: int = 0, session_id: str | None = None) -> None:
        """Start or resume the lesson and do `steps` steps, as the player screen records them."""
        progress = self.db.progress.start(
            learner_id, lesson.id, lesson.version, started=self.identity.start_of(learner_id, lesson)
        )
        first = progress.resume_step(len(lesson.steps))
        for index in range(first, min(first + steps, len(lesson.steps))):
            for _ in range(mistakes_each):
                self._record(learner_id, lesson, "hint", index, index, completed=False, session_id=session_id)
            last = index + 1 == len(lesson.steps)
            outcome = "complete" if last else "next"
            self._record(learner_id, lesson, outcome, index, index + 1, completed=last, session_id=session_id)

    def _record(self, learner_id, lesson, outcome, index, next_step, *, completed, session_id=None) -> None:
        self.db.progress.record(
            learner_id,
            lesson.id,
            outcome=outcome,
            step_index=index,
            step_id=lesson.steps[index].id,
            mistakes_on_step=1 if outcome == "hint" else 0,
            seconds=2.5,
            next_step=next_step if outcome != "hint" else index,
            completed=completed,
            completion=self.identity.completion_of(learner_id, lesson),
            progressed=self.identity.step_of(learner_id, lesson, session_id),
        )

    def made(self) -> set[str]:
        with self.db.engine.connect() as connection:
            return {row[0] for row in connection.exec_driver_sql("SELECT id FROM outbox")}

    def set_aside(self) -> int:
        return self.db.outbox.counts().set_aside

    def close(self) -> None:
        self.worker.stop()
        self.centre.close()
        self.db.close()
