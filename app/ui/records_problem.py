"""The screen a kiosk shows when it cannot open its records (damaged, from a newer version,
read-only) instead of a welcome with no Start: a word for the learner in front of it, and for
staff what happened, where the file and the copy kept of it are, and what to do - the command
that restores the latest backup, for a damaged file. Nothing on it changes anything: the
records are staff's to mend, never started over by the kiosk."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from app.kiosk.records import RecordsProblem
from app.ui.i18n import tr
from app.ui.scrolling import scroll_page
from app.ui.state import KioskState
from app.ui.theme import PALETTE
from app.ui.widgets import BreakingLabel, TextLabel, TopBar

SIDE_PX = 96
GAP_PX = 24


class RecordsProblemScreen(QWidget):
    def __init__(self, state: KioskState, problem: RecordsProblem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._state = state
        self.problem = problem
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(TopBar(state))
        layout = QVBoxLayout()
        layout.setContentsMargins(SIDE_PX, GAP_PX, SIDE_PX, GAP_PX)
        layout.setSpacing(GAP_PX)
        self.page = scroll_page(layout, state)
        outer.addWidget(self.page, 1)
        self.title = TextLabel("", "heading")
        self.ask_staff = TextLabel("", "instruction")
        for widget in (self.title, self.ask_staff):
            layout.addWidget(widget)
        staff = QFrame()
        staff.setObjectName("staff-notes")
        staff.setProperty("card", True)  # the theme's card: staff's part stands apart from the learner's
        notes = QVBoxLayout(staff)
        notes.setContentsMargins(GAP_PX, GAP_PX, GAP_PX, GAP_PX)
        notes.setSpacing(GAP_PX // 2)
        self.for_staff = TextLabel("", "body")
        self.what = TextLabel("", "body")
        # Paths and the command are long unbroken words: they break where they must, not clip.
        self.file = BreakingLabel("", "body")
        self.copy = BreakingLabel("", "body")
        self.todo = BreakingLabel("", "body")
        self.command = BreakingLabel("", "body")
        self.command.setObjectName("restore-command")
        # to be typed as it is: set apart on the pale surface (colour and padding only; sizes are the theme's)
        self.command.setStyleSheet(
            f"#restore-command {{ background: {PALETTE.surface_alt}; padding: 12px; border-radius: 8px; }}"
        )
        self.after = TextLabel("", "body")
        for widget in (self.for_staff, self.what, self.file, self.copy, self.todo, self.command, self.after):
            notes.addWidget(widget)
        layout.addWidget(staff)
        layout.addStretch(1)
        state.lang_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, *_: object) -> None:
        lang, problem = self._state.lang, self.problem
        self.title.set_text(tr("records_title", lang))
        self.ask_staff.set_text(tr("records_ask_staff", lang))
        self.for_staff.set_text(tr("records_for_staff", lang))
        self.what.set_text(tr(f"records_what_{problem.kind}", lang))
        self.file.set_text(tr("records_file", lang, path=problem.database))
        if problem.copy is not None:
            self.copy.set_text(tr("records_copy", lang, path=problem.copy))
        else:
            self.copy.set_text(tr("records_no_copy", lang))
        self.todo.set_text(tr(f"records_todo_{problem.kind}", lang, backups=problem.backups))
        self.command.set_text(problem.restore_command or "")
        self.command.setVisible(bool(problem.restore_command))
        self.after.set_text(tr("records_restore_after", lang) if problem.restore_command else "")
        self.after.setVisible(bool(problem.restore_command))

    def staff_text(self) -> str:
        """Everything the screen says, as plain text (for the log and the tests)."""
        labels = (self.title, self.ask_staff, self.for_staff, self.what, self.file, self.copy, self.todo)
        shown = [label.plain_text() for label in labels]
        if self.command.isVisibleTo(self):
            shown += [self.command.plain_text(), self.after.plain_text()]
        return "\n".join(shown)
