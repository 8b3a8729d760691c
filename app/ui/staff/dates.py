"""The days of a report: a first and last day with large -/+ steps and whole months, said in
the staff member's language."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from app.ui.staff.texts import tr
from app.ui.state import KioskState
from app.ui.widgets import TextLabel, big_button

MONTHS_EN = calendar.month_name  # English month names: data, not sentence fragments


def day_text(day: date, lang: str) -> str:
    if lang == "zh":
        return tr("staff_day", lang, year=day.year, month=day.month, day=day.day)
    return tr("staff_day", lang, year=day.year, month=MONTHS_EN[day.month], day=day.day)


def month_text(year: int, month: int, lang: str) -> str:
    return tr("staff_month", lang, year=year, month=month if lang == "zh" else MONTHS_EN[month])


class DateRange(QWidget):
    """The days of a report: this month unless changed, a whole month at a time with the
    month buttons, or a day at a time with the - and + beside each end."""

    changed = Signal()

    def __init__(self, state: KioskState, name: str, *, with_days: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        today = date.today()
        self.first, self.last = self._month(today.year, today.month)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        months = QHBoxLayout()  # the month over its two buttons: narrow enough at 150 % on 1366 x 768
        months.setSpacing(16)
        self.previous_month = big_button("", name=f"{name}-previous-month")
        self.month_label = TextLabel("", "instruction")
        self.month_label.setWordWrap(False)
        self.next_month = big_button("", name=f"{name}-next-month")
        self.previous_month.clicked.connect(lambda: self._move_month(-1))
        self.next_month.clicked.connect(lambda: self._move_month(1))
        months.addWidget(self.previous_month)
        months.addWidget(self.next_month)
        months.addStretch(1)
        column.addWidget(self.month_label)
        column.addLayout(months)
        self.days_row = QWidget()
        days = QGridLayout(self.days_row)  # From on one line, To on the next: wide at any text size
        days.setContentsMargins(0, 0, 0, 0)
        days.setHorizontalSpacing(16)
        days.setVerticalSpacing(12)
        self.first_label, self.first_text = TextLabel("", "body"), TextLabel("", "body")
        self.last_label, self.last_text = TextLabel("", "body"), TextLabel("", "body")
        self.first_down, self.first_up = (
            big_button("−", name=f"{name}-first-down"),
            big_button("+", name=f"{name}-first-up"),
        )
        self.last_down, self.last_up = (
            big_button("−", name=f"{name}-last-down"),
            big_button("+", name=f"{name}-last-up"),
        )
        for label in (self.first_label, self.first_text, self.last_label, self.last_text):
            label.setWordWrap(False)
        self.first_down.clicked.connect(lambda: self._move("first", -1))
        self.first_up.clicked.connect(lambda: self._move("first", 1))
        self.last_down.clicked.connect(lambda: self._move("last", -1))
        self.last_up.clicked.connect(lambda: self._move("last", 1))
        # "From" over its day and buttons, "To" over its own: narrow enough for 1366 x 768 at 150 %.
        for row, (label, widgets) in enumerate(
            (
                (self.first_label, (self.first_down, self.first_text, self.first_up)),
                (self.last_label, (self.last_down, self.last_text, self.last_up)),
            )
        ):
            days.addWidget(label, 2 * row, 0, 1, 3)
            for place, widget in enumerate(widgets):
                days.addWidget(widget, 2 * row + 1, place)
        days.setColumnStretch(3, 1)
        column.addWidget(self.days_row)
        self.days_row.setVisible(with_days)  # without: whole months only
        state.lang_changed.connect(self.retranslate)
        self.retranslate()

    @staticmethod
    def _month(year: int, month: int) -> tuple[date, date]:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])

    def set_range(self, first: date, last: date) -> None:
        self.first, self.last = first, max(first, last)
        self.retranslate()
        self.changed.emit()

    def _move_month(self, step: int) -> None:
        month = self.first.month - 1 + step
        self.set_range(*self._month(self.first.year + month // 12, month % 12 + 1))

    def _move(self, end: str, days: int) -> None:
        first, last = self.first, self.last
        if end == "first":
            first += timedelta(days=days)
            last = max(last, first)
        else:
            last += timedelta(days=days)
            first = min(first, last)
        self.set_range(first, last)

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.previous_month.setText(tr("staff_previous_month", lang))
        self.next_month.setText(tr("staff_next_month", lang))
        self.previous_month.setAccessibleName(tr("staff_previous_month_name", lang))
        self.next_month.setAccessibleName(tr("staff_next_month_name", lang))
        whole = (self.first, self.last) == self._month(self.first.year, self.first.month)
        if whole:
            self.month_label.set_text(month_text(self.first.year, self.first.month, lang))
        else:
            self.month_label.set_text(tr("staff_some_days", lang, days=(self.last - self.first).days + 1))
        self.first_label.set_text(tr("staff_from", lang))
        self.last_label.set_text(tr("staff_to", lang))
        self.first_text.set_text(day_text(self.first, lang))
        self.last_text.set_text(day_text(self.last, lang))
        for button, key in (
            (self.first_down, "staff_day_earlier"),
            (self.first_up, "staff_day_later"),
            (self.last_down, "staff_day_earlier"),
            (self.last_up, "staff_day_later"),
        ):
            button.setAccessibleName(tr(key, lang))
