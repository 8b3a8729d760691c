"""A large number pad that types into a box: a touch kiosk has no keyboard, and a tutor in a
hurry needs keys as big as a learner's. The phone's own pad (app/ui/phone/keypad.py) imitates
a phone, at the phone's size and with a "Done" key; this one is kiosk-sized."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget

from app.ui.i18n import tr
from app.ui.state import KioskState
from app.ui.theme import Theme
from app.ui.widgets import big_button, set_min_size

KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "delete"]
KEY_SIZE = (150, 72)  # px at 100 % inside the padding, grown with the text scale


class PinPad(QWidget):
    def __init__(self, state: KioskState, target: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._target = target
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.keys: dict[str, QPushButton] = {}
        for i, key in enumerate(KEYS):
            button = big_button(key, role="button_main" if key.isdigit() else "button", name=f"pin-{key}")
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            self.keys[key] = button
            self.grid.addWidget(button, i // 3, i % 3)
        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(self._size)
        self._size(state.theme)
        self.retranslate()

    def press(self, key: str) -> None:
        if key == "clear":
            self._target.clear()
        elif key == "delete":
            self._target.backspace()
        elif len(self._target.text()) < self._target.maxLength():
            self._target.insert(key)
        self._target.setFocus()

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.keys["clear"].setText(tr("pad_clear", lang))
        self.keys["delete"].setText(tr("pad_delete", lang))

    def _size(self, theme: Theme) -> None:
        self.grid.setSpacing(theme.px(16))
        for button in self.keys.values():
            set_min_size(button, theme.px(KEY_SIZE[0]), theme.px(KEY_SIZE[1]))
