"""The number pad that slides up when a box on the phone is tapped. Keys fill the box; Done
sends what was typed to the lesson as one `type` action."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QMouseEvent
from PySide6.QtWidgets import QApplication, QGridLayout, QPushButton, QSizePolicy, QWidget

from app.ui.theme import Theme

KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", ".", "0", "delete"]
KEY_TEXT = {"delete": "⌫"}
DONE_TEXT = {"zh": "完成", "en": "Done"}
SEND_TEXT = {"zh": "发送", "en": "Send"}


class _Pad(QWidget):
    """What every on-screen keyboard shares: grey tray, white keys, a green Done, and a press
    between keys is not a miss: the pad swallows it rather than letting it reach the screen
    behind."""

    def __init__(self, theme: Theme, name: str, key_padding: int, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            f"#{name} {{ background: #D9D9D2; }}"
            f"#{name} QPushButton {{ background: #FFFFFF; color: #1A1A1A; border: 1px solid #8A8A8A;"
            f" border-radius: {theme.px(12)}px; min-height: {theme.touch}px; min-width: {theme.touch}px;"
            f" padding: 0 {key_padding}px; }}"
            f"#{name} QPushButton:pressed {{ background: #C8C8C0; }}"
            f"#{name} QPushButton#key-done {{ background: #0A5C2C; color: #FFFFFF; border: none; }}"
            f"#{name} QPushButton#key-done:pressed {{ background: #06401E; }}"
        )
        self.keys: dict[str, QPushButton] = {}
        self.grid = QGridLayout(self)
        self.gap = theme.px(12)
        self.grid.setContentsMargins(self.gap, self.gap, self.gap, self.gap)
        self.grid.setSpacing(self.gap)

    def _key(self, key: str, text: str, on_key: Callable[[str], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(f"key-{key}")
        button.setProperty("role", "phone_title")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(lambda _=False, k=key: on_key(k))
        self.keys[key] = button
        return button

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()


class NumberPad(_Pad):
    """Digits, a decimal point (money only), delete and Done. A payment password's pad has no
    Done (`done=False`): as in payment apps, the sixth digit sends it."""

    def __init__(
        self,
        theme: Theme,
        lang: str,
        on_key: Callable[[str], None],
        parent: QWidget | None = None,
        *,
        decimal: bool = True,
        done: bool = True,
    ) -> None:
        super().__init__(theme, "number-pad", 0, parent)
        self.decimal = decimal
        for i, key in enumerate([*KEYS, "done"] if done else KEYS):
            button = self._key(key, DONE_TEXT[lang] if key == "done" else KEY_TEXT.get(key, key), on_key)
            if key == "done":
                self.grid.addWidget(button, 4, 0, 1, 3)
            else:
                self.grid.addWidget(button, i // 3, i % 3)
        if not decimal:  # a phone number or a password has no decimal point
            policy = self.keys["."].sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            self.keys["."].setSizePolicy(policy)
            self.keys["."].hide()


class WordPad(_Pad):
    """The keyboard of a phone's elder mode: the words it suggests, large, two to a row, with
    delete and Send. Typing Chinese on a phone is mostly picking the right suggestion."""

    def __init__(
        self,
        theme: Theme,
        lang: str,
        suggestions: list[tuple[str, str]],
        on_key: Callable[[str], None],
        parent: QWidget | None = None,
        *,
        width: int = 480,
    ) -> None:
        super().__init__(theme, "word-pad", theme.px(8), parent)
        entries = [*suggestions, ("delete", KEY_TEXT["delete"]), ("done", SEND_TEXT[lang])]
        font = QFont(QApplication.font())
        font.setPointSizeF(theme.points("phone_title"))
        widest = max(QFontMetricsF(font).horizontalAdvance(text) for _, text in entries)
        per_row = 2 if widest + theme.px(24) <= (width - 3 * self.gap) / 2 else 1  # long words get a row each
        for i, (key, text) in enumerate(entries):
            self.grid.addWidget(self._key(key, text, on_key), i // per_row, i % per_row)
        for column in range(per_row):
            self.grid.setColumnStretch(column, 1)
