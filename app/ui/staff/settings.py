"""Staff settings: this kiosk's enrolment with its centre, where the learners' records are, and
the tutor and staff accounts, as two cards with their behaviour. The staff console
(screens/staff_console.py) shows the enrolment card on its Kiosks page and the accounts card on
its Tutors page; it alone is reached through the role sign-in with a staff account."""

from __future__ import annotations

import socket
import threading

from PySide6.QtCore import QObject, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.accounts import MIN_PIN_DIGITS, ROLES, AccountError, AccountRecord
from app.ui.flow_layout import FlowLayout
from app.ui.i18n import role_word, sync_text
from app.ui.services import Services
from app.ui.staff.confirm import ConfirmPanel
from app.ui.staff.enrolment import EnrolJob, EnrolResult
from app.ui.staff.texts import tr
from app.ui.state import KioskState
from app.ui.widgets import TextLabel, big_button

SYNC_REFRESH_MS = 2000
# 404 is what a centre answers today for a code that is unknown, used or expired alike; 409 and
# 410 came from centres before that
ENROL_REFUSALS = {409: "enrol_used", 410: "enrol_expired", 404: "enrol_unknown_code", 429: "enrol_too_many"}
ACCOUNT_PROBLEMS = {
    "no_name": "account_no_name",
    "long_name": "account_long_name",
    "short_pin": "account_short_pin",
    "short_password": "account_short_pin",
    "name_taken": "account_name_taken",
    "last_staff": "account_last_staff",
}


def enrol_words(result: EnrolResult, lang: str) -> str:
    """What came of an enrolment, in words staff can act on."""
    if result.enrolment is not None:
        return tr("enrol_done", lang, centre=result.enrolment.centre)
    if result.status is None:
        return tr("enrol_unreachable", lang, url=result.url)
    if result.status in ENROL_REFUSALS:
        return tr(ENROL_REFUSALS[result.status], lang)
    return tr("enrol_refused", lang, problem=result.problem)


def _field(name: str, *, secret: bool = False) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setProperty("role", "body")
    if secret:
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setMaxLength(32)
        field.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]*"), field))
    return field


def _card(name: str) -> tuple[QFrame, QVBoxLayout]:
    card = QFrame()
    card.setObjectName(name)
    card.setProperty("card", True)
    column = QVBoxLayout(card)
    column.setContentsMargins(36, 28, 36, 32)
    column.setSpacing(16)
    return card, column


def _note(name: str) -> TextLabel:
    label = TextLabel("", "body")
    label.setObjectName(name)
    label.setProperty("note", "hint")
    label.hide()
    return label


class StaffSettings(QObject):
    """The enrolment card (`kiosk_card`) and the accounts card (`accounts_card`); the console
    places them on its pages. Its signal `enrolled` says the kiosk has a new centre and token."""

    enrolled = Signal()  # the kiosk has a new centre and token: start sending to it

    def __init__(self, state: KioskState, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._services = services
        self._accounts = services.kiosk.accounts
        self._centre = services.kiosk.centre
        self.shared: threading.Thread | None = None  # telling the centre of the last account change
        self.account: AccountRecord | None = None
        self._job: EnrolJob | None = None
        self._said: dict[TextLabel, tuple[str, dict]] = {}  # re-said in the other language on a switch
        self.kiosk_card = self._build_kiosk_card()
        self.accounts_card = self._build_accounts_card()

        self._sync_timer = QTimer(self)  # records move in the background: keep the words current
        self._sync_timer.setInterval(SYNC_REFRESH_MS)
        self._sync_timer.timeout.connect(self._refresh_kiosk)
        state.lang_changed.connect(self.retranslate)
        self.retranslate()

    def _build_kiosk_card(self) -> QFrame:
        card, column = _card("kiosk-card")
        self.kiosk_heading = TextLabel("", "heading")
        self.enrolment_state = TextLabel("", "body")
        self.enrolment_state.setObjectName("enrolment-state")
        self.sync_state = TextLabel("", "body")
        self.sync_state.setObjectName("sync-state")
        self.url_label = TextLabel("", "body")
        self.url = _field("centre-url")
        self.code_label = TextLabel("", "body")
        self.code = _field("enrol-code")
        self.code.setMaxLength(20)
        self.code.returnPressed.connect(self.enrol)
        self.enrol_button = big_button("", kind="primary", role="button_main", name="enrol")
        self.enrol_button.clicked.connect(self.enrol)
        self.enrol_message = _note("enrol-message")
        for widget in (self.kiosk_heading, self.enrolment_state, self.sync_state, self.url_label, self.url):
            column.addWidget(widget)
        for widget in (self.code_label, self.code, self.enrol_message):
            column.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(self.enrol_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        return card

    def _build_accounts_card(self) -> QFrame:
        card, column = _card("accounts-card")
        self.accounts_heading = TextLabel("", "heading")
        self.account_rows = QVBoxLayout()
        self.account_rows.setSpacing(16)
        self.remove_confirm = ConfirmPanel("account-remove-confirm")
        self.remove_confirm.no.clicked.connect(self._dismiss_remove)
        self._removing: AccountRecord | None = None  # the account the confirmation asks about
        self.accounts_message = _note("accounts-message")
        self.add_heading = TextLabel("", "instruction")
        self.name_label = TextLabel("", "body")
        self.new_name = _field("account-name")
        self.new_name.setMaxLength(40)
        self.role_label = TextLabel("", "body")
        self.role_buttons: dict[str, QPushButton] = {}
        self._role_group = QButtonGroup(self)
        roles = FlowLayout(spacing=16)  # one under the other in a narrow card
        for role in ROLES:
            button = big_button("", kind="choice", name=f"new-role-{role}")
            button.setCheckable(True)
            self._role_group.addButton(button)
            self.role_buttons[role] = button
            roles.addWidget(button)
        self.role_buttons["tutor"].setChecked(True)
        self.pin_label = TextLabel("", "body")
        self.new_pin = _field("account-pin", secret=True)
        self.pin_again_label = TextLabel("", "body")
        self.new_pin_again = _field("account-pin-again", secret=True)
        self.new_pin_again.returnPressed.connect(self.add_account)
        self.add_button = big_button("", kind="primary", role="button_main", name="add-account")
        self.add_button.clicked.connect(self.add_account)
        self.add_message = _note("add-message")
        column.addWidget(self.accounts_heading)
        column.addLayout(self.account_rows)
        column.addWidget(self.remove_confirm)
        column.addWidget(self.accounts_message)
        column.addSpacing(16)
        column.addWidget(self.add_heading)
        form = QGridLayout()  # two columns: the card is wide, the screen is not tall
        form.setHorizontalSpacing(24)
        form.setVerticalSpacing(12)
        under = Qt.AlignmentFlag.AlignBottom  # a label sits on its box even when its neighbour wraps
        form.addWidget(self.name_label, 0, 0, under)
        form.addWidget(self.new_name, 1, 0)
        form.addWidget(self.role_label, 0, 1, under)
        form.addLayout(roles, 1, 1)
        form.addWidget(self.pin_label, 2, 0, under)
        form.addWidget(self.new_pin, 3, 0)
        form.addWidget(self.pin_again_label, 2, 1, under)
        form.addWidget(self.new_pin_again, 3, 1)
        form.setColumnStretch(0, 1)  # the boxes share the width; the role buttons keep their natural width
        form.setColumnStretch(1, 1)
        column.addLayout(form)
        column.addWidget(self.add_message)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        return card

    # ---- opening and leaving ---------------------------------------------------------------

    def open_for(self, account: AccountRecord) -> None:
        self.account = account
        self.reset()
        self.url.setText(self._centre.address())
        self.retranslate()
        self._sync_timer.start()

    def reset(self) -> None:
        """Nothing typed or said stays behind for the next person at the kiosk."""
        for field in (self.code, self.new_name, self.new_pin, self.new_pin_again):
            field.clear()
        for label in (self.enrol_message, self.accounts_message, self.add_message):
            self._say(label, None)
        self.role_buttons["tutor"].setChecked(True)
        self._dismiss_remove()

    def leave(self) -> None:
        self.reset()
        self.account = None
        self._sync_timer.stop()

    def wait_for_work(self, timeout_ms: int = 20_000) -> None:
        """An enrolment under way is let finish and its token kept (its code is used up either
        way), even though the kiosk is closing before the result reaches the screen."""
        job = self._job
        if job is not None and job.wait(timeout_ms) and job.result is not None:
            self._enrolled(job.result)

    # ---- enrolment ---------------------------------------------------------------------------

    def enrol(self) -> None:
        if self._job is not None:
            return
        url, code = self.url.text().strip(), self.code.text().strip()
        if not url.startswith(("http://", "https://")):
            self._say(self.enrol_message, ("enrol_need_url", {}))
            return
        if not code:
            self._say(self.enrol_message, ("enrol_need_code", {}))
            return
        self._job = EnrolJob(self._centre.enrol, url, code, socket.gethostname(), self)
        self._job.done.connect(self._enrolled)
        self.enrol_button.setEnabled(False)
        self._say(self.enrol_message, ("enrol_busy", {}))
        self._job.start()

    def _enrolled(self, result: EnrolResult) -> None:
        """Back on the GUI thread. The token is kept even if staff left the screen meanwhile:
        the code is used up, so this is the kiosk's only chance to keep what it paid for."""
        job, self._job = self._job, None
        if job is None:  # already taken in by wait_for_work
            return
        job.wait()
        job.deleteLater()
        self.enrol_button.setEnabled(True)
        if result.enrolment is not None:
            self._centre.join(result.url, result.enrolment)  # records go to the new centre from now on
            self.code.clear()
            self.enrolled.emit()
        self._say(self.enrol_message, ("enrol_result", {"result": result}))
        self._refresh_kiosk()

    def _refresh_kiosk(self) -> None:
        lang = self._state.lang
        where = self._centre.enrolled_centre()
        if where is None:
            self.enrolment_state.set_text(tr("kiosk_not_enrolled", lang))
        else:
            self.enrolment_state.set_text(tr("kiosk_enrolled", lang, url=where[0], centre=where[1]))
        self.sync_state.set_text(sync_text(self._services.kiosk.centre, lang))

    # ---- accounts --------------------------------------------------------------------------

    def add_account(self) -> None:
        name, pin, again = self.new_name.text().strip(), self.new_pin.text(), self.new_pin_again.text()
        role = next(role for role, button in self.role_buttons.items() if button.isChecked())
        problem: str | None = None
        if not name:
            problem = "account_no_name"
        elif len(pin) < MIN_PIN_DIGITS or not pin.isdigit():
            problem = "account_short_pin"
        elif pin != again:
            problem = "account_pins_differ"
        if problem:
            self.new_pin.clear()
            self.new_pin_again.clear()
            self._say(self.add_message, (problem, {}))
            return
        try:
            added = self._accounts.add(name, role, pin)
        except AccountError as refused:
            self._say(self.add_message, (ACCOUNT_PROBLEMS.get(refused.reason, "account_no_name"), {"name": name}))
            return
        for field in (self.new_name, self.new_pin, self.new_pin_again):
            field.clear()
        self.shared = self._centre.share_account(added.id)  # so they can sign in there too
        self._say(self.accounts_message, None)
        self._say(self.add_message, ("account_added", {"name": added.name, "role": added.role}))
        self._fill_accounts()

    def ask_remove(self, account: AccountRecord) -> None:
        """Remove asks first, in words, beside the list; the only staff account is refused at
        once (nobody could manage the kiosk without one), without a question to answer."""
        self._say(self.add_message, None)
        if account.role == "staff" and self._staff_count() <= 1:
            self._dismiss_remove()
            self._say(self.accounts_message, ("account_last_staff", {"name": account.name}))
            return
        self._say(self.accounts_message, None)
        self._removing = account
        lang = self._state.lang
        self.remove_confirm.ask(
            self._remove_question(),
            tr("staff_remove_account_yes", lang),
            tr("staff_cancel", lang),
            lambda: self.remove_account(account),
        )
        QTimer.singleShot(0, self.remove_confirm, self._bring_confirm_into_view)

    def _bring_confirm_into_view(self) -> None:
        """The question and its two buttons in sight, once laid out (the page scrolls)."""
        scroller = self.remove_confirm.parentWidget()
        while scroller is not None and not isinstance(scroller, QScrollArea):
            scroller = scroller.parentWidget()
        if scroller is not None and self.remove_confirm.isVisible():
            scroller.ensureWidgetVisible(self.remove_confirm, 0, 24)

    def _staff_count(self) -> int:
        return self._accounts.staff_count()

    def _remove_question(self) -> str:
        account, lang = self._removing, self._state.lang
        return tr("staff_confirm_remove_account", lang, name=account.name, role=role_word(account.role, lang))

    def _dismiss_remove(self) -> None:
        self._removing = None
        self.remove_confirm.dismiss()

    def remove_account(self, account: AccountRecord) -> None:
        """Confirmed: remove it (the store still refuses the last staff account)."""
        self._dismiss_remove()
        try:
            self._accounts.remove(account.name)
        except AccountError as refused:
            self._say(self.accounts_message, (ACCOUNT_PROBLEMS[refused.reason], {"name": account.name}))
            return
        self.shared = self._centre.share_account(account.id, removed=True)  # their sign-ins there end too
        self._say(self.add_message, None)
        self._say(self.accounts_message, ("account_removed", {"name": account.name}))
        self._fill_accounts()

    def remove_buttons(self) -> dict[str, QPushButton]:
        """Each account's Remove button by name (the signed-in account has none)."""
        found = {}
        for i in range(self.account_rows.count()):
            row = self.account_rows.itemAt(i).widget()
            button = row.findChild(QPushButton)
            if button is not None:
                found[row.property("account_name")] = button
        return found

    def _fill_accounts(self) -> None:
        lang = self._state.lang
        while self.account_rows.count():
            widget = self.account_rows.takeAt(0).widget()
            widget.hide()
            widget.deleteLater()
        for account in self._accounts.all():
            you = self.account is not None and account.id == self.account.id
            row = QWidget()
            row.setProperty("account_name", account.name)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(16)
            kind = tr(f"kind_{account.secret_kind}", lang)
            words = {"name": account.name, "role": role_word(account.role, lang), "kind": kind}
            line.addWidget(TextLabel(tr("account_row_you" if you else "account_row", lang, **words), "body"), 1)
            if not you:
                remove = big_button(tr("account_remove", lang), kind="danger", name=f"remove-{account.id}")
                remove.clicked.connect(lambda _=False, gone=account: self.ask_remove(gone))
                line.addWidget(remove)
            self.account_rows.addWidget(row)

    # ---- words -----------------------------------------------------------------------------

    def _say(self, label: TextLabel, message: tuple[str, dict] | None) -> None:
        lang = self._state.lang
        if message is None:
            self._said.pop(label, None)
            text = ""
        else:
            self._said[label] = message
            key, values = message
            if key == "enrol_result":
                text = enrol_words(values["result"], lang)
            else:
                if "role" in values:
                    values = {**values, "role": role_word(values["role"], lang)}
                text = tr(key, lang, **values)
        label.set_text(text)
        label.setVisible(bool(text))

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.kiosk_heading.set_text(tr("kiosk_heading", lang))
        self.url_label.set_text(tr("enrol_url", lang))
        self.code_label.set_text(tr("enrol_code", lang))
        self.enrol_button.setText(tr("enrol_button", lang))
        self.accounts_heading.set_text(tr("accounts_heading", lang))
        self.add_heading.set_text(tr("account_add_heading", lang))
        self.name_label.set_text(tr("account_name", lang))
        self.role_label.set_text(tr("account_role", lang))
        for role, button in self.role_buttons.items():
            button.setText(tr(f"choose_{role}", lang))
        self.pin_label.set_text(tr("account_pin", lang))
        self.pin_again_label.set_text(tr("account_pin_again", lang))
        self.add_button.setText(tr("account_add", lang))
        for label, message in list(self._said.items()):
            self._say(label, message)
        if self._removing is not None:
            no, yes = tr("staff_cancel", lang), tr("staff_remove_account_yes", lang)
            self.remove_confirm.retext(self._remove_question(), yes, no)
        self._refresh_kiosk()
        self._fill_accounts()
