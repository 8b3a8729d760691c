"""The staff console on an enrolled kiosk with the real centre server (started on 127.0.0.1) and
a second kiosk: a duplicate learner from the other kiosk merged, a learner deleted everywhere
at their request with the result in words and left out of a later attendance export from the
whole centre; the centre's kiosks listed and one revoked; a certificate issued by the centre
for a completed theme, its QR code decoded and verified."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import httpx
import pytest
import zxingcpp

from app.core.loader import load_courses
from app.core.resources import courses_dir
from app.store.db import open_database
from app.sync.delivery import Refused
from app.sync.link import centre_link
from app.sync.reports import fetch_attendance
from app.ui.window import KioskWindow
from tests.exports.pdf_support import page_texts, render
from tests.support.a11y import audit, format_violations
from tests.sync.kiosk_support import Kiosk
from tests.sync.test_classroom import session_now
from tests.sync.test_enrol import enrol_code, silversteps
from tests.sync.test_sync_with_centre import Centre
from tests.ui.kiosk_helpers import click, close_kiosk
from tests.ui.staff_support import Player, csv_rows, open_console, said, wait_for
from tests.ui.test_roles import STAFF_PIN, settle

pytestmark = [pytest.mark.gui, pytest.mark.slow]
LEARNER = "学员 Learner"
SCREENS_DIR = Path(__file__).resolve().parents[2] / "build" / "screens"
SYNC_TIMEOUT_MS = 30_000


@pytest.fixture(autouse=True)
def _not_at_midnight() -> None:
    """A session made now runs today; a few minutes before midnight it could not."""
    now = datetime.now()
    if now.hour == 23 and now.minute >= 40:
        pytest.skip("a session made now would run past midnight")


def enrolled_console(centre: Centre, folder: Path, name: str = "front desk", lang: str = "en") -> KioskWindow:
    """Kiosk A, enrolled under its own name (kiosk B is "kiosk 3") with its accounts, so the
    centre knows them; staff signed in, on the kiosk and so at the centre."""
    made = open_database(folder / "kiosk")
    made.accounts.add("Ms Chen", "staff", STAFF_PIN)
    made.accounts.add("Mr Lam", "tutor", "blue-river-7")
    made.close()
    done = silversteps(
        "kiosk", "enrol", centre.url, enrol_code(centre), "--name", name, "--data-dir", str(folder / "kiosk")
    )
    assert done.returncode == 0, done.stderr
    return open_console(folder, lang=lang, accounts=False)


def look(window: KioskWindow, name: str) -> list[str]:
    """The page as it is now, in both languages at 100 % and 150 %: rendered to
    build/screens/staff-NAME-LANG-SCALE.png and measured; what it breaks, in words."""
    failures = []
    for lang, scale in (("en", 1.0), ("zh", 1.0), ("en", 1.5), ("zh", 1.5)):
        window.state.set_lang(lang)
        window.state.set_scale(scale)
        settle()
        SCREENS_DIR.mkdir(parents=True, exist_ok=True)
        assert window.grab().save(str(SCREENS_DIR / f"staff-{name}-{lang}-{int(scale * 100)}.png"))
        violations = audit(window, scale=scale)
        if violations or window.height() > window.screen().size().height():
            failures.append(
                f"--- {name} ({lang}, {int(scale * 100)} %, {window.height()} px)\n{format_violations(violations)}"
            )
    window.state.set_lang("en")
    window.state.set_scale(1.0)
    return failures


def synced(window: KioskWindow, ready) -> bool:
    """Ask the kiosk's own sync worker for a round and say whether `ready()` holds yet."""
    window.services.kiosk.centre.nudge()
    return window.services.kiosk.db.outbox.counts().waiting == 0 and ready()


def test_merge_and_delete_everywhere_through_the_centre_then_a_centre_export(qtbot, tmp_path, centre):
    lesson = load_courses([courses_dir()]).lessons[0]
    b = Kiosk(centre, tmp_path / "b")
    window = enrolled_console(centre, tmp_path / "a")
    try:
        services = window.services
        db = services.kiosk.db
        with pytest.raises(Refused, match="A kiosk may not do this"):
            fetch_attendance(centre_link(db.settings), date.today(), date.today())  # the kiosk's token alone
        session = session_now("手机支付", room="101")
        services.kiosk.classroom.save(session)
        wang, li = db.learners.add("王秀英", "1234"), db.learners.add("李明")
        for learner in (wang, li):
            services.kiosk.classroom.learner_signed_in(learner.id)
        Player(services).play(wang.id, lesson, steps=3, session_id=session.id)
        duplicate = b.db.learners.add("李明")  # registered again at the other kiosk
        b.play(duplicate.id, lesson, steps=len(lesson.steps))
        b.sync()
        today = date.today()

        def everything_there() -> bool:
            with services.kiosk.centre.as_staff() as signed_in:  # Ms Chen's own sign-in at the centre
                names = {row.get("display_name") for row in fetch_attendance(signed_in, today, today)}
            return {"王秀英", "李明"} <= names and db.learners.get(duplicate.id) is not None

        qtbot.waitUntil(lambda: synced(window, everything_there), timeout=SYNC_TIMEOUT_MS)

        page = window.roles.staff.learners
        page.open()
        click(page.picker.tile_for(duplicate.id))
        click(page.merge_button)
        click(page.picker.tile_for(li.id))
        click(page.confirm.yes)
        wait_for(qtbot, page)
        merged = said(page.result)
        assert merged.startswith("Merged 李明 (registered ") and "Moved at the centre: lesson attempts: 1" in merged
        assert db.learners.get(duplicate.id) is None
        b.sync()  # the other kiosk hears of it
        assert b.db.learners.get(duplicate.id) is None and b.db.progress.get(li.id, lesson.id).ever_completed

        click(page.picker.tile_for(wang.id))
        click(page.delete_button)
        assert "王秀英 (phone ends 1234" in page.confirm.question.plain_text()
        click(page.confirm.yes)
        wait_for(qtbot, page)
        deleted = said(page.result)
        assert deleted.startswith("Deleted the records of 王秀英 (phone ends 1234, registered ")
        removed_at_centre = deleted.split("Removed at the centre: ")[1].split(". Removed on this kiosk: ")[0]
        assert "learning records: " in removed_at_centre and "check-ins: 1" in removed_at_centre
        assert "lesson attempts: 1" in removed_at_centre
        on_kiosk = deleted.split("Removed on this kiosk: ")[1]
        assert "the learner's registration: 1" in on_kiosk and "steps done: 3" in on_kiosk
        assert db.learners.get(wang.id) is None
        key, secret = centre.key("auditor")
        assert not any(wang.id in json.dumps(statement) for statement in centre.statements(key, secret))

        console = window.roles.staff
        console.show_page("reports")
        reports = console.reports
        reports.folder.set_folder(tmp_path / "out")
        assert reports.source.buttons["centre"].isEnabled()
        click(reports.source.buttons["centre"])
        click(reports.kind.buttons["attendance-csv"])
        click(reports.export_button)
        wait_for(qtbot, reports)
        assert said(reports.result).startswith("Done: 1 attendance rows")
        assert reports.last_path.name.endswith("-centre.csv")
        assert [row[LEARNER] for row in csv_rows(reports.last_path)] == ["李明"]  # the deleted learner is gone
        assert reports.bar.value() == reports.bar.maximum() == 1
    finally:
        close_kiosk(window)
        b.close()


def test_the_kiosks_page_lists_the_centres_kiosks_and_revokes_another(qtbot, tmp_path, centre):
    b = Kiosk(centre, tmp_path / "b")
    b.db.outbox.add(b.identity.attendance(b.db.learners.add("李明").id, datetime.now().astimezone()))
    b.sync()
    window = enrolled_console(centre, tmp_path / "a")
    try:
        console = window.roles.staff
        console.show_page("kiosks")
        page = console.kiosks
        wait_for(qtbot, page)
        assert [kiosk["name"] for kiosk in page.kiosks] == ["kiosk 3", "front desk"]
        assert set(page.revoke_buttons()) == {"kiosk 3"}  # this kiosk cannot revoke itself
        assert said(page.status) == "The centre has 2 kiosks:"
        texts = [label.plain_text() for label in page.centre_card.findChildren(type(page.heading)) if label.isVisible()]
        assert "front desk (this kiosk)" in texts
        other = next(text for text in texts if text.startswith("Enrolled: today at") and "Records sent: 1" in text)
        assert "Last heard from: today at" in other

        click(page.revoke_buttons()["kiosk 3"])
        assert page.confirm.question.plain_text().startswith("Revoke the kiosk 'kiosk 3'?")
        click(page.confirm.yes)
        wait_for(qtbot, page)
        assert said(page.result) == "Revoked the kiosk 'kiosk 3'."
        assert page.revoke_buttons() == {}
        revoked = next(kiosk for kiosk in page.kiosks if kiosk["name"] == "kiosk 3")
        assert revoked["revoked_at"]
        assert not look(window, "kiosks-centre")
        b.db.outbox.add(b.identity.attendance(b.db.learners.add("王秀英").id, datetime.now().astimezone()))
        with pytest.raises(Refused):
            b.worker.send_waiting()  # its token is refused at once
    finally:
        close_kiosk(window)
        b.close()


def test_a_certificate_from_the_console_is_issued_by_the_centre_and_its_qr_verifies(qtbot, tmp_path, centre):
    catalogue = load_courses([courses_dir()])
    theme = min(catalogue.themes, key=lambda theme: len(catalogue.lessons_in(theme.id)))
    lessons = catalogue.lessons_in(theme.id)
    named = silversteps("centre", "name", "default", "黄浦社区学校", "--db", centre.db_url)
    assert named.returncode == 0, named.stderr
    window = enrolled_console(centre, tmp_path / "a")
    try:
        db = window.services.kiosk.db
        wang = db.learners.add("王秀英")
        player = Player(window.services)
        for lesson in lessons[:-1]:
            player.play(wang.id, lesson, steps=len(lesson.steps))
        qtbot.waitUntil(lambda: synced(window, lambda: True), timeout=SYNC_TIMEOUT_MS)

        console = window.roles.staff
        console.show_page("certificates")
        page = console.certificates
        page.folder.set_folder(tmp_path / "out")
        click(page.issue_button)
        assert said(page.result) == "First choose a learner in the list."
        click(page.picker.tile_for(wang.id))
        page.themes.choose(theme.id)
        assert said(page.enrol_note) == ""
        assert page.choice_words.plain_text().startswith(f"A certificate for 王秀英 for '{theme.title.en}'.")
        click(page.issue_button)
        wait_for(qtbot, page)
        still_to_do = f"'{lessons[-1].title.en}'"
        assert said(page.result) == (
            f"王秀英 has not finished '{theme.title.en}' yet. Still to do: {still_to_do}. Once those are done, "
            "the certificate can be issued."
        )
        window.state.set_lang("zh")  # the centre's refusal in the screen's language, not in English
        rest = f"还差这几课：“{lessons[-1].title.zh}”。都学完了，再来领证书吧。"
        assert said(page.result) == f"王秀英还没学完“{theme.title.zh}”，{rest}"
        window.state.set_lang("en")
        assert not look(window, "certificates-refused")
        assert page.last_path is None

        player.play(wang.id, lessons[-1], steps=len(lessons[-1].steps))
        qtbot.waitUntil(lambda: synced(window, lambda: True), timeout=SYNC_TIMEOUT_MS)
        click(page.issue_button)
        wait_for(qtbot, page)
        path = page.last_path
        assert said(page.result) == (
            f"The certificate is ready: 王秀英, '{theme.title.en}', issued by 黄浦社区学校. Saved as {path}"
        )
        assert path.exists() and path.parent == tmp_path / "out"
        text = page_texts(path)[0]
        assert "王秀英" in text and theme.title.zh in text and "黄浦社区学校" in text

        page.scroll.verticalScrollBar().setValue(page.scroll.verticalScrollBar().maximum())
        assert not look(window, "certificates-issued")
        (code,) = zxingcpp.read_barcodes(render(path, 0, "console-certificate", scale=3.0))
        assert code.text.startswith(f"{centre.url}/api/v1/certificates/verify?token=")
        record = httpx.get(code.text).json()
        assert record["valid"] is True and record["learner_name"] == "王秀英"
        assert [lesson["lesson_id"] for lesson in record["lessons"]] == [lesson.id for lesson in lessons]
    finally:
        close_kiosk(window)
