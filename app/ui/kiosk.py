"""Start the kiosk: paint the welcome screen first, then open the store, load the lessons and
start speech, and only then let the learner in. Heavy imports wait until after the first paint,
so an older learner never looks at a blank screen."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from app.core.names import surname_reading
from app.core.resources import courses_dir
from app.ui.icons import IconLibrary
from app.ui.state import KioskState
from app.ui.sync_news import SyncNews
from app.ui.system_keyboard import SystemKeyboard
from app.ui.theme import FONT_FAMILY_LIST
from app.ui.touch_keyboard import KeyboardLanguage, KeyboardRoom, choose_input_method, keyboard_in_use
from app.ui.widgets import cursors_after_first_paint
from app.ui.window import KioskWindow
from app.ui.windows_touch_keyboard import system_keys

if TYPE_CHECKING:
    from app.ui.services import Services

log = logging.getLogger("silversteps.kiosk")


def build_services(
    data_dir: Path | None,
    courses: Path,
    idle_seconds: int | None,
    icons: IconLibrary | None = None,
    centre_url: str | None = None,
) -> Services:
    """The application layer (store, lessons, speech, centre) and the screens' own pieces."""
    # Imported here, after the first paint: the application layer brings SQLAlchemy, pydantic
    # and the sync client, about two thirds of the kiosk's imports (and ctypes, for handwriting).
    from app.handwriting.zinnia import open_recognizer
    from app.kiosk.assembly import build_kiosk
    from app.ui.services import Services

    icons = icons or IconLibrary()
    news = SyncNews()
    kiosk = build_kiosk(
        data_dir, courses, icon_names=icons.names(), idle_seconds=idle_seconds, centre_url=centre_url, on_news=news.tell
    )
    return Services(kiosk=kiosk, icons=icons, news=news, handwriting=open_recognizer())


def make_application(argv: list[str] | None = None, *, keyboard: str = "off") -> QApplication:
    """The QApplication, with the on-screen keyboard chosen first when `keyboard` is "on"."""
    if QApplication.instance() is None:
        choose_input_method(keyboard)
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("SilverSteps")
    font = QFont()
    font.setFamilies(FONT_FAMILY_LIST)
    app.setFont(font)
    return app


def open_window(
    data_dir: Path | None,
    courses: Path,
    *,
    lang: str | None,
    idle_seconds: int | None,
    closable: bool,
    centre_url: str | None = None,
    keyboard: str = "off",
) -> KioskWindow:
    """The window with its welcome screen; the rest is attached right after it is shown.
    `keyboard` "on": Qt's on-screen keys where installed, else the system's (Windows)."""
    icons = IconLibrary()
    window = KioskWindow(KioskState(lang=lang or "zh"), icons, closable=closable)
    if keyboard_in_use():
        KeyboardLanguage(window.state, window)
        KeyboardRoom(window)
    elif keyboard == "on" and (keys := system_keys()) is not None:
        KeyboardRoom(window, keys=SystemKeyboard(keys, window))

    def finish() -> None:
        # After the first paint, as build_services: nothing of app.kiosk before it (test_first_paint)
        from app.kiosk.records import RecordsUnavailable

        try:
            services = build_services(data_dir, courses, idle_seconds, icons, centre_url)
        except RecordsUnavailable as unavailable:
            # Staff are told on the screen; the store kept a copy and changed nothing.
            log.error("the kiosk cannot open its records: %s", unavailable)
            window.show_records_problem(unavailable.problem)
            return
        window.attach(services)
        if lang is None:
            window.state.set_lang(services.kiosk.preferences.kiosk_lang() or window.state.lang)
        # Names are sorted by pinyin, whose dictionary takes a fifth of a second to load: now,
        # while the learner reads the welcome, not on their tap of Start.
        QTimer.singleShot(0, lambda: surname_reading("王"))
        log.info(
            "kiosk started: data in %s, %d lessons", services.kiosk.data_dir, len(services.kiosk.catalogue.lessons)
        )

    def icons_then_finish() -> None:
        # The welcome's icons and buttons' cursors come first, before the second or so of loading.
        cursors_after_first_paint()
        window.welcome.draw_icons()
        _after_first_paint(window.welcome, finish)

    _after_first_paint(window.welcome, icons_then_finish)
    return window


class _FirstPaint(QObject):
    """Runs `callback` once, just after `widget` has painted (or after a second, whichever
    comes first), so loading never delays the first picture on screen."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        QTimer.singleShot(1000, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            QTimer.singleShot(0, self._run)
        return False

    def _run(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            self._widget.removeEventFilter(self)
            callback()


def _after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    _FirstPaint(widget, callback)


def run_kiosk(args: argparse.Namespace) -> int:
    # Here, not at the top: app.kiosk comes after the welcome's first paint (test_first_paint);
    # the log file module itself is plain Python, a few milliseconds.
    from app.kiosk.log_file import start_kiosk_log

    log_path = start_kiosk_log(args.data_dir)  # <data>/logs/kiosk.log; stderr too where there is one
    logging.getLogger("alembic").setLevel(logging.WARNING)
    log.info("kiosk starting: log in %s", log_path)
    app = make_application(keyboard=getattr(args, "keyboard", "on"))
    window = open_window(
        args.data_dir,
        args.courses or courses_dir(),
        lang=args.lang,
        idle_seconds=args.idle_seconds,
        closable=args.windowed,
        centre_url=args.centre,
        keyboard=getattr(args, "keyboard", "on"),
    )
    if args.windowed:
        window.resize(window.screen().availableGeometry().size().boundedTo(QSize(1920, 1080)))
        window.show()
    else:
        window.fill_screen()
    # Ctrl+C / SIGTERM from a service manager end the program cleanly. On Windows nothing sends
    # SIGTERM (ending a task there is TerminateProcess, which no handler sees); every step is
    # committed as it is made, so such an end loses no progress either.
    signal.signal(signal.SIGTERM, lambda *_: window.quit_for_staff())
    signal.signal(signal.SIGINT, lambda *_: window.quit_for_staff())
    heartbeat = QTimer()  # lets Python run signal handlers while Qt's loop waits
    heartbeat.start(250)
    heartbeat.timeout.connect(lambda: None)
    if args.quit_after is not None:
        QTimer.singleShot(int(args.quit_after * 1000), window.quit_for_staff)
    code = app.exec()
    if window.services is not None:
        window.services.close()
    return code
