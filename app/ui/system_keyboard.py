"""The operating system's own touch keyboard, for a kiosk without Qt Virtual Keyboard (the
PyInstaller bundle leaves it out: it is GPLv3, see docs/keyboard.md). On Windows that is the
touch keyboard (TabTip), which a Qt program does not open by itself: this opens it when a text
box is tapped or offered (`offer_keyboard` sends KEYS_OFFERED), as Qt's own
keys open, closes it when the focus leaves the text boxes, and tells KeyboardRoom where its
keys are so the box is never hidden under them.

The platform part sits behind `SystemKeys` (app/ui/windows_touch_keyboard.py on Windows), so
the behaviour here is tested on Linux with a stand-in that behaves as Windows' keyboard does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from app.ui.touch_keyboard import KEYS_OFFERED

POLL_MS = 300  # Windows says nothing when its keyboard moves or closes: it is looked at
ASKS_FOR_KEYS = (QEvent.Type.MouseButtonRelease, KEYS_OFFERED)  # a tap, an offer


class SystemKeys(Protocol):
    """A platform's touch keyboard. `rect` is where its keys are, in the screen's physical
    pixels (left, top, width, height), or None when they are not up."""

    def show(self) -> None: ...

    def hide(self) -> None: ...

    def rect(self) -> tuple[int, int, int, int] | None: ...


def wants_keys(widget: QWidget | None) -> bool:
    """A text box that types with keys: not a PIN or phone digits with their own pad."""
    return (
        isinstance(widget, QLineEdit)
        and not widget.isReadOnly()
        and widget.testAttribute(QtCore.Qt.WidgetAttribute.WA_InputMethodEnabled)  # QtCore.Qt: see widgets.py
    )


class SystemKeyboard(QObject):
    """Opens and closes the system's keys with the focus; a KeysOnScreen for KeyboardRoom."""

    changed = Signal()

    def __init__(self, keys: SystemKeys, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keys = keys
        self._last: tuple[int, int, int, int] | None = None
        self._open = False
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._look)
        app = QApplication.instance()
        if isinstance(app, QApplication):  # taps are watched on the focused text box alone
            app.focusChanged.connect(self._focus_moved)

    # ---- KeysOnScreen -------------------------------------------------------------------------

    def connect_changed(self, slot: Callable[[], None]) -> None:
        self.changed.connect(slot)

    def top_on_screen(self, window: QWidget) -> int | None:
        """The keys' top edge in Qt's screen coordinates (Windows gives physical pixels)."""
        if self._last is None:
            return None
        return round(self._last[1] / window.devicePixelRatioF())

    # ---- taps and the focus -------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        asked = event.type() in ASKS_FOR_KEYS and isinstance(watched, QWidget) and wants_keys(watched)
        if asked and watched.hasFocus() and (not self._open or self._last is None):  # closed by hand too
            self._open = True
            self._keys.show()
            self._poll.start()
            self._look()
        return False

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        """Taps are heard on the focused text box; another text box keeps the keys up, anything
        else closes them."""
        if wants_keys(old):
            old.removeEventFilter(self)
        if wants_keys(new):
            new.installEventFilter(self)
        elif self._open:
            self._open = False
            self._keys.hide()
            self._poll.stop()
            self._look()

    def _look(self) -> None:
        rect = self._keys.rect() if self._open else None
        if rect != self._last:
            self._last = rect
            self.changed.emit()
