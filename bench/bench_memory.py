"""Kiosk memory: resident size of a bare PySide6 window, of the kiosk after every lesson has
been played once, and its growth over 200 more plays (a leak would show here, long before a
centre notices a kiosk slowing down over a week). Targets: <= 250 MB, growth <= 5 %."""

from __future__ import annotations

import gc
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import ROOT, kiosk_screen_env, rss_mb, use_kiosk_screen

PLAYS = int(sys.argv[1]) if len(sys.argv) > 1 else 200
BARE_WINDOW = """
import sys
sys.path.insert(0, {bench!r})
from _common import rss_mb
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("SilverSteps")
label.resize(1920, 1080)
label.show()
app.processEvents()
print(rss_mb())
"""


def bare_window_mb() -> float:
    """A bare PySide6 window in its own process, so nothing of the kiosk is counted."""
    code = BARE_WINDOW.format(bench=str(ROOT / "bench"))
    done = subprocess.run([sys.executable, "-c", code], env=kiosk_screen_env(), capture_output=True, text=True)
    return float(done.stdout.strip())


def main() -> None:
    bare = bare_window_mb()
    use_kiosk_screen()
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from app.ui.kiosk import make_application
    from tests.ui.kiosk_helpers import close_kiosk, open_kiosk, open_lesson, play_steps, sign_up

    make_application()
    window = open_kiosk(Path(tempfile.mkdtemp(prefix="silversteps-bench-memory-")))
    lessons = window.services.kiosk.catalogue.lessons

    def play(lesson_index: int) -> None:
        open_lesson(window, lessons[lesson_index % len(lessons)].id)
        play_steps(window)
        window.completion.catalogue_button.click()
        QApplication.processEvents()
        # What app.exec() does between events: delete the widgets given to deleteLater().
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    try:
        sign_up(window, "王秀英")
        for index in range(len(lessons)):
            play(index)
        gc.collect()
        after_all = rss_mb()
        for index in range(PLAYS):
            play(index)
        gc.collect()
        after_plays = rss_mb()
    finally:
        close_kiosk(window)
    growth = (after_plays - after_all) / after_all * 100
    print(f"bare PySide6 window: {bare:.0f} MB")
    print(f"kiosk after every lesson once: {after_all:.0f} MB ({after_all / bare:.2f}x bare; target <= 250 MB)")
    print(f"after {PLAYS} more plays: {after_plays:.0f} MB, growth {growth:+.1f} % (target <= 5 %)")


if __name__ == "__main__":
    main()
