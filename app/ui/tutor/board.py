"""The live board of a session: help calls first, in the order they came, each with a big
"Helped" button; then a row per learner checked in — lesson, "step 4 of 9", minutes on the step
(warm, with words, past three minutes: they may be stuck) and mistakes. It says when it was
last read, and says plainly when the centre is not answering and this is this kiosk alone.

A call marked helped leaves the list at once; it stays away while the next boards still show
it waiting (the mark is on its way to the centre), and the mark counts as confirmed when a board
shows it helped or gone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from app.core.accounts import AccountRecord
from app.core.board import Board, BoardLearner, HelpCall
from app.core.class_sessions import ClassSession
from app.ui.services import Services
from app.ui.state import KioskState
from app.ui.tutor.texts import (
    clock_seconds,
    help_asked,
    help_where,
    is_stuck,
    lesson_title,
    minutes_words,
    mistakes_words,
    step_words,
    tr,
)
from app.ui.tutor.widgets import scroll_body
from app.ui.widgets import TextLabel, big_button, repolish, set_min_size

COLUMNS = ("name", "lesson", "step", "time", "mistakes")
STRETCH = (3, 5, 3, 3, 2)


def _row_frame(name: str) -> tuple[QFrame, QHBoxLayout]:
    frame = QFrame()
    frame.setObjectName(name)
    frame.setProperty("row", True)
    line = QHBoxLayout(frame)
    line.setContentsMargins(24, 12, 24, 12)
    line.setSpacing(24)
    return frame, line


def _place(box: QVBoxLayout, row: QWidget, place: int) -> None:
    """Put the row at its place in the box (moving it if it is elsewhere there)."""
    index = box.indexOf(row)
    if index != place:
        if index >= 0:
            box.removeWidget(row)
        box.insertWidget(place, row)


class HelpRow(QFrame):
    """One call: its place in the queue, who and where, when, and "Helped"."""

    def __init__(self, call: HelpCall) -> None:
        super().__init__()
        self.call = call
        self.setObjectName(f"help-{call.id}")
        self.setProperty("row", True)
        self.setProperty("waiting", True)
        line = QHBoxLayout(self)
        line.setContentsMargins(24, 12, 24, 12)
        line.setSpacing(24)
        self.number = TextLabel("", "heading")
        self.number.setWordWrap(False)
        words = QVBoxLayout()
        words.setSpacing(4)
        self.where = TextLabel("", "tile")
        self.asked = TextLabel("", "body")
        words.addWidget(self.where)
        words.addWidget(self.asked)
        self.helped = big_button("", kind="primary", role="button_main", name="helped")
        line.addWidget(self.number, 0, Qt.AlignmentFlag.AlignVCenter)
        line.addLayout(words, 1)
        line.addWidget(self.helped, 0, Qt.AlignmentFlag.AlignVCenter)


class LearnerRow(QFrame):
    """One learner's line on the board, its words in the same five columns as the header."""

    def __init__(self, learner_id: str) -> None:
        super().__init__()
        self.learner_id = learner_id
        self.setObjectName(f"learner-{learner_id}")
        self.setProperty("row", True)
        line = QHBoxLayout(self)
        line.setContentsMargins(24, 12, 24, 12)
        line.setSpacing(24)
        self.cells: dict[str, TextLabel] = {}
        for column, stretch in zip(COLUMNS, STRETCH, strict=True):
            label = TextLabel("", "tile" if column == "name" else "body")
            label.setObjectName(f"cell-{column}")
            self.cells[column] = label
            line.addWidget(label, stretch, Qt.AlignmentFlag.AlignVCenter)
        line.setSpacing(40)  # columns read apart, not as one phrase

    def text(self, column: str) -> str:
        return self.cells[column].plain_text()

    def stuck(self) -> bool:
        return bool(self.cells["time"].property("stuck"))


class BoardPage(QWidget):
    waiting_changed = Signal(int)  # how many calls wait, for the tab's words

    def __init__(
        self,
        state: KioskState,
        services: Services,
        account: Callable[[], AccountRecord | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._services = services
        self._account = account
        self.session: ClassSession | None = None
        self.board: Board | None = None
        self.updated_at: datetime | None = None
        self.problem: str | None = None
        self.pending_helped: set[str] = set()  # marked here, not yet seen helped on a board
        self.help_rows: dict[str, HelpRow] = {}
        self.learner_rows: dict[str, LearnerRow] = {}
        body = QVBoxLayout()
        body.setContentsMargins(48, 0, 48, 24)
        body.setSpacing(16)
        self.status = TextLabel("", "body")
        self.status.setObjectName("board-status")
        self.status.setProperty("note", "status")
        self.source_note = TextLabel("", "body")
        self.source_note.setObjectName("board-source")
        self.source_note.setProperty("note", "hint")
        self.source_note.hide()
        self.help_heading = TextLabel("", "heading")
        self.help_none = TextLabel("", "body")
        self.help_box = QVBoxLayout()
        self.help_box.setSpacing(16)
        self.learners_heading = TextLabel("", "heading")
        self.learners_none = TextLabel("", "body")
        self.learners_none.setProperty("note", "tip")
        self.header, header_line = _row_frame("board-header")
        self.header.setProperty("row", False)
        self.header_cells: dict[str, TextLabel] = {}
        for column, stretch in zip(COLUMNS, STRETCH, strict=True):
            label = TextLabel("", "body")
            label.setProperty("note", "status")
            self.header_cells[column] = label
            header_line.addWidget(label, stretch)
        header_line.setSpacing(40)  # as in the rows below, so the columns line up
        self.learner_box = QVBoxLayout()
        self.learner_box.setSpacing(12)
        heading_row = QHBoxLayout()
        heading_row.setSpacing(24)
        heading_row.addWidget(self.help_heading, 1)
        heading_row.addWidget(self.status, 0, Qt.AlignmentFlag.AlignBottom)
        body.addWidget(self.source_note)  # about the whole board, so above it all
        body.addLayout(heading_row)
        body.addWidget(self.help_none)
        body.addLayout(self.help_box)
        body.addSpacing(16)
        for widget in (self.learners_heading, self.learners_none, self.header):
            body.addWidget(widget)
        body.addLayout(self.learner_box)
        body.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.scroll = scroll_body(body, state)
        layout.addWidget(self.scroll)
        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(lambda _theme: self._size())
        self.retranslate()

    # ---- what comes in -----------------------------------------------------------------------

    def open(self, session: ClassSession) -> None:
        self.session = session
        self.board = None
        self.updated_at = None
        self.problem = None
        self.pending_helped = set()
        self._show()
        self.scroll.verticalScrollBar().setValue(0)

    def take_board(self, board: Board) -> None:
        if self.session is None or board.session.id != self.session.id:
            return
        self.board = board
        self.updated_at = datetime.now(UTC)
        self.problem = None
        waiting = {call.id for call in board.help if call.waiting}
        self.pending_helped &= waiting  # seen helped (or gone) on the board: the mark is confirmed
        self._show()

    def take_failure(self, problem: str) -> None:
        self.problem = problem
        self._show_status()

    def mark_helped(self, call_id: str) -> None:
        """Tell the learner's kiosk and the centre; the call leaves the list now."""
        classroom, account = self._services.kiosk.classroom, self._account()
        if classroom is None or account is None:
            return
        classroom.mark_helped(call_id, account.id)
        self._services.kiosk.centre.nudge()
        self.pending_helped.add(call_id)
        self._show()

    def waiting_calls(self) -> list[HelpCall]:
        """The calls shown: waiting on the board, less those just marked helped here."""
        if self.board is None:
            return []
        return [call for call in self.board.help if call.waiting and call.id not in self.pending_helped]

    # ---- showing -----------------------------------------------------------------------------

    def _show(self) -> None:
        self._show_status()
        self._show_help()
        self._show_learners()
        self._size()

    def _show_status(self) -> None:
        lang = self._state.lang
        if self.problem is not None:
            status = tr("tutor_board_failed", lang, problem=self.problem)
        elif self.updated_at is None:
            status = tr("tutor_board_reading", lang)
        else:
            status = tr("tutor_board_updated", lang, time=clock_seconds(self.updated_at))
        self.status.set_text(status)
        kiosk_only = self.board is not None and self.board.source == "kiosk" and self._services.kiosk.centre.sending
        self.source_note.set_text(tr("tutor_board_kiosk_only", lang) if kiosk_only else "")
        self.source_note.setVisible(kiosk_only)

    def _show_help(self) -> None:
        lang = self._state.lang
        calls = self.waiting_calls()
        self.help_heading.set_text(tr("tutor_help_heading", lang))
        self.help_none.set_text(tr("tutor_help_none", lang) if self.board is not None and not calls else "")
        self.help_none.setVisible(self.board is not None and not calls)
        wanted = [call.id for call in calls]
        for call_id in list(self.help_rows):
            if call_id not in wanted:
                row = self.help_rows.pop(call_id)
                self.help_box.removeWidget(row)
                row.hide()
                row.deleteLater()
        now = datetime.now(UTC)
        catalogue = self._services.kiosk.catalogue
        for place, call in enumerate(calls):
            row = self.help_rows.get(call.id)
            if row is None:
                row = HelpRow(call)
                row.helped.clicked.connect(lambda _=False, call_id=call.id: self.mark_helped(call_id))
                self.help_rows[call.id] = row
            _place(self.help_box, row, place)
            row.call = call
            row.number.set_text(f"{place + 1}")
            row.where.set_text(help_where(call, catalogue, lang))
            row.asked.set_text(help_asked(call, now, lang))
            row.helped.setText(tr("tutor_helped", lang))
        self.waiting_changed.emit(len(calls))

    def _show_learners(self) -> None:
        lang = self._state.lang
        learners = self.board.learners if self.board is not None else []
        self.learners_heading.set_text(tr("tutor_learners_heading", lang, count=len(learners)))
        self.learners_none.set_text(tr("tutor_learners_none", lang))
        self.learners_none.setVisible(self.board is not None and not learners)
        self.header.setVisible(bool(learners))
        for column in COLUMNS:
            self.header_cells[column].set_text(tr(f"tutor_col_{column}", lang))
        wanted = [learner.learner_id for learner in learners]
        for learner_id in list(self.learner_rows):
            if learner_id not in wanted:
                row = self.learner_rows.pop(learner_id)
                self.learner_box.removeWidget(row)
                row.hide()
                row.deleteLater()
        for place, learner in enumerate(learners):
            row = self.learner_rows.get(learner.learner_id)
            if row is None:
                row = LearnerRow(learner.learner_id)
                self.learner_rows[learner.learner_id] = row
            _place(self.learner_box, row, place)
            self._fill_row(row, learner)

    def _fill_row(self, row: LearnerRow, learner: BoardLearner) -> None:
        lang = self._state.lang
        catalogue = self._services.kiosk.catalogue
        lesson = catalogue.by_id(learner.lesson_id) if learner.lesson_id else None
        steps = learner.steps if learner.steps is not None else (len(lesson.steps) if lesson else None)
        in_lesson = learner.lesson_id is not None
        row.cells["name"].set_text(learner.display_name)
        row.cells["lesson"].set_text(
            lesson_title(catalogue, learner.lesson_id, lang) if in_lesson else tr("tutor_not_started", lang)
        )
        row.cells["step"].set_text(step_words(learner, steps, lang))
        row.cells["time"].set_text(minutes_words(learner, lang))
        row.cells["mistakes"].set_text(mistakes_words(learner.mistakes, lang) if in_lesson else "")
        stuck = is_stuck(learner)
        if bool(row.cells["time"].property("stuck")) != stuck:
            row.cells["time"].setProperty("stuck", stuck)
            repolish(row.cells["time"])

    def _size(self) -> None:
        theme = self._state.theme
        for row in self.help_rows.values():
            set_min_size(row.helped, theme.px(180), theme.px(88))
            row.layout().setContentsMargins(theme.px(24), theme.px(12), theme.px(24), theme.px(12))
        for row in self.learner_rows.values():
            row.layout().setContentsMargins(theme.px(24), theme.px(12), theme.px(24), theme.px(12))
        self.header.layout().setContentsMargins(theme.px(24), 0, theme.px(24), 0)

    def retranslate(self, *_: object) -> None:
        self._show()
