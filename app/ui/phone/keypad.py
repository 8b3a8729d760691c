"""The number pad that slides up when a box on the phone is tapped. Keys fill the box; Done
sends what was typed to the lesson as one `type` action."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from app.ui.theme import Theme

KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", ".", "0", "delete"]
KEY_TEXT = {"delete": "⌫"}
DONE_TEXT = {"zh": "完成", "en": "Done"}


class NumberPad(QWidget):
    """Digits, a decimal point (money only), delete and Done. A press between keys is not a
    miss: the pad swallows it rather than letting it reach the screen behind."""

    def __init__(
        self,
        theme: Theme,
        lang: str,
        on_key: Callable[[str], None],
        parent: QWidget | None = None,
        *,
        decimal: bool = True,
    ) -> None:
        super().__init__(parent)
        self.decimal = decimal
        self.setObjectName("number-pad")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        radius = theme.px(12)
        self.setStyleSheet(
            "#number-pad { background: #D9D9D2; }"
            f"#number-pad QPushButton {{ background: #FFFFFF; color: #1A1A1A; border: 1px solid #8A8A8A;"
            f" border-radius: {radius}px; min-height: {theme.touch}px; min-width: {theme.touch}px; padding: 0; }}"
            "#number-pad QPushButton:pressed { background: #C8C8C0; }"
            "#number-pad QPushButton#key-done { background: #0A5C2C; color: #FFFFFF; border: none; }"
            "#number-pad QPushButton#key-done:pressed { background: #06401E; }"
        )
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        gap = theme.px(12)
        grid.setContentsMargins(gap, gap, gap, gap)
        grid.setSpacing(gap)
        for i, key in enumerate([*KEYS, "done"]):
            button = QPushButton(DONE_TEXT[lang] if key == "done" else KEY_TEXT.get(key, key))
            button.setObjectName(f"key-{key}")
            button.setProperty("role", "phone_title")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, k=key: on_key(k))
            self.keys[key] = button
            if key == "done":
                grid.addWidget(button, 4, 0, 1, 3)
            else:
                grid.addWidget(button, i // 3, i % 3)
        if not decimal:  # a phone number or a password has no decimal point
            policy = self.keys["."].sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            self.keys["."].setSizePolicy(policy)
            self.keys["."].hide()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()
