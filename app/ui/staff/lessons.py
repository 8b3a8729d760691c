"""The console's Lessons page: which lessons this centre offers, theme by theme, each with a
large switch that says "Offered" or "Not offered" in words. The choice is kept at once in the
kiosk setting "lessons_offered" (app/kiosk/lessons_offered.py); the learners' catalogue shows only
the lessons offered."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.ui.services import Services
from app.ui.staff.page import clear_layout, fill_with_page, note, show_note
from app.ui.staff.texts import tr
from app.ui.state import KioskState
from app.ui.widgets import TextLabel, big_button, set_min_size


class StaffLessonsPage(QWidget):
    def __init__(
        self, state: KioskState, services: Services, allowed: Callable[[], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._services = services
        self._allowed = allowed
        self.switches: dict[str, QPushButton] = {}
        body = QVBoxLayout()
        body.setSpacing(20)
        self.scroll = fill_with_page(self, body, state)
        heading_row = QHBoxLayout()
        heading_row.setSpacing(16)
        self.heading = TextLabel("", "heading")
        self.all_button = big_button("", name="lessons-offer-all")
        self.all_button.clicked.connect(self.offer_all)
        heading_row.addWidget(self.heading, 1)
        heading_row.addWidget(self.all_button, 0, Qt.AlignmentFlag.AlignTop)
        body.addLayout(heading_row)
        self.explain = TextLabel("", "body")
        self.summary = TextLabel("", "body")
        self.summary.setObjectName("lessons-summary")
        self.message = note("lessons-message")
        body.addWidget(self.explain)
        body.addWidget(self.summary)
        body.addWidget(self.message)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(32)
        self.grid.setVerticalSpacing(12)
        body.addLayout(self.grid)
        body.addStretch(1)
        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(lambda _theme: self._fill())
        self.retranslate()

    def open(self) -> None:
        show_note(self.message, "")
        self._fill()

    def leave(self) -> None:
        show_note(self.message, "")

    def wait_for_work(self) -> None:
        """Nothing runs in the background here."""

    def offered(self) -> set[str]:
        chosen = self._services.kiosk.offered.ids()
        every = {lesson.id for lesson in self._services.kiosk.catalogue.lessons}
        return set(every) if chosen is None else set(chosen) & every

    def set_lesson(self, lesson_id: str, on: bool) -> None:
        if not self._allowed():
            show_note(self.message, tr("staff_only", self._state.lang))
            self._fill()
            return
        chosen = self.offered()
        if on:
            chosen.add(lesson_id)
        else:
            chosen.discard(lesson_id)
        self._services.kiosk.offered.choose(chosen)
        self._fill()

    def offer_all(self) -> None:
        if not self._allowed():
            show_note(self.message, tr("staff_only", self._state.lang))
            return
        self._services.kiosk.offered.choose(self.offered() | self._every())
        self._fill()

    def _every(self) -> set[str]:
        return {lesson.id for lesson in self._services.kiosk.catalogue.lessons}

    def _switch_width(self, switch: QPushButton) -> int:
        """The wider of the two words, so every switch has one width whichever it says."""
        switch.ensurePolished()
        shown = switch.text()
        widths = []
        for key in ("staff_offered", "staff_not_offered"):
            switch.setText(tr(key, self._state.lang))
            widths.append(switch.sizeHint().width())
        switch.setText(shown)
        return max(widths)

    def _fill(self) -> None:
        lang = self._state.lang
        clear_layout(self.grid)
        self.switches = {}
        catalogue = self._services.kiosk.catalogue
        chosen = self.offered()
        columns = 2 if self._state.theme.scale < 1.5 else 1
        row = 0
        for theme in catalogue.themes:
            lessons = catalogue.lessons_in(theme.id)
            if not lessons:
                continue
            heading = TextLabel(theme.title[lang], "instruction")
            heading.setObjectName(f"lessons-theme-{theme.id}")
            heading.setContentsMargins(0, 16 if row else 0, 0, 0)
            self.grid.addWidget(heading, row, 0, 1, columns * 2)
            row += 1
            for i, lesson in enumerate(lessons):
                on = lesson.id in chosen
                title = TextLabel(lesson.title[lang], "body")
                switch = big_button(
                    tr("staff_offered" if on else "staff_not_offered", lang), kind="choice", name=f"offer-{lesson.id}"
                )
                switch.setCheckable(True)
                switch.setChecked(on)
                switch.setAccessibleName(tr("staff_offer_switch", lang, title=lesson.title[lang]))
                switch.clicked.connect(lambda checked, lesson_id=lesson.id: self.set_lesson(lesson_id, checked))
                set_min_size(switch, self._switch_width(switch), self._state.theme.px(72))  # both words fit
                self.switches[lesson.id] = switch
                place = row + i // columns
                self.grid.addWidget(title, place, (i % columns) * 2)
                self.grid.addWidget(switch, place, (i % columns) * 2 + 1)
            row += (len(lessons) + columns - 1) // columns
        for column in range(4):
            self.grid.setColumnStretch(column, 1 if column % 2 == 0 and column < columns * 2 else 0)
        every = len(catalogue.lessons)
        self.summary.set_text(tr("staff_lessons_summary", lang, offered=len(chosen), total=every))
        self.all_button.setEnabled(len(chosen) < every)

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.heading.set_text(tr("staff_lessons_heading", lang))
        self.all_button.setText(tr("staff_offer_all", lang))
        self.explain.set_text(tr("staff_lessons_explain", lang))
        self._fill()
