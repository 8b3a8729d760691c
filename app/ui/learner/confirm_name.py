""" "是您吗？": after a tap on a name, the name large and two large answers, so a tap on the
wrong tile (a neighbour's, a namesake's) never signs someone in as another person."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from app.core.learners import LearnerRecord
from app.ui.learner.texts import tr
from app.ui.state import KioskState
from app.ui.widgets import TextLabel, big_button, set_min_size


class ConfirmName(QWidget):
    confirmed = Signal(object)  # LearnerRecord
    declined = Signal()

    def __init__(self, state: KioskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.learner: LearnerRecord | None = None
        self._detail = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 8, 48, 8)  # it fits under the bar at 150 % on 1366 x 768
        layout.setSpacing(16)
        layout.addStretch(1)
        self.question = TextLabel("", "title", align="center")
        self.name = TextLabel("", "name_big", align="center")
        self.name.setObjectName("confirm-name")
        self.detail = TextLabel("", "tile", align="center")
        for label in (self.question, self.name, self.detail):
            layout.addWidget(label)
        answers = QHBoxLayout()
        answers.setSpacing(48)
        answers.addStretch(1)
        self.yes = big_button("", kind="primary", role="button_main", name="confirm-yes")
        self.no = big_button("", kind="secondary", role="button_main", name="confirm-no")
        for button in (self.yes, self.no):
            answers.addWidget(button)
        answers.addStretch(1)
        layout.addLayout(answers)
        layout.addStretch(2)
        self.yes.clicked.connect(self._yes)
        self.no.clicked.connect(self.declined)
        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(lambda _theme: self._size_answers())
        self.retranslate()

    def ask(self, learner: LearnerRecord, detail: str) -> str:
        """Show the question for `learner` (`detail`: what their tile said beside the name);
        returns the sentence to speak."""
        self.learner, self._detail = learner, detail
        self.retranslate()
        return tr("is_it_you_spoken", self._state.lang, name=learner.display_name)

    def _yes(self) -> None:
        if self.learner is not None:
            self.confirmed.emit(self.learner)

    def _size_answers(self) -> None:
        theme = self._state.theme
        for button in (self.yes, self.no):
            set_min_size(button, theme.px(260), theme.px(110))

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.question.set_text(tr("is_it_you", lang))
        self.name.set_text(self.learner.display_name if self.learner else "")
        self.detail.set_text(self._detail)
        self.detail.setVisible(bool(self._detail))
        self.yes.setText(tr("yes_its_me", lang))
        self.no.setText(tr("not_me", lang))
        self._size_answers()
