"""Building blocks the staff console's pages share: cards, notes, a confirmation asked in
words, choice buttons, the days of a report, the folder files go to, and a learner picker
narrowed by surname like the learners' own sign-in screen. Sizes come from the theme."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.learners import LearnerRecord
from app.kiosk.learners import Learners
from app.kiosk.preferences import Preferences
from app.ui.i18n import tr
from app.ui.screens.signin import surname_key
from app.ui.state import KioskState
from app.ui.widgets import TextLabel, big_button, scroll_page

MONTHS_EN = calendar.month_name  # English month names: data, not sentence fragments


def fill_with_page(owner: QWidget, body: QLayout) -> QScrollArea:
    """Make `body` the whole of `owner`, in a scroll_page with the console's page margins
    (room on the right for the scroll bar, below for the last card)."""
    body.setContentsMargins(0, 0, 16, 24)
    area = scroll_page(body)
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area)
    return area


def card(name: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName(name)
    frame.setProperty("card", True)
    column = QVBoxLayout(frame)
    column.setContentsMargins(36, 28, 36, 32)
    column.setSpacing(16)
    return frame, column


def note(name: str, kind: str = "hint") -> TextLabel:
    """A message that shows only when it has something to say."""
    label = TextLabel("", "body")
    label.setObjectName(name)
    label.setProperty("note", kind)
    label.hide()
    return label


def say(label: TextLabel, text: str) -> None:
    label.set_text(text)
    label.setVisible(bool(text))


def line_field(name: str, *, max_length: int = 40) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setProperty("role", "body")
    field.setMaxLength(max_length)
    return field


def day_text(day: date, lang: str) -> str:
    if lang == "zh":
        return tr("staff_day", lang, year=day.year, month=day.month, day=day.day)
    return tr("staff_day", lang, year=day.year, month=MONTHS_EN[day.month], day=day.day)


def month_text(year: int, month: int, lang: str) -> str:
    return tr("staff_month", lang, year=year, month=month if lang == "zh" else MONTHS_EN[month])


def clear_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


def _width_of(button: QPushButton, text: str) -> int:
    """The width `button` would ask for with `text` (its padding and border as now)."""
    metrics = button.fontMetrics()

    def advance(words: str) -> int:
        return max(metrics.horizontalAdvance(line) for line in words.split("\n"))

    return button.sizeHint().width() - advance(button.text()) + advance(text)


def two_lines(text: str) -> str:
    """The text broken at the space nearest its middle ("Government and / community
    services"); text without spaces (Chinese) is short enough as it is."""
    spaces = [i for i, char in enumerate(text) if char == " "]
    if not spaces:
        return text
    middle = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:middle] + "\n" + text[middle + 1 :]


class Choices(QWidget):
    """A row (or rows) of large choice buttons, one chosen at a time; the chosen one is filled
    and its words stay the same, so the choice never rests on colour alone. As many go on a
    row as fit (at most `per_row`), so no button is squeezed at a larger text size."""

    changed = Signal(str)

    def __init__(self, keys: list[str], name: str, *, per_row: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(16)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QPushButton] = {}
        self._per_row = per_row or len(keys)
        self._columns = 0
        self._texts: dict[str, str] = {}
        for key in keys:
            button = big_button("", kind="choice", name=f"{name}-{key}")
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)  # a row's are as tall
            self.group.addButton(button)
            button.clicked.connect(lambda _=False, k=key: self.changed.emit(k))
            self.buttons[key] = button
        self.buttons[keys[0]].setChecked(True)
        self._place(self._per_row)

    def _place(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for button in self.buttons.values():
            self.grid.removeWidget(button)
        for i, button in enumerate(self.buttons.values()):
            self.grid.addWidget(button, i // columns, i % columns)
        for column in range(self._per_row + 1):
            self.grid.setColumnStretch(column, 1 if column == columns else 0)

    def _fit(self, width: int) -> None:
        """The most columns that fit, breaking a long choice onto two lines when that lets
        more go on a row (or when it is wider than the room on its own)."""
        gap = self.grid.horizontalSpacing()
        labelled = [(key, self._texts.get(key, button.text()), button) for key, button in self.buttons.items()]
        single = {key: _width_of(button, text) for key, text, button in labelled}
        wanted = {key: text if single[key] <= width else two_lines(text) for key, text, _ in labelled}
        columns = columns_that_fit([_width_of(b, wanted[k]) for k, _, b in labelled], width, gap, self._per_row)
        for more in range(self._per_row, columns, -1):  # break the widest first, only as many as needed
            tried = dict(wanted)
            while columns_that_fit([_width_of(b, tried[k]) for k, _, b in labelled], width, gap, more) < more:
                whole = [(single[k], k) for k, text, _ in labelled if tried[k] == text and " " in text]
                if not whole:
                    break
                widest = max(whole)[1]
                tried[widest] = two_lines(tried[widest])
            else:
                wanted, columns = tried, more
                break
        for key, _, button in labelled:
            if button.text() != wanted[key]:
                button.setText(wanted[key])
        self._place(columns)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and self.width() > 0:  # new words or text size
            self._fit(self.width())
        return handled

    def sizeHint(self):
        """As wide as a full row: beside other widgets it asks for room for all of them."""
        hint = super().sizeHint()
        widths = [button.sizeHint().width() for button in self.buttons.values()]
        rows = [widths[i : i + self._per_row] for i in range(0, len(widths), self._per_row)]
        gap = self.grid.horizontalSpacing()
        hint.setWidth(max(sum(row) + gap * (len(row) - 1) for row in rows))
        return hint

    def minimumSizeHint(self):
        """The widest choice on two lines: narrower than that, words would be cut."""
        hint = super().minimumSizeHint()
        hint.setWidth(max(_width_of(button, two_lines(text)) for text, button in self._labelled()))
        return hint

    def _labelled(self) -> list[tuple[str, QPushButton]]:
        return [(self._texts.get(key, button.text()), button) for key, button in self.buttons.items()]

    @property
    def chosen(self) -> str:
        return next(key for key, button in self.buttons.items() if button.isChecked())

    def choose(self, key: str) -> None:
        self.buttons[key].setChecked(True)
        self.changed.emit(key)

    def set_texts(self, texts: dict[str, str]) -> None:
        self._texts.update(texts)
        for key, text in texts.items():
            self.buttons[key].setText(text)
        if self.width() > 0:
            self._fit(self.width())


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
        months = QHBoxLayout()
        months.setSpacing(16)
        self.previous_month = big_button("", name=f"{name}-previous-month")
        self.month_label = TextLabel("", "instruction")
        self.month_label.setWordWrap(False)
        self.next_month = big_button("", name=f"{name}-next-month")
        self.previous_month.clicked.connect(lambda: self._move_month(-1))
        self.next_month.clicked.connect(lambda: self._move_month(1))
        months.addWidget(self.previous_month)
        months.addWidget(self.month_label)
        months.addWidget(self.next_month)
        months.addStretch(1)
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
        for row, widgets in enumerate(
            (
                (self.first_label, self.first_down, self.first_text, self.first_up),
                (self.last_label, self.last_down, self.last_text, self.last_up),
            )
        ):
            for place, widget in enumerate(widgets):
                days.addWidget(widget, row, place)
        days.setColumnStretch(4, 1)
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


def default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "SilverSteps"


class FolderRow(QWidget):
    """Where files are saved, shown in full, and a button to choose another folder. The
    choice is kept in the kiosk's settings, shared by every page that saves files."""

    def __init__(self, state: KioskState, preferences: Preferences, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._state = state
        self._preferences = preferences
        column = QVBoxLayout(self)  # a folder's path is long: the button goes under it
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        self.where = TextLabel("", "body")
        self.where.setObjectName(f"{name}-folder")
        self.choose_button = big_button("", name=f"{name}-choose-folder")
        self.choose_button.clicked.connect(self.choose)
        column.addWidget(self.where)
        column.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignLeft)
        state.lang_changed.connect(self.retranslate)
        self.retranslate()

    @property
    def folder(self) -> Path:
        return self._preferences.export_folder() or default_folder()

    def set_folder(self, folder: Path) -> None:
        self._preferences.set_export_folder(folder)
        self.retranslate()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.retranslate()  # another page may have chosen another folder meanwhile

    def choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, tr("staff_choose_folder", self._state.lang), str(self.folder))
        if chosen:
            self.set_folder(Path(chosen))

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.where.set_text(tr("staff_folder", lang, folder=str(self.folder)))
        self.choose_button.setText(tr("staff_choose_folder", lang))


def columns_that_fit(widths: list[int], room: int, gap: int, most: int) -> int:
    """The most columns (up to `most`) a grid of these widths, in order, fits in `room`: a
    grid column is as wide as its widest item."""
    for columns in range(min(most, len(widths)), 1, -1):
        column_widths = [max(widths[i::columns]) for i in range(columns)]
        if sum(column_widths) + gap * (columns - 1) <= room:
            return columns
    return 1


def flow(grid: QGridLayout, widgets: list[QWidget], width: int, most: int, *, fill: bool) -> int:
    """Put `widgets` in `grid`, as many on a row as fit `width` (at most `most`); with `fill`
    the columns share the width, else they keep their own and the rest stays empty."""
    for widget in widgets:
        grid.removeWidget(widget)
        widget.ensurePolished()
    if not widgets:
        return 0
    widths = [widget.sizeHint().width() for widget in widgets]
    columns = columns_that_fit(widths, width, grid.horizontalSpacing(), most)
    for i, widget in enumerate(widgets):
        grid.addWidget(widget, i // columns, i % columns)
    needs = [max(widths[i::columns]) for i in range(columns)]
    for column in range(max(most, grid.columnCount()) + 1):
        if fill:  # shared in proportion to what each column needs, so each gets at least that
            grid.setColumnStretch(column, needs[column] if column < columns else 0)
        else:
            grid.setColumnStretch(column, 1 if column == columns else 0)
    return columns


class _Unsqueezed(QWidget):
    """A scroller's content that asks for its full height: a tile's style-sheet minimum is
    less than its two lines need, and a scroller gives its content only its minimum."""

    def minimumSizeHint(self):
        least = super().minimumSizeHint()
        least.setHeight(self.sizeHint().height())
        return least


class LearnerPicker(QWidget):
    """The learners as large tiles, narrowed by tapping a surname (as on the sign-in screen)
    or by typing part of a name or the phone's last four digits; one is chosen at a time."""

    chosen = Signal(object)  # LearnerRecord

    def __init__(self, state: KioskState, learners: Learners, name: str, *, columns: int = 2, parent=None) -> None:
        super().__init__(parent)
        self._state = state
        self._learners = learners
        self._name = name
        self._columns = columns
        self._all: list[LearnerRecord] = []
        self._surname: str | None = None
        self.selected: LearnerRecord | None = None
        self.marked: dict[str, str] = {}  # learner id -> a word shown on the tile ("the duplicate")
        self._surname_buttons: list[QPushButton] = []
        self._tile_buttons: list[QPushButton] = []
        self._flowed_for = -1
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        self.search_label = TextLabel("", "body")
        self.search = line_field(f"{name}-search")
        self.search.textChanged.connect(lambda _text: self._fill())
        self.surname_box = QWidget()
        self.surname_grid = QGridLayout(self.surname_box)
        self.surname_grid.setContentsMargins(0, 0, 0, 0)
        self.surname_grid.setSpacing(12)
        self.empty = TextLabel("", "body")
        self.empty.setObjectName(f"{name}-empty")
        self.tiles_box = _Unsqueezed()  # the surnames scroll with the names: there may be many
        stack = QVBoxLayout(self.tiles_box)
        stack.setContentsMargins(0, 0, 16, 0)
        stack.setSpacing(16)
        self.tiles = QGridLayout()
        self.tiles.setSpacing(16)
        stack.addWidget(self.surname_box)
        stack.addWidget(self.empty)
        stack.addLayout(self.tiles)
        stack.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(self.tiles_box)
        self.scroll.viewport().installEventFilter(self)
        for widget in (self.search_label, self.search):
            column.addWidget(widget)
        column.addWidget(self.scroll, 1)
        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(lambda _theme: self._fill())
        self.retranslate()

    def refresh(self) -> None:
        """Read the learners again, keeping the one chosen if they are still there."""
        self._all = self._learners.all()
        if self.selected is not None:
            self.selected = next((learner for learner in self._all if learner.id == self.selected.id), None)
        self._fill()

    def reset(self) -> None:
        self.selected = None
        self._surname = None
        self.marked = {}
        self.search.clear()
        self.refresh()

    def choose(self, learner: LearnerRecord) -> None:
        self.selected = learner
        self._mark_chosen()
        self.chosen.emit(learner)

    def choose_surname(self, key: str | None) -> None:
        self._surname = key
        self._fill()

    def tile_for(self, learner_id: str) -> QPushButton:
        return next(tile for tile in self._tile_buttons if tile.property("learner_id") == learner_id)

    def surname_buttons(self) -> list[QPushButton]:
        return [self.surname_grid.itemAt(i).widget() for i in range(self.surname_grid.count())]

    def shown(self) -> list[LearnerRecord]:
        typed = self.search.text().strip()
        found = self._learners.search(typed) if typed else self._all
        return [learner for learner in found if self._surname in (None, surname_key(learner.display_name))]

    def tile_text(self, learner: LearnerRecord) -> str:
        lang = self._state.lang
        text = learner.display_name
        if learner.phone_last4:
            text += "\n" + tr("phone_tail", lang, digits=learner.phone_last4)
        if learner.id in self.marked:
            text += "\n" + self.marked[learner.id]
        return text

    def _mark_chosen(self) -> None:
        for tile in self._tile_buttons:
            tile.setChecked(self.selected is not None and tile.property("learner_id") == self.selected.id)

    def _fill(self) -> None:
        lang = self._state.lang
        clear_layout(self.surname_grid)
        clear_layout(self.tiles)
        keys = sorted({surname_key(learner.display_name) for learner in self._all})
        self.surname_box.setVisible(len(keys) > 1)
        self._surname_buttons = []
        for key in [None, *keys]:
            text = tr("all_names", lang) if key is None else key
            button = big_button(text, kind="choice", name=f"{self._name}-surname-{key or 'all'}")
            button.setCheckable(True)
            button.setChecked(key == self._surname)
            button.clicked.connect(lambda _=False, k=key: self.choose_surname(k))
            self._surname_buttons.append(button)
        shown = self.shown()
        self._tile_buttons = []
        for learner in shown:
            tile = big_button(self.tile_text(learner), kind="choice", role="tile", name=f"{self._name}-{learner.id}")
            tile.setCheckable(True)
            tile.setProperty("learner_id", learner.id)
            tile.setProperty("learner_name", learner.display_name)
            tile.setMinimumHeight(self._state.theme.px(110))
            tile.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)  # a row's tiles match
            tile.clicked.connect(lambda _=False, chosen=learner: self.choose(chosen))
            self._tile_buttons.append(tile)
        self._flowed_for = -1
        self._reflow()
        self._mark_chosen()
        if not self._all:
            say(self.empty, tr("staff_no_learners", lang))
        elif not shown:
            say(self.empty, tr("staff_no_learner_match", lang))
        else:
            say(self.empty, "")

    def _reflow(self) -> None:
        """As many surnames and tiles on a row as fit the list's width (tiles at most
        `columns`), so none is cut off at any text size."""
        width = self.scroll.viewport().width() - 16
        if width == self._flowed_for:
            return
        self._flowed_for = width
        flow(self.surname_grid, self._surname_buttons, width, 12, fill=False)
        flow(self.tiles, self._tile_buttons, width, self._columns, fill=True)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:  # the list's width changed (or its scroll bar came)
            self._reflow()
        return False

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.search_label.set_text(tr("staff_search_learners", lang))
        self._fill()
