"""The first screen a learner sees: what this is, one big Start button, and a quiet status line
for staff (lessons loaded, lesson files with problems, whether sound works). A small, pale
lock in the top-left corner opens the tutor and staff sign-in; it is on this screen only."""

from __future__ import annotations

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

from app.ui.i18n import sync_text
from app.ui.icons import IconLibrary
from app.ui.learner.texts import tr
from app.ui.scrolling import scroll_page
from app.ui.state import KioskState
from app.ui.theme import PALETTE
from app.ui.widgets import TextLabel, TopBar, big_button, set_min_size
from app.voice.platforms import system_of
from app.voice.speaker import Unavailable

STATUS_REFRESH_MS = 10_000
PICTURE_SIZE = 160
GAPS_PX = (24, 24, 48)  # under the picture, under the title, above Start
SHORT_GAP_PX = 12
CORNER_ICON_COLOUR = "#C4BCA8"  # pale on the warm white: there for staff, easy for learners to overlook
SOUND_KEYS = {
    Unavailable.NO_SOUND_DEVICE: "sound_no_device",
    Unavailable.NO_ENGINE: f"sound_no_engine_{system_of()}",  # what to install differs by platform
    Unavailable.TURNED_OFF: "sound_turned_off",
}


class WelcomeScreen(QWidget):
    start_requested = Signal()
    staff_requested = Signal()

    def __init__(self, state: KioskState, icons: IconLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._state = state
        self._services = None  # lessons, store and speech arrive just after the first paint
        self._icons: IconLibrary | None = icons  # and so do the two icons (draw_icons)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 24)
        top = TopBar(state)
        outer.addWidget(top)
        self._top = top
        # Start is kept in sight (_fit); what may wait below the fold on a short screen is the
        # staff's status, reached by a drag or the bar: no page-turn buttons inviting learners to it
        layout = QVBoxLayout()
        self.page = scroll_page(layout)
        outer.addWidget(self.page, 1)
        self._layout = layout
        self._gaps = [QSpacerItem(0, gap) for gap in GAPS_PX]
        layout.addStretch(2)
        self.picture = QLabel()
        self.picture.setProperty(
            "alignment", "AlignHCenter"
        )  # by name: nothing before the first paint names Qt (widgets.py)
        self.picture.setFixedHeight(PICTURE_SIZE)  # drawn just after the first paint: no jump then
        layout.addWidget(self.picture)
        layout.addItem(self._gaps[0])
        self.title = TextLabel("", "title", align="center")
        self.tagline = TextLabel("", "instruction", align="center")
        self.start = big_button("", kind="primary", role="button_main", name="start")
        set_min_size(self.start, 480, 120)
        self.start.clicked.connect(self.start_requested)
        self.start.setEnabled(False)
        layout.addWidget(self.title)
        layout.addItem(self._gaps[1])
        layout.addWidget(self.tagline)
        layout.addItem(self._gaps[2])
        centred = QHBoxLayout()  # centred by stretches, not an alignment flag: see widgets.py
        centred.addStretch(1)
        centred.addWidget(self.start)
        centred.addStretch(1)
        layout.addLayout(centred)
        layout.addStretch(3)
        self.status = TextLabel("", "caption", align="center")
        self.status.setObjectName("staff-status")
        self.status.setProperty("note", "status")
        layout.addWidget(self.status)
        for widget in (self.title, self.tagline, self.status):
            widget.setContentsMargins(120, 0, 120, 0)
        self.staff_button = QPushButton()
        self.staff_button.setObjectName("staff-corner")
        blank = QPixmap(64, 64)
        blank.fill(QColor(0, 0, 0, 0))  # transparent
        self.staff_button.setIcon(QIcon(blank))  # holds the lock's room until draw_icons
        self.staff_button.setIconSize(QSize(32, 32))
        self.staff_button.setStyleSheet(
            f"#staff-corner {{ border: none; background: transparent; }}"
            f"#staff-corner:pressed {{ background: {PALETTE.surface_alt}; }}"
        )
        self.staff_button.setEnabled(False)
        self.staff_button.clicked.connect(self.staff_requested)
        top.layout().insertWidget(0, self.staff_button)  # the top-left corner: no room taken from the page
        state.lang_changed.connect(self.retranslate)
        # after the new text size or language is applied to the words, not before
        state.theme_changed.connect(lambda *_: QTimer.singleShot(0, self._fit))
        state.lang_changed.connect(lambda *_: QTimer.singleShot(0, self._fit))
        self.retranslate()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self, *_: object) -> None:
        """Start stays in sight without scrolling, whatever the screen and the text size: on a
        short screen the gaps close up, then the picture (a decoration) makes way."""
        room = self.height() - self._top.sizeHint().height() - self.layout().contentsMargins().bottom()
        width = self.page.viewport().width()
        for picture, gap in ((True, None), (True, SHORT_GAP_PX), (False, SHORT_GAP_PX)):
            self._arrange(picture, gap)
            if self._height_to_start(width) <= room:
                return

    def _arrange(self, picture: bool, gap: int | None) -> None:
        for item, full in zip(self._gaps, GAPS_PX, strict=True):
            height = full if gap is None else min(full, gap)
            item.changeSize(0, height, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        if self.picture.isVisibleTo(self) != picture:
            self.picture.setVisible(picture)
        self._layout.invalidate()

    def _height_to_start(self, width: int) -> int:
        """From the top of the page to Start's bottom edge, with the words wrapped at `width`."""
        height = self._layout.contentsMargins().top()
        spacing = self._layout.spacing()
        for widget, gap in (
            (self.picture, self._gaps[0]),
            (self.title, self._gaps[1]),
            (self.tagline, self._gaps[2]),
        ):
            if widget.isVisibleTo(self):
                height += widget.heightForWidth(width) if widget.hasHeightForWidth() else widget.sizeHint().height()
                height += gap.sizeHint().height() + 2 * spacing
        return height + self.start.sizeHint().height()

    def draw_icons(self) -> None:
        """The picture and the corner lock, drawn just after the first paint (see open_window):
        loading Qt's SVG module for them was a tenth of the time to the first picture. Once."""
        if self._icons is None:
            return
        icons, self._icons = self._icons, None
        self.picture.setPixmap(icons.pixmap("lesson", PICTURE_SIZE))
        self.staff_button.setIcon(QIcon(icons.pixmap("lock", 64, CORNER_ICON_COLOUR)))

    def set_services(self, services: object) -> None:
        """Everything is loaded: show what loaded and let the learner start."""
        self._services = services
        self.draw_icons()  # if not drawn already
        self.start.setEnabled(True)
        self.staff_button.setEnabled(True)
        self.retranslate()
        self._status_timer = QTimer(self)  # records move to the centre in the background
        self._status_timer.timeout.connect(self._refresh_status)
        self._status_timer.start(STATUS_REFRESH_MS)

    def _refresh_status(self) -> None:
        if self.isVisible():
            self.status.set_text(self.status_text())

    def showEvent(self, event) -> None:
        """Back on this screen (after staff enrolled the kiosk, say): say how things are now."""
        super().showEvent(event)
        if self._services is not None:
            self._refresh_status()

    def status_text(self) -> str:
        """The staff-facing line: lessons loaded, problems, sound."""
        lang = self._state.lang
        if self._services is None:
            return tr("loading", lang)
        catalogue = self._services.kiosk.catalogue
        if catalogue.problems:
            lessons = tr(
                "lessons_problems",
                lang,
                count=len(catalogue.lessons),
                bad=len(catalogue.problems),
                first=catalogue.problems[0],
            )
        else:
            lessons = tr("lessons_ok", lang, count=len(catalogue.lessons))
        reason = self._services.kiosk.speaker.unavailable_reason
        sound = tr(SOUND_KEYS[reason], lang) if reason else tr("sound_ok", lang)
        return f"{lessons}\n{sound}\n{self.sync_text()}"

    def sync_text(self) -> str:
        """Where the learners' records are, in words staff can act on."""
        return sync_text(self._services.kiosk.centre, self._state.lang)

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.title.set_text(tr("app_title", lang))
        self.tagline.set_text(tr("welcome_tagline", lang))
        self.start.setText(tr("start", lang))
        self.staff_button.setAccessibleName(tr("staff_corner", lang))
        self.status.set_text(self.status_text())
