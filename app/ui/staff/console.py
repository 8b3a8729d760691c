"""The staff console: a left column of large section buttons, the chosen section's page beside
it, and "Sign out" where other screens have Back. On a portrait screen the section buttons
stand in rows above the page instead, with "Sign out" beside who is signed in, so the page
has the screen's whole width. Opened only by the role session for a staff
account (app/ui/roles/session.py); every page also asks `allowed()` before it changes or exports
anything, so nothing here works without a staff member signed in.

Sections: Learners, Tutors and staff (the settings' accounts card), Kiosks (the settings'
enrolment card and the centre's kiosks), Lessons offered, Reports, Certificates, Charts. A
page's background work (app/ui/work.py) carries on when staff switch sections, and stops
when they sign out."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.accounts import AccountRecord
from app.ui.flow_layout import FlowLayout
from app.ui.i18n import role_word
from app.ui.scrolling import scroll_page
from app.ui.services import Services
from app.ui.staff.certificates import StaffCertificatesPage
from app.ui.staff.charts import StaffChartsPage
from app.ui.staff.kiosks import StaffKiosksPage
from app.ui.staff.learners import StaffLearnersPage
from app.ui.staff.lessons import StaffLessonsPage
from app.ui.staff.page import fill_with_page
from app.ui.staff.reports import StaffReportsPage
from app.ui.staff.settings import StaffSettings
from app.ui.staff.texts import tr
from app.ui.state import KioskState
from app.ui.widgets import TextLabel, TopBar, big_button

SECTIONS = ("learners", "tutors", "kiosks", "lessons", "reports", "certificates", "charts")
SECTION_BUTTON_PX = 72  # at 100 %; grown to 125 % only, which is still 60 px times 150 %


class CardPage(QWidget):
    """A page that is one card of the settings (the tutor and staff accounts)."""

    def __init__(self, content: QFrame, state: KioskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        body = QVBoxLayout()
        body.addWidget(content)
        body.addStretch(1)
        self.scroll = fill_with_page(self, body, state)

    def open(self) -> None:
        """The settings refresh the card themselves."""

    def leave(self) -> None:
        """The settings clear the card themselves."""

    def wait_for_work(self) -> None:
        """The settings wait for their own work."""


class StaffConsole(QWidget):
    sign_out_requested = Signal()
    enrolled = Signal()  # the kiosk has a new centre and token: start sending to it

    def __init__(self, state: KioskState, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._state = state
        self._services = services
        self.account: AccountRecord | None = None
        self.settings = StaffSettings(state, services, self)
        self.settings.enrolled.connect(self._enrolled)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 24)
        top = TopBar(state)
        self._top = top
        self.sign_out_button = big_button("", kind="warm", role="button_main", name="role-sign-out")
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        top.layout().insertWidget(1, self.sign_out_button)  # where Back is on other screens
        layout.addWidget(top)
        # On a portrait screen: who is signed in and "Sign out", then the sections in rows.
        self.strip = QWidget()
        self.strip.setObjectName("staff-sections-above")
        strip = QVBoxLayout(self.strip)
        strip.setContentsMargins(48, 0, 32, 8)
        strip.setSpacing(12)
        self._who_row = QHBoxLayout()
        self._who_row.setSpacing(24)
        strip.addLayout(self._who_row)
        self._section_rows = FlowLayout(spacing=12)
        strip.addLayout(self._section_rows)
        self.strip.hide()
        layout.addWidget(self.strip)
        body = QHBoxLayout()
        body.setContentsMargins(48, 8, 32, 0)
        body.setSpacing(32)
        layout.addLayout(body, 1)

        nav = QVBoxLayout()
        self._column = nav
        nav.setContentsMargins(0, 0, 0, 0)
        nav.setSpacing(12)
        self.signed_in_as = TextLabel("", "body")
        self.signed_in_as.setObjectName("staff-signed-in")
        nav.addWidget(self.signed_in_as)
        nav.addSpacing(8)
        self.section_buttons: dict[str, QPushButton] = {}
        self._sections = QButtonGroup(self)
        for key in SECTIONS:
            button = big_button("", kind="choice", name=f"section-{key}")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, k=key: self.show_page(k))
            self._sections.addButton(button)
            self.section_buttons[key] = button
            nav.addWidget(button)
        nav.addStretch(1)
        # Seven sections do not fit under each other on a 768-px screen: they scroll by finger
        # (or wheel), the next one cut by the edge. No bar (nor page-turn buttons) in so narrow a
        # column: a bar that comes and goes would rewrap "Signed in as ..." without end.
        self.nav = scroll_page(nav)
        self.nav.setProperty("verticalScrollBarPolicy", "ScrollBarAlwaysOff")  # by name: see widgets.py
        self.nav.setObjectName("staff-sections")
        body.addWidget(self.nav)

        allowed = self.allowed
        self.learners = StaffLearnersPage(state, services, allowed, self)
        self.tutors = CardPage(self.settings.accounts_card, state, self)
        self.kiosks = StaffKiosksPage(state, services, allowed, self.settings.kiosk_card, self)
        self.lessons = StaffLessonsPage(state, services, allowed, self)
        self.reports = StaffReportsPage(state, services, allowed, self)
        self.certificates = StaffCertificatesPage(state, services, allowed, self)
        self.charts = StaffChartsPage(state, services, allowed, self)
        self.pages: dict[str, QWidget] = {
            "learners": self.learners,
            "tutors": self.tutors,
            "kiosks": self.kiosks,
            "lessons": self.lessons,
            "reports": self.reports,
            "certificates": self.certificates,
            "charts": self.charts,
        }
        self.stack = QStackedWidget()
        for page in self.pages.values():
            self.stack.addWidget(page)
        body.addWidget(self.stack, 1)
        self.section_buttons["learners"].setChecked(True)
        self._portrait = False
        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(lambda _theme: self._size_nav())
        self.retranslate()

    # ---- who may use it ----------------------------------------------------------------------

    def allowed(self) -> bool:
        """Exports, deletions and every other change need a staff member signed in."""
        return self.account is not None and self.account.role == "staff"

    def open_for(self, account: AccountRecord) -> bool:
        """Open on the Learners page for a staff account; any other account is refused."""
        if account.role != "staff":
            return False
        self.account = account
        self.settings.open_for(account)
        self.retranslate()
        self.show_page("learners")
        return True

    def leave(self) -> None:
        """Sign-out: every page forgets what was typed, chosen or said; work under way stops
        at its next step (an export leaves no file) or finishes whole (a deletion)."""
        for page in self.pages.values():
            page.leave()
        self.settings.leave()
        self.account = None
        self.retranslate()

    def wait_for_work(self, timeout_ms: int = 20_000) -> None:
        """Before the kiosk closes: an enrolment keeps its token, other work finishes."""
        self.settings.wait_for_work(timeout_ms)
        for page in self.pages.values():
            page.wait_for_work()

    # ---- moving between sections ---------------------------------------------------------

    def show_page(self, key: str) -> None:
        self.section_buttons[key].setChecked(True)
        page = self.pages[key]
        self.stack.setCurrentWidget(page)
        if self.account is not None:
            page.open()

    def current_page(self) -> str:
        return next(key for key, page in self.pages.items() if page is self.stack.currentWidget())

    def _enrolled(self) -> None:
        self.enrolled.emit()
        self.pages[self.current_page()].open()  # the centre's kiosks, the centre as a source

    # ---- words and sizes -------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        portrait = self.height() > self.width()
        if portrait != self._portrait:
            self._portrait = portrait
            self._place_sections()

    def _place_sections(self) -> None:
        """The sections in a column beside the page, or in rows above it (portrait)."""
        buttons = list(self.section_buttons.values())
        if self._portrait:
            self._top.layout().removeWidget(self.sign_out_button)
            self._column.removeWidget(self.signed_in_as)
            self._who_row.addWidget(self.signed_in_as, 1)
            self._who_row.addWidget(self.sign_out_button)
            for button in buttons:
                self._column.removeWidget(button)
                self._section_rows.addWidget(button)
        else:
            for button in buttons:
                self._section_rows.removeWidget(button)
            self._who_row.removeWidget(self.signed_in_as)
            self._who_row.removeWidget(self.sign_out_button)
            self._top.layout().insertWidget(1, self.sign_out_button)
            self._column.insertWidget(0, self.signed_in_as)
            for index, button in enumerate(buttons):
                self._column.insertWidget(2 + index, button)  # after the name and its spacing
        self.strip.setVisible(self._portrait)
        self.nav.setVisible(not self._portrait)
        self._top.refit()
        self._size_nav()

    def _size_nav(self) -> None:
        px = self._state.theme.px
        widest = max(button.sizeHint().width() for button in self.section_buttons.values())
        self.nav.setFixedWidth(max(widest, px(260)) + px(8))  # (the column; unused in rows)
        pad = px(6)
        tall = round(SECTION_BUTTON_PX * min(self._state.theme.scale, 1.25))  # 72, 90, 90: seven fit at 150 %
        inside = tall - 2 * pad - 4  # the style sheet's min-height leaves out padding and border
        for button in self.section_buttons.values():
            button.setStyleSheet(f"min-height: {inside}px; padding: {pad}px {px(20)}px; text-align: left;")

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.sign_out_button.setText(tr("role_sign_out", lang))
        if self.account is not None:
            role = role_word(self.account.role, lang)
            self.signed_in_as.set_text(tr("role_signed_in_as", lang, name=self.account.name, role=role))
        else:
            self.signed_in_as.set_text("")
        for key, button in self.section_buttons.items():
            button.setText(tr(f"staff_section_{key}", lang))
        self.setAccessibleName(tr("staff_console_title", lang))
        self._size_nav()
