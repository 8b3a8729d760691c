"""Tap to next step painted: from the click on the phone target to the repainted window, for
every tap in every lesson (target p95 <= 16 ms), beside a bare QPushButton click and repaint
measured in the same run."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from _common import percentile, use_kiosk_screen

use_kiosk_screen()

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget  # noqa: E402

from app.core.course import ActionKind  # noqa: E402
from tests.ui import robot  # noqa: E402
from tests.ui.kiosk_helpers import close_kiosk, open_kiosk, open_lesson, sign_up  # noqa: E402

ROUNDS = 5


def bare_click_ms(samples: int = 200) -> list[float]:
    window = QWidget()
    layout = QVBoxLayout(window)
    button = QPushButton("OK")
    layout.addWidget(button)
    button.clicked.connect(lambda: button.setText("OK!" if button.text() == "OK" else "OK"))
    window.resize(1920, 1080)
    window.show()
    QApplication.processEvents()
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        window.repaint()
        times.append((time.perf_counter() - started) * 1000)
    window.close()
    return times


def kiosk_tap_ms() -> list[float]:
    window = open_kiosk(Path(tempfile.mkdtemp(prefix="silversteps-bench-tap-")))
    times: list[float] = []
    try:
        sign_up(window, "王秀英")
        for _ in range(ROUNDS):
            for lesson in window.services.kiosk.catalogue.lessons:
                open_lesson(window, lesson.id)
                player = window.player
                while not player.run.is_complete:
                    expect = player.run.step.expect
                    if expect.action is not ActionKind.TAP:
                        robot.perform(player.phone, expect)
                        continue
                    QApplication.processEvents()
                    player.phone.ensure_visible(expect.target)
                    target = player.phone.target_widget(expect.target)
                    started = time.perf_counter()
                    QTest.mouseClick(target, Qt.MouseButton.LeftButton)
                    window.repaint()
                    times.append((time.perf_counter() - started) * 1000)
                QTest.mouseClick(window.completion.catalogue_button, Qt.MouseButton.LeftButton)
    finally:
        close_kiosk(window)
    return times


def main() -> None:
    from app.ui.kiosk import make_application

    make_application()
    bare = bare_click_ms()
    kiosk = kiosk_tap_ms()
    p95 = percentile(kiosk, 95)
    print(
        f"tap to next step painted over {len(kiosk)} taps: p50 {percentile(kiosk, 50):.1f} ms, "
        f"p95 {p95:.1f} ms, max {max(kiosk):.1f} ms (target p95 <= 16 ms: {p95 / 16:.2f} of budget)"
    )
    print(
        f"bare button click + repaint: p95 {percentile(bare, 95):.2f} ms; "
        f"ratio kiosk p95 / bare p95 = {p95 / percentile(bare, 95):.1f}"
    )


if __name__ == "__main__":
    main()
