"""The tutor and staff session on a kiosk: the role sign-in, the screens behind it, and its
own, shorter idle sign-out. Reached only from the welcome screen's corner button and never
while a learner is signed in; every way out ("Sign out", Back, idle) ends the session and
goes back to the welcome screen, so no role screen is ever left open for a learner."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget

from app.store.accounts import AccountRecord
from app.ui.idle import IdleOverlay, IdleWatcher
from app.ui.screens.role_signin import RoleSignInScreen
from app.ui.screens.staff_console import StaffConsole
from app.ui.screens.tutor import TutorScreen
from app.ui.services import Services
from app.ui.state import KioskState

ROLE_WARNING_SECONDS = 20


class RoleSession(QObject):
    def __init__(
        self,
        state: KioskState,
        services: Services,
        window: QWidget,
        stack: QStackedWidget,
        home: Callable[[], None],
        on_enrolled: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self._state = state
        self._stack = stack
        self._home = home
        self.account: AccountRecord | None = None
        self.signin = RoleSignInScreen(state, services.db.accounts)
        self.staff = StaffConsole(state, services)  # opened for staff accounts only
        self.tutor = TutorScreen(state, services)
        for screen in self.screens():
            stack.addWidget(screen)
        self.idle = IdleWatcher(services.role_idle_seconds, ROLE_WARNING_SECONDS, self)
        QApplication.instance().installEventFilter(self.idle)
        self.overlay = IdleOverlay(state, self.idle, window, message_key="role_idle_message")
        self.idle.warn.connect(self.overlay.open)
        self.idle.timed_out.connect(self.sign_out)
        self.overlay.still_here.connect(self._still_here)
        self.signin.back_requested.connect(self.sign_out)
        self.signin.signed_in.connect(self._signed_in)
        self.staff.sign_out_requested.connect(self.sign_out)
        self.tutor.sign_out_requested.connect(self.sign_out)
        self.staff.enrolled.connect(on_enrolled)

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

    def _signed_in(self, account: AccountRecord) -> None:
        self.account = account
        if account.role == "staff":
            self.staff.open_for(account)
            self._stack.setCurrentWidget(self.staff)
        else:
            self.tutor.open_for(account, datetime.now(UTC))
            self._stack.setCurrentWidget(self.tutor)
        self.idle.start()

    def sign_out(self) -> None:
        """End the session and forget everything typed; the kiosk is the learners' again."""
        self.overlay.close_overlay()
        self.idle.stop()
        self.account = None
        self.signin.reset()
        self.staff.leave()
        self.tutor.leave()
        self._state.set_scale(1.0)
        self._home()

    def _still_here(self) -> None:
        self.overlay.close_overlay()
        self.idle.still_here()

    def shutdown(self) -> None:
        QApplication.instance().removeEventFilter(self.idle)
        self.idle.stop()
        self.tutor.shutdown()  # a board read under way finishes before the store closes
        self.staff.wait_for_work()
