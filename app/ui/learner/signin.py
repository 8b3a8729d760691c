"""Sign-in: large name tiles, narrowed by tapping a surname, "I'm new here", and "是您吗？".

Surname buttons instead of a search box: a touch kiosk has no keyboard an older learner finds
easily, and tapping 王 is quicker than typing it. The surnames come in pinyin order, as in a
class list; when a centre has more than a few rows of them, those of one letter share a
button (app/core/names.py), so the names below always keep most of the screen. A tap on a name
asks "是您吗？" before signing in: a neighbour's tile is easily touched by mistake.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from app.core.learners import LearnerRecord, surname_key
from app.core.names import NameGroup, name_groups, name_order, tile_labels
from app.ui.flow_layout import FlowLayout
from app.ui.i18n import name_tile_detail
from app.ui.learner.confirm_name import ConfirmName
from app.ui.learner.texts import tr
from app.ui.scrolling import touch_scrolling
from app.ui.services import Services
from app.ui.state import KioskState
from app.ui.widgets import TextLabel, TopBar, big_button, keep_height

TILE_MIN_PX = 130  # a name tile's height at 100 %, or more if its two lines need it
TILE_WIDTH_PX = 320  # a name tile's least width at 100 %: the columns follow the screen's width
MOST_COLUMNS = 4
SHOW_ALL_AT_MOST = 24  # up to this many learners all names show at once, with an "All" button
SURNAME_WIDTH_PX = 110  # a one-surname button's width at 100 %, to tell how many fit a row
SURNAME_ROWS = 3  # rows of surname buttons before their bar scrolls (2 on a short screen)
SURNAME_ROW_PX = 100  # a row of them at 100 %, with its gap
HEADER_PX = 290  # the bar at the top, the heading and the line above the surnames at 100 %
SURNAME_SHARE = 0.4  # of the screen's height, at most, for the surname buttons
GAP = 12


class SignInScreen(QWidget):
    learner_chosen = Signal(object)  # LearnerRecord, once they said "是我"
    new_requested = Signal()
    back_requested = Signal()
    asked = Signal(str)  # "是您吗？" as a sentence, so the window can speak it

    def __init__(self, state: KioskState, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._state = state
        self._learners = services.kiosk.learners
        self._filter: frozenset[str] | None = None  # the surnames of the group chosen
        self._all: list[LearnerRecord] = []
        self._columns = 0
        self._shape: tuple[int, int] | None = None  # columns and surname rows the page was filled for
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 24)
        top = TopBar(state, with_back=True)
        top.back_requested.connect(self._back)
        layout.addWidget(top)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self.finder = QWidget()
        self.pages.addWidget(self.finder)
        self.confirm = ConfirmName(state)
        self.confirm.confirmed.connect(self.learner_chosen)
        self.confirm.declined.connect(self.show_names)
        self.pages.addWidget(self.confirm)

        self._body = body = QVBoxLayout(self.finder)
        body.setContentsMargins(48, 0, 48, 0)
        body.setSpacing(16)
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
        self.surname_flow = FlowLayout(self.surname_box, spacing=GAP)
        self.surname_flow.setContentsMargins(0, 0, 0, 0)
        self.surname_area = QScrollArea()
        self.surname_area.setObjectName("surnames")
        self.surname_area.setWidgetResizable(True)
        self.surname_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.surname_area.setProperty("horizontalScrollBarPolicy", "ScrollBarAlwaysOff")  # by name: widgets.py
        self.surname_area.setWidget(self.surname_box)
        touch_scrolling(self.surname_area, None)  # a few rows at most: dragged, no page turns
        body.addWidget(self.surname_area)
        self.empty_note = TextLabel("", "body")
        body.addWidget(self.empty_note)
        self.tiles_box = QWidget()
        self.tiles = QGridLayout(self.tiles_box)
        self.tiles.setSpacing(20)
        self.tiles.setContentsMargins(0, 0, 16, 0)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("names")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(self.tiles_box)
        touch_scrolling(self.scroll, state)
        body.addWidget(self.scroll, 1)
        body.addStretch(0)  # takes the slack while the surnames have the page and no names show
        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(lambda _t: self._fill())
        self.retranslate()

    # ---- what the window and the tests use -----------------------------------------------

    def refresh(self) -> None:
        """Read the names again (a new learner may have been added) and clear the filter."""
        self._all = sorted(self._learners.all(), key=name_order)
        self._filter = None
        self.show_names()

    def take_new_names(self) -> None:
        """Learners came in from the centre's other kiosks: show them, keeping the chosen surname."""
        self._all = sorted(self._learners.all(), key=name_order)
        self._fill()

    def show_names(self) -> None:
        self.pages.setCurrentWidget(self.finder)
        self._fill()

    def name_tiles(self) -> list[QPushButton]:
        return [self.tiles.itemAt(i).widget() for i in range(self.tiles.count())]

    def surname_buttons(self) -> list[QPushButton]:
        return [self.surname_flow.itemAt(i).widget() for i in range(self.surname_flow.count())]

    def surname_button_for(self, learner: LearnerRecord) -> QPushButton | None:
        """The button whose group holds `learner`'s surname (what a learner looks for)."""
        surname = surname_key(learner.display_name)
        return next((b for b in self.surname_buttons() if surname in b.property("surnames")), None)

    def choose_surname(self, key: str | None) -> None:
        """Show the names of one surname (or of a group, surnames joined by "+"); None: all."""
        self._filter = frozenset(key.split("+")) if key else None
        self._fill()

    def ask(self, learner: LearnerRecord) -> None:
        """A name was tapped: "是您吗？"."""
        detail = name_tile_detail(tile_labels(self._all)[learner.id], self._state.lang)
        self.pages.setCurrentWidget(self.confirm)
        self.asked.emit(self.confirm.ask(learner, detail))

    # ---- drawing ---------------------------------------------------------------------------

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.heading.set_text(tr("find_name", lang))
        self.new_button.setText(tr("new_here", lang))
        self._fill()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._shape and self._shape != self._shape_now():
            self._fill()  # the tiles flow to the new width, the surnames to the new room
        else:
            self._size_surname_area()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._shape and self._shape != self._shape_now():
            self._fill()  # filled while hidden, for a room now known

    def _shape_now(self) -> tuple[int, int]:
        return self._columns_for_width(), self._height() // self._state.theme.px(SURNAME_ROW_PX)

    def _back(self) -> None:
        if self.pages.currentWidget() is self.confirm:
            self.show_names()
        else:
            self.back_requested.emit()

    def _width(self) -> int:
        """The room the page has across (before it is first shown, the window's)."""
        width = self.width() if self.isVisible() else self.window().width()
        return max(width - 96, 1)

    def _columns_for_width(self) -> int:
        tile = self._state.theme.px(TILE_WIDTH_PX) + 20
        return max(1, min(MOST_COLUMNS, (self._width() - 16 + 20) // tile))

    def _height(self) -> int:
        """The room the page has down for the surnames and names: below the heading once
        shown; before, the window's height less the bar at the top and the heading."""
        if self.isVisible() and self.pages.currentWidget() is self.finder:
            return max(self.finder.height() - self.surname_area.y(), 1)
        height = self.height() if self.isVisible() else self.window().height()
        return max(height - self._state.theme.px(HEADER_PX), 1)

    def _choosing(self) -> bool:
        """Many names and no surname chosen yet: the surname buttons have the whole page."""
        return len(self._all) > SHOW_ALL_AT_MOST and self._filter is None

    def _fill(self) -> None:
        lang = self._state.lang
        self._clear(self.tiles)
        self._columns = self._columns_for_width()
        self._shape = self._shape_now()
        few = len(self._all) <= SHOW_ALL_AT_MOST
        groups = self._fitting_groups(few)
        if not few and self._filter is not None:
            # A surname chosen among many: only it stays, with a way back, and the names get the page.
            chosen = [group for group in groups if self._filter == frozenset(group.surnames)]
            self._surname_choices(chosen, few=False, change=True)
        self.surname_area.setVisible(len(groups) > 1)
        self.filter_label.setVisible(len(groups) > 1 and (few or self._filter is None))
        self.filter_label.set_text(tr("pick_surname_first" if self._choosing() else "surname_filter", lang))
        self.scroll.setVisible(not self._choosing())
        if self._filter is None:
            shown = self._all if few else []
        else:
            shown = [learner for learner in self._all if surname_key(learner.display_name) in self._filter]
        labels = tile_labels(self._all)
        for i, learner in enumerate(shown):
            detail = name_tile_detail(labels[learner.id], lang)
            tile = big_button(learner.display_name + (f"\n{detail}" if detail else ""), role="tile")
            tile.setObjectName(f"learner-{learner.id}")
            tile.clicked.connect(lambda _=False, chosen=learner: self.ask(chosen))
            self.tiles.addWidget(tile, i // self._columns, i % self._columns)
            keep_height(tile, self._state.theme, at_least=self._state.theme.px(TILE_MIN_PX))
        self.tiles.setRowStretch(self.tiles.rowCount(), 1)
        if not self._all:
            note = tr("no_learners", lang)
        elif self._choosing():
            note = ""  # the line above the surnames says what to do
        else:
            note = "" if shown else tr("no_match", lang)
        self.empty_note.set_text(note)
        self.empty_note.setVisible(bool(note))
        self.scroll.verticalScrollBar().setValue(0)
        self._size_surname_area()

    def _fitting_groups(self, few: bool) -> list[NameGroup]:
        """The surname buttons as they show while a learner chooses: one per surname where they
        fit; else the surnames of a letter share one while together they hold a screenful of
        names, or more names until all the buttons fit (the same groups once one is chosen)."""
        theme = self._state.theme
        per_row = max(3, (self._width() + GAP) // (theme.px(SURNAME_WIDTH_PX) + GAP))
        rows = max(1, self._surname_room(few) // theme.px(SURNAME_ROW_PX))
        name_rows = max(1, (self._height() - theme.px(SURNAME_ROW_PX)) // theme.px(TILE_MIN_PX + 20))
        most_names = max(self._columns * name_rows, 8)
        groups: list[NameGroup] = []
        for _ in range(5):
            groups = name_groups(self._all, most_groups=per_row * rows - 1, most_names=most_names)
            self._surname_choices(groups, few=few)
            if self._surname_height() <= self._surname_room(few):
                break
            most_names = most_names * 3 // 2
        return groups

    def _surname_choices(self, groups: list[NameGroup], *, few: bool, change: bool = False) -> None:
        self._clear(self.surname_flow)
        choices: list[tuple[str | None, str, tuple[str, ...]]] = []
        if few:
            choices.append((None, tr("all_names", self._state.lang), ()))
        choices += [(group.key, " ".join(group.surnames), group.surnames) for group in groups]
        for key, text, surnames in choices:
            button = big_button(text, kind="choice", name=f"surname-{key or 'all'}")
            button.setProperty("surnames", surnames)
            button.setCheckable(True)
            button.setChecked(self._filter == (frozenset(surnames) if key else None))
            button.clicked.connect(lambda _=False, k=key: self.choose_surname(k))
            self.surname_flow.addWidget(button)
        if change:
            other = big_button(tr("other_surname", self._state.lang), name="surname-change")
            other.setProperty("surnames", ())
            other.clicked.connect(lambda: self.choose_surname(None))
            self.surname_flow.addWidget(other)

    def _surname_height(self) -> int:
        return self.surname_flow.heightForWidth(self._width())

    def _surname_room(self, few: bool) -> int:
        """A few rows beside all the names; the page while a surname is being chosen among many."""
        if not few:
            return self._height()
        rows = max(2, min(SURNAME_ROWS, int(self._height() * SURNAME_SHARE) // self._state.theme.px(SURNAME_ROW_PX)))
        return rows * self._state.theme.px(SURNAME_ROW_PX) - GAP

    def _size_surname_area(self) -> None:
        """As tall as its buttons, up to their room: the names keep the rest of the screen. Its
        least height never follows the window's, which would let the window grow itself."""
        if not self.surname_buttons():
            return
        needed = self._surname_height()
        few = len(self._all) <= SHOW_ALL_AT_MOST
        two_rows = 2 * self._state.theme.px(SURNAME_ROW_PX) - GAP
        if self._choosing():  # the page is theirs: as much of it as they need, two rows at least
            self.surname_area.setMinimumHeight(min(needed, two_rows))
            self.surname_area.setMaximumHeight(needed)
        else:
            height = min(needed, self._surname_room(few)) if few else needed
            self.surname_area.setMinimumHeight(height)
            self.surname_area.setMaximumHeight(height)
        self._body.setStretchFactor(self.surname_area, 1 if self._choosing() else 0)

    @staticmethod
    def _clear(layout: QGridLayout | FlowLayout) -> None:
        while layout.count():
            widget = layout.takeAt(0).widget()
            widget.hide()
            widget.deleteLater()
