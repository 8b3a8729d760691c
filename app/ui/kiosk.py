"""Start the kiosk: paint the welcome screen first, then open the store, load the lessons and
start speech, and only then let the learner in. Heavy imports wait until after the first paint,
so an older learner never looks at a blank screen."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from app.core.resources import courses_dir
from app.store.options import CENTRE_HOME, CENTRE_URL, IDLE_SECONDS, KIOSK_ID, KIOSK_LANG
from app.ui.icons import IconLibrary
from app.ui.state import KioskState
from app.ui.sync_news import SyncNews
from app.ui.theme import FONT_FAMILY_LIST
from app.ui.touch_keyboard import KeyboardLanguage, KeyboardRoom, choose_input_method, keyboard_in_use
from app.ui.window import KioskWindow

if TYPE_CHECKING:
    import httpx

    from app.core.loader import Catalogue
    from app.core.xapi import KioskIdentity
    from app.store.db import Database
    from app.sync.sessions import CentreBoardReader
    from app.sync.worker import SyncWorker
    from app.ui.services import Services

log = logging.getLogger("silversteps.kiosk")
DEFAULT_IDLE_SECONDS = 180
DEFAULT_CENTRE_HOME = "https://silversteps.local/centre/default"  # until the kiosk is enrolled
BOARD_TIMEOUT_S = 3.0


def load_catalogue(folder: Path, icons: IconLibrary) -> Catalogue:
    """Load the lessons; problems are logged and shown on the staff status line, never fatal."""
    from app.core.loader import load_courses

    catalogue = load_courses([folder], icons=frozenset(icons.names()))
    for problem in catalogue.problems:
        log.warning("lesson problem: %s", problem)
    return catalogue


def build_services(
    data_dir: Path,
    courses: Path,
    idle_seconds: int | None,
    icons: IconLibrary | None = None,
    centre_url: str | None = None,
) -> Services:
    from app.store.db import open_database
    from app.ui.classroom import Classroom
    from app.ui.services import Services
    from app.voice.factory import make_speaker

    db = open_database(data_dir)
    icons = icons or IconLibrary()
    catalogue = load_catalogue(courses, icons)
    speaker = make_speaker(data_dir / "speech-cache")
    idle = idle_seconds or db.settings.get(IDLE_SECONDS) or DEFAULT_IDLE_SECONDS
    identity = kiosk_identity(db)
    if centre_url:
        db.settings.set(CENTRE_URL, centre_url)
    news = SyncNews()
    sync = start_sync(db, news.tell)
    classroom = Classroom(db, identity, board_reader(db))
    return Services(
        db=db,
        catalogue=catalogue,
        speaker=speaker,
        icons=icons,
        identity=identity,
        idle_seconds=idle,
        sync=sync,
        news=news,
        classroom=classroom,
    )


def start_sync(db: Database, on_news: Callable[[], None] | None = None) -> SyncWorker | None:
    """Share with the centre in the background, if this kiosk has a centre and the credentials
    it was given at enrolment: the outbox goes, the roster and lesson progress of the centre's
    other kiosks come back. Otherwise records wait safely on the kiosk."""
    from app.sync.enrol import centre_link

    link = centre_link(db.settings)
    if link is None:
        return None
    from app.sync.roster import RosterExchange
    from app.sync.sessions import SessionExchange
    from app.sync.worker import SyncWorker, Together

    def roster(client: httpx.Client) -> Together:
        return Together(
            RosterExchange(client, link, db.learners, db.progress, db.settings, db.sessions),
            SessionExchange(client, link, db.classes, db.settings),
        )

    worker = SyncWorker(db.outbox, link, roster=roster, on_news=on_news)
    worker.start()
    return worker


def relink(services: Services) -> None:
    """Staff enrolled the kiosk from its settings screen: records made from now on name the new
    centre, and a new worker sends them there with the new token. The old worker stops on its
    own thread, so a request it is waiting on never freezes the screen."""
    old = services.sync
    if old is not None:
        threading.Thread(target=old.stop, name="silversteps-sync-stop", daemon=True).start()
    services.identity = kiosk_identity(services.db)
    services.sync = start_sync(services.db, services.news.tell if services.news is not None else None)
    from app.ui.classroom import Classroom

    if services.classroom is not None:
        services.classroom.close()
    services.classroom = Classroom(services.db, services.identity, board_reader(services.db))


def board_reader(db: Database) -> CentreBoardReader | None:
    """How the tutor's board is read from the centre, if this kiosk has one."""
    from app.sync.enrol import centre_link
    from app.sync.sessions import CentreBoardReader

    link = centre_link(db.settings)
    return None if link is None else CentreBoardReader(link, BOARD_TIMEOUT_S)


def kiosk_identity(db: Database) -> KioskIdentity:
    """This kiosk's id, made once and kept, and the centre its learners belong to."""
    from app.core.xapi import KioskIdentity

    kiosk_id = db.settings.get(KIOSK_ID)
    if kiosk_id is None:
        kiosk_id = str(uuid.uuid4())
        db.settings.set(KIOSK_ID, kiosk_id)
    return KioskIdentity(kiosk_id=kiosk_id, centre_home=db.settings.get(CENTRE_HOME) or DEFAULT_CENTRE_HOME)


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
    data_dir: Path,
    courses: Path,
    *,
    lang: str | None,
    idle_seconds: int | None,
    closable: bool,
    centre_url: str | None = None,
) -> KioskWindow:
    """The window with its welcome screen; the rest is attached right after it is shown."""
    icons = IconLibrary()
    window = KioskWindow(KioskState(lang=lang or "zh"), icons, closable=closable)
    if keyboard_in_use():
        KeyboardLanguage(window.state, window)
        KeyboardRoom(window)

    def finish() -> None:
        services = build_services(data_dir, courses, idle_seconds, icons, centre_url)
        window.attach(services)
        if lang is None:
            window.state.set_lang(services.db.settings.get(KIOSK_LANG) or window.state.lang)
        log.info("kiosk started: data in %s, %d lessons", data_dir, len(services.catalogue.lessons))

    def icons_then_finish() -> None:
        # The welcome's icons come first, painted before the second or so of loading.
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
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    from app.store.paths import default_data_dir

    app = make_application(keyboard=getattr(args, "keyboard", "on"))
    data_dir = args.data_dir or default_data_dir()
    window = open_window(
        data_dir,
        args.courses or courses_dir(),
        lang=args.lang,
        idle_seconds=args.idle_seconds,
        closable=args.windowed,
        centre_url=args.centre,
    )
    if args.windowed:
        window.resize(1920, 1080)
        window.show()
    else:
        window.showFullScreen()
    # Ctrl+C / SIGTERM from a service manager end the program cleanly.
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
