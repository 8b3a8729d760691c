"""Reads a session's live board again and again, off the GUI thread: `Classroom.board` may wait
up to a few seconds for the centre. One read at a time on a pool of one thread; the next is
timed from the end of the last, so reads never overlap or pile up behind a slow centre.
Answers come back through a queued signal, and an answer for a session the screen has left is
dropped. No widget is touched here."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from app.core.board import Board
from app.core.class_sessions import ClassSession

if TYPE_CHECKING:
    from app.kiosk.classroom import Classroom

log = logging.getLogger("silversteps.board")
POLL_MS = 5000


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the call to the GUI thread."""

    answered = Signal(int, object, object)  # generation, Board | None, problem | None


class BoardPoller(QObject):
    board_ready = Signal(object)  # Board
    failed = Signal(str)  # the problem, in the words it came with

    def __init__(
        self, classroom: Callable[[], Classroom | None], interval_ms: int = POLL_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._classroom = classroom  # asked each time: staff may enrol the kiosk and replace it
        self.interval_ms = interval_ms
        self._pool = QThreadPool(self)  # made before the relay, so it is gone (and waited for) first
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.answered.connect(self._answered)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.poll_now)
        self._session: ClassSession | None = None
        self._generation = 0
        self._in_flight = False
        self._again = False  # asked for a fresh read while one was under way
        self.polls = 0  # answers handed on, for tests and curious staff

    @property
    def session(self) -> ClassSession | None:
        return self._session

    @property
    def active(self) -> bool:
        return self._session is not None

    def start(self, session: ClassSession) -> None:
        """Read `session`'s board now and every few seconds until `stop`."""
        self._generation += 1
        self._session = session
        self._timer.stop()
        self.poll_now()

    def stop(self) -> None:
        """No more reads; a read under way finishes on its own and its answer is dropped."""
        self._generation += 1
        self._session = None
        self._timer.stop()

    def poll_now(self) -> None:
        """Read at once; if a read is under way, read again as soon as it has answered (it may
        have started before what the tutor just did)."""
        session, classroom = self._session, self._classroom()
        if session is None or classroom is None:
            return
        if self._in_flight:
            self._again = True
            return
        self._timer.stop()
        self._in_flight = True
        self._again = False
        generation, relay = self._generation, self._relay

        def read() -> None:  # on the pool's thread
            try:
                board, problem = classroom.board(session), None
            except Exception as error:  # the kiosk's own store failed too: say so, try again later
                log.warning("could not read the board: %s", error)
                board, problem = None, f"{type(error).__name__}: {error}"
            with contextlib.suppress(RuntimeError):  # the screen is gone (the kiosk is closing)
                relay.answered.emit(generation, board, problem)

        self._pool.start(read)

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """The kiosk is closing: stop, and let a read under way finish before the store closes."""
        self.stop()
        self._pool.waitForDone(timeout_ms)

    def _answered(self, generation: int, board: Board | None, problem: str | None) -> None:
        self._in_flight = False
        if self._session is None:
            return
        if generation != self._generation:  # an answer for a session left since: read the new one
            self.poll_now()
            return
        again, self._again = self._again, False
        self.polls += 1
        if board is not None:
            self.board_ready.emit(board)
        else:
            self.failed.emit(problem or "")
        if self._session is not None and not self._in_flight:
            if again:
                self.poll_now()
            else:
                self._timer.start(self.interval_ms)
