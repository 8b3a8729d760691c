"""Tutors and staff on the kiosk: the corner button opens their sign-in, a learner has no way
there, five wrong tries lock an account for five minutes, idle signs the role out, and staff
enrol the kiosk with the real centre server from the settings screen."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from app.kiosk.accounts import Accounts
from app.store.accounts import AccountRepository
from app.store.db import open_database
from app.store.options import CENTRE_TOKEN, CENTRE_URL
from app.ui.services import Services
from app.ui.window import KioskWindow
from tests.support.a11y import audit, format_violations
from tests.sync.test_enrol import enrol_code, silversteps
from tests.ui.kiosk_helpers import click, close_kiosk, open_kiosk, sign_up
from tests.ui.touch import tap

pytestmark = pytest.mark.gui
SCREENS_DIR = Path(__file__).resolve().parents[2] / "build" / "screens"
STAFF_PIN = "246810"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def kiosk(tmp_path, clock) -> Iterator[KioskWindow]:
    window = open_role_kiosk(tmp_path, clock)
    yield window
    close_kiosk(window)


def open_role_kiosk(
    data_dir: Path,
    clock: Clock,
    *,
    lang: str = "en",
    role_idle_seconds: int = 100,
    accounts: bool = True,
    also: Callable[[Services], None] | None = None,
) -> KioskWindow:
    """`also` changes the services further before the screens are built."""

    def prepare(services: Services) -> None:
        services.kiosk.accounts = Accounts(AccountRepository(services.kiosk.db.sessions, clock=clock))
        if accounts:
            services.kiosk.db.accounts.add("Ms Chen", "staff", STAFF_PIN)
            services.kiosk.db.accounts.add("Mr Lam", "tutor", "blue-river-7")
        services.role_idle_seconds = role_idle_seconds
        if also is not None:
            also(services)

    return open_kiosk(data_dir / "kiosk", lang=lang, prepare=prepare)


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def account_button(window: KioskWindow, name: str) -> QPushButton:
    return next(b for b in window.roles.signin.name_buttons() if b.text().startswith(name))


def enter_pin(window: KioskWindow, pin: str) -> None:
    for digit in pin:
        click(window.roles.signin.pad.keys[digit])
    click(window.roles.signin.sign_in_button)


def sign_in_as_staff(window: KioskWindow) -> None:
    click(window.welcome.staff_button)
    click(account_button(window, "Ms Chen"))
    enter_pin(window, STAFF_PIN)
    assert window.current() is window.roles.staff


def message(window: KioskWindow) -> str:
    label = window.roles.signin.message
    return label.plain_text() if label.isVisible() else ""


# ---- reaching the role screens ---------------------------------------------------------------


def test_the_corner_button_opens_the_role_sign_in_and_back_leaves_nothing_open(kiosk):
    corner = kiosk.welcome.staff_button
    assert corner.accessibleName() == "Tutor and staff sign-in"
    assert min(corner.width(), corner.height()) >= 60 and corner.text() == ""  # an icon only, discreet
    click(corner)
    signin = kiosk.roles.signin
    assert kiosk.current() is signin
    assert [b.text() for b in signin.name_buttons()] == ["Ms Chen (staff)", "Mr Lam (tutor)"]
    assert not signin.pad.isVisible()  # nothing to type until a name is chosen
    click(account_button(kiosk, "Ms Chen"))
    assert signin.pad.isVisible() and signin.prompt.plain_text() == "Ms Chen, please enter your PIN"
    click(signin.pad.keys["2"])
    click(signin.pad.keys["4"])
    assert signin.secret.text() == "24" and signin.secret.echoMode() == QLineEdit.EchoMode.Password
    click(signin.findChild(QPushButton, "back"))
    assert kiosk.current() is kiosk.welcome
    assert signin.secret.text() == "" and signin.chosen is None and not kiosk.roles.idle.active


def test_a_signed_in_learner_has_no_way_to_the_role_screens(kiosk):
    learner_screens = (kiosk.signin, kiosk.new_learner, kiosk.catalogue, kiosk.player, kiosk.completion)
    role_screens = kiosk.roles.screens()
    # The corner button lives on the welcome screen only, and no learner screen holds a role screen.
    assert kiosk.welcome.isAncestorOf(kiosk.welcome.staff_button)
    for screen in learner_screens:
        assert screen.findChild(QPushButton, "staff-corner") is None
        assert not any(screen.isAncestorOf(role) for role in role_screens)
    sign_up(kiosk, "Chen Wei")
    assert not kiosk.roles.open_signin()  # even asked directly, it refuses while a learner is in
    assert kiosk.current() is kiosk.catalogue and kiosk.roles.account is None
    click(kiosk.catalogue.sign_out)
    assert kiosk.current() is kiosk.welcome and kiosk.state.learner is None
    assert kiosk.roles.open_signin()


def test_the_consoles_are_built_only_when_first_opened(kiosk):
    from app.ui.staff.console import StaffConsole
    from app.ui.tutor.console import TutorScreen

    assert kiosk.findChildren(StaffConsole) == [] and kiosk.findChildren(TutorScreen) == []  # start-up: not yet
    sign_in_as_staff(kiosk)
    assert kiosk.findChildren(StaffConsole) == [kiosk.roles.staff] and kiosk.current() is kiosk.roles.staff
    assert kiosk.findChildren(TutorScreen) == []
    click(kiosk.roles.staff.sign_out_button)
    sign_in_as_staff(kiosk)
    assert len(kiosk.findChildren(StaffConsole)) == 1, "built once, opened again"


def test_the_right_pin_opens_the_staff_screen_and_sign_out_ends_the_session(kiosk):
    sign_in_as_staff(kiosk)
    staff = kiosk.roles.staff
    assert kiosk.roles.account.name == "Ms Chen"
    assert staff.signed_in_as.plain_text() == "Signed in: Ms Chen (staff)"
    assert "not enrolled yet" in staff.settings.sync_state.plain_text()  # the welcome line's words
    assert staff.settings.sync_state.plain_text() == kiosk.welcome.sync_text()
    kiosk.state.set_scale(1.5)
    click(staff.sign_out_button)
    assert kiosk.current() is kiosk.welcome and kiosk.roles.account is None
    assert kiosk.state.theme.scale == 1.0 and staff.account is None


def test_a_tutor_signs_in_with_a_password_and_lands_on_todays_sessions(kiosk):
    click(kiosk.welcome.staff_button)
    click(account_button(kiosk, "Mr Lam"))
    signin = kiosk.roles.signin
    assert not signin.pad.isVisible() and signin.prompt.plain_text() == "Mr Lam, please enter your password"
    QTest.keyClicks(signin.secret, "blue-river-7")
    QTest.keyClick(signin.secret, Qt.Key.Key_Return)
    tutor = kiosk.roles.tutor
    assert kiosk.current() is tutor
    assert tutor.title.plain_text() == "Tutor: Mr Lam"
    assert tutor.current_page() is tutor.today  # the console itself: tests/ui/test_tutor_console.py
    click(tutor.sign_out_button)
    assert kiosk.current() is kiosk.welcome and tutor.account is None


# ---- wrong tries and the lock ---------------------------------------------------------------


def test_five_wrong_tries_lock_for_five_minutes_even_for_the_right_pin(kiosk, clock):
    click(kiosk.welcome.staff_button)
    click(account_button(kiosk, "Ms Chen"))
    said = []
    for _ in range(4):
        enter_pin(kiosk, "111111")
        said.append(message(kiosk))
    assert said[0] == "That is not right. 4 tries are left; after that the account locks for 5 minutes."
    assert said[3] == "That is not right. One try is left; after that the account locks for 5 minutes."
    enter_pin(kiosk, "111111")
    until = (clock.now + timedelta(minutes=5)).astimezone().strftime("%H:%M")
    assert message(kiosk).startswith(f"Too many wrong tries: this account is locked for 5 more minutes (until {until})")

    enter_pin(kiosk, STAFF_PIN)  # the sixth try is right, and still refused
    assert kiosk.current() is kiosk.roles.signin
    assert "locked for 5 more minutes" in message(kiosk)
    clock.advance(minutes=1, seconds=1)
    enter_pin(kiosk, STAFF_PIN)
    assert "locked for 4 more minutes" in message(kiosk)
    click(kiosk.roles.signin.findChild(QPushButton, "back"))
    click(kiosk.welcome.staff_button)
    click(account_button(kiosk, "Ms Chen"))
    assert "locked for 4 more minutes" in message(kiosk)  # said as soon as the name is tapped
    kiosk.state.set_lang("zh")
    assert "还要 4 分钟" in message(kiosk)
    clock.advance(minutes=4)
    enter_pin(kiosk, STAFF_PIN)
    assert kiosk.current() is kiosk.roles.staff


# ---- idle --------------------------------------------------------------------------------------


def test_idle_warns_then_signs_the_role_out(qtbot, tmp_path, clock):
    window = open_role_kiosk(tmp_path, clock, role_idle_seconds=1)
    try:
        sign_in_as_staff(window)
        window.roles.staff.settings.code.setText("7KQM-3XPA")
        overlay = window.roles.overlay
        qtbot.waitUntil(overlay.isVisible, timeout=3000)
        assert "you will be signed out in" in overlay.message.plain_text()
        click(overlay.button)  # "I'm still here"
        assert not overlay.isVisible() and window.current() is window.roles.staff
        qtbot.waitUntil(overlay.isVisible, timeout=3000)
        window.roles.idle._warning.setInterval(200)  # let the warning run out quickly in the test
        window.roles.idle._warning.start()
        qtbot.waitUntil(lambda: window.current() is window.welcome, timeout=3000)
        assert window.roles.account is None and window.roles.staff.settings.code.text() == ""
        assert not window.idle.active  # the learner's watcher was never involved
    finally:
        close_kiosk(window)


# ---- staff manage accounts ------------------------------------------------------------------


def test_staff_add_and_remove_tutors_but_never_themselves(kiosk):
    sign_in_as_staff(kiosk)
    kiosk.roles.staff.show_page("tutors")
    staff = kiosk.roles.staff.settings
    assert set(staff.remove_buttons()) == {"Mr Lam"}  # Ms Chen is signed in: no Remove beside her
    staff.new_name.setText("王老师")
    staff.new_pin.setText("135790")
    staff.new_pin_again.setText("135791")
    click(staff.add_button)
    assert staff.add_message.plain_text() == "The two PINs are not the same; please enter them again."
    assert staff.new_pin.text() == ""
    staff.new_pin.setText("1357")
    staff.new_pin_again.setText("1357")
    click(staff.add_button)
    assert staff.add_message.plain_text() == "A PIN needs at least 6 digits, numbers only."
    staff.new_pin.setText("135790")
    staff.new_pin_again.setText("135790")
    click(staff.add_button)
    assert staff.add_message.plain_text() == "Added the tutor account of 王老师."
    staff.new_name.setText("mr lam")
    staff.new_pin.setText("135790")
    staff.new_pin_again.setText("135790")
    click(staff.role_buttons["staff"])
    click(staff.add_button)
    assert "already an account called mr lam" in staff.add_message.plain_text()
    click(staff.remove_buttons()["Mr Lam"])  # asks first, in words, beside the list
    confirm = staff.remove_confirm
    assert confirm.isVisible() and confirm.question.plain_text().startswith("Remove the tutor account of Mr Lam?")
    assert confirm.yes.text() == "Remove this account" and confirm.no.text() == "Cancel"
    click(confirm.no)
    assert not confirm.isVisible() and "Mr Lam" in [a.name for a in kiosk.services.kiosk.db.accounts.all()]
    click(staff.remove_buttons()["Mr Lam"])
    click(confirm.yes)
    assert not confirm.isVisible()
    assert staff.accounts_message.plain_text() == "Removed the account of Mr Lam."
    staff = kiosk.roles.staff
    assert [a.name for a in kiosk.services.kiosk.db.accounts.all()] == ["Ms Chen", "王老师"]
    click(staff.sign_out_button)
    click(kiosk.welcome.staff_button)
    click(account_button(kiosk, "王老师"))
    enter_pin(kiosk, "135790")
    assert kiosk.current() is kiosk.roles.tutor


def test_removing_the_last_staff_account_is_refused_in_words(kiosk):
    accounts = kiosk.services.kiosk.db.accounts
    accounts.add("Mrs Ho", "staff", "blue-river-8")
    sign_in_as_staff(kiosk)
    kiosk.roles.staff.show_page("tutors")
    staff = kiosk.roles.staff.settings
    kiosk.state.set_lang("zh")
    click(staff.remove_buttons()["Mrs Ho"])  # two staff accounts: asked, in the kiosk's language
    assert staff.remove_confirm.question.plain_text().startswith("要删除工作人员“Mrs Ho”的账号吗？")
    kiosk.state.set_lang("en")
    assert staff.remove_confirm.question.plain_text().startswith("Remove the staff account of Mrs Ho?")
    accounts.remove("Ms Chen")  # meanwhile, on the machine itself: Mrs Ho is the only staff left
    click(staff.remove_confirm.yes)
    only = "Mrs Ho is the only staff account, so it stays. Add another staff account first."
    assert staff.accounts_message.isVisible() and staff.accounts_message.plain_text() == only
    assert {a.name for a in accounts.all()} == {"Mr Lam", "Mrs Ho"}
    staff.reset()
    click(staff.remove_buttons()["Mrs Ho"])  # now refused at once: nothing to confirm
    assert not staff.remove_confirm.isVisible()
    assert staff.accounts_message.plain_text() == only
    kiosk.state.set_lang("zh")
    assert staff.accounts_message.plain_text() == "Mrs Ho 是唯一的工作人员账号，不能删除。请先添加另一个工作人员账号。"
    assert "Mrs Ho" in [a.name for a in accounts.all()]


# ---- enrolment with the real centre --------------------------------------------------------


def enrol_from_screen(qtbot, window: KioskWindow, url: str, code: str) -> str:
    window.roles.staff.show_page("kiosks")
    staff = window.roles.staff.settings
    staff.url.setText(url)
    staff.code.setText(code)
    click(staff.enrol_button)
    assert not staff.enrol_button.isEnabled()  # the exchange runs off the GUI thread
    qtbot.waitUntil(lambda: staff.enrol_button.isEnabled(), timeout=30_000)
    return staff.enrol_message.plain_text()


def test_staff_enrol_the_kiosk_with_the_real_centre_and_the_welcome_line_follows(qtbot, tmp_path, clock, centre):
    window = open_role_kiosk(tmp_path, clock)
    try:
        sign_up(window, "Chen Wei")  # one attendance record waits on the kiosk
        click(window.catalogue.sign_out)
        assert "this kiosk is not enrolled yet; 1 records" in window.welcome.status.plain_text()
        sign_in_as_staff(window)
        staff = window.roles.staff.settings
        assert staff.enrolment_state.plain_text() == "This kiosk is not enrolled with a centre yet."
        mistyped = (
            "This code does not work: it may be mistyped, used already or expired. "
            "Check it; if it still fails, make a new one on the centre's computer."
        )
        window.roles.staff.show_page("kiosks")
        staff.url.setText(centre.url)
        staff.code.setText("2345-6789")
        settle()  # the page laid out before a finger reaches its button
        tap(staff.enrol_button)  # a finger, as staff at a kiosk use it
        qtbot.waitUntil(lambda: staff.enrol_message.plain_text() == mistyped, timeout=30_000)
        window.state.set_lang("zh")
        assert staff.enrol_message.plain_text() == (
            "这个登记码用不了：可能是输错了、已经用过了，或者过期了。请再核对一下；还不行，就在中心的电脑上生成一个新的再试。"
        )
        window.state.set_lang("en")
        code = enrol_code(centre)

        said = enrol_from_screen(qtbot, window, centre.url, code)
        assert said == "Enrolled: this kiosk now belongs to centre default, and its records will be sent there."
        settings = window.services.kiosk.db.settings
        assert settings.get(CENTRE_TOKEN) and settings.get(CENTRE_URL) == centre.url
        assert staff.enrolment_state.plain_text() == f"This kiosk is enrolled to centre default ({centre.url})."
        assert window.services.kiosk.centre.identity.centre_home == f"{centre.url}/centres/default"
        assert staff.code.text() == ""
        kiosks = silversteps("centre", "kiosks", "--db", centre.db_url)
        assert socket.gethostname() in kiosks.stdout  # the centre knows this kiosk by its name

        said = enrol_from_screen(qtbot, window, centre.url, code)  # the same code again
        assert said == mistyped, "a used code gets the answer a mistyped one does: a guess learns nothing"
        expired = silversteps("centre", "enrol-code", "--valid-hours", "0", "--db", centre.db_url).stdout.split()[-1]
        said = enrol_from_screen(qtbot, window, centre.url, expired)
        assert said == mistyped
        with socket.socket() as probe:  # a port where nothing listens
            probe.bind(("127.0.0.1", 0))
            nowhere = f"http://127.0.0.1:{probe.getsockname()[1]}"
        said = enrol_from_screen(qtbot, window, nowhere, code)
        assert said == f"Cannot reach the centre at {nowhere}. Check the address and the network, then try again."
        assert window.services.kiosk.db.settings.get(CENTRE_URL) == centre.url  # a failed try changes nothing

        click(window.roles.staff.sign_out_button)
        assert window.current() is window.welcome
        qtbot.waitUntil(lambda: window.services.kiosk.db.outbox.counts().waiting == 0, timeout=20_000)
        window.welcome._refresh_status()
        status = window.welcome.status.plain_text()
        assert "Centre: 0 records waiting, last sent" in status and "never" not in status
    finally:
        if window.services.kiosk.centre.sync is not None:
            window.services.kiosk.centre.sync.stop()
        close_kiosk(window)


# ---- what the new screens look like ---------------------------------------------------------


def role_tour(window: KioskWindow, clock: Clock) -> Iterator[str]:
    accounts = window.services.kiosk.db.accounts
    click(window.welcome.staff_button)
    yield "role-signin-none"  # how the first staff account is made, in words
    click(window.roles.signin.findChild(QPushButton, "back"))
    accounts.add("Ms Chen", "staff", STAFF_PIN)
    click(window.welcome.staff_button)
    yield "role-signin"
    click(account_button(window, "Ms Chen"))
    enter_pin(window, "1111")
    yield "role-signin-wrong"
    for _ in range(4):
        enter_pin(window, "111111")
    yield "role-signin-locked"
    clock.advance(minutes=5)
    enter_pin(window, STAFF_PIN)
    console, staff = window.roles.staff, window.roles.staff.settings  # the staff console's settings cards
    accounts.add("王老师" if window.state.lang == "zh" else "Mr Lam", "tutor", "135790")
    accounts.add("李建国" if window.state.lang == "zh" else "Mrs Ho", "staff", "blue-river-7")
    console.open_for(window.roles.account)
    console.show_page("kiosks")
    staff.url.setText("http://192.168.1.10:8000")
    click(staff.enrol_button)  # no code yet: it says what to do
    yield "staff-kiosks"
    console.show_page("tutors")
    staff.new_name.setText("张桂兰" if window.state.lang == "zh" else "Zhang Guilan")
    staff.new_pin.setText("1234")
    staff.new_pin_again.setText("1234")
    click(staff.add_button)
    yield "staff-settings"
    click(staff.remove_buttons()["王老师" if window.state.lang == "zh" else "Mr Lam"])
    yield "staff-remove-confirm"
    click(staff.remove_confirm.no)
    bar = console.tutors.scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    yield "staff-settings-end"
    bar.setValue(0)
    window.roles.idle._on_idle()
    yield "role-idle-warning"
    window.roles._still_here()
    click(console.sign_out_button)
    for name in ("王秀英", "Tom Wang"):
        sign_up(window, name)
        click(window.catalogue.sign_out)
    click(window.welcome.staff_button)
    click(account_button(window, "王老师" if window.state.lang == "zh" else "Mr Lam"))
    enter_pin(window, "135790")
    yield "tutor"
    click(window.roles.tutor.sign_out_button)


@pytest.mark.parametrize("scale", [1.0, 1.5])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_role_screens_meet_the_senior_friendly_numbers(qtbot, tmp_path, clock, lang, scale):
    window = open_role_kiosk(tmp_path, clock, lang=lang, accounts=False)
    failures: list[str] = []
    try:
        for name in role_tour(window, clock):
            window.state.set_scale(scale)
            settle()
            path = SCREENS_DIR / f"{name}-{lang}-{int(scale * 100)}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            assert window.grab().save(str(path)), path
            violations = audit(window, scale=scale)
            if window.height() > window.screen().size().height():
                failures.append(f"--- {name}: the window grew to {window.height()} px, past the screen")
            if violations:
                failures.append(f"--- {name} ({lang}, {int(scale * 100)} %)\n{format_violations(violations)}")
    finally:
        close_kiosk(window)
    assert not failures, "\n".join(failures)


def test_closing_the_kiosk_during_enrolment_still_keeps_the_token(tmp_path, clock, centre):
    window = open_role_kiosk(tmp_path, clock)
    sign_in_as_staff(window)
    window.roles.staff.show_page("kiosks")
    staff = window.roles.staff.settings
    staff.url.setText(centre.url)
    staff.code.setText(enrol_code(centre))
    click(staff.enrol_button)
    close_kiosk(window)  # the code is used up on the centre: the kiosk must keep what it got for it
    if window.services.kiosk.centre.sync is not None:
        window.services.kiosk.centre.sync.stop()
    db = open_database(tmp_path / "kiosk")
    try:
        assert db.settings.get(CENTRE_TOKEN) and db.settings.get(CENTRE_URL) == centre.url
    finally:
        db.close()
