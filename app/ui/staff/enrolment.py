"""Enrolling the kiosk from the staff screen: the exchange of the one-time code with the centre
runs on its own thread (it may wait up to 15 s for a centre that does not answer) and reports
back with a signal, so the screen never freezes. The exchange itself is the application
layer's (app.kiosk.centre.CentreConnection.enrol)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThread, Signal

from app.kiosk.centre import Enrolled, EnrolRefused


@dataclass(frozen=True)
class EnrolResult:
    url: str
    enrolment: Enrolled | None  # None: refused or unreachable
    status: int | None = None  # the centre's HTTP status for a refusal; None if it was not reached
    problem: str = ""  # the centre's or the network's own words


class EnrolJob(QThread):
    """One exchange; `done` carries an EnrolResult to the GUI thread."""

    done = Signal(object)

    def __init__(
        self, enrol: Callable[[str, str, str], Enrolled], url: str, code: str, name: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._enrol = enrol
        self.url, self.code, self.name = url, code, name
        self.result: EnrolResult | None = None  # also kept here, for a kiosk closing mid-exchange

    def run(self) -> None:
        try:
            self.result = EnrolResult(self.url, self._enrol(self.url, self.code, self.name))
        except EnrolRefused as problem:
            self.result = EnrolResult(self.url, None, problem.status, str(problem))
        self.done.emit(self.result)  # never touch a widget here: the screen gets this on its own thread
