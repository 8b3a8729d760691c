"""The end of a lesson: praise, what was learned, and the next step to take."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from app.core.course import Lesson
from app.ui.learner.texts import tr
from app.ui.scrolling import scroll_page
from app.ui.services import Services
from app.ui.state import KioskState
from app.ui.theme import WIDE_SCREEN_PX
from app.ui.widgets import TextLabel, TopBar, big_button, fit_button_words

WIDE_MARGIN_PX = 160
NARROW_MARGIN_PX = 48


class CompletionScreen(QWidget):
    next_requested = Signal(object)  # Lesson
    catalogue_requested = Signal()
    again_requested = Signal(object)  # Lesson

    def __init__(self, state: KioskState, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._state = state
        self._services = services
        self.lesson: Lesson | None = None
        self.next_lesson: Lesson | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 24)
        self._top = TopBar(state)
        layout.addWidget(self._top)
        body = QVBoxLayout()
        self._body = body
        body.setContentsMargins(160, 24, 160, 0)  # narrower on a narrower screen: see resizeEvent
        body.setSpacing(20)
        layout.addWidget(scroll_page(body, state), 1)
        self.badge = QLabel()
        self.badge.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        body.addWidget(self.badge)
        self.praise = TextLabel("", "heading", align="center")
        self.praise.setObjectName("praise")
        body.addWidget(self.praise)
        self.learned_heading = TextLabel("", "body")
        body.addWidget(self.learned_heading)
        self.goals = TextLabel("", "instruction")
        self.goals.setObjectName("goals")
        body.addWidget(self.goals)
        body.addStretch(1)
        row = QGridLayout()  # the next lesson's title can be long: it gets a row of its own
        self._buttons = row
        row.setContentsMargins(160, 0, 160, 0)
        row.setSpacing(24)
        self.next_button = big_button("", kind="primary", role="button_main", name="next-lesson")
        self.again_button = big_button("", role="button_main", name="again")
        self.catalogue_button = big_button("", kind="secondary", role="button_main", name="all-lessons")
        row.addWidget(self.next_button, 0, 0, 1, 2)
        row.addWidget(self.again_button, 1, 0)
        row.addWidget(self.catalogue_button, 1, 1)
        layout.addLayout(row)
        self.next_button.clicked.connect(lambda: self.next_requested.emit(self.next_lesson))
        self.again_button.clicked.connect(lambda: self.again_requested.emit(self.lesson))
        self.catalogue_button.clicked.connect(self.catalogue_requested)
        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(lambda _t: self.retranslate())

    def show_lesson(self, lesson: Lesson) -> None:
        everything = self._services.kiosk.catalogue.lessons
        offered = {item.id for item in self._services.kiosk.offered.lessons()}
        position = next(i for i, item in enumerate(everything) if item.id == lesson.id)
        after = everything[position + 1 :] + everything[:position]  # the next one this centre offers
        self.lesson = lesson
        self.next_lesson = next((item for item in after if item.id in offered), None)
        self.retranslate()

    def retranslate(self, *_: object) -> None:
        if self.lesson is None:
            return
        lang = self._state.lang
        self.badge.setPixmap(self._services.icons.pixmap("star", self._state.theme.px(88)))
        self.praise.set_text(tr("well_done", lang, title=self.lesson.title[lang]))
        self.learned_heading.set_text(tr("you_learned", lang))
        self.goals.set_text("\n".join(f"✓ {goal[lang]}" for goal in self.lesson.goals))
        self.next_button.setVisible(self.next_lesson is not None)
        self.again_button.setText(tr("do_again", lang))
        self.catalogue_button.setText(tr("all_lessons", lang))
        self._fit_buttons()
        self._fit_badge()

    # ---- fitting the screen ------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        side = WIDE_MARGIN_PX if self.width() >= WIDE_SCREEN_PX else NARROW_MARGIN_PX
        self._body.setContentsMargins(side, 24, side, 0)
        self._buttons.setContentsMargins(side, 0, side, 0)
        self._fit_buttons()
        self._fit_badge()

    def _fit_badge(self) -> None:
        """The star makes way on a short screen, so the praise and what was learned show whole."""
        body = self._body
        margins = body.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        labels = (self.praise, self.learned_heading, self.goals)
        words = sum(label.heightForWidth(width) + body.spacing() for label in labels)
        room = self.height() - self._top.sizeHint().height() - self._buttons.sizeHint().height() - 2 * margins.top()
        wanted = words + self.badge.sizeHint().height() + body.spacing() <= room
        if self.badge.isHidden() == wanted:
            self.badge.setVisible(wanted)

    def _room(self) -> int:
        margins = self._buttons.contentsMargins()
        return self.width() - margins.left() - margins.right()

    def _fit_buttons(self) -> None:
        """ "Practise it again" beside "Back to the lessons", or under it on a narrow screen;
        then the next lesson's words."""
        row = self._buttons
        pair = self.again_button.sizeHint().width() + row.horizontalSpacing() + self.catalogue_button.sizeHint().width()
        beside = pair <= self._room()
        if beside != (row.getItemPosition(row.indexOf(self.catalogue_button))[0] == 1):
            row.removeWidget(self.again_button)
            row.removeWidget(self.catalogue_button)
            if beside:
                row.addWidget(self.again_button, 1, 0)
                row.addWidget(self.catalogue_button, 1, 1)
            else:
                row.addWidget(self.again_button, 1, 0, 1, 2)
                row.addWidget(self.catalogue_button, 2, 0, 1, 2)
        self._fit_next_words()

    def _fit_next_words(self) -> None:
        """ "Next lesson: <title>" on one line, or the title on a line of its own where the
        screen is too narrow for both, itself broken where it is longer than the screen."""
        if self.next_lesson is None:
            return
        lang = self._state.lang
        words = tr("next_lesson", lang, title=self.next_lesson.title[lang])
        self.next_button.setText(words)
        if self.next_button.sizeHint().width() > self._room():
            two_lines = tr("next_lesson", lang, title="\n" + self.next_lesson.title[lang]).replace(" \n", "\n")
            fit_button_words(self.next_button, two_lines, self._room())
