"""The lesson catalogue: a card per lesson with its icon, title, minutes and status in words
(new / step 3 of 8 / done), never colour alone. The themes stand above the cards as large
chips, every one in sight at every text size: a tap takes the page to that theme, and the chip
of the theme in view is marked, so a learner always knows where in the list they are."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
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
from app.ui.widgets import LayoutSized, TextLabel, TopBar, big_button, repolish

CHIPS_SHARE_MOST = 0.25  # of the screen's height: more, and the chips scroll with the page


def status_of(progress: LessonProgress) -> Status:
    """What the card shows: a lesson finished once stays "done" while it is practised again,
    unless the new attempt is under way."""
    if progress.status is Status.IN_PROGRESS and (progress.current_step > 0 or not progress.ever_completed):
        return Status.IN_PROGRESS
    if progress.status is Status.DONE or progress.ever_completed:
        return Status.DONE
    return Status.NEW


def status_text(progress: LessonProgress, lesson: Lesson, lang: str) -> str:
    """In words and a sign (☆ ▶ ✓), never colour alone."""
    status = status_of(progress)
    if status is Status.IN_PROGRESS:
        return tr("status_step", lang, step=progress.current_step + 1, total=len(lesson.steps))
    return tr("status_done" if status is Status.DONE else "status_new", lang)


def carry_on(progress: dict[str, LessonProgress], lessons: list[Lesson]) -> tuple[Lesson, LessonProgress] | None:
    """The half-done lesson a returning learner most likely wants: the one they last worked on."""
    half_done = [(lesson, progress[lesson.id]) for lesson in lessons if lesson.id in progress]
    half_done = [(lesson, p) for lesson, p in half_done if p.resumable()]
    if not half_done:
        return None
    return max(half_done, key=lambda pair: (pair[1].updated_at is not None, pair[1].updated_at or 0))


class LessonCard(LayoutSized, QPushButton):
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

    def show_status(self, progress: LessonProgress, lang: str) -> None:
        """Done, in progress or new: told apart by a sign, words, and a coloured edge."""
        status = status_of(progress).value
        self.status.set_text(status_text(progress, self.lesson, lang))
        for widget in (self, self.status):
            widget.setProperty("status", status)
        repolish(self, self.status)


class CarryOn(LayoutSized, QWidget):
    """ "接着学": the half-done lesson first, large, with where they were and two ways in."""

    def __init__(self, lesson: Lesson, progress: LessonProgress, services: Services, state: KioskState) -> None:
        super().__init__()
        self.setObjectName("carry-on")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.lesson = lesson
        lang, theme = state.lang, state.theme
        step = progress.resume_step(len(lesson.steps))
        row = QHBoxLayout(self)
        row.setContentsMargins(theme.px(24), theme.px(20), theme.px(24), theme.px(20))
        row.setSpacing(theme.px(24))
        icon = QLabel()
        icon.setPixmap(services.icons.pixmap(lesson.icon, theme.px(96)))
        icon.setFixedSize(theme.px(96), theme.px(96))
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(theme.px(12))
        self.title = TextLabel(tr("carry_on_title", lang, title=lesson.title[lang]), "heading")
        self.recap = TextLabel(
            tr(
                "carry_on_recap",
                lang,
                step=step + 1,
                total=len(lesson.steps),
                instruction=lesson.steps[step].say[lang],
            ),
            "body",
        )
        self.recap.setObjectName("carry-on-recap")
        buttons = QHBoxLayout()
        buttons.setSpacing(theme.px(24))
        self.resume = big_button(tr("carry_on", lang), kind="primary", role="button_main", name="carry-on-resume")
        self.restart = big_button(tr("start_over", lang), kind="secondary", role="button_main", name="carry-on-restart")
        for button in (self.resume, self.restart):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addWidget(self.title)
        column.addWidget(self.recap)
        column.addLayout(buttons)
        row.addLayout(column, 1)


class CatalogueScreen(QWidget):
    lesson_chosen = Signal(object)  # Lesson
    restart_chosen = Signal(object)  # Lesson, to practise again from its first step
    sign_out_requested = Signal()

    def __init__(self, state: KioskState, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._state = state
        self._services = services
        self.cards: list[LessonCard] = []
        self.carry_on: CarryOn | None = None
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
        self._layout = layout
        self._restyle_chips()
        state.theme_changed.connect(lambda _t: self._restyle_chips())
        self.grid_box = QWidget()
        self.grid = QGridLayout(self.grid_box)
        self.grid.setContentsMargins(48, 12, 48, 12)
        self.grid.setSpacing(24)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page_box = QWidget()  # what scrolls: the cards, and the chips on a short screen
        self._page = QVBoxLayout(self.page_box)
        self._page.setContentsMargins(0, 0, 0, 0)
        self._page.setSpacing(0)
        self._page.addWidget(self.grid_box)
        scroll.setWidget(self.page_box)
        self.scroll = touch_scrolling(scroll, state)
        scroll.verticalScrollBar().valueChanged.connect(lambda _value: self._mark_chip())
        scroll.verticalScrollBar().rangeChanged.connect(lambda *_: self._mark_chip())  # laid out anew
        layout.addWidget(scroll, 1)
        state.lang_changed.connect(self.refresh)
        state.theme_changed.connect(lambda _t: self.refresh())

    def _class_lessons(self, lessons: list[Lesson]) -> list[Lesson]:
        """The lessons a class on now is about, in the tutor's order: first on the page."""
        offered = {lesson.id: lesson for lesson in lessons}
        wanted: list[str] = []
        for session in self._services.kiosk.classroom.sessions_now():
            wanted += [lesson_id for lesson_id in session.lesson_ids if lesson_id not in wanted]
        return [offered[lesson_id] for lesson_id in wanted if lesson_id in offered]

    def _add_section(
        self, name: str, title: str, lessons: list[Lesson], progress: dict[str, LessonProgress], row: int, columns: int
    ) -> tuple[TextLabel, int]:
        """A heading and its lessons' cards from `row`; returns the heading and the next row."""
        lang = self._state.lang
        heading = TextLabel(title, "heading")
        heading.setObjectName(name)
        heading.setContentsMargins(0, 24 if row else 0, 0, 0)  # a clear break between sections
        self.grid.addWidget(heading, row, 0, 1, columns)
        row += 1
        for i, lesson in enumerate(lessons):
            card = LessonCard(lesson, self._services, self._state)
            card.show_status(progress.get(lesson.id) or LessonProgress.new(lesson.id), lang)
            card.clicked.connect(lambda _=False, chosen=lesson: self.lesson_chosen.emit(chosen))
            self.grid.addWidget(card, row + i // columns, i % columns)
            self.cards.append(card)
        return heading, row + (len(lessons) + columns - 1) // columns

    def card(self, lesson_id: str) -> LessonCard:
        return next(card for card in self.cards if card.lesson.id == lesson_id)

    def go_to_theme(self, theme_id: str) -> None:
        """Bring the theme's heading to the top of the page (as far as the page goes)."""
        heading = self.theme_headings[theme_id]
        bar = self.scroll.verticalScrollBar()
        above = self.grid.contentsMargins().top()  # the page's own top margin stays above it
        top = min(bar.maximum(), max(0, heading.mapTo(self.page_box, heading.rect().topLeft()).y() - above))
        QScroller.scroller(self.scroll.viewport()).scrollTo(QPointF(0, top), 300)

    def theme_in_view(self) -> str | None:
        """The theme whose lessons are at the top of the page now."""
        seen = next(iter(self.theme_headings), None)  # above the first theme ("接着学"): the first
        value = self.scroll.verticalScrollBar().value()
        for theme_id, heading in self.theme_headings.items():
            if heading.mapTo(self.page_box, heading.rect().topLeft()).y() <= value + heading.height():
                seen = theme_id
        if self.scroll.verticalScrollBar().value() >= self.scroll.verticalScrollBar().maximum() > 0:
            seen = next(reversed(self.theme_headings), seen)  # the page's end: the last theme
        return seen

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_chips()

    def _place_chips(self) -> None:
        """Above the page where they leave it room; at its top on a short screen (1366 x 768 at
        150 %), where fixed they would leave the cards no room: there they show when the page
        opens, and scroll away with it."""
        width = max(self.width(), 1)
        needed = self.chips.heightForWidth(width)
        fixed = needed <= self.height() * CHIPS_SHARE_MOST
        # In the page, as tall as its rows need (the page's own layout would squeeze it).
        least = 0 if fixed else needed
        if self.chips_box.minimumHeight() != least:
            self.chips_box.setMinimumHeight(least)
        if fixed == (self._layout.indexOf(self.chips_box) >= 0):
            return
        (self._page if fixed else self._layout).removeWidget(self.chips_box)
        if fixed:
            self._layout.insertWidget(self._layout.indexOf(self.scroll), self.chips_box)
        else:
            self._page.insertWidget(0, self.chips_box)

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
        self.carry_on = None
        resume = carry_on(progress, lessons)
        if resume is not None:
            self.carry_on = CarryOn(*resume, self._services, self._state)
            self.carry_on.resume.clicked.connect(lambda _=False, chosen=resume[0]: self.lesson_chosen.emit(chosen))
            self.carry_on.restart.clicked.connect(lambda _=False, chosen=resume[0]: self.restart_chosen.emit(chosen))
            self.grid.addWidget(self.carry_on, row, 0, 1, columns)
            row += 1
        focus = self._class_lessons(lessons)
        if focus:
            _, row = self._add_section("class-today", tr("class_today", lang), focus, progress, row, columns)
        for theme in catalogue.themes:
            in_theme = [lesson for lesson in lessons if lesson.theme == theme.id]
            if not in_theme:
                continue
            heading, row = self._add_section(f"theme-{theme.id}", theme.title[lang], in_theme, progress, row, columns)
            self.theme_headings[theme.id] = heading
        self.grid.setRowStretch(row, 1)
        shown = [theme for theme in catalogue.themes if theme.id in self.theme_headings]
        self._fill_chips(shown, lang)
        self._mark_chip()
        QTimer.singleShot(0, self, self._mark_chip)  # again once the page is laid out
