"""Building blocks of the tutor console: a big button whose words wrap (a session card, a lesson
to pick), a −/+ stepper for days and times, and the console's few colour rules. Sizes still come
only from the theme's roles; the colours come from the theme's palette."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLayout, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from app.ui.scrolling import scroll_page
from app.ui.state import KioskState
from app.ui.theme import Theme
from app.ui.widgets import LayoutSized, TextLabel, big_button, repolish, set_min_size


def console_styles(theme: Theme) -> str:
    """Colour rules of the console's own states: a picked choice, a learner checked in, a
    learner who may be stuck. Each state also has words (✓, "may be stuck"): never colour alone."""
    p = theme.palette
    return f"""
QPushButton[picked="true"] {{ background: {p.secondary}; border: 2px solid {p.secondary}; }}
QLabel[picked="true"] {{ color: {p.secondary_text}; }}
QPushButton[checkin="done"] {{ background: {p.primary}; color: {p.primary_text}; border: 2px solid {p.primary}; }}
QLabel[stuck="true"] {{
    background: {p.warm}; color: {p.warm_text};
    border-radius: {theme.px(10)}px; padding: {theme.px(2)}px {theme.px(10)}px;
}}
QFrame[row="true"] {{ background: {p.surface}; border: 2px solid {p.border}; border-radius: {theme.px(14)}px; }}
QFrame[row="true"][waiting="true"] {{ background: {p.hint_bg}; border: 2px solid {p.warm}; }}
"""


def scroll_body(layout: QLayout, state: KioskState) -> QScrollArea:
    """The console's scrolled pages: app.ui.widgets.scroll_page, sized by height for width."""
    return scroll_page(layout, state)


class CardButton(LayoutSized, QPushButton):
    """One big touch target with lines of wrapping text (QPushButton's own text never wraps)."""

    def __init__(
        self, lines: list[tuple[str, str]], *, name: str = "", top: bool = False, parent: QWidget | None = None
    ) -> None:
        """`top`: the lines sit at the top (cards side by side line up), else in the middle."""
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(20, 14, 20, 14)
        self._column.setSpacing(4)
        self.labels: list[TextLabel] = []
        for _text, role in lines:
            label = TextLabel("", role)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self._column.addWidget(label)
            self.labels.append(label)
        if top:
            self._column.addStretch(1)
        self.set_texts([text for text, _role in lines])

    def set_texts(self, texts: list[str]) -> None:
        for label, text in zip(self.labels, texts, strict=True):
            label.set_text(text)
            label.setVisible(bool(text))

    def plain_text(self) -> str:
        return "\n".join(label.plain_text() for label in self.labels if label.plain_text())

    def set_picked(self, picked: bool) -> None:
        for widget in (self, *self.labels):
            widget.setProperty("picked", picked)
        repolish(self, *self.labels)

    def is_picked(self) -> bool:
        return bool(self.property("picked"))

    def set_margins(self, theme: Theme) -> None:
        self._column.setContentsMargins(theme.px(20), theme.px(14), theme.px(20), theme.px(14))


class Stepper(QWidget):
    """[−]  value  [+]: a day or a time changed by big taps, never typed."""

    stepped = Signal(int)  # -1 or +1

    def __init__(self, name: str, *, role: str = "instruction", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        self.minus = big_button("−", role="button_main", name=f"{name}-minus")
        self.plus = big_button("+", role="button_main", name=f"{name}-plus")
        self.value = TextLabel("", role, align="center")
        self.value.setObjectName(f"{name}-value")
        self.minus.clicked.connect(lambda: self.stepped.emit(-1))
        self.plus.clicked.connect(lambda: self.stepped.emit(1))
        row.addWidget(self.minus)
        row.addWidget(self.value, 1)
        row.addWidget(self.plus)

    def set_value(self, text: str) -> None:
        self.value.set_text(text)

    def set_names(self, less: str, more: str) -> None:
        """What each button does, for a screen reader (the buttons show only − and +)."""
        self.minus.setAccessibleName(less)
        self.plus.setAccessibleName(more)

    def size_for(self, theme: Theme, value_width: int) -> None:
        for button in (self.minus, self.plus):
            set_min_size(button, theme.px(80), theme.px(80))
        self.value.setMinimumWidth(theme.px(value_width))
