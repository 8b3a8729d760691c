"""The console's Certificates page: choose a learner and a theme, and the centre checks the
learner's completions from every kiosk and signs a certificate (or says which lessons are still
missing); the kiosk then prints it to an A4 PDF whose QR code the centre verifies. Only an
enrolled kiosk can ask: the centre keeps the signing key. The same code as `silversteps
export certificate` (app/kiosk/reporting.py), on a worker thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.core.learners import LearnerRecord
from app.exports.errors import ExportError
from app.exports.records import Certificate
from app.kiosk.centre import CentreAway
from app.kiosk.reporting import CertificateRefused
from app.ui.scrolling import scroll_page
from app.ui.services import Services
from app.ui.side_by_side import SideBySide
from app.ui.staff.centre_sign_in import sign_in_missing
from app.ui.staff.choices import Choices
from app.ui.staff.folder import FolderRow
from app.ui.staff.learner_picker import LearnerPicker
from app.ui.staff.page import card, note, show_note
from app.ui.staff.texts import tr
from app.ui.state import KioskState
from app.ui.widgets import TextLabel, big_button
from app.ui.work import Worker


class StaffCertificatesPage(QWidget):
    def __init__(
        self, state: KioskState, services: Services, allowed: Callable[[], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._services = services
        self._allowed = allowed
        self._said: tuple[str, dict] | None = None
        self.last_path: Path | None = None
        self.worker = Worker(self)
        self.worker.busy_changed.connect(self._busy)
        themes = [theme.id for theme in services.kiosk.catalogue.themes]
        row = SideBySide(self, spacing=32)  # the list above the details where both do not fit
        row.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.setSpacing(16)
        self.learner_label = TextLabel("", "instruction")  # the section button says "Certificates"
        self.picker = LearnerPicker(state, services.kiosk.learners, "certificate-learner")
        self.picker.chosen.connect(lambda _learner: self._say_choice())
        left.addWidget(self.learner_label)
        left.addWidget(self.picker, 1)
        row.addLayout(left, 4)

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 16, 24)
        right.setSpacing(20)
        self.scroll = scroll_page(right, state)
        row.addWidget(self.scroll, 5)
        self.enrol_note = note("certificate-not-enrolled")
        right.addWidget(self.enrol_note)
        self.theme_label = TextLabel("", "instruction")
        self.themes = Choices(themes, "certificate-theme", per_row=4)
        self.themes.changed.connect(lambda _theme: self._say_choice())
        right.addWidget(self.theme_label)
        right.addWidget(self.themes)
        self.choice_card, choice = card("certificate-choice")
        self.choice_words = TextLabel("", "body")
        self.choice_words.setObjectName("certificate-choice-words")
        self.issue_button = big_button("", kind="primary", role="button_main", name="certificate-issue")
        self.issue_button.clicked.connect(self.issue)
        choice.addWidget(self.choice_words)
        choice.addWidget(self.issue_button, 0, Qt.AlignmentFlag.AlignLeft)
        right.addWidget(self.choice_card)
        self.busy_note = note("certificate-busy", "status")
        self.result = note("certificate-result", "tip")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right.addWidget(self.busy_note)
        right.addWidget(self.result)
        right.addSpacing(16)  # how certificates are printed: below what is done each time
        self.centre_label = TextLabel("", "body")
        self.centre_label.setObjectName("certificate-centre-note")
        right.addWidget(self.centre_label)
        self.folder = FolderRow(state, services.kiosk.preferences, "certificate")
        right.addWidget(self.folder)
        right.addStretch(1)
        state.lang_changed.connect(self.retranslate)
        self.retranslate()

    # ---- the console calls these -----------------------------------------------------------

    def open(self) -> None:
        self.picker.refresh()
        self.retranslate()

    def leave(self) -> None:
        self.worker.forget()
        self._said = None
        self.picker.reset()
        show_note(self.result, "")
        self._say_choice()

    def wait_for_work(self) -> None:
        self.worker.wait()

    # ---- issuing -------------------------------------------------------------------------------

    def issue(self) -> None:
        learner = self.picker.selected
        if self.worker.busy:
            return
        if learner is None:
            self._tell(("staff_certificate_pick", {}))
            return
        if not self._allowed():
            self._tell(("staff_only", {}))
            return
        kiosk = self._services.kiosk
        if not kiosk.centre.enrolled:
            self._tell(("staff_certificate_not_enrolled", {}))
            return
        theme = kiosk.reports.theme(self.themes.chosen)
        folder = self.folder.folder

        def work(_report) -> tuple[Certificate, Path]:
            return kiosk.reports.certificate(learner.id, theme, folder)

        failed = lambda problem: self._failed(problem, learner)  # noqa: E731 - the learner asked about
        self.worker.start(work, lambda done: self._issued(theme.id, *done), failed)

    def _issued(self, theme_id: str, certificate: Certificate, path: Path) -> None:
        self.last_path = path
        said = {"name": certificate.learner_name, "theme": theme_id, "centre": certificate.centre_name}
        self._tell(("staff_certificate_done", {**said, "path": str(path)}))

    def _failed(self, problem: BaseException, learner: LearnerRecord) -> None:
        if isinstance(problem, CertificateRefused) and problem.reason == "not_completed" and problem.missing:
            said = {"name": learner.display_name, "theme": self.themes.chosen, "lessons": problem.missing}
            self._tell(("staff_certificate_not_completed", said))
        elif isinstance(problem, CertificateRefused) and problem.reason in ("unknown_learner", "unknown_theme"):
            self._tell((f"staff_certificate_{problem.reason}", {}))
        elif isinstance(problem, CertificateRefused):
            self._tell(("staff_certificate_refused", {"problem": str(problem)}))
        elif missing := sign_in_missing(problem):
            self._tell(missing)
        elif isinstance(problem, CentreAway):
            self._tell(("staff_certificate_away", {"problem": str(problem)}))
        elif isinstance(problem, ExportError):
            self._tell(("staff_export_failed", {"problem": str(problem)}))
        else:
            self._tell(("staff_export_failed", {"problem": str(problem) or type(problem).__name__}))

    # ---- words ---------------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        if busy:
            self.setFocus()  # not left on a button about to be disabled, nor passed to a text box
        self._say_choice()
        show_note(self.busy_note, tr("staff_certificate_busy", self._state.lang) if busy else "")
        if busy:
            show_note(self.result, "")

    def _theme_title(self, theme_id: str) -> str:
        theme = self._services.kiosk.reports.theme(theme_id)
        return theme.title[self._state.lang] if theme else theme_id

    def _say_choice(self) -> None:
        lang = self._state.lang
        learner = self.picker.selected
        if learner is None:
            self.choice_words.set_text(tr("staff_certificate_pick", lang))
        else:
            title = self._theme_title(self.themes.chosen)
            self.choice_words.set_text(tr("staff_certificate_choice", lang, name=learner.display_name, theme=title))
        self.issue_button.setEnabled(not self.worker.busy)  # it says what is missing, if anything

    def _tell(self, message: tuple[str, dict] | None) -> None:
        self._said = message
        if message is None:
            show_note(self.result, "")
            return
        key, values = message
        if "theme" in values:
            values = {**values, "theme": self._theme_title(values["theme"])}
        if "lessons" in values:  # the titles the centre sent, in the screen's language
            lang = self._state.lang
            titles = [tr("staff_certificate_lesson", lang, title=title[lang]) for title in values["lessons"]]
            values = {**values, "lessons": tr("staff_certificate_lesson_joiner", lang).join(titles)}
        show_note(self.result, tr(key, self._state.lang, **values))
        QTimer.singleShot(0, self, lambda: self.scroll.ensureWidgetVisible(self.result, 0, 24))  # once laid out

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.learner_label.set_text(tr("staff_certificate_learner", lang))
        self.theme_label.set_text(tr("staff_certificate_theme", lang))
        self.themes.set_texts({theme.id: theme.title[lang] for theme in self._services.kiosk.catalogue.themes})
        self.centre_label.set_text(tr("staff_certificate_centre", lang))
        self.issue_button.setText(tr("staff_certificate_issue", lang))
        enrolled = self._services.kiosk.centre.enrolled
        show_note(self.enrol_note, "" if enrolled else tr("staff_certificate_not_enrolled", lang))
        self._say_choice()
        self._tell(self._said)
