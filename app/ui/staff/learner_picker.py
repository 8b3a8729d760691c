"""The learners as large tiles, narrowed by tapping a surname (as on the sign-in screen) or
by typing part of a name or the phone's last four digits."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.learners import LearnerRecord, surname_key
from app.core.names import name_order, surname_order
from app.kiosk.learners import Learners
from app.ui.scrolling import touch_scrolling
from app.ui.staff.choices import flow
from app.ui.staff.page import clear_layout, line_field, show_note
from app.ui.staff.texts import tr
from app.ui.state import KioskState
from app.ui.widgets import TextLabel, big_button, keep_height


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
        touch_scrolling(self.scroll, state)
        self.scroll.viewport().installEventFilter(self)
        for widget in (self.search_label, self.search):
            column.addWidget(widget)
        column.addWidget(self.scroll, 1)
        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(lambda _theme: self._fill())
        self.retranslate()

    def refresh(self) -> None:
        """Read the learners again, keeping the one chosen if they are still there."""
        self._all = sorted(self._learners.all(), key=name_order)
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
        keys = sorted({surname_key(learner.display_name) for learner in self._all}, key=surname_order)  # by pinyin
        self.surname_box.setVisible(len(keys) > 1)
        self._surname_buttons = []
        for key in [None, *keys]:
            text = tr("all_names", lang) if key is None else key
            name = f"{self._name}-surname-{key or 'all'}"
            button = big_button(text, kind="choice", name=name, parent=self.surname_box)
            button.setCheckable(True)
            button.setChecked(key == self._surname)
            button.clicked.connect(lambda _=False, k=key: self.choose_surname(k))
            self._surname_buttons.append(button)
        shown = self.shown()
        self._tile_buttons = []
        for learner in shown:
            name = f"{self._name}-{learner.id}"
            tile = big_button(self.tile_text(learner), kind="choice", role="tile", name=name, parent=self.tiles_box)
            tile.setCheckable(True)
            tile.setProperty("learner_id", learner.id)
            tile.setProperty("learner_name", learner.display_name)
            keep_height(tile, self._state.theme, at_least=self._state.theme.px(110))  # two lines, never squeezed
            tile.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)  # a row's tiles match
            tile.clicked.connect(lambda _=False, chosen=learner: self.choose(chosen))
            self._tile_buttons.append(tile)
        self._flowed_for = -1
        self._reflow()
        self._mark_chosen()
        if not self._all:
            show_note(self.empty, tr("staff_no_learners", lang))
        elif not shown:
            show_note(self.empty, tr("staff_no_learner_match", lang))
        else:
            show_note(self.empty, "")

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
