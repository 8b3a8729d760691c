""" "I'm new here": asks only for a name and, if they like, the last four digits of a phone."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from app.ui.learner.texts import tr
from app.ui.scrolling import scroll_page
from app.ui.services import Services
from app.ui.state import KioskState
from app.ui.touch_keyboard import offer_keyboard
from app.ui.widgets import TextLabel, TopBar, big_button


class NewLearnerScreen(QWidget):
    learner_created = Signal(object)  # LearnerRecord
    back_requested = Signal()
    problem_shown = Signal(str)  # so the window can speak it

    def __init__(self, state: KioskState, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._state = state
        self._learners = services.kiosk.learners
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 24)
        top = TopBar(state, with_back=True)
        top.back_requested.connect(self.back_requested)
        layout.addWidget(top)
        body = QVBoxLayout()
        body.setContentsMargins(160, 24, 160, 0)
        body.setSpacing(20)
        layout.addWidget(scroll_page(body, state), 1)
        self.heading = TextLabel("", "heading")
        self.name_label = TextLabel("", "body")
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setProperty("role", "instruction")
        self.name.setMaxLength(40)
        self.digits_label = TextLabel("", "body")
        self.digits = QLineEdit()
        self.digits.setObjectName("phone-last4")
        self.digits.setProperty("role", "instruction")
        self.digits.setMaxLength(4)
        self.digits.setMaximumWidth(320)
        self.problem = TextLabel("", "body")
        self.problem.setProperty("note", "hint")
        self.problem.hide()
        self.save = big_button("", kind="primary", role="button_main", name="save-learner")
        self.save.clicked.connect(self.submit)
        self.name.returnPressed.connect(self.submit)
        self.digits.returnPressed.connect(self.submit)
        for widget in (self.heading, self.name_label, self.name, self.digits_label, self.digits, self.problem):
            body.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(self.save)
        row.addStretch(1)
        body.addLayout(row)
        body.addStretch(1)
        state.lang_changed.connect(self.retranslate)
        self.retranslate()

    def reset(self) -> None:
        self.name.clear()
        self.digits.clear()
        self.problem.hide()
        offer_keyboard(self.name)

    def submit(self) -> None:
        lang = self._state.lang
        name = self.name.text().strip()
        digits = self.digits.text().strip()
        if not name:
            self._show_problem(tr("name_needed", lang))
            return
        if digits and not (len(digits) == 4 and digits.isdigit()):
            self._show_problem(tr("digits_needed", lang))
            return
        learner = self._learners.add(name, digits or None)
        self.problem.hide()
        self.learner_created.emit(learner)

    def _show_problem(self, text: str) -> None:
        self.problem.set_text(text)
        self.problem.show()
        self.problem_shown.emit(text)

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.heading.set_text(tr("new_learner_title", lang))
        self.name_label.set_text(tr("your_name", lang))
        self.digits_label.set_text(tr("phone_last4", lang))
        self.save.setText(tr("save_name", lang))
