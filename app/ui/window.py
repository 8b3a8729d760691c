"""The kiosk window: holds the screens and moves between them. It decides nothing about
lessons (the engine does) or storage (the repositories do)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QSize
from PySide6.QtGui import QCloseEvent, QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

from app.ui.finger_scroll import FingerScroll
from app.ui.i18n import tr
from app.ui.icons import IconLibrary
from app.ui.learner.welcome import WelcomeScreen
from app.ui.state import KioskState
from app.ui.theme import SHORT_SCREEN_PX, SMALLEST_SCREEN

if TYPE_CHECKING:
    from app.core.course import Lesson
    from app.core.learners import LearnerRecord
    from app.kiosk.records import RecordsProblem
    from app.ui.services import Services


class ScreenStack(QStackedWidget):
    """The kiosk's screens. Each lays itself out for the size it is given (the lesson screen
    shares it between words and phone, lists scroll, wide rows stand in columns), so what
    they ask for never holds the window larger than the smallest screen a centre has; the
    tests measure every screen on every such screen (tests/ui/test_screen_sizes.py)."""

    def minimumSizeHint(self) -> QSize:
        return super().minimumSizeHint().boundedTo(QSize(*SMALLEST_SCREEN))


class KioskWindow(QMainWindow):
    """Full screen by default; a stray tap cannot close it (staff quit with Ctrl+Alt+Q)."""

    def __init__(self, state: KioskState, icons: IconLibrary, *, closable: bool = False) -> None:
        """Only the welcome screen is built here, so it paints at once; `attach` adds the rest."""
        super().__init__()
        self.state = state
        self.services: Services | None = None
        self._closable = closable
        self._kiosk_lang = state.lang
        self.setWindowTitle(tr("window_title", state.lang))
        self.stack = ScreenStack()
        self.setCentralWidget(self.stack)
        self.welcome = WelcomeScreen(state, icons, self.stack)
        self.stack.addWidget(self.welcome)
        quit_shortcut = QShortcut(QKeySequence("Ctrl+Alt+Q"), self)
        quit_shortcut.activated.connect(self.quit_for_staff)
        state.theme_changed.connect(self._apply_theme)
        self._apply_theme()

    def attach(self, services: Services) -> None:
        """Build the other screens once the store, lessons and speech are ready. Each is
        built inside the stack, under this window's style sheet, so that what it measures
        while it is built is measured in the theme's own type."""
        # Imported here, after the first paint: they bring pydantic, SQLAlchemy and the phone.
        from app.ui.idle import IdleOverlay, IdleWatcher
        from app.ui.learner.catalogue import CatalogueScreen
        from app.ui.learner.completion import CompletionScreen
        from app.ui.learner.new_learner import NewLearnerScreen
        from app.ui.learner.player import PlayerScreen
        from app.ui.learner.signin import SignInScreen
        from app.ui.roles.session import RoleSession

        state = self.state
        self.services = services
        self.signin = SignInScreen(state, services, self.stack)
        self.new_learner = NewLearnerScreen(state, services, self.stack)
        self.catalogue = CatalogueScreen(state, services, self.stack)
        self.player = PlayerScreen(state, services, self.stack)
        self.completion = CompletionScreen(state, services, self.stack)
        for screen in (self.signin, self.new_learner, self.catalogue, self.player, self.completion):
            self.stack.addWidget(screen)

        FingerScroll.install(QApplication.instance())  # pages scroll under a dragged finger
        self.idle = IdleWatcher(services.idle_seconds, services.idle_warning_seconds, self)
        self.idle_overlay = IdleOverlay(state, self.idle, self)
        self.idle.warn.connect(self.idle_overlay.open)
        self.idle.timed_out.connect(self.sign_out)
        self.idle_overlay.still_here.connect(self._still_here)

        self.welcome.start_requested.connect(self.show_signin)
        # Tutors and staff: the welcome screen's corner button, their own screens and idle sign-out.
        self.roles = RoleSession(state, services, self, self.stack, self.show_welcome)
        self.welcome.staff_requested.connect(self.roles.open_signin)
        self.signin.back_requested.connect(self.show_welcome)
        self.signin.new_requested.connect(self.show_new_learner)
        self.signin.learner_chosen.connect(self.sign_in)
        self.signin.asked.connect(lambda text: services.kiosk.speaker.say(text, state.lang))
        self.new_learner.back_requested.connect(self.show_signin)
        self.new_learner.learner_created.connect(self.sign_in)
        self.new_learner.problem_shown.connect(lambda text: services.kiosk.speaker.say(text, state.lang))
        self.catalogue.lesson_chosen.connect(self.open_lesson)
        self.catalogue.restart_chosen.connect(lambda lesson: self.open_lesson(lesson, from_start=True))
        self.catalogue.sign_out_requested.connect(self.sign_out)
        self.player.completed.connect(self.show_completion)
        self.player.finish_later.connect(self.show_catalogue)
        self.completion.next_requested.connect(self.open_lesson)
        self.completion.again_requested.connect(self.open_lesson)
        self.completion.catalogue_requested.connect(self.show_catalogue)
        state.lang_changed.connect(self._remember_prefs)
        state.theme_changed.connect(self._remember_prefs)
        self.welcome.set_services(services)
        if services.news is not None:
            services.news.arrived.connect(self._news_from_centre)

    def show_records_problem(self, problem: RecordsProblem) -> None:
        """The records cannot be opened: staff's screen in place of a welcome with no Start.
        Nothing else is attached, so nothing reads, writes or sends the records."""
        # Imported here: a kiosk whose records open never needs it.
        from app.ui.records_problem import RecordsProblemScreen

        self.records_problem = RecordsProblemScreen(self.state, problem, self.stack)
        self.stack.addWidget(self.records_problem)
        self.stack.setCurrentWidget(self.records_problem)

    # ---- navigation ----------------------------------------------------------------------

    def current(self) -> QWidget:
        return self.stack.currentWidget()

    def show_welcome(self) -> None:
        self.stack.setCurrentWidget(self.welcome)

    def show_signin(self) -> None:
        self.signin.refresh()
        self.stack.setCurrentWidget(self.signin)

    def show_new_learner(self) -> None:
        self.new_learner.reset()
        self.stack.setCurrentWidget(self.new_learner)

    def sign_in(self, learner: LearnerRecord) -> None:
        self.state.set_learner(learner)
        self.player.new_learner()
        prefs = self.services.kiosk.learners.sign_in(learner)  # a record, a check-in, news fetched
        self.state.set_lang(prefs.lang or self.state.lang)
        self.state.set_scale(prefs.scale or self.state.theme.scale)
        self.idle.start()
        self.show_catalogue()

    def sign_out(self) -> None:
        self.idle_overlay.close_overlay()
        self.idle.stop()
        if self.current() is self.player:
            self.player.leave()
        self.state.set_learner(None)
        self.state.set_scale(1.0)
        self.state.set_lang(self._kiosk_lang)
        self.show_welcome()

    def _news_from_centre(self) -> None:
        """Learners or progress came in from other kiosks: show them where the learner looks."""
        if self.current() is self.signin:
            self.signin.take_new_names()
        elif self.current() is self.catalogue:
            self.catalogue.refresh()

    def show_catalogue(self) -> None:
        if self.current() is self.player:
            self.player.leave()
        self.catalogue.refresh()
        self.stack.setCurrentWidget(self.catalogue)

    def open_lesson(self, lesson: Lesson, *, from_start: bool = False) -> None:
        self.stack.setCurrentWidget(self.player)
        self.player.open(lesson, from_start=from_start)

    def show_completion(self, lesson: Lesson) -> None:
        self.completion.show_lesson(lesson)
        self.stack.setCurrentWidget(self.completion)

    # ---- preferences, theme, closing -----------------------------------------------------

    def _still_here(self) -> None:
        self.idle_overlay.close_overlay()
        self.idle.still_here()

    def _remember_prefs(self, *_: object) -> None:
        learner = self.state.learner
        preferences = self.services.kiosk.preferences
        if learner is not None:
            preferences.set_of_learner(learner.id, self.state.lang, self.state.theme.scale)
        else:
            self._kiosk_lang = self.state.lang
            preferences.set_kiosk_lang(self.state.lang)

    def _apply_theme(self, *_: object) -> None:
        """The theme is this window's style sheet, not the application's: Qt repolishes an
        application's sheet once for every widget above each widget (about 110 events apiece:
        three seconds with the consoles built), a window's once for each."""
        self.setStyleSheet(self.state.theme.stylesheet())

    def quit_for_staff(self) -> None:
        self._closable = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closable:
            event.ignore()
            return
        if self.services is not None:
            self.idle.stop()
            self.roles.shutdown()
            self.player.leave()
        event.accept()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._mark_short(self.height())
        if self.services is not None and self.idle_overlay.isVisible():
            self.idle_overlay.setGeometry(self.rect())

    def fill_screen(self, screen: QScreen | None = None) -> None:
        """Cover the whole screen, with or without a window manager: full-screen state alone
        leaves a bare X server showing the window at its own size."""
        screen = screen or self.screen()
        geometry = screen.geometry()
        self._mark_short(geometry.height())  # before the resize, so nothing asks for more
        self.setGeometry(geometry)
        self.showFullScreen()
        self.setGeometry(geometry)

    def _mark_short(self, height: int) -> None:
        short = height < SHORT_SCREEN_PX
        if bool(self.property("short")) != short:
            self.setProperty("short", short)
            self._apply_theme()  # the style sheet's compact buttons, see theme.py

    def keyPressEvent(self, event) -> None:
        # Escape and Alt+F4-like keys must not end a learner's session by accident.
        if event.key() == QtCore.Qt.Key.Key_Escape:  # named at the key press: see widgets.py
            event.accept()
            return
        super().keyPressEvent(event)
