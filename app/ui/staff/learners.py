"""The console's Learners page: find a learner (by surname, as on the sign-in screen, or by
typing), add one, correct a name or phone digits, merge a duplicate into the one to keep, give
a learner a copy of their own records, and delete a learner's records everywhere at their
request. Merging and deleting ask first, in words naming the learners, and run on a worker
thread (the centre goes first: LearnerAdmin); the result says what was removed or moved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from app.core.learners import LearnerRecord, check_name, check_phone_last4
from app.kiosk.learner_admin import CentreAway, LearnerAdmin, Outcome
from app.kiosk.reporting import safe_name
from app.ui.scrolling import scroll_page
from app.ui.services import Services
from app.ui.side_by_side import SideBySide
from app.ui.staff.centre_sign_in import sign_in_missing
from app.ui.staff.choices import flow
from app.ui.staff.confirm import ConfirmPanel
from app.ui.staff.dates import day_text
from app.ui.staff.folder import FolderRow
from app.ui.staff.learner_picker import LearnerPicker
from app.ui.staff.page import card, line_field, note, show_note
from app.ui.staff.texts import tr
from app.ui.state import KioskState
from app.ui.widgets import TextLabel, big_button
from app.ui.work import Worker

# What an Outcome counts, by the kind the centre and the store name, in words.
KIND_KEYS = {
    "statements": "staff_kind_statements",
    "lesson attempts": "staff_kind_attempts",
    "check-ins": "staff_kind_check_ins",
    "session time": "staff_kind_session_time",
    "help calls": "staff_kind_help_calls",
    "certificates": "staff_kind_certificates",
    "learner": "staff_kind_learner",
    "lessons": "staff_kind_lessons",
    "steps": "staff_kind_steps",
    "records for the centre": "staff_kind_outbox",
    "copies at the city's store to be voided": "staff_kind_upstream_voided",
}


def counts_text(counts: dict[str, int], lang: str) -> str:
    """ "12 learning records, 1 check-in" — only the kinds there were; "nothing" if none."""
    parts = [
        tr(KIND_KEYS[kind], lang, count=count)
        if kind in KIND_KEYS
        else tr("staff_kind_other", lang, kind=kind, count=count)
        for kind, count in counts.items()
        if count
    ]
    return tr("staff_list_separator", lang).join(parts) if parts else tr("staff_nothing", lang)


def registered_day(learner: LearnerRecord) -> date:
    """The day the learner registered, on this computer's calendar (the store keeps UTC)."""
    moment = learner.created_at
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone().date()


def learner_words(learner: LearnerRecord, lang: str) -> str:
    """A learner named so that two of the same name are told apart: phone digits and the day
    they registered."""
    registered = day_text(registered_day(learner), lang)
    if learner.phone_last4:
        return tr(
            "staff_learner_with_phone", lang, name=learner.display_name, digits=learner.phone_last4, day=registered
        )
    return tr("staff_learner_no_phone", lang, name=learner.display_name, day=registered)


class StaffLearnersPage(QWidget):
    def __init__(
        self, state: KioskState, services: Services, allowed: Callable[[], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._services = services
        self._allowed = allowed
        self._mode = "idle"  # idle, add, edit, merge (choosing the one to keep)
        self._duplicate: LearnerRecord | None = None
        self._said: tuple[str, dict] | None = None  # the result, re-said on a language switch
        self._pending: tuple[str, dict] = ("", {})  # the question being asked
        self.worker = Worker(self)
        self.worker.busy_changed.connect(self._busy)

        row = SideBySide(self, spacing=32)  # the list above the details where both do not fit
        row.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.setSpacing(16)
        heading_row = QHBoxLayout()
        self.heading = TextLabel("", "heading")
        self.add_button = big_button("", kind="primary", name="learner-add")
        self.add_button.clicked.connect(self.start_add)
        heading_row.addWidget(self.heading, 1)
        heading_row.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        left.addLayout(heading_row)
        self.picker = LearnerPicker(state, services.kiosk.learners, "staff-learner")
        self.picker.chosen.connect(self._picked)
        left.addWidget(self.picker, 1)
        row.addLayout(left, 4)

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(20)
        self.scroll = scroll_page(right, state)
        row.addWidget(self.scroll, 5)
        self.details_card, details = card("learner-card")
        self.name_heading = TextLabel("", "heading")
        self.name_heading.setObjectName("learner-name")
        self.details = TextLabel("", "body")
        self.details.setObjectName("learner-details")
        details.addWidget(self.name_heading)
        details.addWidget(self.details)
        self.actions = actions = QGridLayout()  # two a row when they fit, else one (see _reflow)
        actions.setHorizontalSpacing(16)
        actions.setVerticalSpacing(16)
        self.edit_button = big_button("", name="learner-edit")
        self.merge_button = big_button("", name="learner-merge")
        self.export_button = big_button("", name="learner-export")
        self.delete_button = big_button("", kind="danger", name="learner-delete")
        self.edit_button.clicked.connect(self.start_edit)
        self.merge_button.clicked.connect(self.start_merge)
        self.export_button.clicked.connect(self.export_records)
        self.delete_button.clicked.connect(self.ask_delete)
        for i, button in enumerate((self.edit_button, self.merge_button, self.export_button, self.delete_button)):
            actions.addWidget(button, i // 2, i % 2)
        details.addLayout(actions)
        self._action_buttons = [self.edit_button, self.merge_button, self.export_button, self.delete_button]
        self._flowed_for = -1
        right.addWidget(self.details_card)

        self.form_card, form = card("learner-form")
        self.form_heading = TextLabel("", "instruction")
        self.name_label = TextLabel("", "body")
        self.name_field = line_field("learner-name-field")
        self.digits_label = TextLabel("", "body")
        self.digits_field = line_field("learner-digits-field", max_length=4)
        self.digits_field.returnPressed.connect(self.save_form)
        self.form_message = note("learner-form-message")
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        self.save_button = big_button("", kind="primary", name="learner-save")
        self.cancel_form_button = big_button("", kind="secondary", name="learner-form-cancel")
        self.save_button.clicked.connect(self.save_form)
        self.cancel_form_button.clicked.connect(self.cancel)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_form_button)
        buttons.addStretch(1)
        for widget in (self.form_heading, self.name_label, self.name_field, self.digits_label, self.digits_field):
            form.addWidget(widget)
        form.addWidget(self.form_message)
        form.addLayout(buttons)
        self.form_card.hide()
        right.addWidget(self.form_card)

        self.merge_note = QFrame()
        self.merge_note.setObjectName("merge-note")
        merge_row = QVBoxLayout(self.merge_note)
        merge_row.setContentsMargins(0, 0, 0, 0)
        merge_row.setSpacing(16)
        self.merge_text = TextLabel("", "body")
        self.merge_text.setObjectName("merge-text")
        self.merge_text.setProperty("note", "hint")
        self.merge_cancel = big_button("", kind="secondary", name="merge-cancel")
        self.merge_cancel.clicked.connect(self.cancel)
        merge_row.addWidget(self.merge_text)
        merge_row.addWidget(self.merge_cancel, 0, Qt.AlignmentFlag.AlignLeft)
        self.merge_note.hide()
        right.addWidget(self.merge_note)

        self.confirm = ConfirmPanel("learner-confirm")
        right.addWidget(self.confirm)
        self.busy_note = note("learner-busy", "status")
        self.result = note("learner-result", "tip")
        right.addWidget(self.busy_note)
        right.addWidget(self.result)
        self.folder = FolderRow(state, services.kiosk.preferences, "learner")
        right.addWidget(self.folder)
        right.addStretch(1)
        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(lambda _theme: self._refit())
        self.scroll.viewport().installEventFilter(self)
        self.retranslate()

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self._reflow()
        return False

    def _refit(self) -> None:
        self._flowed_for = -1  # new words or text size: the same width may fit fewer
        self._reflow()

    def _reflow(self) -> None:
        """The four actions two a row when the words fit the card, else one a row."""
        margins = self.details_card.layout().contentsMargins()
        width = self.scroll.viewport().width() - margins.left() - margins.right() - 4
        if width != self._flowed_for:
            self._flowed_for = width
            flow(self.actions, self._action_buttons, width, 2, fill=True)

    # ---- the console calls these -----------------------------------------------------------

    def open(self) -> None:
        self.picker.refresh()
        self._show_selected()

    def leave(self) -> None:
        """Nothing typed or chosen stays for the next person; work under way finishes whole."""
        self.worker.forget()
        self._mode = "idle"
        self._duplicate = None
        self._said = None
        self.confirm.dismiss()
        self.picker.reset()
        self._clear_form()
        show_note(self.result, "")
        self._show_selected()

    def wait_for_work(self) -> None:
        self.worker.wait()

    def admin(self) -> tuple[LearnerAdmin, bool]:
        """The learner administration, and whether it has a centre to ask first (the kiosk may
        have been enrolled since the page opened)."""
        kiosk = self._services.kiosk
        return kiosk.learner_admin, kiosk.centre.enrolled

    # ---- add and edit ----------------------------------------------------------------------

    def start_add(self) -> None:
        self._start_form("add")

    def start_edit(self) -> None:
        if self.picker.selected is not None:
            self._start_form("edit")

    def _start_form(self, mode: str) -> None:
        self._end_merge()
        self.confirm.dismiss()
        self._mode = mode
        learner = self.picker.selected if mode == "edit" else None
        self.name_field.setText(learner.display_name if learner else "")
        self.digits_field.setText((learner.phone_last4 or "") if learner else "")
        show_note(self.form_message, "")
        self.form_card.show()
        self.retranslate()
        self._bring_into_view(self.form_card)
        self.name_field.setFocus()

    def save_form(self) -> None:
        if not self._check_allowed():
            return
        lang = self._state.lang
        name, digits = self.name_field.text(), self.digits_field.text()
        try:
            check_name(name)
        except ValueError:
            show_note(self.form_message, tr("staff_name_needed", lang))
            return
        try:
            check_phone_last4(digits)
        except ValueError:
            show_note(self.form_message, tr("staff_digits_needed", lang))
            return
        if self._mode == "add":
            learner = self._services.kiosk.learners.add(name, digits or None)
            message = ("staff_learner_added", {"learner": learner})
        else:
            learner = self.admin()[0].correct(self.picker.selected.id, name, digits or None)
            message = ("staff_learner_saved", {"learner": learner})
        self._clear_form()
        self.picker.refresh()
        self.picker.choose(learner)
        self._tell(message)

    def _clear_form(self) -> None:
        self._mode = "idle" if self._mode in ("add", "edit") else self._mode
        self.name_field.clear()
        self.digits_field.clear()
        show_note(self.form_message, "")
        self.form_card.hide()

    def cancel(self) -> None:
        self._clear_form()
        self._end_merge()
        self.confirm.dismiss()

    # ---- merge -------------------------------------------------------------------------------

    def start_merge(self) -> None:
        """The learner shown is the duplicate; staff then tap the one to keep."""
        if self.picker.selected is None:
            return
        self._clear_form()
        self.confirm.dismiss()
        self._mode = "merge"
        self._duplicate = self.picker.selected
        self.picker.marked = {self._duplicate.id: tr("staff_the_duplicate", self._state.lang)}
        self.picker.refresh()
        self.merge_note.show()
        self.retranslate()
        self._bring_into_view(self.merge_note)

    def _end_merge(self) -> None:
        if self._mode == "merge":
            self._mode = "idle"
        self._duplicate = None
        self.picker.marked = {}
        self.picker.refresh()
        self.merge_note.hide()

    def _picked(self, learner: LearnerRecord) -> None:
        if self._mode == "merge" and self._duplicate is not None:
            if learner.id == self._duplicate.id:
                return
            self._ask_merge(self._duplicate, learner)
            return
        self._clear_form()
        self.confirm.dismiss()
        self._show_selected()

    def _ask_merge(self, duplicate: LearnerRecord, keep: LearnerRecord) -> None:
        self._pending = ("staff_confirm_merge", {"duplicate": duplicate, "keep": keep})
        lang = self._state.lang
        self.confirm.ask(
            self._confirm_words(),
            tr("staff_merge_yes", lang),
            tr("staff_cancel", lang),
            lambda: self._merge(duplicate, keep),
        )
        self._bring_into_view(self.confirm)

    def _merge(self, duplicate: LearnerRecord, keep: LearnerRecord) -> None:
        if not self._check_allowed():
            return
        admin, centre = self.admin()
        self._end_merge()
        self.worker.start(
            lambda _report: admin.merge(duplicate.id, keep.id),
            lambda outcome: self._merged(outcome, duplicate, keep, centre),
            self._failed,
        )

    def _merged(self, outcome: Outcome, duplicate: LearnerRecord, keep: LearnerRecord, centre: bool) -> None:
        self.picker.refresh()
        self.picker.choose(keep)
        key = "staff_merged" if centre else "staff_merged_local"
        self._tell((key, {"duplicate": duplicate, "keep": keep, "outcome": outcome}))

    # ---- their own records -----------------------------------------------------------------

    def export_records(self) -> None:
        learner = self.picker.selected
        if learner is None or not self._check_allowed():
            return
        folder = self.folder.folder
        path = folder / f"records-{safe_name(learner.display_name)}-{learner.id[:8]}-{date.today().isoformat()}.json"
        admin = self.admin()[0]

        def work(_report) -> int:
            folder.mkdir(parents=True, exist_ok=True)
            return admin.export_own_records(learner.id, path)

        def written(count: int) -> None:
            self._tell(("staff_records_written", {"learner": learner, "count": count, "path": str(path)}))

        self.worker.start(work, written, self._failed)

    # ---- delete everywhere -----------------------------------------------------------------

    def ask_delete(self) -> None:
        learner = self.picker.selected
        if learner is None:
            return
        self._clear_form()
        self._end_merge()
        self._pending = ("staff_confirm_delete", {"learner": learner})
        lang = self._state.lang
        self.confirm.ask(
            self._confirm_words(), tr("staff_delete_yes", lang), tr("staff_cancel", lang), lambda: self._delete(learner)
        )
        self._bring_into_view(self.confirm)

    def _delete(self, learner: LearnerRecord) -> None:
        if not self._check_allowed():
            return
        admin, centre = self.admin()
        self.worker.start(
            lambda _report: admin.delete_everywhere(learner.id),
            lambda outcome: self._deleted(outcome, learner, centre),
            self._failed,
        )

    def _deleted(self, outcome: Outcome, learner: LearnerRecord, centre: bool) -> None:
        self.picker.selected = None
        self.picker.refresh()
        self._show_selected()
        self._tell(("staff_deleted" if centre else "staff_deleted_local", {"learner": learner, "outcome": outcome}))

    # ---- words -------------------------------------------------------------------------------

    def _failed(self, problem: BaseException) -> None:
        if missing := sign_in_missing(problem):
            self._tell(missing)
        elif isinstance(problem, CentreAway):
            self._tell(("staff_centre_away", {"problem": str(problem)}))
        else:
            self._tell(("staff_failed", {"problem": str(problem)}))

    def _check_allowed(self) -> bool:
        if self._allowed():
            return True
        self._tell(("staff_only", {}))
        return False

    def _busy(self, busy: bool) -> None:
        if busy:
            self.setFocus()  # not left on a button about to be disabled, nor passed to a text box
        for button in (self.add_button, self.edit_button, self.merge_button, self.export_button, self.delete_button):
            button.setEnabled(not busy and (button is self.add_button or self.picker.selected is not None))
        show_note(self.busy_note, tr("staff_learner_busy", self._state.lang) if busy else "")
        if busy:
            show_note(self.result, "")

    def _tell(self, message: tuple[str, dict]) -> None:
        self._said = message
        show_note(self.result, self._words(message))
        self._bring_into_view(self.result)

    def _bring_into_view(self, widget: QWidget) -> None:
        """A question, a form or a result below the card is scrolled to, never left out of
        sight: once the page has been laid out again with it (hence the zero timer)."""
        QTimer.singleShot(0, self, lambda: self.scroll.ensureWidgetVisible(widget, 0, 24))

    def _words(self, message: tuple[str, dict]) -> str:
        lang = self._state.lang
        key, values = message
        words = dict(values)
        for name in ("learner", "duplicate", "keep"):
            if name in words:
                words[name] = learner_words(words[name], lang)
        if "outcome" in words:
            outcome = words.pop("outcome")
            words["centre"] = counts_text(outcome.centre, lang)
            words["kiosk"] = counts_text(outcome.kiosk, lang)
        return tr(key, lang, **words)

    def _confirm_words(self) -> str:
        return self._words(self._pending)

    def _show_selected(self) -> None:
        lang = self._state.lang
        learner = self.picker.selected
        self.details_card.setVisible(True)
        if learner is None:
            self.name_heading.set_text(tr("staff_learner_none", lang))
            self.details.set_text(tr("staff_learner_pick", lang))
        else:
            self.name_heading.set_text(learner.display_name)
            done = sum(
                1 for progress in self._services.kiosk.learners.progress(learner.id).values() if progress.ever_completed
            )
            self.details.set_text(
                tr(
                    "staff_learner_details",
                    lang,
                    digits=learner.phone_last4 or tr("staff_no_phone", lang),
                    day=day_text(registered_day(learner), lang),
                    done=done,
                )
            )
        for button in (self.edit_button, self.merge_button, self.export_button, self.delete_button):
            button.setVisible(learner is not None)
            button.setEnabled(not self.worker.busy)

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.heading.set_text(tr("staff_learners_heading", lang))
        self.add_button.setText(tr("staff_learner_add", lang))
        self.edit_button.setText(tr("staff_learner_edit", lang))
        self.merge_button.setText(tr("staff_learner_merge", lang))
        self.export_button.setText(tr("staff_learner_export", lang))
        self.delete_button.setText(tr("staff_learner_delete", lang))
        self.form_heading.set_text(tr("staff_add_heading" if self._mode == "add" else "staff_edit_heading", lang))
        self.name_label.set_text(tr("staff_learner_name", lang))
        self.digits_label.set_text(tr("staff_learner_digits", lang))
        self.save_button.setText(tr("staff_learner_add_save" if self._mode == "add" else "staff_save", lang))
        self.cancel_form_button.setText(tr("staff_cancel", lang))
        self.merge_cancel.setText(tr("staff_cancel", lang))
        if self._duplicate is not None:
            self.picker.marked = {self._duplicate.id: tr("staff_the_duplicate", lang)}
            self.picker.refresh()
            self.merge_text.set_text(tr("staff_merge_pick_keep", lang, duplicate=learner_words(self._duplicate, lang)))
        if self.confirm.isVisible():
            yes = "staff_merge_yes" if self._pending[0] == "staff_confirm_merge" else "staff_delete_yes"
            self.confirm.retext(self._confirm_words(), tr(yes, lang), tr("staff_cancel", lang))
        if self._said is not None:
            show_note(self.result, self._words(self._said))
        if self.worker.busy:
            show_note(self.busy_note, tr("staff_learner_busy", lang))
        self._show_selected()
        self._refit()
