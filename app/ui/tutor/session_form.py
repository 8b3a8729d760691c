"""A new class session, made by tapping: the lessons in focus are picked from the catalogue by
theme, the title is suggested from them, the day and the times move with big −/+ steps (a day,
a quarter of an hour), the room is this kiosk's own and the tutor is whoever signed in. Only
the title and the room can be typed, and neither has to be. ClassSession.new checks it; its
reasons are shown (and spoken) in the tutor's language."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.accounts import AccountRecord
from app.core.class_sessions import MAX_ROOM, MAX_TITLE, ClassSession
from app.core.course import Lesson
from app.ui.flow_layout import FlowLayout
from app.ui.scrolling import touch_scrolling
from app.ui.services import Services
from app.ui.side_by_side import SideBySide
from app.ui.state import KioskState
from app.ui.tutor.texts import date_words, session_problem, suggest_title, tr
from app.ui.tutor.widgets import CardButton, Stepper, scroll_body
from app.ui.widgets import TextLabel, big_button, set_min_size

QUARTER = 15
FORM_GAP_PX = 24  # between Save and Cancel
LAST_START = 23 * 60 + 45
LAST_END = 23 * 60 + 59  # a session ends the day it starts
DEFAULT_MINUTES = 90
DAYS_AHEAD = 60
ROOMS_SHOWN = 4
ROOMS_LOOK_BACK_DAYS = 90


def next_quarter(now: datetime) -> int:
    """The next quarter hour (or this one, if it is exactly now), in minutes after midnight."""
    minutes = now.hour * 60 + now.minute
    return min(LAST_START, -(-minutes // QUARTER) * QUARTER)


def as_time(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


def step_end(end: int, direction: int, start: int) -> int:
    """An end a quarter later or earlier, on the quarter hours, never past the day's end nor
    before a quarter after the start."""
    if direction > 0:
        return min(LAST_END, (end // QUARTER + 1) * QUARTER)
    # min: a session starting at 23:45 ends at 23:59, not at midnight (which is the next day)
    return min(LAST_END, max(start + QUARTER, (end - 1) // QUARTER * QUARTER))


class SessionForm(QWidget):
    saved = Signal(object)  # ClassSession, kept in the store
    cancelled = Signal()

    def __init__(self, state: KioskState, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._services = services
        self.account: AccountRecord | None = None
        self.today = date.today()
        self.day = self.today
        self.starts = 0
        self.ends = DEFAULT_MINUTES
        self.picked: set[str] = set()
        self._suggested = ""
        self._problem: ValueError | None = None
        self.lesson_buttons: dict[str, CardButton] = {}
        self._theme_headings: dict[str, TextLabel] = {}
        self.room_buttons: list[QPushButton] = []

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(16)
        self.panes = QWidget()  # the lessons and the details, each scrolling (see _arrange)
        outer.addWidget(self.panes, 1)
        layout = SideBySide(self.panes, portrait_only=True)  # the lessons above the details on a portrait screen
        layout.setContentsMargins(48, 0, 48, 0)
        layout.setSpacing(48)
        self._panes_layout = layout
        self._one_page_layout = QVBoxLayout()  # or all on one scrolling page, Save below it
        self._one_page_layout.setContentsMargins(48, 0, 48, 0)
        self._one_page_layout.setSpacing(20)
        self.one_page = scroll_body(self._one_page_layout, state)
        self.one_page.hide()
        outer.addWidget(self.one_page, 1)
        self._one_page_mode = False

        left = QVBoxLayout()
        left.setSpacing(16)
        self.lessons_label = TextLabel("", "body")
        left.addWidget(self.lessons_label)
        self.lessons_box = QWidget()
        self.lessons_grid = QGridLayout(self.lessons_box)
        self.lessons_grid.setContentsMargins(0, 0, 16, 0)
        self.lessons_grid.setHorizontalSpacing(16)
        self.lessons_grid.setVerticalSpacing(16)
        self.lessons_scroll = QScrollArea()
        self.lessons_scroll.setWidgetResizable(True)
        self.lessons_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.lessons_scroll.setWidget(self.lessons_box)
        touch_scrolling(self.lessons_scroll, state)
        # as tall as it is given: its whole list's height is no height it needs (above the
        # details on a portrait screen, that would leave the details nothing)
        self.lessons_scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        left.addWidget(self.lessons_scroll, 1)
        layout.addLayout(left, 1)

        right = QVBoxLayout()
        right.setSpacing(16)
        details = QGridLayout()
        details.setHorizontalSpacing(24)
        details.setVerticalSpacing(20)
        self.title_label = TextLabel("", "body")
        self.title = QLineEdit()
        self.title.setObjectName("session-title")
        self.title.setProperty("role", "body")
        self.title.setMaxLength(MAX_TITLE)
        self.day_label = TextLabel("", "body")
        self.day_stepper = Stepper("session-day", role="tile")
        self.day_stepper.stepped.connect(self.step_day)
        self.starts_label = TextLabel("", "body")
        self.starts_stepper = Stepper("session-starts")
        self.starts_stepper.stepped.connect(self.step_starts)
        self.ends_label = TextLabel("", "body")
        self.ends_stepper = Stepper("session-ends")
        self.ends_stepper.stepped.connect(self.step_ends)
        self.room_label = TextLabel("", "body")
        self.room = QLineEdit()
        self.room.setObjectName("session-room")
        self.room.setProperty("role", "body")
        self.room.setMaxLength(MAX_ROOM)
        self.room.textChanged.connect(self._mark_room)
        self.rooms_row = QHBoxLayout()
        self.rooms_row.setSpacing(16)
        rows = (
            (self.title_label, self.title),
            (self.day_label, self.day_stepper),
            (self.starts_label, self.starts_stepper),
            (self.ends_label, self.ends_stepper),
            (self.room_label, self.room),
        )
        for row, (label, field) in enumerate(rows):
            details.addWidget(label, row, 0, Qt.AlignmentFlag.AlignVCenter)
            details.addWidget(field, row, 1)
        details.addLayout(self.rooms_row, len(rows), 1)
        details.setColumnStretch(1, 1)
        self.tutor_line = TextLabel("", "body")
        self.problem = TextLabel("", "body")
        self.problem.setObjectName("session-problem")
        self.problem.setProperty("note", "hint")
        self.problem.hide()
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 16, 0)  # room for the scroll bar
        column.setSpacing(20)
        column.addLayout(details)
        column.addWidget(self.tutor_line)
        column.addStretch(1)
        self.details_scroll = scroll_body(column, state)  # at the largest text it scrolls, never clips
        self._details_body = self.details_scroll.widget()  # moved onto the one page where need be
        right.addWidget(self.details_scroll, 1)
        right.addWidget(self.problem)  # beside Save, where the eyes are when it is tapped
        self.buttons_box = QWidget()
        buttons = FlowLayout(self.buttons_box, spacing=FORM_GAP_PX)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.save_button = big_button("", kind="primary", role="button_main", name="session-save")
        self.save_button.clicked.connect(self.save)
        self.cancel_button = big_button("", role="button_main", name="session-cancel")
        self.cancel_button.clicked.connect(self.cancelled)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        right.addWidget(self.buttons_box)
        layout.addLayout(right, 1)
        self._right = right
        self._left = left
        self._bottom = QVBoxLayout()  # under the one page: what went wrong, and Save
        self._bottom.setContentsMargins(48, 0, 48, 0)
        self._bottom.setSpacing(16)
        outer.addLayout(self._bottom)

        self.title.textEdited.connect(lambda _text: self._say(None))
        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(lambda _theme: self._build_lessons())
        self._build_lessons()
        self.retranslate()

    # ---- opening -----------------------------------------------------------------------------

    def open_for(self, account: AccountRecord, now: datetime) -> None:
        """A fresh form: today, from the next quarter hour for an hour and a half, this kiosk's room."""
        local = now.astimezone()
        self.account = account
        self.today = self.day = local.date()
        self.starts = next_quarter(local)
        self.ends = min(LAST_END, self.starts + DEFAULT_MINUTES)
        self.picked = set()
        self._suggested = ""
        self.title.clear()
        self.room.setText(self._services.kiosk.classroom.room())
        self._say(None)
        self._build_rooms()
        self._build_lessons()
        self.retranslate()
        self.lessons_scroll.verticalScrollBar().setValue(0)
        self.one_page.verticalScrollBar().setValue(0)

    # ---- what a tap does ---------------------------------------------------------------------

    def toggle(self, lesson_id: str) -> None:
        if lesson_id in self.picked:
            self.picked.discard(lesson_id)
        else:
            self.picked.add(lesson_id)
        lesson = self._services.kiosk.catalogue.by_id(lesson_id)
        button = self.lesson_buttons[lesson_id]
        button.set_picked(lesson_id in self.picked)
        if lesson is not None:
            button.set_texts([self._lesson_text(lesson)])
        self._suggest()
        self._say(None)

    def step_day(self, direction: int) -> None:
        last = self.today + timedelta(days=DAYS_AHEAD)
        self.day = min(last, max(self.today, self.day + timedelta(days=direction)))
        self._show_when()

    def step_starts(self, direction: int) -> None:
        """The start moves by a quarter hour and the end with it: the length stays."""
        moved = min(LAST_START, max(0, self.starts + direction * QUARTER))
        length = self.ends - self.starts
        self.starts = moved
        self.ends = min(LAST_END, moved + length)
        self._say(None)
        self._show_when()

    def step_ends(self, direction: int) -> None:
        self.ends = step_end(self.ends, direction, self.starts)
        self._say(None)
        self._show_when()

    def choose_room(self, room: str) -> None:
        self.room.setText(room)

    def chosen_lessons(self) -> list[Lesson]:
        return [lesson for lesson in self._services.kiosk.catalogue.lessons if lesson.id in self.picked]

    def save(self) -> None:
        classroom = self._services.kiosk.classroom
        if classroom is None or self.account is None:
            return
        try:
            session = ClassSession.new(
                self.title.text(),
                self.day,
                as_time(self.starts),
                as_time(self.ends),
                self.room.text(),
                self.account.name,
                tuple(lesson.id for lesson in self.chosen_lessons()),
            )
        except ValueError as problem:
            self._say(problem)
            self._services.kiosk.speaker.say(self.problem.plain_text(), self._state.lang)
            return
        classroom.save(session)
        self._services.kiosk.centre.nudge()  # the other kiosks learn of it at once
        self.saved.emit(session)

    # ---- showing -----------------------------------------------------------------------------

    def _suggest(self) -> None:
        """Fill in the title from the lessons, unless the tutor has written their own."""
        suggestion = suggest_title(self.chosen_lessons(), self._services.kiosk.catalogue.themes, self._state.lang)
        if self.title.text() in ("", self._suggested):
            self.title.setText(suggestion)
        self._suggested = suggestion

    def _show_when(self) -> None:
        lang = self._state.lang
        self.day_stepper.set_value(date_words(self.day, lang, self.today))
        self.starts_stepper.set_value(as_time(self.starts).strftime("%H:%M"))
        self.ends_stepper.set_value(as_time(self.ends).strftime("%H:%M"))

    def _say(self, problem: ValueError | None) -> None:
        self._problem = problem
        text = session_problem(problem, self._state.lang) if problem is not None else ""
        self.problem.set_text(text)
        self.problem.setVisible(bool(text))

    def _build_lessons(self) -> None:
        lang = self._state.lang
        theme = self._state.theme
        while self.lessons_grid.count():
            widget = self.lessons_grid.takeAt(0).widget()
            widget.hide()
            widget.deleteLater()
        self.lesson_buttons = {}
        self._theme_headings = {}
        catalogue = self._services.kiosk.catalogue
        columns = 2 if theme.scale < 1.25 else 1
        row = 0
        for course_theme in catalogue.themes:
            lessons = catalogue.lessons_in(course_theme.id)
            if not lessons:
                continue
            heading = TextLabel(course_theme.title[lang], "instruction")
            heading.setObjectName(f"pick-theme-{course_theme.id}")
            self._theme_headings[course_theme.id] = heading
            heading.setContentsMargins(0, theme.px(12) if row else 0, 0, 0)
            self.lessons_grid.addWidget(heading, row, 0, 1, columns)
            row += 1
            for i, lesson in enumerate(lessons):
                button = CardButton([(self._lesson_text(lesson), "button")], name=f"pick-{lesson.id}")
                button.set_margins(theme)
                button.setMinimumHeight(theme.touch)
                button.set_picked(lesson.id in self.picked)
                button.clicked.connect(lambda _=False, chosen=lesson.id: self.toggle(chosen))
                self.lesson_buttons[lesson.id] = button
                self.lessons_grid.addWidget(button, row + i // columns, i % columns)
            row += (len(lessons) + columns - 1) // columns
        for column in range(2):
            self.lessons_grid.setColumnStretch(column, 1 if column < columns else 0)
        self.lessons_grid.setRowStretch(row, 1)
        self._size()

    def _lesson_text(self, lesson: Lesson) -> str:
        title = lesson.title[self._state.lang]
        return f"✓ {title}" if lesson.id in self.picked else title

    def _build_rooms(self) -> None:
        """The rooms used lately (this kiosk's first) as buttons: a tap instead of typing."""
        while self.rooms_row.count():
            widget = self.rooms_row.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        recent = self._services.kiosk.classroom.sessions_between(
            self.today - timedelta(days=ROOMS_LOOK_BACK_DAYS), self.today
        )
        own = self._services.kiosk.classroom.room()
        rooms = list(dict.fromkeys(room for room in [own, *(s.room for s in reversed(recent))] if room))
        self.room_buttons = []
        for room in rooms[:ROOMS_SHOWN]:
            button = big_button(room, kind="choice", name="room-choice")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, chosen=room: self.choose_room(chosen))
            self.rooms_row.addWidget(button)
            self.room_buttons.append(button)
        self.rooms_row.addStretch(1)
        self._mark_room()

    def _mark_room(self, *_: object) -> None:
        for button in self.room_buttons:
            button.setChecked(button.text() == self.room.text().strip())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """The lessons beside the details (or above them, portrait), each scrolling, where the
        details fit whole in their pane; else one page that scrolls, lessons then details, with
        Save under it: two panes on a short screen would each show a line or two."""
        portrait = self.height() > self.width()
        details = self._details_body
        needed = details.sizeHint().height() + self.buttons_box.sizeHint().height() + 32
        one_page = needed > (self.height() // 2 if portrait else self.height())
        if one_page != self._one_page_mode:
            self._switch(one_page)
        if not one_page:
            wanted = min(details.sizeHint().height(), self.height() // 2) if portrait else 0
            if self.details_scroll.minimumHeight() != wanted:
                self.details_scroll.setMinimumHeight(wanted)
                # shared out by stretch, the halves would be equal whatever the details need
                self._panes_layout.setStretch(1, 0 if portrait else 1)
        # In a column too narrow for Save and Cancel side by side, Cancel gives way: "Today's
        # sessions" above does the same, and a short screen has no room for a second row.
        room = self.width() - 96 if one_page else self._panes_layout.itemAt(1).geometry().width()
        pair = self.save_button.sizeHint().width() + FORM_GAP_PX + self.cancel_button.sizeHint().width()
        if self.cancel_button.isHidden() != (pair > room):
            self.cancel_button.setVisible(pair <= room)

    def _switch(self, one_page: bool) -> None:
        self._one_page_mode = one_page
        page = self._one_page_layout
        if one_page:
            self.details_scroll.takeWidget()
            page.addWidget(self.lessons_label)
            page.addWidget(self.lessons_scroll.takeWidget())
            page.addWidget(self._details_body)
            self._bottom.addWidget(self.problem)
            self._bottom.addWidget(self.buttons_box)
        else:
            while page.count():
                page.takeAt(0)
            self._left.insertWidget(0, self.lessons_label)
            self.lessons_scroll.setWidget(self.lessons_box)
            self.details_scroll.setWidget(self._details_body)
            self._bottom.removeWidget(self.problem)
            self._bottom.removeWidget(self.buttons_box)
            self._right.insertWidget(1, self.problem)
            self._right.insertWidget(2, self.buttons_box)
        self.panes.setVisible(not one_page)
        self.one_page.setVisible(one_page)

    def _size(self) -> None:
        theme = self._state.theme
        self.day_stepper.size_for(theme, 140)  # the day's words wrap; the times never need to
        self.starts_stepper.size_for(theme, 110)
        self.ends_stepper.size_for(theme, 110)
        set_min_size(self.save_button, 0, theme.px(88))
        set_min_size(self.cancel_button, 0, theme.px(88))

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.lessons_label.set_text(tr("tutor_form_lessons", lang))
        self.title_label.set_text(tr("tutor_form_title", lang))
        self.day_label.set_text(tr("tutor_form_day", lang))
        self.starts_label.set_text(tr("tutor_form_starts", lang))
        self.ends_label.set_text(tr("tutor_form_ends", lang))
        self.room_label.set_text(tr("tutor_form_room", lang))
        self.tutor_line.set_text(tr("tutor_form_tutor", lang, name=self.account.name if self.account else ""))
        self.save_button.setText(tr("tutor_form_save", lang))
        self.cancel_button.setText(tr("tutor_form_cancel", lang))
        self.day_stepper.set_names(tr("tutor_day_earlier", lang), tr("tutor_day_later", lang))
        self.starts_stepper.set_names(tr("tutor_starts_earlier", lang), tr("tutor_starts_later", lang))
        self.ends_stepper.set_names(tr("tutor_ends_earlier", lang), tr("tutor_ends_later", lang))
        for lesson in self._services.kiosk.catalogue.lessons:
            if lesson.id in self.lesson_buttons:
                self.lesson_buttons[lesson.id].set_texts([self._lesson_text(lesson)])
        for course_theme in self._services.kiosk.catalogue.themes:
            if course_theme.id in self._theme_headings:
                self._theme_headings[course_theme.id].set_text(course_theme.title[lang])
        self._suggest()
        self._show_when()
        self._say(self._problem)
