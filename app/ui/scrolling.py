"""Pages that scroll the way an older learner at a touch screen can use them: dragged and
flicked by a finger (app/ui/finger_scroll.py), and with large "page up" and "more below"
buttons under a page that is longer than its window, so a learner who has never dragged a
screen sees in words that there is more and gets to it with a tap. The buttons sit in the
scroll area's own bottom margin, so they never cover what they page through; beside a wide,
short page (the lesson's words at the largest text) they stand in its right margin instead,
as two arrows, where they cost the page less of its height."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QSize, QTimer
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QBoxLayout,
    QLayout,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QWidget,
)

from app.ui.finger_scroll import scroll_by_finger
from app.ui.i18n import tr
from app.ui.state import KioskState
from app.ui.widgets import big_button

SETTLE_MS = 60
PAGE_SHARE = 0.8  # a tap moves this much of what shows: the last lines stay in sight, for reading on
GAP_PX = 12
RIGHT_PX = 48


class PageTurns(QWidget):
    def __init__(self, area: QAbstractScrollArea, state: KioskState) -> None:
        super().__init__(area)
        self.setObjectName("page-turns")
        self._area = area
        self._state = state
        self.bar_off = False  # the page has no scroll bar to keep clear of (set by its screen)
        self.beside = False  # in the page's right margin, not under it (set by its screen: set_beside)
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        row.setContentsMargins(0, GAP_PX, RIGHT_PX, GAP_PX)  # clear of the scroll bar and of what is below
        row.setSpacing(24)
        self.up = big_button("", kind="secondary", name="page-up")
        self.down = big_button("", kind="secondary", name="page-down")
        for button in (self.up, self.down):
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        row.addStretch(1)
        row.addWidget(self.up)
        row.addWidget(self.down)
        self.up.clicked.connect(lambda: self.turn(-1))
        self.down.clicked.connect(lambda: self.turn(+1))
        self._updating = False
        # The range jumps about while a page is rebuilt (its old tiles go before the new ones
        # come) and after the margins change: decide once it has settled.
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(SETTLE_MS)
        self._later.timeout.connect(self._update)
        bar = area.verticalScrollBar()
        bar.rangeChanged.connect(lambda *_: self._later.start())
        bar.valueChanged.connect(lambda *_: self._mark())
        area.installEventFilter(self)
        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(lambda _theme: (self._restyle(), self._later.start()))
        self._restyle()
        self.retranslate()
        self.hide()

    @property
    def settling(self) -> bool:
        """Whether the buttons are still to decide whether to come or go (the page's size
        changed less than SETTLE_MS ago)."""
        return self._later.isActive()

    def decide_now(self) -> None:
        """Decide at once what the pending decision would, for a caller that has let the
        layouts settle already (a test walking hundreds of screens)."""
        if self._later.isActive():
            self._later.stop()
            self._update()

    def set_beside(self, beside: bool) -> None:
        """In the page's right margin (a wide, short page) or under it."""
        if beside == self.beside:
            return
        self.beside = beside
        row = self.layout()
        stretch = next(i for i in range(row.count()) if row.itemAt(i).spacerItem() is not None)
        row.takeAt(stretch)  # before the arrows in a row; between them beside, at the top and bottom
        row.insertStretch(1 if beside else 0, 1)
        row.setDirection(QBoxLayout.Direction.TopToBottom if beside else QBoxLayout.Direction.LeftToRight)
        margins = self._area.viewportMargins()
        self._area.setViewportMargins(margins.left(), margins.top(), 0, 0)  # given again by _update
        self.retranslate()

    def turn(self, direction: int) -> None:
        """Move the page by most of a screenful, down (+1) or up (-1), never past an end."""
        bar = self._area.verticalScrollBar()
        step = max(1, round(self._area.viewport().height() * PAGE_SHARE))
        target = min(bar.maximum(), max(bar.minimum(), bar.value() + direction * step))
        scroller = QScroller.scroller(self._area.viewport())
        scroller.scrollTo(QPointF(self._area.horizontalScrollBar().value(), target), 250)

    def _restyle(self, *, slim: bool = False) -> None:
        """Slimmer than the theme's buttons (still a full touch target): they take room from
        the page they turn. `slim`: the arrows alone, in a narrow column."""
        theme = self._state.theme
        side = theme.px(8 if slim else 24)
        style = f"QPushButton {{ min-height: {theme.touch}px; padding: {theme.px(4)}px {side}px; }}"
        if self.styleSheet() != style:
            self.setStyleSheet(style)

    def retranslate(self, *_: object) -> None:
        self._words()
        self._update()

    def _words(self) -> None:
        """Their words, or fewer of them where the page is too narrow for both ("▲", "▼ 还有"),
        or the arrows alone in a narrow column at the largest text: a button is never squeezed
        below its words."""
        lang = self._state.lang
        if self.beside:
            self.layout().setContentsMargins(GAP_PX, 0, GAP_PX, 0)
        else:
            self.layout().setContentsMargins(0, GAP_PX, 0 if self.bar_off else RIGHT_PX, GAP_PX)
        margins = self.layout().contentsMargins()
        wordings = (
            [(None, None)]
            if self.beside
            else [("page_up", "page_down"), ("page_up_short", "page_down_short"), (None, None)]
        )
        for up, down in wordings:
            self.up.setText(tr(up, lang) if up else "▲")
            self.down.setText(tr(down, lang) if down else "▼")
            self._restyle(slim=up is None)
            needed = self.up.sizeHint().width() + self.down.sizeHint().width() + self.layout().spacing()
            if needed + margins.left() + margins.right() <= self._area.width():
                break

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._area and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._words()
            self._place()
        return False

    def _update(self) -> None:
        """Show the buttons (and take room for them) only while the page is too long for its
        window without them: the room they take is given back as soon as the page would fit."""
        if self._updating:  # the range moved because the margins did: settle first
            self._later.start()
            return
        margins = self._area.viewportMargins()
        taken = margins.right() if self.beside else margins.bottom()
        # as if no room were taken (beside, the page is as long for its width, near enough)
        overflow = self._area.verticalScrollBar().maximum() - (0 if self.beside else taken)
        size = self.sizeHint()
        wanted = (size.width() if self.beside else size.height()) if overflow > 0 else 0
        if taken != wanted:
            self._updating = True
            try:
                if self.beside:
                    self._area.setViewportMargins(margins.left(), margins.top(), wanted, margins.bottom())
                else:
                    self._area.setViewportMargins(margins.left(), margins.top(), margins.right(), wanted)
            finally:
                self._updating = False
            self._later.start()
        self.setVisible(bool(wanted))
        self._place()
        self._mark()

    def _place(self) -> None:
        if self.isHidden():  # (not isVisible: a page not on screen yet still needs them placed)
            return
        if self.beside:  # in the right margin, between the page and its scroll bar
            page = self._area.viewport().geometry()
            self.setGeometry(page.right() + 1, page.top(), self.sizeHint().width(), page.height())
        else:
            height = self.sizeHint().height()
            frame = self._area.frameWidth()
            inner = self._area.rect().adjusted(frame, frame, -frame, -frame)
            self.setGeometry(inner.left(), inner.bottom() + 1 - height, inner.width(), height)
        self.raise_()

    def _mark(self) -> None:
        bar = self._area.verticalScrollBar()
        self.up.setEnabled(bar.value() > bar.minimum())
        self.down.setEnabled(bar.value() < bar.maximum())


class _PageBody(QWidget):
    """A scrolled page's body whose height is what its words need at the width it has. Its
    layout's own minimum adds up every wrapping label at its narrowest (many short lines), so
    the scroller would think a page that fits overflows, show a scroll bar and leave a long
    empty tail to scroll through."""

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), 0)


def scroll_page(layout: QLayout, state: KioskState | None = None) -> QScrollArea:
    """Put a page's body in a frameless vertical scroller, so text at 150 % scrolls on a small
    screen instead of pushing the window past the screen's edge. The scroll bar shows only
    when the body, wrapped at the scroller's width, is taller than the scroller. It scrolls by
    finger; given the kiosk's state, it also has the page-turn buttons (`PageTurns`)."""
    body = _PageBody()
    body.setObjectName("page-body")
    body.setLayout(layout)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setProperty("horizontalScrollBarPolicy", "ScrollBarAlwaysOff")  # by name: see _AWAITING_CURSOR
    area.setProperty("verticalScrollBarPolicy", "ScrollBarAsNeeded")
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(body)
    return touch_scrolling(area, state)


def touch_scrolling(area: QScrollArea, state: KioskState | None) -> QScrollArea:
    """Any scroll area of the kiosk's screens: by finger, and (given the state) with page turns."""
    scroll_by_finger(area)
    if state is not None:
        area.page_turns = PageTurns(area, state)  # type: ignore[attr-defined]
    return area
