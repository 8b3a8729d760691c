"""The lesson catalogue: a card per lesson with its icon, title, minutes and status in words
(new / step 3 of 8 / done), never colour alone. The themes stand above the cards as large
chips, every one in sight at every text size: a tap takes the page to that theme, and the chip
of the theme in view is marked, so a learner always knows where in the list they are."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.course import Lesson
from app.core.progress import LessonProgress, Status
from app.ui.flow_layout import FlowLayout
from app.ui.learner.texts import tr
from app.ui.scrolling import touch_scrolling
from app.ui.services import Services
from app.ui.state import KioskState
from app.ui.widgets import TextLabel, TopBar, big_button


def status_text(progress: LessonProgress, lesson: Lesson, lang: str) -> str:
    if progress.status is Status.IN_PROGRESS:
        return tr("status_step", lang, step=progress.current_step + 1, total=len(lesson.steps))
    if progress.status is Status.DONE or progress.ever_completed:
        return tr("status_done", lang)
    return tr("status_new", lang)


class LessonCard(QPushButton):
    """A whole card is one big button; its labels let presses through to it."""

    def __init__(self, lesson: Lesson, services: Services, state: KioskState) -> None:
        super().__init__()
        self.lesson = lesson
        self.setObjectName(f"lesson-{lesson.id}")
        self.setProperty("card", True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        theme = state.theme
        row = QHBoxLayout(self)
        row.setContentsMargins(theme.px(20), theme.px(16), theme.px(20), theme.px(16))
        row.setSpacing(theme.px(20))
        icon = QLabel()
        icon.setPixmap(services.icons.pixmap(lesson.icon, theme.px(88)))
        icon.setFixedSize(theme.px(88), theme.px(88))
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(theme.px(6))
        self.title = TextLabel(lesson.title[state.lang], "tile")
        self.minutes = TextLabel(tr("minutes", state.lang, minutes=lesson.minutes), "body")
        self.status = TextLabel("", "body")
        self.status.setObjectName("lesson-status")
        for label in (self.title, self.minutes, self.status):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            column.addWidget(label)
        icon.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row.addLayout(column, 1)

    def sizeHint(self):
        return self.layout().sizeHint()

    def minimumSizeHint(self):
        return self.layout().minimumSize()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.layout().heightForWidth(width)


class CatalogueScreen(QWidget):
    lesson_chosen = Signal(object)  # Lesson
    sign_out_requested = Signal()

    def __init__(self, state: KioskState, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._state = state
        self._services = services
        self.cards: list[LessonCard] = []
        self.theme_headings: dict[str, TextLabel] = {}  # by theme id, as now shown
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 24)
        layout.addWidget(TopBar(state))
        heading_row = QHBoxLayout()
        heading_row.setContentsMargins(48, 0, 48, 0)
        self.heading = TextLabel("", "heading")
        heading_row.addWidget(self.heading, 1)
        self.sign_out = big_button("", kind="warm", name="sign-out")
        self.sign_out.clicked.connect(self.sign_out_requested)
        heading_row.addWidget(self.sign_out)
        layout.addLayout(heading_row)
        self.empty_note = TextLabel("", "instruction")
        self.empty_note.setContentsMargins(48, 0, 48, 0)
        layout.addWidget(self.empty_note)
        self.chips_box = QWidget()
        self.chips_box.setObjectName("theme-chips")
        self.chips = FlowLayout(self.chips_box)
        self.chips.setContentsMargins(48, 8, 48, 8)
        self.theme_chips: dict[str, QPushButton] = {}
        layout.addWidget(self.chips_box)
        self._restyle_chips()
        state.theme_changed.connect(lambda _t: self._restyle_chips())
        self.grid_box = QWidget()
        self.grid = QGridLayout(self.grid_box)
        self.grid.setContentsMargins(48, 12, 48, 12)
        self.grid.setSpacing(24)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.grid_box)
        self.scroll = touch_scrolling(scroll, state)
        scroll.verticalScrollBar().valueChanged.connect(lambda _value: self._mark_chip())
        scroll.verticalScrollBar().rangeChanged.connect(lambda *_: self._mark_chip())  # laid out anew
        layout.addWidget(scroll, 1)
        state.lang_changed.connect(self.refresh)
        state.theme_changed.connect(lambda _t: self.refresh())

    def card(self, lesson_id: str) -> LessonCard:
        return next(card for card in self.cards if card.lesson.id == lesson_id)

    def go_to_theme(self, theme_id: str) -> None:
        """Bring the theme's heading to the top of the page (as far as the page goes)."""
        heading = self.theme_headings[theme_id]
        bar = self.scroll.verticalScrollBar()
        above = self.grid.contentsMargins().top()  # the page's own top margin stays above it
        top = min(bar.maximum(), max(0, heading.mapTo(self.grid_box, heading.rect().topLeft()).y() - above))
        QScroller.scroller(self.scroll.viewport()).scrollTo(QPointF(0, top), 300)

    def theme_in_view(self) -> str | None:
        """The theme whose lessons are at the top of the page now."""
        seen = None
        value = self.scroll.verticalScrollBar().value()
        for theme_id, heading in self.theme_headings.items():
            if heading.mapTo(self.grid_box, heading.rect().topLeft()).y() <= value + heading.height():
                seen = theme_id
        if self.scroll.verticalScrollBar().value() >= self.scroll.verticalScrollBar().maximum() > 0:
            seen = next(reversed(self.theme_headings), seen)  # the page's end: the last theme
        return seen

    def _restyle_chips(self) -> None:
        """Slimmer than the theme's buttons (still a full touch target): every chip must show."""
        theme = self._state.theme
        self.chips_box.setStyleSheet(
            f"QPushButton {{ min-height: {theme.touch}px; padding: {theme.px(4)}px {theme.px(20)}px; }}"
        )
        self.chips.set_gap(theme.px(12))

    def _mark_chip(self) -> None:
        current = self.theme_in_view()
        for theme_id, chip in self.theme_chips.items():
            chip.setChecked(theme_id == current)

    def _fill_chips(self, themes: list, lang: str) -> None:
        while self.chips.count():
            widget = self.chips.takeAt(0).widget()
            widget.hide()
            widget.deleteLater()
        self.theme_chips = {}
        for theme in themes:
            chip = big_button(theme.title[lang], kind="choice", name=f"chip-{theme.id}")
            chip.setCheckable(True)
            chip.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            chip.clicked.connect(lambda _=False, theme_id=theme.id: self.go_to_theme(theme_id))
            self.chips.addWidget(chip)
            self.theme_chips[theme.id] = chip
        self.chips_box.setVisible(len(themes) > 1)

    def refresh(self, *_: object) -> None:
        """Rebuild the cards with the signed-in learner's progress."""
        lang = self._state.lang
        learner = self._state.learner
        name = learner.display_name if learner else ""
        self.heading.set_text(tr("hello_learner", lang, name=name))
        self.sign_out.setText(tr("sign_out", lang))
        catalogue = self._services.kiosk.catalogue
        lessons = self._services.kiosk.offered.lessons()  # staff choose them on the console
        self.empty_note.set_text(tr("no_lessons", lang) if not lessons else "")
        self.empty_note.setVisible(not lessons)
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            widget.hide()
            widget.deleteLater()
        progress = self._services.kiosk.learners.progress(learner.id) if learner else {}
        columns = 3 if self._state.theme.scale < 1.25 else 2
        self.cards = []
        self.theme_headings = {}
        for r in range(self.grid.rowCount()):
            self.grid.setRowStretch(r, 0)
        for c in range(3):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)
        row = 0
        for theme in catalogue.themes:
            in_theme = [lesson for lesson in lessons if lesson.theme == theme.id]
            if not in_theme:
                continue
            heading = TextLabel(theme.title[lang], "heading")
            heading.setObjectName(f"theme-{theme.id}")
            self.theme_headings[theme.id] = heading
            heading.setContentsMargins(0, 24 if row else 0, 0, 0)  # a clear break between themes
            self.grid.addWidget(heading, row, 0, 1, columns)
            row += 1
            for i, lesson in enumerate(in_theme):
                card = LessonCard(lesson, self._services, self._state)
                card.status.set_text(
                    status_text(progress.get(lesson.id) or LessonProgress.new(lesson.id), lesson, lang)
                )
                card.clicked.connect(lambda _=False, chosen=lesson: self.lesson_chosen.emit(chosen))
                self.grid.addWidget(card, row + i // columns, i % columns)
                self.cards.append(card)
            row += (len(in_theme) + columns - 1) // columns
        self.grid.setRowStretch(row, 1)
        shown = [theme for theme in catalogue.themes if theme.id in self.theme_headings]
        self._fill_chips(shown, lang)
        self._mark_chip()
