"""The tutor and staff sign-in, opened by the pale lock in the welcome screen's corner: tap your
name, then type the PIN on a large pad (or a password on the keyboard). A wrong try says how
many are left; a locked account says when it opens again."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.core.accounts import PIN, AccountRecord, Outcome, SignInResult
from app.kiosk.accounts import Accounts
from app.ui.i18n import role_word
from app.ui.pinpad import PinPad
from app.ui.roles.texts import tr
from app.ui.scrolling import scroll_page
from app.ui.side_by_side import SideBySide
from app.ui.state import KioskState
from app.ui.touch_keyboard import keys_for
from app.ui.widgets import TextLabel, TopBar, big_button, set_min_size

MAX_SECRET = 64


def locked_text(minutes: int, until_local: str, lang: str) -> str:
    if minutes == 1:
        return tr("role_locked_one", lang, until=until_local)
    return tr("role_locked", lang, minutes=minutes, until=until_local)


class RoleSignInScreen(QWidget):
    # the AccountRecord and the PIN or password just checked, which a staff member's sign-in at
    # the centre needs once (app.ui.roles.session); it is kept nowhere
    signed_in = Signal(object, str)
    back_requested = Signal()

    def __init__(self, state: KioskState, accounts: Accounts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._state = state
        self._accounts = accounts
        self._all: list[AccountRecord] = []
        self.chosen: AccountRecord | None = None
        self._message_key: tuple[str, dict] | None = None  # kept so a language switch re-says it
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 24)
        top = TopBar(state, with_back=True)
        top.back_requested.connect(self.back_requested)
        layout.addWidget(top)
        body = QVBoxLayout()
        body.setContentsMargins(64, 8, 64, 0)
        body.setSpacing(24)
        layout.addWidget(scroll_page(body, state), 1)
        self.heading = TextLabel("", "heading")
        body.addWidget(self.heading)
        row = SideBySide(spacing=64)  # the names above the pad on a portrait screen
        body.addLayout(row)
        body.addStretch(1)

        names = QVBoxLayout()
        names.setSpacing(16)
        self.choose_label = TextLabel("", "body")
        self.empty_note = TextLabel("", "body")
        self.empty_note.setProperty("note", "hint")
        self.names_box = QVBoxLayout()
        self.names_box.setSpacing(16)
        names.addWidget(self.choose_label)
        names.addWidget(self.empty_note)
        names.addLayout(self.names_box)
        names.addStretch(1)
        row.addLayout(names, 2)

        entry = QVBoxLayout()
        entry.setSpacing(20)
        self.prompt = TextLabel("", "instruction")
        self.secret = QLineEdit()
        self.secret.setObjectName("role-secret")
        self.secret.setProperty("role", "instruction")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setMaxLength(MAX_SECRET)
        self._digits_only = QRegularExpressionValidator(QRegularExpression("[0-9]*"), self)
        self.secret.returnPressed.connect(self.submit)
        self.message = TextLabel("", "body")
        self.message.setObjectName("role-message")
        self.message.setProperty("note", "hint")
        self.pad = PinPad(state, self.secret)
        self.sign_in_button = big_button("", kind="primary", role="button_main", name="role-sign-in")
        self.sign_in_button.clicked.connect(self.submit)
        # The box, the pad and the button share the pad's width, whatever the text size.
        self.entry_box = QWidget()
        box = QVBoxLayout(self.entry_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(20)
        for widget in (self.secret, self.pad, self.sign_in_button):
            box.addWidget(widget)
        entry.addWidget(self.prompt)
        entry.addWidget(self.message)
        entry.addWidget(self.entry_box, 0, Qt.AlignmentFlag.AlignLeft)
        entry.addStretch(1)
        row.addLayout(entry, 3)

        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(lambda _theme: self._size())
        self._size()
        self.retranslate()
        self._show_entry(False)

    # ---- what the screen does ------------------------------------------------------------

    def refresh(self) -> None:
        """Read the accounts again (staff may have added one) and start afresh."""
        self._all = self._accounts.all()
        self.reset()
        self._fill()

    def reset(self) -> None:
        """Nothing typed stays behind when the screen is left."""
        self.chosen = None
        self.secret.clear()
        self._say(None)
        self._show_entry(False)
        for button in self.name_buttons():
            button.setChecked(False)
        self._say_prompt()

    def name_buttons(self) -> list[QPushButton]:
        return [self.names_box.itemAt(i).widget() for i in range(self.names_box.count())]

    def choose(self, account: AccountRecord) -> None:
        self.chosen = account
        self.secret.clear()
        for button in self.name_buttons():
            button.setChecked(button.objectName() == f"account-{account.id}")
        is_pin = account.secret_kind == PIN
        self.secret.setValidator(self._digits_only if is_pin else None)
        self._show_entry(True)
        self.pad.setVisible(is_pin)
        keys_for(self.secret, not is_pin)  # a PIN has its own pad
        self._say_prompt()
        minutes = self._accounts.minutes_locked(account.id)
        if minutes:
            locked = self._accounts.get(account.id)
            self._say_locked(minutes, locked.locked_until if locked else None)
        else:
            self._say(None)
        self.secret.setFocus()

    def submit(self) -> None:
        if self.chosen is None:
            return
        secret = self.secret.text()
        if not secret:
            self._say(("role_secret_empty", {}))
            return
        result = self._accounts.sign_in(self.chosen.id, secret)
        self.secret.clear()
        if result.outcome is Outcome.SIGNED_IN:
            self.reset()
            self.signed_in.emit(result.account, secret)
        else:
            self._refused(result)

    # ---- words -----------------------------------------------------------------------------

    def _refused(self, result: SignInResult) -> None:
        if result.outcome is Outcome.LOCKED:
            self._say_locked(result.minutes_left, result.locked_until)
        elif result.outcome is Outcome.WRONG:
            key = "role_wrong_last" if result.tries_left == 1 else "role_wrong"
            self._say((key, {"tries": result.tries_left}))
        else:
            self.refresh()
            self._say(("role_unknown", {}))

    def _say_locked(self, minutes: int, until: datetime | None) -> None:
        until_local = until.astimezone().strftime("%H:%M") if until else ""
        self._say(("locked", {"minutes": minutes, "until_local": until_local}))

    def _say(self, message: tuple[str, dict] | None) -> None:
        self._message_key = message
        lang = self._state.lang
        if message is None:
            text = ""
        elif message[0] == "locked":
            text = locked_text(message[1]["minutes"], message[1]["until_local"], lang)
        else:
            text = tr(message[0], lang, **message[1])
        self.message.set_text(text)
        self.message.setVisible(bool(text))

    def _say_prompt(self) -> None:
        lang = self._state.lang
        if self.chosen is None:
            self.prompt.set_text(tr("role_pick_first", lang) if self._all else "")
        else:
            key = "role_enter_pin" if self.chosen.secret_kind == PIN else "role_enter_password"
            self.prompt.set_text(tr(key, lang, name=self.chosen.name))

    def _show_entry(self, shown: bool) -> None:
        self.entry_box.setVisible(shown)

    def _fill(self) -> None:
        lang = self._state.lang
        while self.names_box.count():
            widget = self.names_box.takeAt(0).widget()
            widget.hide()
            widget.deleteLater()
        for account in self._all:
            text = tr("role_account", lang, name=account.name, role=role_word(account.role, lang))
            button = big_button(text, kind="choice", role="tile", name=f"account-{account.id}")
            button.setCheckable(True)
            button.setChecked(self.chosen is not None and account.id == self.chosen.id)
            button.clicked.connect(lambda _=False, chosen=account: self.choose(chosen))
            self.names_box.addWidget(button)
        self.empty_note.setVisible(not self._all)
        self.choose_label.setVisible(bool(self._all))

    def _size(self) -> None:
        set_min_size(self.sign_in_button, 0, self._state.theme.px(80))

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.heading.set_text(tr("role_signin_title", lang))
        self.choose_label.set_text(tr("role_choose", lang))
        self.empty_note.set_text(tr("role_no_accounts", lang))
        self.sign_in_button.setText(tr("role_sign_in", lang))
        self._say_prompt()
        self._say(self._message_key)
        self._fill()
