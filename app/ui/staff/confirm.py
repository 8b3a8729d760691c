"""A question asked in words before anything is changed for good (remove, revoke, delete)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from app.ui.widgets import TextLabel, big_button


class ConfirmPanel(QFrame):
    """Asks in words before anything that cannot be undone: the sentence names who or what,
    and two large buttons say what each does. Nothing happens until the first is pressed."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("card", True)
        column = QVBoxLayout(self)
        column.setContentsMargins(28, 24, 28, 24)
        column.setSpacing(16)
        self.question = TextLabel("", "body")
        self.question.setObjectName(f"{name}-question")
        column.addWidget(self.question)
        row = QHBoxLayout()
        row.setSpacing(24)
        self.yes = big_button("", kind="danger", name=f"{name}-yes")
        self.no = big_button("", kind="secondary", name=f"{name}-no")
        row.addWidget(self.yes)
        row.addWidget(self.no)
        row.addStretch(1)
        column.addLayout(row)
        self._action: Callable[[], None] | None = None
        self.yes.clicked.connect(self._confirmed)
        self.no.clicked.connect(self.dismiss)
        self.hide()

    def ask(self, question: str, yes: str, no: str, action: Callable[[], None]) -> None:
        self.question.set_text(question)
        self.yes.setText(yes)
        self.no.setText(no)
        self._action = action
        self.show()

    def retext(self, question: str, yes: str, no: str) -> None:
        """The same question in the other language."""
        if self.isVisible():
            self.question.set_text(question)
            self.yes.setText(yes)
            self.no.setText(no)

    def dismiss(self) -> None:
        self._action = None
        self.hide()

    def _confirmed(self) -> None:
        action, self._action = self._action, None
        self.hide()
        if action is not None:
            action()
