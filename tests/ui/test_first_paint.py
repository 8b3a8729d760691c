"""What comes before the welcome screen's first picture: only what that picture needs. Lessons,
the store and the application layer, speech, the sync client, the two icons (and Qt's SVG
module for them), the Qt namespace and the tutor and staff consoles all come after it, and
then the icons are there and Start works (and shows the pointing hand to a mouse)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import sys
from pathlib import Path
from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer
from app.core.resources import courses_dir
from app.ui.kiosk import make_application, open_window

app = make_application()
window = open_window(Path(sys.argv[1]), courses_dir(), lang="zh", idle_seconds=None, closable=True)
window.resize(1920, 1080)

class FirstPaint(QObject):
    seen = False
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            later = ("PySide6.QtSvg", "sqlalchemy", "httpx", "app.kiosk", "app.ui.staff.console")
            loaded = [name for name in later if name in sys.modules]
            if "Qt" in vars(QtCore):  # the Qt namespace, 25-45 ms to build (app/ui/widgets.py)
                loaded.append("the Qt namespace")
            print("AT FIRST PAINT", ",".join(loaded) or "-", window.welcome.picture.pixmap().isNull(), flush=True)
        return False

def when_ready():
    if window.services is None:
        QTimer.singleShot(50, when_ready)
        return
    welcome = window.welcome
    drawn = welcome.picture.pixmap().width()
    pointing = welcome.start.cursor().shape() == QtCore.Qt.CursorShape.PointingHandCursor
    print("READY", drawn, welcome.start.isEnabled(), welcome.staff_button.isEnabled(), pointing, flush=True)
    app.quit()

watch = FirstPaint()
window.welcome.installEventFilter(watch)
window.show()
QTimer.singleShot(50, when_ready)
app.exec()
"""


def test_the_first_picture_waits_for_nothing_it_does_not_show(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SILVERSTEPS_SPEECH": "off"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    lines = {line.split(" ", 1)[0]: line for line in done.stdout.splitlines() if line.startswith(("AT", "READY"))}
    assert "AT" in lines and "READY" in lines, done.stdout + done.stderr
    assert lines["AT"] == "AT FIRST PAINT - True", "nothing but the welcome itself before its first paint"
    assert lines["READY"] == "READY 160 True True True", "then the picture is drawn, Start works and points"
