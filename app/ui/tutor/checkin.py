"""Check-in by tapping names: every learner on this kiosk's roster (other kiosks' too, once the
centre has shared them) as a large tile, narrowed by surname the way learners find their own
name. One tap checks a learner in and the tile turns green with ✓ and the time; a second tap
changes nothing and says they are already here. Learners who signed in at a kiosk by
themselves turn up as each board is read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.core.board import Board
from app.core.class_sessions import ClassSession
from app.core.learners import surname_key
from app.core.names import surname_order
from app.ui.services import Services
from app.ui.state import KioskState
from app.ui.theme import SURNAMES_PER_ROW
from app.ui.tutor.texts import checked_in_words, clock, tr
from app.ui.tutor.widgets import scroll_body
from app.ui.widgets import TextLabel, big_button, keep_height, repolish


@dataclass(frozen=True)
class Name:
    """A learner as a tile shows them."""

    id: str
    display_name: str
    phone_last4: str | None = None


@dataclass(frozen=True)
class Arrival:
    at: datetime
    by: str | None  # "tutor", "kiosk", or None when only the centre's board knows


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class CheckInPage(QWidget):
    count_changed = Signal(int)

    def __init__(self, state: KioskState, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._services = services
        self.session: ClassSession | None = None
        self.names: list[Name] = []
        self.checked: dict[str, Arrival] = {}
        self._board_names: dict[str, Name] = {}  # checked in elsewhere, not on this kiosk's roster yet
        self._filter: str | None = None
        self._said: tuple[str, dict] | None = None
        self._tiles: dict[str, QPushButton] = {}
        layout = QVBoxLayout()
        layout.setContentsMargins(48, 0, 48, 24)
        layout.setSpacing(16)
        top = QHBoxLayout()
        top.setSpacing(24)
        self.count = TextLabel("", "instruction")
        self.count.setObjectName("checkin-count")
        # What to do, or what a tap did, in one note beside the count: the tiles never move.
        self.message = TextLabel("", "body")
        self.message.setObjectName("checkin-message")
        top.addWidget(self.count)
        top.addWidget(self.message, 1)
        layout.addLayout(top)
        self.filter_label = TextLabel("", "body")
        layout.addWidget(self.filter_label)
        self.surname_box = QWidget()
        self.surname_grid = QGridLayout(self.surname_box)
        self.surname_grid.setContentsMargins(0, 0, 0, 0)
        self.surname_grid.setSpacing(12)
        layout.addWidget(self.surname_box)
        self.empty_note = TextLabel("", "body")
        self.empty_note.setProperty("note", "tip")
        layout.addWidget(self.empty_note)
        self.tiles = QGridLayout()
        self.tiles.setSpacing(20)
        layout.addLayout(self.tiles)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = scroll_body(layout, state)  # at the largest text the surnames scroll with the names
        outer.addWidget(self.scroll)
        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(lambda _theme: self._fill())
        self.retranslate()

    # ---- opening and news --------------------------------------------------------------------

    def open(self, session: ClassSession) -> None:
        self.session = session
        self._filter = None
        self._said = None
        self._board_names = {}
        self.checked = {}
        self._read_names()
        self._read_check_ins()
        self._fill()
        self._say(None)
        self.scroll.verticalScrollBar().setValue(0)

    def refresh_names(self) -> None:
        """Learners came in from the centre's other kiosks: add their tiles, keep the filter."""
        if self.session is not None and self._read_names():
            self._fill()

    def take_board(self, board: Board) -> None:
        """A board was read: learners checked in at any kiosk (or by another tutor) show as here."""
        if self.session is None or board.session.id != self.session.id:
            return
        known = {name.id for name in self.names}
        before = dict(self.checked)
        for learner in board.learners:
            if learner.learner_id not in known and learner.learner_id not in self._board_names:
                self._board_names[learner.learner_id] = Name(learner.learner_id, learner.display_name)
            if learner.checked_in_at is not None:
                self._arrived(learner.learner_id, Arrival(_aware(learner.checked_in_at), learner.checked_in_by))
        self._read_check_ins()
        names_changed = self._read_names()
        if names_changed:
            self._fill()
        elif self.checked != before:
            for learner_id, arrival in self.checked.items():
                if before.get(learner_id) != arrival:
                    self._show_tile(learner_id)
            self._count()

    # ---- taps --------------------------------------------------------------------------------

    def tap(self, learner_id: str) -> None:
        """Check in; a second tap only says they are already here."""
        classroom = self._services.kiosk.classroom
        name = self._name(learner_id)
        if self.session is None or classroom is None or name is None:
            return
        if learner_id in self.checked:
            self._say(
                ("tutor_checkin_already", {"name": name.display_name, "time": clock(self.checked[learner_id].at)})
            )
            return
        classroom.check_in(self.session, learner_id, by="tutor")
        self._services.kiosk.centre.nudge()
        self._read_check_ins()
        if learner_id not in self.checked:  # the store has it; show it even if it could not be read back
            self.checked[learner_id] = Arrival(datetime.now(UTC), "tutor")
        self._say(None)
        self._show_tile(learner_id)
        self._count()

    def choose_surname(self, key: str | None) -> None:
        self._filter = key
        self._fill()

    def name_tiles(self) -> list[QPushButton]:
        return [self.tiles.itemAt(i).widget() for i in range(self.tiles.count())]

    def tile(self, learner_id: str) -> QPushButton | None:
        return self._tiles.get(learner_id)

    def surname_buttons(self) -> list[QPushButton]:
        return [self.surname_grid.itemAt(i).widget() for i in range(self.surname_grid.count())]

    def checked_count(self) -> int:
        return len(self.checked)

    # ---- reading -----------------------------------------------------------------------------

    def _read_names(self) -> bool:
        """This kiosk's roster, plus anyone the board knows who is not on it yet. True if changed."""
        roster = [Name(r.id, r.display_name, r.phone_last4) for r in self._services.kiosk.learners.all()]
        known = {name.id for name in roster}
        extra = [name for learner_id, name in self._board_names.items() if learner_id not in known]
        names = sorted(
            roster + extra, key=lambda name: (surname_order(surname_key(name.display_name)), name.display_name)
        )
        changed = [n.id for n in names] != [n.id for n in self.names]
        self.names = names
        return changed

    def _read_check_ins(self) -> None:
        if self.session is None:
            return
        for record in self._services.kiosk.classroom.checked_in(self.session):
            self._arrived(record.learner_id, Arrival(_aware(record.checked_in_at), record.by))

    def _arrived(self, learner_id: str, arrival: Arrival) -> None:
        """The earliest time counts; who checked them in is kept when this kiosk knows it."""
        known = self.checked.get(learner_id)
        if known is None:
            self.checked[learner_id] = arrival
            return
        at = min(known.at, arrival.at)
        self.checked[learner_id] = Arrival(at, known.by or arrival.by)

    def _name(self, learner_id: str) -> Name | None:
        return next((name for name in self.names if name.id == learner_id), None)

    # ---- showing -----------------------------------------------------------------------------

    def _say(self, said: tuple[str, dict] | None) -> None:
        self._said = said
        lang = self._state.lang
        self.message.set_text(tr(said[0], lang, **said[1]) if said else tr("tutor_checkin_tap", lang))
        self.message.setProperty("note", "hint" if said else "tip")
        repolish(self.message)

    def _count(self) -> None:
        self.count.set_text(tr("tutor_checkin_count", self._state.lang, count=len(self.checked), total=len(self.names)))
        self.count_changed.emit(len(self.checked))

    def _tile_text(self, name: Name) -> str:
        lang = self._state.lang
        lines = [name.display_name]
        if name.phone_last4:
            lines.append(tr("phone_tail", lang, digits=name.phone_last4))
        arrival = self.checked.get(name.id)
        if arrival is not None:
            lines.append(checked_in_words(arrival.at, arrival.by, lang))
        return "\n".join(lines)

    def _show_tile(self, learner_id: str) -> None:
        tile, name = self._tiles.get(learner_id), self._name(learner_id)
        if tile is None or name is None:
            return
        tile.setText(self._tile_text(name))
        tile.setProperty("checkin", "done" if learner_id in self.checked else "")
        repolish(tile)
        keep_height(tile, self._state.theme)

    @staticmethod
    def _clear(grid: QGridLayout) -> None:
        while grid.count():
            widget = grid.takeAt(0).widget()
            widget.hide()
            widget.deleteLater()

    def _fill(self) -> None:
        lang = self._state.lang
        theme = self._state.theme
        self._clear(self.surname_grid)
        self._clear(self.tiles)
        self._tiles = {}
        keys = sorted({surname_key(name.display_name) for name in self.names}, key=surname_order)  # by pinyin
        if self._filter not in (None, *keys):
            self._filter = None
        self.surname_box.setVisible(len(keys) > 1)
        self.filter_label.setVisible(len(keys) > 1)
        per_row = SURNAMES_PER_ROW if theme.scale < 1.5 else SURNAMES_PER_ROW - 4
        for i, key in enumerate([None, *keys]):
            text = tr("all_names", lang) if key is None else key
            button = big_button(text, kind="choice", name=f"surname-{key or 'all'}")
            button.setCheckable(True)
            button.setChecked(key == self._filter)
            button.clicked.connect(lambda _=False, k=key: self.choose_surname(k))
            self.surname_grid.addWidget(button, i // per_row, i % per_row)
        shown = [name for name in self.names if self._filter in (None, surname_key(name.display_name))]
        columns = 4 if theme.scale < 1.25 else 3
        for i, name in enumerate(shown):
            tile = big_button("", role="tile", name=f"checkin-{name.id}")
            tile.clicked.connect(lambda _=False, learner_id=name.id: self.tap(learner_id))
            self._tiles[name.id] = tile
            self.tiles.addWidget(tile, i // columns, i % columns)
            self._show_tile(name.id)
        for column in range(4):
            self.tiles.setColumnStretch(column, 1 if column < columns else 0)
        self.empty_note.set_text("" if self.names else tr("tutor_checkin_nobody", lang))
        self.empty_note.setVisible(not self.names)
        self._count()

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.filter_label.set_text(tr("surname_filter", lang))
        self._say(self._said)
        self._fill()
