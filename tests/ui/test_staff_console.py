"""The staff console on a real kiosk window without a centre: learners added, corrected,
merged, given their own records and deleted; every report format written with its progress
bar and read back; a cancelled export leaves no file; a lesson not offered disappears from the
learners' catalogue; a tutor or a learner cannot reach any of it. Every page is measured
against the senior-friendly numbers and rendered to build/screens/staff-*.png.

The same console with the real centre server is in test_staff_console_centre.py."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from app.exports.sources import local_attendance, local_completions
from app.store.options import CENTRE_TOKEN, CENTRE_URL, LESSONS_OFFERED
from app.ui.staff.console import SECTIONS
from app.ui.staff.learners import registered_day
from app.ui.staff.reports import KINDS
from app.ui.window import KioskWindow
from tests.exports.pdf_support import page_texts
from tests.support.a11y import audit, format_violations
from tests.ui.kiosk_helpers import click, close_kiosk, sign_up
from tests.ui.staff_support import Player, csv_rows, make_records, open_console, said, wait_for
from tests.ui.test_roles import Clock, account_button, open_role_kiosk, settle, sign_in_as_staff

pytestmark = pytest.mark.gui
SCREENS_DIR = Path(__file__).resolve().parents[2] / "build" / "screens"
LEARNER = "学员 Learner"
NAMES = [
    ("王秀英", "1234"),
    ("李明", None),
    ("Mary Wong", "5678"),
    ("王秀英", None),
    ("张桂兰", "4321"),
    ("陈建国", None),
]


@pytest.fixture
def console_window(tmp_path) -> Iterator[KioskWindow]:
    window = open_console(tmp_path)
    yield window
    close_kiosk(window)


def tile(page, learner_id: str) -> QPushButton:
    return page.picker.tile_for(learner_id)


# ---- learners -----------------------------------------------------------------------------------


def test_staff_add_correct_merge_export_and_delete_learners_on_a_kiosk_alone(qtbot, tmp_path, console_window):
    window = console_window
    db = window.services.kiosk.db
    console = window.roles.staff
    page = console.learners
    assert console.current_page() == "learners" and page.isVisible()
    page.folder.set_folder(tmp_path / "out")

    click(page.add_button)
    page.name_field.setText("王秀英")
    page.digits_field.setText("12")
    click(page.save_button)
    assert said(page.form_message) == "For the phone, enter four digits like 1234, or leave it empty."
    page.digits_field.setText("1234")
    click(page.save_button)
    wang = page.picker.selected
    day = registered_day(wang)
    registered = f"{day.day} {day.strftime('%B')} {day.year}"
    assert said(page.result) == f"Added the learner 王秀英 (phone ends 1234, registered {registered})."
    assert wang.display_name == "王秀英" and db.learners.get(wang.id).phone_last4 == "1234"
    assert page.name_heading.plain_text() == "王秀英" and "Phone ends: 1234" in page.details.plain_text()

    click(page.edit_button)
    assert page.name_field.text() == "王秀英" and page.digits_field.text() == "1234"
    page.digits_field.setText("4321")
    click(page.save_button)
    assert said(page.result).startswith("Saved: 王秀英 (phone ends 4321")
    assert db.learners.get(wang.id).phone_last4 == "4321"

    li = db.learners.add("李明")
    duplicate = db.learners.add("李明")
    lesson = window.services.kiosk.catalogue.lessons[0]
    Player(window.services).play(duplicate.id, lesson, steps=len(lesson.steps))  # learned as the duplicate
    page.picker.refresh()
    page.picker.search.setText("李")  # typing narrows the list like a surname tap
    assert {t.property("learner_id") for t in page.picker._tile_buttons} == {li.id, duplicate.id}
    click(tile(page, duplicate.id))
    click(page.merge_button)
    assert said(page.merge_text).startswith("The duplicate is 李明 (registered ")
    assert tile(page, duplicate.id).text() == "李明\n(the duplicate)"
    click(tile(page, li.id))
    question = page.confirm.question.plain_text()
    assert question.startswith("Merge the duplicate 李明 (registered ") and "into 李明 (registered " in question
    assert question.endswith("This cannot be undone.")
    click(page.confirm.yes)
    wait_for(qtbot, page)
    assert said(page.result).startswith("Merged 李明 (registered ")
    assert said(page.result).endswith(
        f"on this kiosk; moved: lesson progress: 1, steps done: {len(lesson.steps)}. This kiosk is not "
        "enrolled with a centre, so there was nothing to change there."
    )
    assert db.learners.get(duplicate.id) is None and db.progress.get(li.id, lesson.id).ever_completed
    assert page.picker.selected.id == li.id

    page.picker.search.clear()
    click(tile(page, wang.id))
    click(page.export_button)
    wait_for(qtbot, page)
    (written,) = (tmp_path / "out").glob("records-王秀英-*.json")
    assert said(page.result) == (
        f"Saved the records of 王秀英 (phone ends 4321, registered {registered}) (1 in all) to: {written}"
    )
    mine = json.loads(written.read_text(encoding="utf-8"))
    assert mine["learner"] == {**mine["learner"], "id": wang.id, "display_name": "王秀英", "phone_last4": "4321"}

    click(page.delete_button)
    question = page.confirm.question.plain_text()
    assert question.startswith("Delete every record of 王秀英 (phone ends 4321") and "cannot be undone" in question
    click(page.confirm.no)  # changed their mind: nothing happens
    assert not page.confirm.isVisible() and db.learners.get(wang.id) is not None
    click(page.delete_button)
    click(page.confirm.yes)
    wait_for(qtbot, page)
    assert said(page.result).startswith(f"Deleted the records of 王秀英 (phone ends 4321, registered {registered}) on")
    assert "on this kiosk: the learner's registration: 1." in said(page.result)
    assert db.learners.get(wang.id) is None and page.picker.selected is None
    assert page.name_heading.plain_text() == "Choose a learner"

    window.state.set_lang("zh")  # what was said is said again in the other language
    assert said(page.result).startswith("已删除 王秀英（手机尾号 4321，")


def test_with_the_centre_away_nothing_is_deleted_and_staff_are_told(qtbot, console_window):
    """Staff sign in while the kiosk's centre cannot be reached: their own sign-in at the centre
    could not be made, so nothing the centre must do is tried, and they are told what to do."""
    window = console_window
    db = window.services.kiosk.db
    wang = db.learners.add("王秀英")
    db.settings.set(CENTRE_URL, "http://127.0.0.1:9")  # enrolled once; the centre is not there now
    db.settings.set(CENTRE_TOKEN, "token")
    click(window.roles.staff.sign_out_button)
    sign_in_as_staff(window)  # the sign-in at the centre is tried now, and cannot be made
    page = window.roles.staff.learners
    page.open()
    click(tile(page, wang.id))
    click(page.delete_button)
    click(page.confirm.yes)
    wait_for(qtbot, page)
    away = (
        "The centre could not be reached when you signed in, so you are not signed in there. Nothing was "
        "changed. When the centre is reachable, please sign out and sign in again."
    )
    assert said(page.result) == away
    assert db.learners.get(wang.id) is not None

    window.roles.staff.show_page("reports")
    reports = window.roles.staff.reports
    reports.folder.set_folder(window.services.kiosk.db.path.parent / "out")
    click(reports.source.buttons["centre"])
    click(reports.export_button)
    wait_for(qtbot, reports)
    assert said(reports.result) == away  # the centre's records need the same sign-in
    assert not (window.services.kiosk.db.path.parent / "out").exists() or not any(
        (window.services.kiosk.db.path.parent / "out").iterdir()
    )


# ---- reports ------------------------------------------------------------------------------------


def test_every_report_format_is_written_from_the_console_with_a_full_progress_bar(qtbot, tmp_path, console_window):
    window = console_window
    services = window.services
    learners = make_records(services, NAMES)
    console = window.roles.staff
    console.show_page("reports")
    page = console.reports
    out = tmp_path / "out"
    page.folder.set_folder(out)
    first, last = page.days.first, page.days.last
    assert first == date.today().replace(day=1) and last.month == first.month  # this month unless changed
    attendance = list(local_attendance(services.kiosk.db, first, last))
    completions = list(local_completions(services.kiosk.db, services.kiosk.catalogue, first, last))
    assert len(attendance) > 20 and len(completions) > 10
    written: dict[str, Path] = {}
    for kind in KINDS:
        click(page.kind.buttons[kind])
        seen: list[int] = []
        page.bar.valueChanged.connect(seen.append)
        click(page.export_button)
        assert page.bar.isVisible()
        wait_for(qtbot, page)
        page.bar.valueChanged.disconnect(seen.append)
        rows = len(attendance) if kind.startswith("attendance") else len(completions)
        assert page.bar.maximum() == rows and page.bar.value() == rows and seen[-1] == rows  # 100 %
        assert len(seen) > 2  # it moved on the way
        written[kind] = page.last_path
        words = "attendance rows" if kind.startswith("attendance") else "completions"
        assert said(page.result) == f"Done: {rows} {words}, saved as {page.last_path}"
        assert not page.cancel_button.isVisible() and page.export_button.isEnabled()
    assert sorted(path.name for path in out.iterdir()) == sorted(path.name for path in written.values())

    names = {learner.display_name for learner in learners}
    rows = csv_rows(written["attendance-csv"])
    assert len(rows) == len(attendance) and {row[LEARNER] for row in rows} <= names
    workbook = openpyxl.load_workbook(written["attendance-xlsx"], read_only=True)
    cells = [cell for row in workbook.worksheets[0].iter_rows(values_only=True) for cell in row]
    workbook.close()
    assert "王秀英" in cells and "Mary Wong" in cells and "手机支付" in cells
    text = "".join(page_texts(written["attendance-pdf"]))
    assert "王秀英" in text and "学用微信视频" in text
    completed = csv_rows(written["completions-csv"])
    assert len(completed) == len(completions)
    statements = json.loads(written["completions-xapi"].read_text(encoding="utf-8"))
    assert len(statements) == len(completions)
    assert {statement["verb"]["id"] for statement in statements} == {"http://adlnet.gov/expapi/verbs/completed"}
    assert written["completions-xapi"].name == f"completions-{first}-to-{last}-kiosk.json"

    click(page.days.previous_month)  # a month with nothing in it: a file with its header only
    click(page.kind.buttons["attendance-csv"])
    click(page.export_button)
    wait_for(qtbot, page)
    assert said(page.result).startswith("Done: 0 attendance rows") and page.bar.value() == page.bar.maximum()


def test_cancel_stops_the_export_and_leaves_no_file(qtbot, tmp_path, console_window, monkeypatch):
    window = console_window
    make_records(window.services, NAMES)
    gate = threading.Event()
    reports = window.services.kiosk.reports
    read = reports.rows

    def held(*args, **kwargs):
        rows = read(*args, **kwargs)
        gate.wait(20)  # staff press Cancel while the rows are being read
        return rows

    monkeypatch.setattr(reports, "rows", held)
    console = window.roles.staff
    console.show_page("reports")
    page = console.reports
    out = tmp_path / "out"
    page.folder.set_folder(out)
    click(page.kind.buttons["attendance-xlsx"])
    click(page.export_button)
    assert page.cancel_button.isVisible() and not page.export_button.isEnabled()
    assert said(page.progress_words) == "Reading the records…"
    click(page.cancel_button)
    gate.set()
    wait_for(qtbot, page)
    assert said(page.result) == "Cancelled; no file was saved."
    assert not out.exists() or list(out.iterdir()) == []  # not even a hidden part file
    assert not page.bar.isVisible() and page.export_button.isEnabled()


# ---- lessons offered ---------------------------------------------------------------------------


def test_a_lesson_not_offered_is_hidden_from_the_learners_catalogue(console_window):
    window = console_window
    lessons = window.services.kiosk.catalogue.lessons
    console = window.roles.staff
    console.show_page("lessons")
    page = console.lessons
    hidden = lessons[0]
    assert page.switches[hidden.id].isChecked() and page.switches[hidden.id].text() == "✓ Offered"
    click(page.switches[hidden.id])
    assert page.switches[hidden.id].text() == "Not offered" and not page.switches[hidden.id].isChecked()
    assert page.summary.plain_text() == f"{len(lessons) - 1} of {len(lessons)} lessons are offered now."
    assert window.services.kiosk.db.settings.get(LESSONS_OFFERED) == sorted(lesson.id for lesson in lessons[1:])

    click(console.sign_out_button)
    sign_up(window, "Mary Wong")
    shown = {card.lesson.id for card in window.catalogue.cards}
    assert hidden.id not in shown and shown == {lesson.id for lesson in lessons[1:]}
    window.completion.show_lesson(lessons[-1])
    assert window.completion.next_lesson.id == lessons[1].id  # "next" skips it too
    click(window.catalogue.sign_out)

    click(window.welcome.staff_button)
    click(account_button(window, "Ms Chen"))
    for digit in "246810":
        click(window.roles.signin.pad.keys[digit])
    click(window.roles.signin.sign_in_button)
    console.show_page("lessons")
    click(page.all_button)
    assert window.services.kiosk.db.settings.get(LESSONS_OFFERED) is None  # every lesson, new ones too
    assert not page.all_button.isEnabled()


# ---- who may use it -----------------------------------------------------------------------------


def test_a_tutor_can_neither_open_the_console_nor_export_or_delete(tmp_path):
    window = open_role_kiosk(tmp_path, Clock())
    try:
        db = window.services.kiosk.db
        wang = db.learners.add("王秀英")
        click(window.welcome.staff_button)
        click(account_button(window, "Mr Lam"))
        QTest.keyClicks(window.roles.signin.secret, "blue-river-7")
        QTest.keyClick(window.roles.signin.secret, Qt.Key.Key_Return)
        console = window.roles.staff
        assert window.current() is window.roles.tutor and window.roles.account.role == "tutor"
        assert console.account is None and not console.allowed()
        assert not window.roles.tutor.isAncestorOf(console)
        assert not console.open_for(window.roles.account)  # asked directly, it still refuses a tutor
        assert console.account is None

        out = tmp_path / "out"
        console.reports.folder.set_folder(out)
        console.reports.export()  # called directly, as a stray signal might
        assert console.reports.result.plain_text() == "Only a signed-in member of staff can do this."
        assert not out.exists()
        learners = console.learners
        learners.picker.refresh()
        learners.picker.choose(db.learners.get(wang.id))
        learners.ask_delete()
        learners.confirm.yes.click()
        assert not learners.worker.busy and db.learners.get(wang.id) is not None
        assert learners.result.plain_text() == "Only a signed-in member of staff can do this."
        lesson = window.services.kiosk.catalogue.lessons[0]
        console.lessons.set_lesson(lesson.id, False)
        assert db.settings.get(LESSONS_OFFERED) is None
        console.certificates.picker.refresh()
        console.certificates.picker.choose(db.learners.get(wang.id))
        console.certificates.issue()
        assert console.certificates.result.plain_text() == "Only a signed-in member of staff can do this."
    finally:
        close_kiosk(window)


def test_a_learner_session_cannot_reach_the_staff_console(tmp_path):
    window = open_role_kiosk(tmp_path, Clock())
    try:
        console = window.roles.staff
        sign_up(window, "Chen Wei")
        assert not window.roles.open_signin()  # the only way in, refused while a learner is in
        assert window.current() is window.catalogue and console.account is None
        for screen in (window.signin, window.new_learner, window.catalogue, window.player, window.completion):
            assert not screen.isAncestorOf(console)
            assert not any(screen.findChild(QPushButton, f"section-{key}") for key in SECTIONS)
    finally:
        close_kiosk(window)


# ---- what the pages look like ------------------------------------------------------------------


def console_tour(window: KioskWindow, qtbot) -> Iterator[str]:
    console = window.roles.staff
    db = window.services.kiosk.db
    learners = console.learners
    wang = next(learner for learner in db.learners.all() if learner.phone_last4 == "1234")
    click(tile(learners, wang.id))
    yield "learners"
    click(learners.delete_button)
    yield "learners-delete"
    click(learners.confirm.no)
    click(learners.edit_button)
    yield "learners-edit"
    click(learners.cancel_form_button)
    click(learners.merge_button)
    yield "learners-merge"
    click(learners.merge_cancel)
    learners.export_records()
    wait_for(qtbot, learners)
    yield "learners-exported"
    console.show_page("tutors")
    yield "tutors"
    console.show_page("kiosks")
    yield "kiosks"
    console.show_page("lessons")
    click(console.lessons.switches[window.services.kiosk.catalogue.lessons[1].id])
    yield "lessons"
    bar = console.lessons.scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    yield "lessons-end"
    console.show_page("reports")
    yield "reports"
    click(console.reports.kind.buttons["attendance-xlsx"])
    click(console.reports.export_button)
    wait_for(qtbot, console.reports)
    bar = console.reports.scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    yield "reports-done"
    console.show_page("certificates")
    click(tile(console.certificates, wang.id))
    yield "certificates"
    console.show_page("charts")
    wait_for(qtbot, console.charts)
    yield "charts"
    bar = console.charts.scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    yield "charts-end"


@pytest.mark.parametrize("scale", [1.0, 1.5])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_console_page_meets_the_senior_friendly_numbers(qtbot, tmp_path, lang, scale):
    window = open_console(tmp_path, lang=lang)
    failures: list[str] = []
    try:
        make_records(window.services, NAMES)
        console = window.roles.staff
        console.learners.folder.set_folder(tmp_path / "out")
        window.state.set_scale(scale)
        console.show_page("learners")
        for name in console_tour(window, qtbot):
            settle()
            path = SCREENS_DIR / f"staff-{name}-{lang}-{int(scale * 100)}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            assert window.grab().save(str(path)), path
            violations = audit(window, scale=scale)
            if window.height() > window.screen().size().height():
                failures.append(f"--- {name}: the window grew to {window.height()} px, past the screen")
            if violations:
                failures.append(f"--- {name} ({lang}, {int(scale * 100)} %)\n{format_violations(violations)}")
        charts = console.charts
        assert charts.weeks_chart.isVisible() and any(count for _, count in charts.weeks)
        assert charts.lessons_chart.isVisible() and charts.lessons
        assert charts.weeks_chart.label_font().pointSizeF() >= 20 * scale  # large print on the bars too
    finally:
        close_kiosk(window)
    assert not failures, "\n".join(failures)
