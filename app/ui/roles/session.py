"""The tutor and staff session on a kiosk: the role sign-in, the screens behind it, and its
own, shorter idle sign-out. Reached only from the welcome screen's corner button and never
while a learner is signed in; every way out ("Sign out", Back, idle) ends the session and
goes back to the welcome screen, so no role screen is ever left open for a learner.

The staff and tutor consoles are built the first time they open, not at start-up: building
them (and importing them) was two fifths of the time before a learner could press Start."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStackedWidget, QWidget

from app.core.accounts import AccountRecord
from app.ui.idle import IdleOverlay, IdleWatcher
from app.ui.roles.signin import RoleSignInScreen
from app.ui.services import Services
from app.ui.state import KioskState

if TYPE_CHECKING:
    from app.ui.staff.console import StaffConsole
    from app.ui.tutor.console import TutorScreen

ROLE_WARNING_SECONDS = 20


class RoleSession(QObject):
    def __init__(
        self,
        state: KioskState,
        services: Services,
        window: QWidget,
        stack: QStackedWidget,
        home: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self._state = state
        self._services = services
        self._stack = stack
        self._home = home
        self.account: AccountRecord | None = None
        self.signin = RoleSignInScreen(state, services.kiosk.accounts, stack)
        stack.addWidget(self.signin)
        self._staff: StaffConsole | None = None
        self._tutor: TutorScreen | None = None
        self.idle = IdleWatcher(services.role_idle_seconds, ROLE_WARNING_SECONDS, self)
        self.overlay = IdleOverlay(state, self.idle, window, message_key="role_idle_message")
        self.idle.warn.connect(self.overlay.open)
        self.idle.timed_out.connect(self.sign_out)
        self.overlay.still_here.connect(self._still_here)
        self.signin.back_requested.connect(self.sign_out)
        self.signin.signed_in.connect(self._signed_in)

    @property
    def staff(self) -> StaffConsole:
        """The staff console (opened for staff accounts only), built when first wanted."""
        if self._staff is None:
            # the console is built, and imported, the first time it opens: not before the first paint
            from app.ui.staff.console import StaffConsole

            self._staff = StaffConsole(self._state, self._services, self._stack)
            self._stack.addWidget(self._staff)
            self._staff.sign_out_requested.connect(self.sign_out)
        return self._staff

    @property
    def tutor(self) -> TutorScreen:
        """The tutor's console, built when first wanted."""
        if self._tutor is None:
            # the console is built, and imported, the first time it opens: not before the first paint
            from app.ui.tutor.console import TutorScreen

            self._tutor = TutorScreen(self._state, self._services, self._stack)
            self._stack.addWidget(self._tutor)
            self._tutor.sign_out_requested.connect(self.sign_out)
        return self._tutor

    def screens(self) -> tuple[QWidget, ...]:
        return (self.signin, self.staff, self.tutor)

    def open_signin(self) -> bool:
        """From the welcome screen's corner only; refused while a learner is signed in."""
        if self._state.learner is not None:
            return False
        self.signin.refresh()
        self._stack.setCurrentWidget(self.signin)
        self.idle.start()  # someone who walks away from the PIN pad is signed out too
        return True

    def _signed_in(self, account: AccountRecord, secret: str) -> None:
        self.account = account
        if account.role == "staff":
            self._sign_in_at_centre(account, secret)
            self.staff.open_for(account)
            self._stack.setCurrentWidget(self.staff)
        else:
            self.tutor.open_for(account, datetime.now(UTC))
            self._stack.setCurrentWidget(self.tutor)
        self.idle.start()

    def _sign_in_at_centre(self, account: AccountRecord, secret: str) -> None:
        """The staff member's own sign-in at the centre, for the console's centre work: on a
        thread of its own, so the console opens at once and a centre away costs no wait here."""
        centre = self._services.kiosk.centre
        if not centre.enrolled:
            return
        ticket = centre.begin_staff_sign_in()
        threading.Thread(
            target=centre.sign_in_staff,
            args=(ticket, account.id, secret),
            name="silversteps-staff-sign-in",
            daemon=True,
        ).start()

    def sign_out(self) -> None:
        """End the session and forget everything typed, the staff member's centre sign-in too;
        the kiosk is the learners' again."""
        self._services.kiosk.centre.forget_staff()
        self.overlay.close_overlay()
        self.idle.stop()
        self.account = None
        self.signin.reset()
        if self._staff is not None:
            self._staff.leave()
        if self._tutor is not None:
            self._tutor.leave()
        self._state.set_scale(1.0)
        self._home()

    def _still_here(self) -> None:
        self.overlay.close_overlay()
        self.idle.still_here()

    def shutdown(self) -> None:
        self.idle.stop()
        if self._tutor is not None:
            self._tutor.shutdown()  # a board read under way finishes before the store closes
        if self._staff is not None:
            self._staff.wait_for_work()
