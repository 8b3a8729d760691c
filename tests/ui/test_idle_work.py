"""Idle sign-out waits for background work (app/ui/work.py): staff who walk away from a long
export are not signed out in the middle of it (which would cancel it); once it has finished
and said so, the quiet spell is counted again from the start, and then the warning and the
sign-out come as before. The learner's idle sign-out waits for such work too. Short idle
times and work held by the test on the same work runner the console uses."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.ui.work import Worker, running_work
from tests.ui.kiosk_helpers import click, close_kiosk, open_kiosk, sign_up
from tests.ui.staff_support import make_records, said, wait_for
from tests.ui.test_roles import Clock, open_role_kiosk, sign_in_as_staff

pytestmark = pytest.mark.gui
SCREENS_DIR = Path(__file__).resolve().parents[2] / "build" / "screens"
IDLE_SECONDS = 2
WAIT_MS = 15_000


def held_work(gate: threading.Event):
    def work(report):
        report(0, 1)
        if not gate.wait(30):
            raise TimeoutError("the test never let the work finish")
        report(1, 1)
        return "done"

    return work


@pytest.mark.parametrize(("lang", "scale"), [("zh", 1.5), ("en", 1.0)])
def test_role_idle_sign_out_waits_for_an_export_then_counts_again(qtbot, tmp_path, monkeypatch, lang, scale):
    window = open_role_kiosk(tmp_path, Clock(), lang=lang, role_idle_seconds=IDLE_SECONDS)
    gate = threading.Event()
    try:
        make_records(window.services, [("王秀英", "1234"), ("Mary Wong", None), ("李明", None)])
        reports = window.services.kiosk.reports
        read = reports.rows

        def slow_read(*args, **kwargs):  # a long export: the rows take as long as the test says
            rows = read(*args, **kwargs)
            gate.wait(30)
            return rows

        monkeypatch.setattr(reports, "rows", slow_read)
        window.state.set_scale(scale)
        sign_in_as_staff(window)
        console, roles = window.roles.staff, window.roles
        console.show_page("reports")
        page = console.reports
        out = tmp_path / "out"
        page.folder.set_folder(out)
        click(page.kind.buttons["attendance-csv"])
        click(page.export_button)
        assert page.worker.busy and running_work().busy

        qtbot.waitUntil(lambda: roles.idle.held, timeout=WAIT_MS)  # the quiet spell ran out mid-export
        QApplication.processEvents()
        path = SCREENS_DIR / f"role-idle-held-export-{lang}-{int(scale * 100)}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        assert window.grab().save(str(path)), path
        assert not roles.overlay.isVisible() and window.current() is console
        assert roles.account is not None and page.worker.busy and page.cancel_button.isVisible()
        assert not window.idle.active and not window.idle_overlay.isVisible()  # the learner's: not involved

        gate.set()
        wait_for(qtbot, page)
        assert said(page.result).startswith("导出好了" if lang == "zh" else "Done:")
        assert page.last_path is not None and page.last_path.exists()  # not cancelled by a sign-out
        assert not roles.idle.held and roles.idle.active and not roles.overlay.isVisible()

        qtbot.waitUntil(roles.overlay.isVisible, timeout=WAIT_MS)  # counted again: now it warns
        assert window.current() is console
        roles.idle._warning.setInterval(200)  # let the warning run out quickly in the test
        roles.idle._warning.start()
        qtbot.waitUntil(lambda: window.current() is window.welcome, timeout=WAIT_MS)
        assert roles.account is None
    finally:
        gate.set()
        close_kiosk(window)


def test_work_begun_during_the_warning_holds_the_sign_out_until_it_ends(qtbot, tmp_path):
    window = open_role_kiosk(tmp_path, Clock(), role_idle_seconds=100)
    gate = threading.Event()
    worker = Worker(window)
    outcome: list[object] = []
    try:
        sign_in_as_staff(window)
        roles = window.roles
        roles.idle._on_idle()  # the warning shows
        assert roles.overlay.isVisible()
        worker.start(held_work(gate), outcome.append, outcome.append)
        roles.idle._warning.setInterval(200)
        roles.idle._warning.start()
        qtbot.waitUntil(lambda: roles.idle.held, timeout=WAIT_MS)
        assert window.current() is roles.staff and roles.account is not None
        gate.set()
        qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
        assert outcome == ["done"]
        assert not roles.overlay.isVisible() and roles.idle.active and not roles.idle.warning  # counting again
        assert window.current() is roles.staff
    finally:
        gate.set()
        worker.wait()
        close_kiosk(window)


def test_the_learners_idle_sign_out_waits_for_work_under_way(qtbot, tmp_path):
    window = open_kiosk(tmp_path, lang="en", idle_seconds=IDLE_SECONDS)
    gate = threading.Event()
    worker = Worker(window)
    outcome: list[object] = []
    try:
        sign_up(window, "Mary Wong")
        worker.start(held_work(gate), outcome.append, outcome.append)
        qtbot.waitUntil(lambda: window.idle.held, timeout=WAIT_MS)
        assert not window.idle_overlay.isVisible() and window.state.learner is not None
        assert window.current() is window.catalogue
        gate.set()
        qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
        assert outcome == ["done"] and not window.idle.held and window.idle.active
        qtbot.waitUntil(window.idle_overlay.isVisible, timeout=WAIT_MS)  # counted again, then warned
        assert window.state.learner is not None  # warned first, as always; nothing lost
    finally:
        gate.set()
        worker.wait()
        close_kiosk(window)
