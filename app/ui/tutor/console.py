"""The tutor console: today's sessions as large cards (time, title, room, how many are here),
"New session", and a session opened to its check-in and its live board. Reached only through
the role sign-in with a tutor account; "Sign out" (or the role's idle sign-out) ends it, and
leaving stops the board's reading."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from app.core.accounts import AccountRecord
from app.core.class_sessions import ClassSession
from app.ui.services import Services
from app.ui.state import KioskState
from app.ui.tutor.session import SessionPage
from app.ui.tutor.session_form import SessionForm
from app.ui.tutor.texts import clock, date_words, session_lessons, tr
from app.ui.tutor.widgets import CardButton, console_styles, scroll_body
from app.ui.widgets import TextLabel, TopBar, big_button, set_min_size

TITLE_LEAST_PX = 320  # at 100 %: a title squeezed narrower than this goes under the buttons


class SessionsPage(QWidget):
    """Today's sessions: a card each, and "New session"."""

    new_requested = Signal()
    session_chosen = Signal(object)  # ClassSession

    def __init__(self, state: KioskState, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._services = services
        self.today = date.today()
        self.now = datetime.now().astimezone()
        self.sessions: list[ClassSession] = []
        self.cards: dict[str, CardButton] = {}
        self.board_counts: dict[str, int] = {}
        self._note: tuple[str, dict] | None = None
        body = QVBoxLayout()
        body.setContentsMargins(48, 0, 48, 24)
        body.setSpacing(24)
        top = QHBoxLayout()
        top.setSpacing(24)
        self.heading = TextLabel("", "heading")
        self.new_button = big_button("", kind="primary", role="button_main", name="new-session")
        self.new_button.clicked.connect(self.new_requested)
        top.addWidget(self.heading, 1)
        top.addWidget(self.new_button)
        body.addLayout(top)
        self.note = TextLabel("", "body")
        self.note.setObjectName("sessions-note")
        self.note.setProperty("note", "tip")
        self.note.hide()
        self.empty = TextLabel("", "instruction")
        body.addWidget(self.note)
        body.addWidget(self.empty)
        self.grid = QGridLayout()
        self.grid.setSpacing(24)
        body.addLayout(self.grid)
        body.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.scroll = scroll_body(body, state)
        layout.addWidget(self.scroll)
        state.lang_changed.connect(self.refresh)
        state.theme_changed.connect(lambda _theme: self.refresh())

    def show_day(self, now: datetime, note: tuple[str, dict] | None = None) -> None:
        self.now = now.astimezone()
        self.today = self.now.date()
        self._note = note
        self.refresh()

    def refresh(self, *_: object) -> None:
        lang = self._state.lang
        theme = self._state.theme
        classroom = self._services.kiosk.classroom
        self.sessions = classroom.sessions_on_day(self.today) if classroom is not None else []
        self.heading.set_text(tr("tutor_today_heading", lang, date=date_words(self.today, lang)))
        self.new_button.setText(tr("tutor_new_session", lang))
        set_min_size(self.new_button, 0, theme.px(88))
        self.empty.set_text("" if self.sessions else tr("tutor_no_sessions", lang))
        self.empty.setVisible(not self.sessions)
        note = self._note
        if note is not None and "day" in note[1]:
            values = {**note[1], "date": date_words(note[1]["day"], lang, self.today)}
            values.pop("day")
            self.note.set_text(tr(note[0], lang, **values))
        self.note.setVisible(note is not None)
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            widget.hide()
            widget.deleteLater()
        self.cards = {}
        columns = 2 if theme.scale < 1.25 else 1
        for column in range(2):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        for i, session in enumerate(self.sessions):
            lines = [("", "tile"), ("", "body"), ("", "body"), ("", "body")]
            card = CardButton(lines, name=f"session-{session.id}", top=True)
            card.set_margins(theme)
            card.set_texts(self._card_texts(session))
            card.clicked.connect(lambda _=False, chosen=session: self.session_chosen.emit(chosen))
            self.cards[session.id] = card
            self.grid.addWidget(card, i // columns, i % columns)

    def _card_texts(self, session: ClassSession) -> list[str]:
        lang = self._state.lang
        here = len(self._services.kiosk.classroom.checked_in(session))
        count = max(here, self.board_counts.get(session.id, 0))  # the board knows other kiosks' check-ins
        first = tr("tutor_card_when", lang, starts=clock(session.starts), ends=clock(session.ends), title=session.title)
        if session.room:
            second = tr("tutor_card_room", lang, room=session.room, count=count)
        else:
            second = tr("tutor_card_no_room", lang, count=count)
        lessons = session_lessons(session, self._services.kiosk.catalogue, lang)
        on_now = tr("tutor_card_on_now", lang) if session.is_on(datetime.now().astimezone()) else ""
        return [first, second, lessons, on_now]


class TutorScreen(QWidget):
    sign_out_requested = Signal()

    def __init__(self, state: KioskState, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._state = state
        self._services = services
        self.account: AccountRecord | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 24)
        layout.setSpacing(16)
        layout.addWidget(TopBar(state))
        header = QGridLayout()  # the title between the buttons, or under them (_place_title)
        self._header = header
        header.setContentsMargins(48, 0, 48, 0)
        header.setSpacing(24)
        self.back_button = big_button("", role="button_main", name="tutor-back")
        self.back_button.clicked.connect(lambda: self.show_today())
        self.title = TextLabel("", "heading")
        self.sign_out_button = big_button("", kind="warm", role="button_main", name="role-sign-out")
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        header.addWidget(self.back_button, 0, 0)
        header.addWidget(self.title, 0, 1)
        header.addWidget(self.sign_out_button, 0, 2)
        header.setColumnStretch(1, 1)
        layout.addLayout(header)
        self.today = SessionsPage(state, services, self)
        self.form = SessionForm(state, services, self)
        self.session = SessionPage(state, services, lambda: self.account, self)
        self.pages = QStackedWidget()
        for page in (self.today, self.form, self.session):
            self.pages.addWidget(page)
        layout.addWidget(self.pages, 1)
        self.today.new_requested.connect(self.show_form)
        self.today.session_chosen.connect(self.open_session)
        self.form.saved.connect(self._saved)
        self.form.cancelled.connect(self.show_today)
        if services.news is not None:
            services.news.arrived.connect(self._news)
        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(self._restyle)
        self._restyle()
        self.retranslate()
        self._show(self.today)

    @property
    def poller(self):
        return self.session.poller

    # ---- opening and leaving -----------------------------------------------------------------

    def open_for(self, account: AccountRecord, now: datetime) -> None:
        self.account = account
        self.retranslate()
        self.show_today(now)

    def leave(self) -> None:
        """Signed out (or idle): stop reading the board and forget the page; nothing stays open."""
        self.session.leave()
        self.account = None
        self._show(self.today)
        self.retranslate()

    def shutdown(self) -> None:
        """The kiosk is closing: let a board read under way finish before the store closes."""
        self.session.shutdown()

    # ---- moving between pages ----------------------------------------------------------------

    def show_today(self, now: datetime | None = None, note: tuple[str, dict] | None = None) -> None:
        self.session.leave()
        self.today.board_counts.update(self.session.board_counts)
        self.today.show_day(now if isinstance(now, datetime) else datetime.now().astimezone(), note)
        self._show(self.today)

    def show_form(self) -> None:
        if self.account is None:
            return
        self.form.open_for(self.account, datetime.now().astimezone())
        self._show(self.form)

    def open_session(self, session: ClassSession) -> None:
        self.session.open(session)
        self._show(self.session)

    def current_page(self) -> QWidget:
        return self.pages.currentWidget()

    def _saved(self, session: ClassSession) -> None:
        if session.day == datetime.now().astimezone().date():
            self.open_session(session)
        else:
            self.show_today(note=("tutor_saved_other_day", {"title": session.title, "day": session.day}))

    def _news(self) -> None:
        """Learners or sessions came in from the centre's other kiosks."""
        if self.current_page() is self.today and self.isVisible():
            self.today.refresh()
        elif self.current_page() is self.session:
            self.session.checkin.refresh_names()

    def _show(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        self.back_button.setVisible(page is not self.today)
        self.retranslate()

    # ---- words and looks ---------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_title()

    def _place_title(self) -> None:
        """The title between Back and Sign out where it has room for a few words, else on a
        line of its own under them (a portrait screen at 150 %), so neither button is squeezed."""
        header = self._header
        margins = header.contentsMargins()
        buttons = self.sign_out_button.sizeHint().width() + 2 * header.horizontalSpacing()
        if not self.back_button.isHidden():
            buttons += self.back_button.sizeHint().width()
        room = self.width() - margins.left() - margins.right() - buttons
        one_line = self.title.fontMetrics().horizontalAdvance(self.title.plain_text())
        beside = room >= min(one_line, self._state.theme.px(TITLE_LEAST_PX))
        if beside != (header.getItemPosition(header.indexOf(self.title))[0] == 0):
            header.removeWidget(self.title)
            if beside:
                header.addWidget(self.title, 0, 1)
            else:
                header.addWidget(self.title, 1, 0, 1, 3)

    def _restyle(self, *_: object) -> None:
        self.setStyleSheet(console_styles(self._state.theme))
        set_min_size(self.sign_out_button, 0, self._state.theme.px(72))

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        page = self.current_page()
        if page is self.form:
            self.title.set_text(tr("tutor_form_heading", lang))
        elif page is self.session and self.session.session is not None:
            self.title.set_text(self.session.session.title)
        else:
            self.title.set_text(tr("tutor_title", lang, name=self.account.name if self.account else ""))
        self.back_button.setText(tr("tutor_back", lang))
        self.sign_out_button.setText(tr("role_sign_out", lang))
        self._place_title()
