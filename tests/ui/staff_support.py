"""What the staff console tests share: a real kiosk window with a staff and a tutor account,
records made the way the kiosk makes them (class sessions, check-ins, lessons played step by
step), and waiting for a page's worker thread."""

from __future__ import annotations

import csv
import io
from datetime import date, time, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.core.class_sessions import ClassSession
from app.core.learners import LearnerRecord
from app.ui.services import Services
from app.ui.window import KioskWindow
from tests.sync.kiosk_support import Kiosk
from tests.ui.test_roles import Clock, open_role_kiosk, sign_in_as_staff

WORK_TIMEOUT_MS = 60_000


class Player:
    """Plays lessons into a kiosk's store exactly as the sync tests' Kiosk does (the player
    screen's records), without a centre of its own."""

    play = Kiosk.play
    _record = Kiosk._record

    def __init__(self, services: Services) -> None:
        self.db, self.identity = services.kiosk.db, services.kiosk.centre.identity


def open_console(data_dir: Path, *, lang: str = "en", accounts: bool = True) -> KioskWindow:
    """A kiosk with Ms Chen (staff, PIN) and Mr Lam (tutor, password), staff signed in
    (`accounts=False`: they were made already, before the kiosk enrolled)."""
    window = open_role_kiosk(data_dir, Clock(), lang=lang, accounts=accounts)
    sign_in_as_staff(window)
    return window


def wait_for(qtbot, page, timeout: int = WORK_TIMEOUT_MS) -> None:
    """Until the page's worker thread has reported back on the GUI thread."""
    qtbot.waitUntil(lambda: not page.worker.busy, timeout=timeout)
    QApplication.processEvents()


def said(label) -> str:
    return label.plain_text() if label.isVisible() else ""


def month_days(today: date) -> list[date]:
    """Days of this month spread over its weeks (some may be after today: sessions planned)."""
    first = today.replace(day=1)
    return [first + timedelta(days=k) for k in (0, 2, 7, 9, 10, 14, 16, 21, 23)]


def make_records(services: Services, names: list[tuple[str, str | None]]) -> list[LearnerRecord]:
    """Learners, sessions on days across this month with check-ins, and lessons completed, so
    reports have rows and charts have bars."""
    db = services.kiosk.db
    learners = [db.learners.add(name, digits) for name, digits in names]
    for i, day in enumerate(month_days(date.today())):
        session = ClassSession.new(
            "学用微信视频" if i % 2 else "手机支付", day, time(9, 30), time(11, 0), "201", "张老师"
        )
        db.classes.save(session)
        for learner in learners[: 2 + (i * 3) % max(1, len(learners) - 1)]:
            db.classes.check_in(session.id, learner.id, "tutor")
    player = Player(services)
    lessons = services.kiosk.catalogue.lessons
    for j, learner in enumerate(learners):
        for lesson in lessons[: 1 + (j * 2) % 9]:
            player.play(learner.id, lesson, steps=len(lesson.steps))
    return learners


def csv_rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for Chinese names
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
