"""The console's Charts page: check-ins per week and completions per lesson over a range of
days, from this kiosk or the whole centre (the same rows as the reports), readable at a glance
from a step back: large type, the value written on every bar, strong colours, no axis ticks.

The bars are drawn with QPainter rather than QtCharts. QtCharts is only in PySide6-Addons, a
large extra install this kiosk otherwise does without (DESIGN.md: Essentials, plus Addons only
where one of its modules is used), and its axes, ticks and legends are built for small print:
getting every label to 20 pt and above at each text scale, values on the bars and nothing
else would mean fighting its defaults. A bar chart is a few rectangles and some text."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from app.kiosk.reporting import check_ins_per_week, completions_per_lesson
from app.ui.services import Services
from app.ui.staff.choices import Choices
from app.ui.staff.dates import DateRange
from app.ui.staff.page import BESIDE_FROM_PX, card, fill_with_page, note, show_note
from app.ui.staff.reports import SOURCES
from app.ui.staff.texts import tr
from app.ui.state import KioskState
from app.ui.theme import FONT_FAMILY_LIST, PALETTE, ROLE_POINTS
from app.ui.widgets import TextLabel, big_button
from app.ui.work import Worker

TOP_LESSONS = 6
PLOT_PX = 240  # the tallest upright bar, at 100 %
BAR_PX = 48  # a lying bar's thickness
GAP_PX = 14


def week_label(monday: date, lang: str) -> str:
    """The day the week starts, in few characters so the bars can stand upright ("2 Nov")."""
    month = monday.month if lang == "zh" else calendar.month_abbr[monday.month]
    return tr("staff_short_day", lang, month=month, day=monday.day)


class BarChart(QWidget):
    """Bars with their values written on them. Upright bars when every label fits under its
    bar, else lying bars with the labels on the left (lesson titles are long)."""

    def __init__(self, name: str, scale: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.bars: list[tuple[str, int]] = []
        self._scale = scale
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_bars(self, bars: list[tuple[str, int]], summary: str) -> None:
        self.bars = bars
        self.setAccessibleDescription(summary)
        self.updateGeometry()
        self.update()

    def set_scale(self, scale: float) -> None:
        self._scale = scale
        self.updateGeometry()
        self.update()

    # ---- sizes -----------------------------------------------------------------------------

    def px(self, value: float) -> float:
        return value * self._scale

    def label_font(self) -> QFont:
        font = QFont()
        font.setFamilies(FONT_FAMILY_LIST)
        font.setPointSizeF(ROLE_POINTS["body"] * self._scale)  # the body floor: 20 pt at 100 %
        return font

    def value_font(self) -> QFont:
        font = QFont()
        font.setFamilies(FONT_FAMILY_LIST)
        font.setPointSizeF(ROLE_POINTS["tile"] * self._scale)
        font.setBold(True)
        return font

    def _line(self, font: QFont) -> float:
        return QFontMetricsF(font).height() * 1.15

    def upright(self, width: float) -> bool:
        """Whether every label fits under its own bar."""
        if not self.bars:
            return True
        metrics = QFontMetricsF(self.label_font())
        slot = width / len(self.bars)
        widest = max(metrics.horizontalAdvance(line) for label, _ in self.bars for line in label.split("\n"))
        return widest + self.px(16) <= slot and max(label.count("\n") for label, _ in self.bars) <= 1

    def _label_width(self, width: float) -> float:
        metrics = QFontMetricsF(self.label_font())
        lines = [line for label, _ in self.bars for line in label.split("\n")]
        widest = max((metrics.horizontalAdvance(line) for line in lines), default=0)
        return min(width * 0.45, widest + self.px(8))

    def _label_height(self, label: str, width: float) -> float:
        metrics = QFontMetricsF(self.label_font())
        box = metrics.boundingRect(QRectF(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), label)
        return box.height()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if not self.bars:
            return 0
        if self.upright(width):
            lines = 1 + max(label.count("\n") for label, _ in self.bars)
            return round(
                self.px(PLOT_PX) + self._line(self.value_font()) + lines * self._line(self.label_font()) + self.px(16)
            )
        label_width = self._label_width(width)
        rows = sum(
            max(self._label_height(label, label_width), self.px(BAR_PX)) + self.px(GAP_PX) for label, _ in self.bars
        )
        return round(rows)

    def sizeHint(self) -> QSize:
        return QSize(800, self.heightForWidth(800))

    def minimumSizeHint(self) -> QSize:
        return QSize(400, self.heightForWidth(self.width() or 800))

    # ---- drawing ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.bars:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(PALETTE.surface))
        if self.upright(self.width()):
            self._paint_upright(painter)
        else:
            self._paint_lying(painter)
        painter.end()

    def _paint_upright(self, painter: QPainter) -> None:
        width, height = float(self.width()), float(self.height())
        label_font, value_font = self.label_font(), self.value_font()
        label_space = (1 + max(label.count("\n") for label, _ in self.bars)) * self._line(label_font) + self.px(8)
        value_space = self._line(value_font)
        base = height - label_space
        plot = base - value_space - self.px(4)
        biggest = max(value for _, value in self.bars) or 1
        slot = width / len(self.bars)
        bar_width = min(slot * 0.6, self.px(140))
        for i, (label, value) in enumerate(self.bars):
            left = i * slot + (slot - bar_width) / 2
            tall = plot * value / biggest
            painter.fillRect(QRectF(left, base - tall, bar_width, tall), QColor(PALETTE.primary))
            painter.setFont(value_font)
            painter.setPen(QColor(PALETTE.text))
            painter.drawText(
                QRectF(i * slot, base - tall - value_space, slot, value_space),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                str(value),
            )
            painter.setFont(label_font)
            painter.drawText(
                QRectF(i * slot, base + self.px(8), slot, label_space),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                label,
            )
        painter.setPen(QPen(QColor(PALETTE.text), max(2.0, self.px(2))))
        painter.drawLine(0, round(base), round(width), round(base))

    def _paint_lying(self, painter: QPainter) -> None:
        width = float(self.width())
        label_font, value_font = self.label_font(), self.value_font()
        label_width = self._label_width(width)
        value_width = QFontMetricsF(value_font).horizontalAdvance(str(max(v for _, v in self.bars))) + self.px(16)
        start = label_width + self.px(16)
        room = max(1.0, width - start - value_width)
        biggest = max(value for _, value in self.bars) or 1
        top = 0.0
        for label, value in self.bars:
            row = max(self._label_height(label, label_width), self.px(BAR_PX))
            painter.setFont(label_font)
            painter.setPen(QColor(PALETTE.text))
            painter.drawText(
                QRectF(0, top, label_width, row),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap),
                label,
            )
            long = room * value / biggest
            bar_height = min(row, self.px(BAR_PX))
            painter.fillRect(QRectF(start, top + (row - bar_height) / 2, long, bar_height), QColor(PALETTE.primary))
            painter.setFont(value_font)
            painter.drawText(
                QRectF(start + long + self.px(12), top, value_width, row),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                str(value),
            )
            top += row + self.px(GAP_PX)
        painter.setPen(QPen(QColor(PALETTE.text), max(2.0, self.px(2))))
        painter.drawLine(round(start), 0, round(start), round(top - self.px(GAP_PX)))


class StaffChartsPage(QWidget):
    def __init__(
        self, state: KioskState, services: Services, allowed: Callable[[], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._services = services
        self._allowed = allowed
        self.weeks: list[tuple[date, int]] = []
        self.lessons: list[tuple[str, int]] = []
        self._loaded = False
        self._again = False  # read again when the reading under way ends
        self._said: tuple[str, dict] | None = None
        self.worker = Worker(self)
        self.worker.busy_changed.connect(self._busy)
        body = QVBoxLayout()
        body.setSpacing(20)
        self.scroll = fill_with_page(self, body, state)
        self.heading = TextLabel("", "heading")
        body.addWidget(self.heading)
        self.days = DateRange(state, "charts", with_days=False)  # a month at a time: its weeks
        body.addWidget(self.days)
        choose = QHBoxLayout()
        choose.setSpacing(24)
        self.source = Choices(SOURCES, "charts-source")
        self.refresh_button = big_button("", kind="primary", name="charts-refresh")
        self.refresh_button.clicked.connect(self.load)
        self.days.changed.connect(self.load)
        self.source.changed.connect(lambda _source: self.load())
        choose.addWidget(self.source)
        choose.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        choose.addStretch(1)
        body.addLayout(choose)
        self.status = note("charts-status", "status")
        body.addWidget(self.status)

        self.weeks_card, weeks = card("chart-weeks")
        self.weeks_title = TextLabel("", "instruction")
        self.weeks_empty = note("chart-weeks-empty", "status")
        self.weeks_chart = BarChart("chart-weeks-bars", state.theme.scale)
        weeks.addWidget(self.weeks_title)
        weeks.addWidget(self.weeks_empty)
        weeks.addWidget(self.weeks_chart)
        weeks.addStretch(1)
        self.charts = QGridLayout()  # side by side at 100 %, one above the other when larger
        self.charts.setSpacing(24)
        body.addLayout(self.charts)

        self.lessons_card, lessons = card("chart-lessons")
        self.lessons_title = TextLabel("", "instruction")
        self.lessons_empty = note("chart-lessons-empty", "status")
        self.lessons_chart = BarChart("chart-lessons-bars", state.theme.scale)
        lessons.addWidget(self.lessons_title)
        lessons.addWidget(self.lessons_empty)
        lessons.addWidget(self.lessons_chart)
        lessons.addStretch(1)
        self._place_charts(state.theme.scale)
        body.addStretch(1)
        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(self._rescale)
        self.retranslate()

    # ---- the console calls these -----------------------------------------------------------

    def open(self) -> None:
        enrolled = self._enrolled()
        self.source.buttons["centre"].setEnabled(enrolled)
        if not enrolled:
            self.source.choose("kiosk")
        self.retranslate()
        self.load()

    def leave(self) -> None:
        self.worker.forget()
        self.weeks, self.lessons, self._loaded, self._said, self._again = [], [], False, None, False
        self._draw()

    def wait_for_work(self) -> None:
        self.worker.wait()

    def _enrolled(self) -> bool:
        return self._services.kiosk.centre.enrolled

    # ---- loading -------------------------------------------------------------------------------

    def load(self) -> None:
        if not self._allowed():
            return
        if self.worker.busy:  # another month or source chosen meanwhile: read again after
            self._again = True
            return
        self._again = False
        reports = self._services.kiosk.reports
        first, last, centre = self.days.first, self.days.last, self.source.chosen == "centre"

        def work(_report) -> tuple[list, list]:
            attendance = reports.rows("attendance", first, last, from_centre=centre)
            completions = reports.rows("completions", first, last, from_centre=centre)
            return (
                check_ins_per_week(attendance, first, last),
                completions_per_lesson(completions, TOP_LESSONS),
            )

        self._said = None
        self.worker.start(work, self._loaded_charts, self._failed)

    def _loaded_charts(self, counts: tuple[list, list]) -> None:
        self.weeks, self.lessons = counts
        self._loaded = True
        self._draw()
        if self._again:
            self.load()

    def _failed(self, problem: BaseException) -> None:
        self._said = ("staff_charts_failed", {"problem": str(problem)})
        self._say_status()
        if self._again:
            self.load()

    # ---- words and drawing -------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        if busy:
            self.setFocus()  # not left on a button about to be disabled, nor passed to a text box
        self.refresh_button.setEnabled(not busy)
        self._say_status()

    def _say_status(self) -> None:
        lang = self._state.lang
        if self.worker.busy:
            show_note(self.status, tr("staff_charts_busy", lang))
        elif self._said is not None:
            show_note(self.status, tr(self._said[0], lang, **self._said[1]))
        else:
            show_note(self.status, "")

    def lesson_title(self, lesson_id: str) -> str:
        lesson = self._services.kiosk.catalogue.by_id(lesson_id)
        return lesson.title[self._state.lang] if lesson else lesson_id

    def _draw(self) -> None:
        lang = self._state.lang
        weeks = [(week_label(monday, lang), count) for monday, count in self.weeks]
        lessons = [(self.lesson_title(lesson_id), count) for lesson_id, count in self.lessons]
        for chart, bars, empty, key in (
            (self.weeks_chart, weeks, self.weeks_empty, "staff_chart_weeks_empty"),
            (self.lessons_chart, lessons, self.lessons_empty, "staff_chart_lessons_empty"),
        ):
            summary = "; ".join(f"{label.replace(chr(10), ' ')}: {value}" for label, value in bars)
            chart.set_bars(bars, summary)
            chart.setVisible(bool(bars) and any(value for _, value in bars))
            show_note(empty, tr(key, lang) if self._loaded and not chart.isVisibleTo(self) else "")
        self._say_status()

    def _rescale(self, theme) -> None:
        self.weeks_chart.set_scale(theme.scale)
        self.lessons_chart.set_scale(theme.scale)
        self._place_charts(theme.scale)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_charts(self._state.theme.scale)

    def _place_charts(self, scale: float) -> None:
        """Side by side at 100 % on a wide screen, one above the other otherwise."""
        beside = scale < 1.25 and self.width() >= round(BESIDE_FROM_PX * scale)
        if self.charts.count() == 2 and beside == (self.charts.getItemPosition(1)[0] == 0):
            return
        self.charts.removeWidget(self.weeks_card)
        self.charts.removeWidget(self.lessons_card)
        self.charts.addWidget(self.weeks_card, 0, 0)
        self.charts.addWidget(self.lessons_card, 0 if beside else 1, 1 if beside else 0)
        self.charts.setColumnStretch(0, 1)
        self.charts.setColumnStretch(1, 1 if beside else 0)

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.heading.set_text(tr("staff_charts_heading", lang))
        self.source.set_texts({key: tr(f"staff_source_{key}", lang) for key in SOURCES})
        self.refresh_button.setText(tr("staff_refresh", lang))
        self.weeks_title.set_text(tr("staff_chart_weeks", lang))
        self.lessons_title.set_text(tr("staff_chart_lessons", lang, top=TOP_LESSONS))
        self.weeks_chart.setAccessibleName(tr("staff_chart_weeks", lang))
        self.lessons_chart.setAccessibleName(tr("staff_chart_lessons", lang, top=TOP_LESSONS))
        self._draw()
