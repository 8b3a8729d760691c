"""The console's Reports page: attendance per session and learner (CSV, Excel or printable
sign-in sheets) and completions per learner (CSV, or xAPI statements for a lifelong-learning
account), for a range of days (this month unless changed), from this kiosk or from the whole
centre. The rows are read and the file written on a worker thread (app/ui/reporting.py, the
same code as `silversteps export`); the writers' progress moves the bar, Cancel stops the
writer and leaves no file, and the result says where the file is and how many rows it has."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.exports.errors import ExportError
from app.kiosk.centre import CentreAway
from app.kiosk.reporting import Report
from app.ui.flow_layout import FlowLayout
from app.ui.services import Services
from app.ui.staff.centre_sign_in import sign_in_missing
from app.ui.staff.choices import Choices
from app.ui.staff.dates import DateRange
from app.ui.staff.folder import FolderRow
from app.ui.staff.page import BESIDE_FROM_PX, fill_with_page, note, show_note
from app.ui.staff.texts import tr
from app.ui.state import KioskState
from app.ui.theme import PALETTE
from app.ui.widgets import TextLabel, big_button
from app.ui.work import Cancelled, ProgressReport, Worker

KINDS = ["attendance-csv", "attendance-xlsx", "attendance-pdf", "completions-csv", "completions-xapi"]
SOURCES = ["kiosk", "centre"]


def progress_bar(name: str, scale: float) -> QProgressBar:
    """A thick bar with a strong fill; the numbers are said beside it in words, not on it."""
    bar = QProgressBar()
    bar.setObjectName(name)
    bar.setTextVisible(False)
    style_progress(bar, scale)
    return bar


def style_progress(bar: QProgressBar, scale: float) -> None:
    p = PALETTE
    bar.setStyleSheet(
        f"QProgressBar {{ min-height: {round(36 * scale)}px; max-height: {round(36 * scale)}px;"
        f" border: 2px solid {p.border}; border-radius: {round(12 * scale)}px; background: {p.surface_alt}; }}"
        f" QProgressBar::chunk {{ background: {p.primary}; border-radius: {round(10 * scale)}px; }}"
    )


class FormatChoice(QWidget):
    """What to export, as two rows under their own words: attendance (CSV, Excel, PDF) and
    completions (CSV, xAPI); one choice in all."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QPushButton] = {}
        self.row_labels: dict[str, TextLabel] = {}
        for kind in ("attendance", "completions"):
            self.row_labels[kind] = TextLabel("", "body")
            column.addWidget(self.row_labels[kind])
            row = FlowLayout(spacing=16)  # wraps on a narrow screen rather than squeezing words
            for key in (key for key in KINDS if key.startswith(kind)):
                button = big_button("", kind="choice", name=f"report-kind-{key}")
                button.setCheckable(True)
                self.group.addButton(button)
                self.buttons[key] = button
                row.addWidget(button)
            column.addLayout(row)
        self.buttons[KINDS[0]].setChecked(True)

    @property
    def chosen(self) -> str:
        return next(key for key, button in self.buttons.items() if button.isChecked())

    def retranslate(self, lang: str) -> None:
        for kind, label in self.row_labels.items():
            label.set_text(tr(f"staff_report_{kind}", lang))
        for key, button in self.buttons.items():
            button.setText(tr(f"staff_format_{key.replace('-', '_')}", lang))


class StaffReportsPage(QWidget):
    def __init__(
        self, state: KioskState, services: Services, allowed: Callable[[], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._services = services
        self._allowed = allowed
        self._said: tuple[str, dict] | None = None
        self._progress: tuple[int, int] | None = None  # rows written, of how many
        self.last_path: Path | None = None
        self.worker = Worker(self)
        self.worker.busy_changed.connect(self._busy)
        page = QVBoxLayout()
        page.setSpacing(20)
        self.scroll = fill_with_page(self, page, state)
        self.heading = TextLabel("", "heading")
        page.addWidget(self.heading)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)  # which records | what and where
        self.columns.setSpacing(48)
        page.addLayout(self.columns)
        page.addStretch(1)
        which, what = QVBoxLayout(), QVBoxLayout()
        for column in (which, what):
            column.setSpacing(20)
            self.columns.addLayout(column, 1)

        self.days_label = TextLabel("", "instruction")
        self.days = DateRange(state, "report")
        which.addWidget(self.days_label)
        which.addWidget(self.days)
        self.source_label = TextLabel("", "instruction")
        self.source = Choices(SOURCES, "report-source")
        self.source_note = note("report-source-note", "status")
        which.addWidget(self.source_label)
        which.addWidget(self.source)
        which.addWidget(self.source_note)
        which.addStretch(1)
        self.kind_label = TextLabel("", "instruction")
        self.kind = FormatChoice()
        what.addWidget(self.kind_label)
        what.addWidget(self.kind)
        self.folder = FolderRow(state, services.kiosk.preferences, "report")
        what.addWidget(self.folder)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        self.export_button = big_button("", kind="primary", role="button_main", name="report-export")
        self.cancel_button = big_button("", kind="warm", role="button_main", name="report-cancel")
        self.export_button.clicked.connect(self.export)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        what.addLayout(buttons)
        self.bar = progress_bar("report-progress", state.theme.scale)
        self.bar.hide()
        self.progress_words = note("report-progress-words", "status")
        self.result = note("report-result", "tip")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        what.addWidget(self.bar)
        what.addWidget(self.progress_words)
        what.addWidget(self.result)
        what.addStretch(1)
        self._arrange(state.theme)
        state.theme_changed.connect(self._arrange)
        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(lambda theme: style_progress(self.bar, theme.scale))
        self.retranslate()

    def _arrange(self, theme) -> None:
        """Side by side at 100 % on a wide screen; one above the other when the text is larger
        or the screen narrower (1366 x 768)."""
        beside = theme.scale < 1.25 and self.width() >= theme.px(BESIDE_FROM_PX)
        self.columns.setDirection(QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange(self._state.theme)

    # ---- the console calls these -----------------------------------------------------------

    def open(self) -> None:
        enrolled = self._services.kiosk.centre.enrolled
        self.source.buttons["centre"].setEnabled(enrolled)
        if not enrolled:
            self.source.choose("kiosk")
        self.retranslate()

    def leave(self) -> None:
        self.worker.forget()
        self._said = None
        self._progress = None
        self.bar.hide()
        show_note(self.result, "")
        show_note(self.progress_words, "")

    def wait_for_work(self) -> None:
        self.worker.wait()

    # ---- exporting -----------------------------------------------------------------------------

    def export(self) -> None:
        if self.worker.busy:
            return
        if not self._allowed():
            self._tell(("staff_only", {}))
            return
        kind, fmt = self.kind.chosen.split("-")
        source = self.source.chosen
        report = Report(kind, fmt, self.days.first, self.days.last)
        path = self.folder.folder / report.file_name(source)
        reports = self._services.kiosk.reports

        def work(progress: ProgressReport) -> int:
            rows = reports.rows(kind, report.first, report.last, from_centre=source == "centre")
            progress(0, len(rows))  # the rows are here: a Cancel pressed meanwhile stops now
            path.parent.mkdir(parents=True, exist_ok=True)
            return reports.write(report, rows, path, progress=progress)

        self._said = None
        self._progress = None
        self.last_path = None
        self.bar.setRange(0, 0)  # reading the rows: how many is not known yet
        self.bar.show()
        self.worker.start(work, lambda count: self._written(kind, count, path), self._failed, self._moved)
        self._say_progress()

    def cancel(self) -> None:
        self.worker.cancel()
        self.cancel_button.setEnabled(False)

    def _moved(self, done: int, total: int) -> None:
        self._progress = (done, total)
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        self._say_progress()

    def _written(self, kind: str, count: int, path: Path) -> None:
        self.last_path = path
        if self.bar.maximum() == 0:  # no rows at all: the file has just its header
            self.bar.setRange(0, 1)
            self.bar.setValue(1)
        key = "staff_export_done_attendance" if kind == "attendance" else "staff_export_done_completions"
        self._tell((key, {"count": count, "path": str(path)}))

    def _failed(self, problem: BaseException) -> None:
        self.bar.hide()
        if isinstance(problem, Cancelled):
            self._tell(("staff_export_cancelled", {}))
        elif missing := sign_in_missing(problem):
            self._tell(missing)
        elif isinstance(problem, CentreAway):
            self._tell(("staff_export_centre_away", {"problem": str(problem)}))
        elif isinstance(problem, ExportError):
            self._tell(("staff_export_failed", {"problem": str(problem)}))
        else:
            self._tell(("staff_export_failed", {"problem": str(problem) or type(problem).__name__}))

    # ---- words ---------------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        if busy:
            self.setFocus()  # not left on a button about to be disabled, nor passed to a text box
        self.export_button.setEnabled(not busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        if busy:
            show_note(self.result, "")
        else:
            self._progress = None
            self._say_progress()

    def _say_progress(self) -> None:
        lang = self._state.lang
        if not self.worker.busy:
            show_note(self.progress_words, "")
        elif self._progress is None or self._progress[1] <= 0:
            show_note(self.progress_words, tr("staff_export_reading", lang))
        else:
            done, total = self._progress
            show_note(self.progress_words, tr("staff_export_progress", lang, done=done, total=total))

    def _tell(self, message: tuple[str, dict] | None) -> None:
        self._said = message
        show_note(self.result, tr(message[0], self._state.lang, **message[1]) if message else "")
        if message is not None:  # the file's name and place, in sight once laid out
            QTimer.singleShot(0, self, lambda: self.scroll.ensureWidgetVisible(self.result, 0, 24))

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.heading.set_text(tr("staff_reports_heading", lang))
        self.days_label.set_text(tr("staff_report_days", lang))
        self.source_label.set_text(tr("staff_report_source", lang))
        self.source.set_texts({key: tr(f"staff_source_{key}", lang) for key in SOURCES})
        enrolled = self.source.buttons["centre"].isEnabled()
        show_note(self.source_note, "" if enrolled else tr("staff_source_not_enrolled", lang))
        self.kind_label.set_text(tr("staff_report_kind", lang))
        self.kind.retranslate(lang)
        self.export_button.setText(tr("staff_export", lang))
        self.cancel_button.setText(tr("staff_cancel", lang))
        self._tell(self._said)
        self._say_progress()
