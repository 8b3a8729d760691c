"""One session open on the tutor console: what it is (time, room, lessons), and two big tabs —
check-in and the live board. While it is open its board is read every few seconds off the GUI
thread; both pages take each reading (the check-in page for learners who signed in at a kiosk
by themselves). Leaving the session stops the reading."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from app.core.accounts import AccountRecord
from app.core.board import Board
from app.core.class_sessions import ClassSession
from app.ui.services import Services
from app.ui.state import KioskState
from app.ui.tutor.board import BoardPage
from app.ui.tutor.board_poller import BoardPoller
from app.ui.tutor.checkin import CheckInPage
from app.ui.tutor.texts import session_details, tr
from app.ui.widgets import TextLabel, big_button, set_min_size

CHECKIN, BOARD = "checkin", "board"


class SessionPage(QWidget):
    def __init__(
        self,
        state: KioskState,
        services: Services,
        account: Callable[[], AccountRecord | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._services = services
        self.session: ClassSession | None = None
        self.shown = CHECKIN
        self.board_counts: dict[str, int] = {}  # learners on each session's last board, for the list
        self.poller = BoardPoller(lambda: services.kiosk.classroom, parent=self)
        self.poller.board_ready.connect(self._took_board)
        self.poller.failed.connect(self._failed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        head = QVBoxLayout()
        head.setContentsMargins(48, 0, 48, 0)
        head.setSpacing(4)
        self.details = TextLabel("", "body")
        self.details.setObjectName("session-details")
        head.addWidget(self.details)
        layout.addLayout(head)
        tabs = QHBoxLayout()
        tabs.setContentsMargins(48, 0, 48, 0)
        tabs.setSpacing(24)
        self.checkin_tab = big_button("", kind="choice", role="button_main", name="tab-checkin")
        self.board_tab = big_button("", kind="choice", role="button_main", name="tab-board")
        for tab, page in ((self.checkin_tab, CHECKIN), (self.board_tab, BOARD)):
            tab.setCheckable(True)
            tab.clicked.connect(lambda _=False, chosen=page: self.show_page(chosen))
            tabs.addWidget(tab, 1)
        layout.addLayout(tabs)
        self.checkin = CheckInPage(state, services, self)
        self.board = BoardPage(state, services, account, self)
        self.checkin.count_changed.connect(lambda _count: self._name_tabs())
        self.board.waiting_changed.connect(lambda _count: self._name_tabs())
        self.pages = QStackedWidget()
        self.pages.addWidget(self.checkin)
        self.pages.addWidget(self.board)
        layout.addWidget(self.pages, 1)
        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(lambda _theme: self._size())
        self._size()
        self.retranslate()

    def open(self, session: ClassSession) -> None:
        """Open on check-in while nobody is here yet, else on the board; start reading the board."""
        self.session = session
        self.checkin.open(session)
        self.board.open(session)
        self.retranslate()
        self.show_page(BOARD if self.checkin.checked_count() else CHECKIN)
        self.poller.start(session)

    def leave(self) -> None:
        self.poller.stop()
        self.session = None

    def shutdown(self) -> None:
        self.poller.shutdown()

    def show_page(self, page: str) -> None:
        self.shown = page
        self.pages.setCurrentWidget(self.board if page == BOARD else self.checkin)
        self.checkin_tab.setChecked(page == CHECKIN)
        self.board_tab.setChecked(page == BOARD)
        self.poller.poll_now()  # fresh news for the page just opened

    def _took_board(self, board: Board) -> None:
        self.board_counts[board.session.id] = len(board.learners)
        self.checkin.take_board(board)
        self.board.take_board(board)

    def _failed(self, problem: str) -> None:
        self.board.take_failure(problem)

    def _name_tabs(self) -> None:
        lang = self._state.lang
        self.checkin_tab.setText(tr("tutor_tab_checkin", lang, count=self.checkin.checked_count()))
        waiting = len(self.board.waiting_calls())
        self.board_tab.setText(
            tr("tutor_tab_board_help", lang, count=waiting) if waiting else tr("tutor_tab_board", lang)
        )

    def _size(self) -> None:
        for tab in (self.checkin_tab, self.board_tab):
            set_min_size(tab, 0, self._state.theme.px(80))

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        session = self.session
        self.details.set_text(session_details(session, lang) if session else "")
        self._name_tabs()
