"""Text size changed: from "Largest" pressed on the welcome screen to the window restyled and
laid out, target <= 500 ms: on a kiosk no tutor or staff has signed in to yet, and on one
whose tutor and staff consoles have been opened once (about 1,000 widgets more). Beside it,
in the same run, the same change made the way the kiosk made it before: the theme as the
application's style sheet, which Qt repolishes once for every widget above each widget,
against once per widget for a window's sheet."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from _common import median, use_kiosk_screen

use_kiosk_screen()

from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.ui.kiosk_helpers import click, close_kiosk  # noqa: E402
from tests.ui.test_roles import STAFF_PIN, Clock, account_button, enter_pin, open_role_kiosk  # noqa: E402

ROUNDS = 6


def open_every_console(window) -> None:
    """As a staff member and a tutor would have left the kiosk: every page built once."""
    click(window.welcome.staff_button)
    click(account_button(window, "Ms Chen"))
    enter_pin(window, STAFF_PIN)
    for key in window.roles.staff.pages:
        window.roles.staff.show_page(key)
        window.roles.staff.wait_for_work()
    click(window.roles.staff.sign_out_button)
    click(window.welcome.staff_button)
    click(account_button(window, "Mr Lam"))
    QTest.keyClicks(window.roles.signin.secret, "blue-river-7")
    click(window.roles.signin.sign_in_button)
    window.roles.tutor.show_form()
    window.roles.sign_out()


def timed_ms(change) -> list[float]:
    times = []
    for round_ in range(ROUNDS):
        started = time.perf_counter()
        change(1.5 if round_ % 2 == 0 else 1.0)
        QApplication.processEvents()
        window_repaint()
        times.append((time.perf_counter() - started) * 1000)
    return times


def window_repaint() -> None:
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.repaint()


def main() -> None:
    window = open_role_kiosk(Path(tempfile.mkdtemp(prefix="silversteps-bench-size-")), Clock(), lang="zh")
    try:
        learner_only = timed_ms(window.state.set_scale)  # no tutor or staff has signed in yet
        open_every_console(window)
        widgets = len(QApplication.allWidgets())
        kiosk = timed_ms(window.state.set_scale)
        # the kiosk as it was: the same change, the theme set on the application instead
        app = QApplication.instance()
        window.state.theme_changed.disconnect(window._apply_theme)
        window.state.theme_changed.connect(lambda theme: app.setStyleSheet(theme.stylesheet()))
        window.setStyleSheet("")
        application_sheet = timed_ms(window.state.set_scale)
    finally:
        close_kiosk(window)
    ours, theirs = median(kiosk), median(application_sheet)
    print(f"text size changed before any tutor or staff signed in: median {median(learner_only):.0f} ms")
    print(f"widgets once the consoles are built: {widgets}")
    print(f"text size changed, window's sheet: median {ours:.0f} ms (target 500 ms)")
    print(f"the same change as the application's sheet: median {theirs:.0f} ms")
    print(f"ratio: {ours / theirs:.2f}x")


if __name__ == "__main__":
    main()
