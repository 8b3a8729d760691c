"""The staff console's page pieces: a page that scrolls, cards, notes that show only when they
have something to say, a text field. Sizes come from the theme."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.ui.scrolling import scroll_page
from app.ui.state import KioskState
from app.ui.widgets import TextLabel

# A page's width (at 100 % text) from which two columns or cards stand side by side: a
# 1920-px screen has it, a 1366-px one not.
BESIDE_FROM_PX = 1400


def fill_with_page(owner: QWidget, body: QLayout, state: KioskState) -> QScrollArea:
    """Make `body` the whole of `owner`, in a scroll_page with the console's page margins
    (room on the right for the scroll bar, below for the last card)."""
    body.setContentsMargins(0, 0, 16, 24)
    area = scroll_page(body, state)
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area)
    return area


def card(name: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName(name)
    frame.setProperty("card", True)
    column = QVBoxLayout(frame)
    column.setContentsMargins(36, 28, 36, 32)
    column.setSpacing(16)
    return frame, column


def note(name: str, kind: str = "hint") -> TextLabel:
    """A message that shows only when it has something to say."""
    label = TextLabel("", "body")
    label.setObjectName(name)
    label.setProperty("note", kind)
    label.hide()
    return label


def show_note(label: TextLabel, text: str) -> None:
    """Put `text` on a note and show it, or hide the note when there is nothing to say."""
    label.set_text(text)
    label.setVisible(bool(text))


def line_field(name: str, *, max_length: int = 40) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setProperty("role", "body")
    field.setMaxLength(max_length)
    return field


def clear_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())
