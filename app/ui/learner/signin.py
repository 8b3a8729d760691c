"""Sign-in: large name tiles, narrowed by tapping a surname, and "I'm new here".

Surname buttons instead of a search box: a touch kiosk has no keyboard an older learner finds
easily, and tapping 王 is quicker than typing it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.core.learners import LearnerRecord, surname_key
from app.ui.learner.texts import tr
from app.ui.scrolling import touch_scrolling
from app.ui.services import Services
from app.ui.state import KioskState
from app.ui.theme import SURNAMES_PER_ROW
from app.ui.widgets import TextLabel, TopBar, big_button, keep_height

TILE_MIN_PX = 130  # a name tile's height at 100 %, or more if its two lines need it


class SignInScreen(QWidget):
    learner_chosen = Signal(object)  # LearnerRecord
    new_requested = Signal()
    back_requested = Signal()

    def __init__(self, state: KioskState, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._state = state
        self._learners = services.kiosk.learners
        self._filter: str | None = None
        self._all: list[LearnerRecord] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 24)
        top = TopBar(state, with_back=True)
        top.back_requested.connect(self.back_requested)
        layout.addWidget(top)
        body = QVBoxLayout()
        body.setContentsMargins(48, 0, 48, 0)
        body.setSpacing(20)
        layout.addLayout(body, 1)
        heading_row = QHBoxLayout()
        self.heading = TextLabel("", "heading")
        heading_row.addWidget(self.heading, 1)
        self.new_button = big_button("", kind="primary", role="button_main", name="new-learner")
        self.new_button.clicked.connect(self.new_requested)
        heading_row.addWidget(self.new_button)
        body.addLayout(heading_row)
        self.filter_label = TextLabel("", "body")
        body.addWidget(self.filter_label)
        self.surname_box = QWidget()
        self.surname_grid = QGridLayout(self.surname_box)
        self.surname_grid.setContentsMargins(0, 0, 0, 0)
        self.surname_grid.setSpacing(12)
        body.addWidget(self.surname_box)
        self.empty_note = TextLabel("", "body")
        body.addWidget(self.empty_note)
        self.tiles_box = QWidget()
        self.tiles = QGridLayout(self.tiles_box)
        self.tiles.setSpacing(20)
        self.tiles.setContentsMargins(0, 0, 16, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.tiles_box)
        touch_scrolling(scroll, state)
        body.addWidget(scroll, 1)
        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(lambda _t: self._fill())
        self.retranslate()

    def refresh(self) -> None:
        """Read the names again (a new learner may have been added) and clear the filter."""
        self._all = self._learners.all()
        self._filter = None
        self._fill()

    def take_new_names(self) -> None:
        """Learners came in from the centre's other kiosks: show them, keeping the chosen surname."""
        self._all = self._learners.all()
        self._fill()

    def name_tiles(self) -> list[QPushButton]:
        return [self.tiles.itemAt(i).widget() for i in range(self.tiles.count())]

    def surname_buttons(self) -> list[QPushButton]:
        return [self.surname_grid.itemAt(i).widget() for i in range(self.surname_grid.count())]

    def choose_surname(self, key: str | None) -> None:
        self._filter = key
        self._fill()

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.heading.set_text(tr("find_name", lang))
        self.new_button.setText(tr("new_here", lang))
        self.filter_label.set_text(tr("surname_filter", lang))
        self._fill()

    def _clear(self, grid: QGridLayout) -> None:
        while grid.count():
            widget = grid.takeAt(0).widget()
            widget.hide()
            widget.deleteLater()

    def _fill(self) -> None:
        lang = self._state.lang
        self._clear(self.surname_grid)
        self._clear(self.tiles)
        keys = sorted({surname_key(learner.display_name) for learner in self._all})
        self.surname_box.setVisible(len(keys) > 1)
        self.filter_label.setVisible(len(keys) > 1)
        per_row = SURNAMES_PER_ROW if self._state.theme.scale < 1.5 else SURNAMES_PER_ROW - 4
        for i, key in enumerate([None, *keys]):
            button = big_button(
                tr("all_names", lang) if key is None else key, kind="choice", name=f"surname-{key or 'all'}"
            )
            button.setCheckable(True)
            button.setChecked(key == self._filter)
            button.clicked.connect(lambda _=False, k=key: self.choose_surname(k))
            self.surname_grid.addWidget(button, i // per_row, i % per_row)
        shown = [learner for learner in self._all if self._filter in (None, surname_key(learner.display_name))]
        columns = 4 if self._state.theme.scale < 1.25 else 3
        for i, learner in enumerate(shown):
            text = learner.display_name
            if learner.phone_last4:
                text += "\n" + tr("phone_tail", lang, digits=learner.phone_last4)
            tile = big_button(text, role="tile", name=f"learner-{learner.id}")
            tile.clicked.connect(lambda _=False, chosen=learner: self.learner_chosen.emit(chosen))
            self.tiles.addWidget(tile, i // columns, i % columns)
            keep_height(tile, self._state.theme, at_least=self._state.theme.px(TILE_MIN_PX))
        self.tiles.setRowStretch(self.tiles.rowCount(), 1)
        note = "" if shown else tr("no_learners" if not self._all else "no_match", lang)
        self.empty_note.set_text(note)
        self.empty_note.setVisible(bool(note))
