"""The on-screen keyboard, so a learner at a touch screen can type their name and staff can
fill a form without a hardware keyboard.

Why a library and not our own keys: typing Chinese by touch needs a pinyin input method and
its dictionary. Qt Virtual Keyboard has one (and English), draws keys sized for fingers, and
reaches every Qt text box through the standard input-method interface. It ships in
PySide6-Addons, an optional extra (`pip install -e ".[keyboard]"`), because it is licensed
GPLv3 (see docs/keyboard.md) while SilverSteps is MIT.

Three things it does not do for a widgets program, done here:
- it must be chosen before the QApplication exists (`choose_input_method`);
- its languages are every layout Qt has (43); `KeyboardLanguage` keeps them to the kiosk's
  two, the kiosk's own language first, so the globe key only swaps Chinese and English;
- it opens over the bottom of the window and would hide the box being typed in;
  `KeyboardRoom` gives the scroller around that box room below it and scrolls it into view.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, MutableMapping
from typing import Protocol

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QLibraryInfo, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QScrollArea, QWidget

from app.ui.state import KioskState

log = logging.getLogger("silversteps.keyboard")

INPUT_METHOD = "qtvirtualkeyboard"
KEYBOARD_LOCALES = {"zh": "zh_CN", "en": "en_GB"}
SETTINGS_MODULE = ("QtQuick.VirtualKeyboard.Settings", "VirtualKeyboardSettings")
ROOM_ABOVE_KEYS = 24  # px between the box being typed in and the top of the keys
# Sent to a text box whose keys are offered. Qt's own RequestSoftwareInputPanel would say the
# same, but Qt 6 no longer delivers it to event filters.
KEYS_OFFERED = QEvent.Type(QEvent.registerEventType())


def keyboard_installed() -> bool:
    """PySide6-Essentials carries the keyboard's plugin, PySide6-Addons the libraries it needs.
    importlib.metadata is imported here, not at the top: it costs 26 ms, a sixth of the time
    to the welcome screen, and only a kiosk asked for the keyboard needs it."""
    # 26 ms of start-up, and only a kiosk asked for the keyboard needs it
    from importlib.metadata import PackageNotFoundError, version

    try:
        version("PySide6-Addons")
    except PackageNotFoundError:
        return False
    plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
    folder = os.path.join(plugins, "platforminputcontexts")
    return os.path.isdir(folder) and any("virtualkeyboard" in name for name in os.listdir(folder))


def choose_input_method(wanted: str, environ: MutableMapping[str, str] | None = None) -> bool:
    """Before the QApplication is made: use the on-screen keyboard when `wanted` is "on" and it
    is installed. An input method the centre set up itself (QT_IM_MODULE=fcitx, ibus…) wins.
    Returns whether the on-screen keyboard is in use."""
    env = os.environ if environ is None else environ
    chosen = env.get("QT_IM_MODULE")
    if chosen:
        return chosen == INPUT_METHOD
    if wanted != "on":
        return False
    if not keyboard_installed():
        log.info("no on-screen keyboard: install the [keyboard] extra (PySide6-Addons) for one")
        return False
    env["QT_IM_MODULE"] = INPUT_METHOD
    return True


def keyboard_in_use() -> bool:
    return os.environ.get("QT_IM_MODULE") == INPUT_METHOD


def offer_keyboard(field: QLineEdit) -> None:
    """Put the cursor in `field` and open the on-screen keys at once: a learner should not have
    to know that tapping the box brings them."""
    field.setFocus()
    # After the screen change that brought the field, so the field is on screen by then.
    QTimer.singleShot(0, field, lambda: _open_keys_for(field))


def _open_keys_for(field: QLineEdit) -> None:
    """Qt's keys through the input method; the system's (app/ui/system_keyboard.py) hear
    KEYS_OFFERED, where the kiosk has them."""
    if not (field.isVisible() and field.hasFocus()):
        return
    if keyboard_in_use():
        QGuiApplication.inputMethod().show()
    else:
        QApplication.sendEvent(field, QEvent(KEYS_OFFERED))


def keys_for(field: QLineEdit, wanted: bool) -> None:
    """Whether tapping `field` opens the on-screen keyboard (not for a PIN with its own pad)."""
    field.setAttribute(QtCore.Qt.WidgetAttribute.WA_InputMethodEnabled, wanted)


def keyboard_settings() -> QObject | None:
    """The keyboard's settings object, which exists once the keyboard has first been shown."""
    from PySide6.QtQuick import QQuickWindow  # so Qt's windows arrive as their real types

    for window in QGuiApplication.topLevelWindows():
        engine = getattr(window, "engine", None) if isinstance(window, QQuickWindow) else None
        if engine is None:
            continue
        settings = engine().singletonInstance(*SETTINGS_MODULE)
        if settings is not None:
            return settings
    return None


class KeyboardLanguage(QObject):
    """Chinese and English only, in the kiosk's language first; follows the kiosk's switch."""

    def __init__(self, state: KioskState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = state
        state.lang_changed.connect(lambda _lang: self.apply())
        QGuiApplication.inputMethod().visibleChanged.connect(self.apply)

    def apply(self) -> None:
        settings = keyboard_settings()
        if settings is None:
            return
        first = KEYBOARD_LOCALES.get(self._state.lang, "zh_CN")
        wanted = [first] + [locale for locale in KEYBOARD_LOCALES.values() if locale != first]
        if settings.property("activeLocales") != wanted:
            settings.setProperty("activeLocales", wanted)
        if settings.property("locale") != first:
            settings.setProperty("locale", first)


class QtKeys:
    """Where Qt Virtual Keyboard's keys are: QInputMethod knows, and says when they move."""

    def __init__(self) -> None:
        self._method = QGuiApplication.inputMethod()

    def connect_changed(self, slot: Callable[[], None]) -> None:
        self._method.keyboardRectangleChanged.connect(slot)
        self._method.visibleChanged.connect(slot)

    def top_on_screen(self, window: QWidget) -> int | None:
        """The keys' top edge in screen coordinates, None when they are not up."""
        if not self._method.isVisible():
            return None
        keys = self._method.keyboardRectangle().toRect()
        if keys.isEmpty():
            return None
        # The rectangle is given in the focused window's coordinates.
        return window.mapToGlobal(window.rect().topLeft()).y() + keys.top()


class KeysOnScreen(Protocol):
    """An on-screen keyboard KeyboardRoom makes room for: Qt's, or the system's (Windows)."""

    def connect_changed(self, slot: Callable[[], None]) -> None: ...

    def top_on_screen(self, window: QWidget) -> int | None: ...


class KeyboardRoom(QObject):
    """While the keyboard is up, the scroller around the focused box gets room below its page
    as tall as the keys cover, and the box is scrolled above the keys."""

    def __init__(self, parent: QObject | None = None, keys: KeysOnScreen | None = None) -> None:
        super().__init__(parent)
        self._padded: tuple[QScrollArea, int] | None = None  # the scroller and its old margin
        self._keys = keys or QtKeys()
        self._keys.connect_changed(self._later)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)  # a method: gone with this object

    def _focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        self._later()

    def _later(self) -> None:
        # Qt reports the rectangle before the keys have settled; act once they have.
        QTimer.singleShot(0, self, self.update_room)

    def covered_height(self, widget: QWidget) -> int:
        """How much of the widget's window the keys cover, from the bottom edge."""
        window = widget.window()
        keys_top = self._keys.top_on_screen(window)
        if keys_top is None:
            return 0
        bottom = window.mapToGlobal(window.rect().topLeft()).y() + window.height()
        return max(0, bottom - keys_top)

    def update_room(self) -> None:
        focus = QApplication.focusWidget()
        area = _scroller_of(focus) if isinstance(focus, QLineEdit) else None
        covered = self.covered_height(focus) if area is not None and focus is not None else 0
        if self._padded is not None and (covered == 0 or self._padded[0] is not area):
            self._restore()
        if area is None or focus is None or covered == 0:
            return
        page = area.widget()
        layout = page.layout() if page is not None else None
        if layout is None:
            return
        margins = layout.contentsMargins()
        if self._padded is None:
            self._padded = (area, margins.bottom())
        wanted = self._padded[1] + covered + ROOM_ABOVE_KEYS
        if margins.bottom() != wanted:
            margins.setBottom(wanted)
            layout.setContentsMargins(margins)
            layout.activate()
        QTimer.singleShot(0, area, lambda: _scroll_into_view(area, focus, covered))

    def _restore(self) -> None:
        area, bottom = self._padded or (None, 0)
        self._padded = None
        if area is None:
            return
        try:
            page = area.widget()
        except RuntimeError:  # the screen is gone
            return
        layout = page.layout() if page is not None else None
        if layout is not None:
            margins = layout.contentsMargins()
            margins.setBottom(bottom)
            layout.setContentsMargins(margins)


def _scroller_of(widget: QWidget | None) -> QScrollArea | None:
    while widget is not None:
        if isinstance(widget, QScrollArea):
            return widget
        widget = widget.parentWidget()
    return None


def _scroll_into_view(area: QScrollArea, focus: QWidget, covered: int) -> None:
    """Scroll so the box sits above the keys (ensureWidgetVisible alone would leave it under
    them: the scroller itself reaches the window's bottom edge)."""
    try:
        viewport = area.viewport()
        box_bottom = focus.mapTo(viewport, focus.rect().bottomLeft()).y()
    except RuntimeError:
        return
    area_bottom_in_window = viewport.mapTo(viewport.window(), viewport.rect().bottomLeft()).y()
    window_height = viewport.window().height()
    hidden_below = max(0, covered - (window_height - area_bottom_in_window))
    visible_bottom = viewport.height() - hidden_below - ROOM_ABOVE_KEYS
    if box_bottom > visible_bottom:
        bar = area.verticalScrollBar()
        bar.setValue(bar.value() + box_bottom - visible_bottom)
