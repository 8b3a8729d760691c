"""What the kiosk does for a class session, without Qt: a tutor makes a session, checks learners
in with a tap; a learner signing in while a session is on is checked in by themselves; Help in a
lesson calls the tutor; the tutor marks it helped; the board shows the class, from the centre
when there is one (every kiosk) and from this kiosk's store otherwise."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Protocol

from app.core.board import Board
from app.core.class_sessions import ClassSession, sessions_on
from app.core.course import Lesson
from app.core.xapi import KioskIdentity
from app.core.xapi_class import checked_in, help_asked, help_given
from app.store.board import local_board
from app.store.class_sessions import CheckInRecord
from app.store.db import Database
from app.store.options import KIOSK_ROOM


class BoardReader(Protocol):
    def __call__(self, session: ClassSession) -> Board: ...


class CentrePlace(Protocol):
    """What the classroom needs of the kiosk's centre (app.kiosk.centre.CentreConnection), read
    afresh at every call, so enrolling the kiosk again reaches the classroom at once."""

    identity: KioskIdentity
    board_reader: BoardReader | None


log = logging.getLogger("silversteps.classroom")


class Classroom:
    def __init__(
        self,
        db: Database,
        centre: CentrePlace,
        clock: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        self._db = db
        self._centre = centre
        self._centre_away = False
        self._clock = clock

    @property
    def _identity(self) -> KioskIdentity:
        return self._centre.identity

    # ---- sessions -----------------------------------------------------------------------------

    def sessions_on_day(self, day: date | None = None) -> list[ClassSession]:
        return self._db.classes.on_day(day or self._clock().date())

    def save(self, session: ClassSession) -> None:
        self._db.classes.save(session)

    def sessions_between(self, first: date, last: date) -> list[ClassSession]:
        return self._db.classes.between(first, last)

    def room(self) -> str:
        """The room this kiosk stands in, as staff or a tutor last gave it; "" if never."""
        return self._db.settings.get(KIOSK_ROOM) or ""

    def sessions_now(self) -> list[ClassSession]:
        now = self._clock()
        return sessions_on(self._db.classes.on_day(now.date()), now, self._db.settings.get(KIOSK_ROOM))

    # ---- check-in -----------------------------------------------------------------------------

    def check_in(self, session: ClassSession, learner_id: str, by: str = "tutor") -> bool:
        """Check one learner in; a second tap changes nothing. Returns whether it was new."""
        return self._db.classes.check_in(session.id, learner_id, by, self._check_in_statement(session, learner_id, by))

    def learner_signed_in(self, learner_id: str) -> list[ClassSession]:
        """A learner signed in at this kiosk: check them in to the sessions on now."""
        joined = self.sessions_now()
        for session in joined:
            self.check_in(session, learner_id, by="kiosk")
        return joined

    def _check_in_statement(self, session: ClassSession, learner_id: str, by: str) -> Callable[[datetime], dict]:
        return lambda at: checked_in(
            centre_home=self._identity.centre_home,
            kiosk_id=self._identity.kiosk_id,
            learner_id=learner_id,
            session_id=session.id,
            session_title=session.title,
            by=by,
            at=at,
        )

    def checked_in(self, session: ClassSession) -> list[CheckInRecord]:
        """Who is checked in to the session on this kiosk, in the order they came."""
        return self._db.classes.check_ins(session.id)

    def session_of(self, learner_id: str) -> str | None:
        """The session on now that the learner is checked in to here: their steps count as
        time in it."""
        for session in self.sessions_now():
            if any(check_in.learner_id == learner_id for check_in in self._db.classes.check_ins(session.id)):
                return session.id
        return None

    # ---- help ---------------------------------------------------------------------------------

    def ask_help(self, learner_id: str, lesson: Lesson, step_index: int) -> bool:
        """The learner pressed Help. One open call per learner and step: pressing again does not
        queue them twice. Returns whether a session is on (so the screen can say a tutor is told)."""
        on_now = self.sessions_now()
        session_id = on_now[0].id if on_now else None
        since = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        open_calls = [
            call
            for call in self._db.classes.help_requests(since)
            if call.learner_id == learner_id
            and call.lesson_id == lesson.id
            and call.step_index == step_index
            and call.helped_at is None
        ]
        if not open_calls:
            help_id = str(uuid.uuid4())

            def statement(at: datetime) -> dict:
                return help_asked(
                    centre_home=self._identity.centre_home,
                    kiosk_id=self._identity.kiosk_id,
                    learner_id=learner_id,
                    help_id=help_id,
                    lesson=lesson,
                    step_index=step_index,
                    session_id=session_id,
                    at=at,
                )

            # The call is known by its statement's id here, on the centre and on every board.
            call_id = statement(datetime.now(UTC))["id"]
            self._db.classes.ask_help(call_id, learner_id, lesson.id, step_index, session_id, statement)
        return session_id is not None

    def mark_helped(self, call_id: str, tutor_id: str) -> None:
        """The tutor marks a call helped. A call made on another kiosk has no row here: the
        statement alone carries it to the centre, which folds it into the shared board."""
        statement = help_given(
            centre_home=self._identity.centre_home,
            kiosk_id=self._identity.kiosk_id,
            tutor_id=tutor_id,
            call_id=call_id,
            at=datetime.now(UTC),
        )
        if not self._db.classes.mark_helped(call_id, lambda _at: statement):
            self._db.outbox.add(statement)

    # ---- the board ----------------------------------------------------------------------------

    def board(self, session: ClassSession) -> Board:
        """From the centre if this kiosk has one and it answers; else from this kiosk alone.
        Called off the GUI thread: the centre may take a moment."""
        reader = self._centre.board_reader
        if reader is not None:
            try:
                board = reader(session)
                self._centre_away = False
                return board
            except Exception as problem:  # the centre is away: this kiosk's own board still helps
                if not self._centre_away:  # once per spell away, not at every poll
                    log.warning("showing this kiosk's own board: %s", problem)
                self._centre_away = True
        return local_board(self._db.sessions, self._db.classes, session, datetime.now(UTC))
