"""Idle sign-out: after a quiet spell the learner is warned (at least 20 s, with a large
"I'm still here" button) and only then signed out. Progress is already saved step by step,
so signing out loses nothing.

Background work of the staff console (app/ui/work.py: a long export, a call to the centre)
holds the countdown: the quiet spell that ends while work runs asks for no warning, and the
countdown starts again from the beginning once the work has finished and said how it went."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFrame, QVBoxLayout, QWidget

from app.ui.i18n import tr
from app.ui.state import KioskState
from app.ui.widgets import TextLabel, big_button, set_min_size
from app.ui.work import running_work

MIN_WARNING_SECONDS = 20
ACTIVITY_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    """Watches every input event of the application while a session is on; asks for a
    warning, then a sign-out. It listens only between `start` and `stop`: a filter on the
    whole application is a Python call for every event (a change of text size alone sends
    over a hundred thousand), and two watchers are never on at once."""

    warn = Signal()
    timed_out = Signal()
    resumed = Signal()  # a warning held for work under way is taken back: the countdown restarts

    def __init__(self, idle_seconds: float, warning_seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.warning_seconds = max(MIN_WARNING_SECONDS, warning_seconds)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(int(idle_seconds * 1000))
        self._idle.timeout.connect(self._on_idle)
        self._warning = QTimer(self)
        self._warning.setSingleShot(True)
        self._warning.setInterval(int(self.warning_seconds * 1000))
        self._warning.timeout.connect(self._on_warning_over)
        self.active = False
        self.held = False  # the quiet spell ended while work was running: waiting for it
        self._work = running_work()
        self._work.finished.connect(self._work_finished)

    def start(self) -> None:
        QApplication.instance().installEventFilter(self)  # a second install still leaves one filter
        self.active = True
        self.held = False
        self._warning.stop()
        self._idle.start()

    def stop(self) -> None:
        QApplication.instance().removeEventFilter(self)
        self.active = False
        self.held = False
        self._idle.stop()
        self._warning.stop()

    @property
    def warning(self) -> bool:
        return self._warning.isActive()

    def seconds_left(self) -> int:
        return max(0, round(self._warning.remainingTime() / 1000)) if self.warning else 0

    def still_here(self) -> None:
        if self.active:
            self.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # While the warning shows, only the "I'm still here" button (or any tap on it) counts.
        if self.active and event.type() in ACTIVITY_EVENTS and not self._warning.isActive():
            self._idle.start()
        return False

    def _on_idle(self) -> None:
        if self._work.busy:  # an export under way: no warning until it is done
            self.held = True
            return
        self._warning.start()
        self.warn.emit()

    def _on_warning_over(self) -> None:
        if self._work.busy:  # work began during the warning: sign out only once it is done
            self.held = True
            return
        self.timed_out.emit()

    def _work_finished(self) -> None:
        """The last background job has ended: the quiet spell starts again from now."""
        if self.active and (self.held or not self._warning.isActive()):
            self.held = False
            self._warning.stop()
            self._idle.start()
            self.resumed.emit()


class IdleOverlay(QFrame):
    """The warning, drawn over the whole window; any tap on it means "I'm still here"."""

    still_here = Signal()

    def __init__(
        self, state: KioskState, watcher: IdleWatcher, parent: QWidget, *, message_key: str = "idle_message"
    ) -> None:
        """`message_key` says what happens next: a learner's progress is kept, a tutor is signed out."""
        super().__init__(parent)
        self._state = state
        self._watcher = watcher
        self._message_key = message_key
        self.setObjectName("idle-overlay")
        self.setProperty("overlay", True)
        self.setStyleSheet("#idle-overlay { background: rgba(20, 20, 20, 170); }")
        card = QFrame(self)
        card.setProperty("card", True)
        card.setObjectName("idle-card")
        column = QVBoxLayout(card)
        column.setContentsMargins(48, 40, 48, 40)
        column.setSpacing(24)
        self.title = TextLabel("", "title", align="center")
        self.message = TextLabel("", "instruction", align="center")
        self.button = big_button("", kind="primary", role="button_main", name="still-here")
        set_min_size(self.button, 420, 120)
        self.button.clicked.connect(self.still_here)
        column.addWidget(self.title)
        column.addWidget(self.message)
        column.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.card = card
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.retranslate)
        state.lang_changed.connect(self.retranslate)
        watcher.resumed.connect(self.close_overlay)
        self.hide()

    def open(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.retranslate()
        self._fit_card()
        self.show()
        self.raise_()
        self._tick.start()

    def _fit_card(self) -> None:
        """A centred box does not get height-for-width from its layout: size it ourselves."""
        width = min(1400, self.width() - 160)
        self.card.setFixedWidth(width)
        self.card.setFixedHeight(self.card.layout().totalHeightForWidth(width))

    def close_overlay(self) -> None:
        self._tick.stop()
        self.hide()

    def mousePressEvent(self, event) -> None:
        self.still_here.emit()

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        seconds = self._watcher.seconds_left() or int(self._watcher.warning_seconds)
        self.title.set_text(tr("idle_title", lang))
        self.message.set_text(tr(self._message_key, lang, seconds=seconds))
        self.button.setText(tr("still_here", lang))
