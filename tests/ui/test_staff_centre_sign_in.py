"""A staff member's own sign-in at the centre, from the kiosk's role screen, against the real
centre server: the console's centre work goes as them, their sign-in ends at the centre when
they sign out (or are signed out for idling), and when the centre does not know them or cannot
be reached the console says so wholly in the screen's language and changes nothing, while
what the kiosk does on its own keeps working."""

from __future__ import annotations

import re

import httpx
import pytest

from app.sync.link import centre_link
from app.ui.window import KioskWindow
from tests.sync.test_enrol import enrol_code, silversteps
from tests.sync.test_sync_with_centre import Centre
from tests.ui.kiosk_helpers import click, close_kiosk
from tests.ui.staff_support import open_console, said, wait_for
from tests.ui.test_staff_console_centre import enrolled_console, look

pytestmark = [pytest.mark.gui, pytest.mark.slow]
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def staff_token(window: KioskWindow) -> str:
    """The token the kiosk holds for the signed-in staff member (waiting for the exchange)."""
    return window.services.kiosk.centre.staff_pass.token()


def refused_at_centre(centre: Centre, token: str) -> bool:
    answer = httpx.get(f"{centre.url}/api/v1/kiosks", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    return answer.status_code == 401


def test_signing_out_ends_the_staff_sign_in_at_the_centre_and_idle_does_too(qtbot, tmp_path, centre):
    window = enrolled_console(centre, tmp_path / "a")
    try:
        token = staff_token(window)
        assert token.startswith("staff.") and not refused_at_centre(centre, token)
        kiosk_token = centre_link(window.services.kiosk.db.settings).token
        assert token != kiosk_token  # the kiosk keeps only its own token on disk
        click(window.roles.staff.sign_out_button)
        assert window.current() is window.welcome
        assert not window.services.kiosk.centre.staff_pass.held  # gone from memory at once
        qtbot.waitUntil(lambda: refused_at_centre(centre, token), timeout=10_000)

        click(window.welcome.staff_button)  # Ms Chen again, then the kiosk is left alone
        click(next(b for b in window.roles.signin.name_buttons() if b.text().startswith("Ms Chen")))
        for digit in "246810":
            click(window.roles.signin.pad.keys[digit])
        click(window.roles.signin.sign_in_button)
        again = staff_token(window)
        assert again != token and not refused_at_centre(centre, again)
        window.roles.idle.timed_out.emit()  # the idle sign-out's own signal
        assert window.current() is window.welcome
        qtbot.waitUntil(lambda: refused_at_centre(centre, again), timeout=10_000)
    finally:
        close_kiosk(window)


def test_an_account_the_centre_does_not_know_is_told_in_chinese_and_nothing_changes(qtbot, tmp_path, centre):
    """The kiosk enrolled before its accounts were made, so the centre has never heard of them."""
    done = silversteps(
        "kiosk", "enrol", centre.url, enrol_code(centre), "--name", "front desk", "--data-dir", str(tmp_path / "kiosk")
    )
    assert done.returncode == 0, done.stderr
    window = open_console(tmp_path, lang="zh")
    try:
        db = window.services.kiosk.db
        wang = db.learners.add("王秀英")
        page = window.roles.staff.learners
        page.open()
        click(page.picker.tile_for(wang.id))
        click(page.delete_button)
        click(page.confirm.yes)
        wait_for(qtbot, page)
        words = said(page.result)
        assert (
            words
            == "学习中心还不认识您的账号。什么都没有改。请管理员在中心的电脑上添加您的账号，或者重新登记这台学习电脑。"
        )
        assert not LATIN_WORD.search(words)
        assert db.learners.get(wang.id) is not None  # nothing half done
        window.state.set_lang("en")
        assert said(page.result).startswith("The centre does not know your account yet. Nothing was changed.")
        window.state.set_lang("zh")
        assert not look(window, "learners-centre-unknown")
    finally:
        close_kiosk(window)


def test_with_the_centre_away_the_console_says_so_and_the_kiosks_own_work_goes_on(qtbot, tmp_path, centre):
    window = enrolled_console(centre, tmp_path / "a", lang="zh")
    try:
        staff_token(window)  # signed in at the centre; now the centre goes away
        centre.stop()
        click(window.roles.staff.sign_out_button)
        click(window.welcome.staff_button)
        click(next(b for b in window.roles.signin.name_buttons() if b.text().startswith("Ms Chen")))
        for digit in "246810":
            click(window.roles.signin.pad.keys[digit])
        click(window.roles.signin.sign_in_button)
        assert window.current() is window.roles.staff  # the console opens at once all the same

        console = window.roles.staff
        console.show_page("kiosks")
        page = console.kiosks
        wait_for(qtbot, page)
        words = said(page.result)
        assert words == (
            "您登录时联系不上学习中心，所以没能在中心登录。什么都没有改。等中心能连上时，请退出再重新登录。"
        )

        console.show_page("reports")  # this kiosk's own records export without a centre
        reports = console.reports
        reports.folder.set_folder(tmp_path / "out")
        click(reports.source.buttons["kiosk"])
        click(reports.kind.buttons["attendance-csv"])
        click(reports.export_button)
        wait_for(qtbot, reports)
        assert reports.last_path is not None and reports.last_path.exists()
        assert said(reports.result).startswith("导出好了：0 行出勤记录")
        assert reports.last_path.name.endswith("-kiosk.csv")
    finally:
        close_kiosk(window)


def centre_sign_in(centre: Centre, window: KioskWindow, account_id: str, secret: str) -> httpx.Response:
    """The centre's own sign-in with this kiosk's token, as any kiosk of the centre would ask it."""
    kiosk_token = centre_link(window.services.kiosk.db.settings).token
    return httpx.post(
        f"{centre.url}/api/v1/staff/sign-in",
        json={"account_id": account_id, "secret": secret},
        headers={"Authorization": f"Bearer {kiosk_token}"},
        timeout=30,
    )


def test_an_account_staff_add_or_remove_on_the_kiosk_reaches_the_centre(qtbot, tmp_path, centre):
    window = enrolled_console(centre, tmp_path / "a")
    try:
        staff_token(window)
        window.roles.staff.show_page("tutors")
        settings = window.roles.staff.settings
        settings.new_name.setText("王老师")
        settings.new_pin.setText("135790")
        settings.new_pin_again.setText("135790")
        click(settings.add_button)
        assert settings.add_message.plain_text() == "Added the tutor account of 王老师."
        settings.shared.join(30)
        added = next(a for a in window.services.kiosk.db.accounts.all() if a.name == "王老师")
        signed_in = centre_sign_in(centre, window, added.id, "135790")
        assert signed_in.status_code == 201, signed_in.text
        assert signed_in.json()["scopes"] == "kiosk"  # a tutor's: no staff work

        click(settings.remove_buttons()["王老师"])
        click(settings.remove_confirm.yes)
        settings.shared.join(30)
        assert centre_sign_in(centre, window, added.id, "135790").status_code == 401
        assert refused_at_centre(centre, signed_in.json()["token"])  # its sign-in ended with it
    finally:
        close_kiosk(window)
