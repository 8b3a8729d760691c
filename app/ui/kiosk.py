"""Start the kiosk: open the store, load the lessons, pick a speaker, show the window."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from app.core.loader import Catalogue, load_courses
from app.core.resources import courses_dir
from app.store.db import Database, open_database
from app.store.paths import default_data_dir
from app.ui.icons import IconLibrary
from app.ui.services import Services
from app.ui.state import KioskState
from app.ui.theme import FONT_FAMILIES
from app.ui.window import KioskWindow
from app.voice.factory import make_speaker

log = logging.getLogger("silversteps.kiosk")
DEFAULT_IDLE_SECONDS = 180


def load_catalogue(folder: Path, icons: IconLibrary) -> Catalogue:
    """Load the lessons; problems are logged and shown on the staff status line, never fatal."""
    catalogue = load_courses([folder], icons=frozenset(icons.names()))
    for problem in catalogue.problems:
        log.warning("lesson problem: %s", problem)
    return catalogue


def build_services(data_dir: Path, courses: Path, idle_seconds: int | None) -> tuple[Services, Database]:
    db = open_database(data_dir)
    icons = IconLibrary()
    catalogue = load_catalogue(courses, icons)
    speaker = make_speaker(data_dir / "speech-cache")
    idle = idle_seconds or int(db.settings.get("idle_seconds", DEFAULT_IDLE_SECONDS))
    return Services(db=db, catalogue=catalogue, speaker=speaker, icons=icons, idle_seconds=idle), db


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("SilverSteps")
    font = QFont()
    font.setFamilies([name.strip().strip('"') for name in FONT_FAMILIES.split(",")][:-1])
    app.setFont(font)
    return app


def run_kiosk(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    app = make_application()
    data_dir = args.data_dir or default_data_dir()
    services, db = build_services(data_dir, args.courses or courses_dir(), args.idle_seconds)
    state = KioskState(lang=args.lang or db.settings.get("kiosk_lang", "zh"))
    window = KioskWindow(state, services, closable=args.windowed)
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
    log.info("kiosk started: data in %s, %d lessons", data_dir, len(services.catalogue.lessons))
    code = app.exec()
    services.speaker.close()
    db.close()
    return code
