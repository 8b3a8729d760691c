"""The console's Kiosks page: this kiosk's enrolment (the settings' card) and, once it is
enrolled, every kiosk of the centre as the centre knows it (app.kiosk.centre, `kiosks`):
when it enrolled, when it was last heard from, how many records it has sent, whether it has
been revoked. Another kiosk (a stolen or retired one) can be revoked, after a question that
names it; this kiosk cannot revoke itself. The centre is asked on a worker thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.ui.services import Services
from app.ui.staff.centre_sign_in import sign_in_missing
from app.ui.staff.confirm import ConfirmPanel
from app.ui.staff.dates import day_text
from app.ui.staff.page import card, clear_layout, fill_with_page, note, show_note
from app.ui.staff.texts import tr
from app.ui.state import KioskState
from app.ui.widgets import TextLabel, big_button
from app.ui.work import Worker


def when_text(moment: str | None, lang: str) -> str:
    """A centre's UTC moment in this computer's local time: "today 10:42" or a day and time."""
    if not moment:
        return tr("staff_never", lang)
    local = datetime.fromisoformat(moment.replace("Z", "+00:00")).astimezone()
    if local.date() == datetime.now().astimezone().date():
        return tr("staff_today_at", lang, time=local.strftime("%H:%M"))
    return tr("staff_day_at", lang, day=day_text(local.date(), lang), time=local.strftime("%H:%M"))


def kiosk_lines(kiosk: dict[str, Any], lang: str) -> str:
    lines = [
        tr("staff_kiosk_enrolled_at", lang, when=when_text(kiosk.get("enrolled_at"), lang)),
        tr("staff_kiosk_seen", lang, when=when_text(kiosk.get("last_seen_at"), lang)),
        tr(
            "staff_kiosk_records",
            lang,
            count=kiosk.get("records", 0),
            when=when_text(kiosk.get("last_record_at"), lang),
        ),
    ]
    if kiosk.get("revoked_at"):
        lines.append(tr("staff_kiosk_revoked", lang, when=when_text(kiosk["revoked_at"], lang)))
    return "\n".join(lines)


class StaffKiosksPage(QWidget):
    def __init__(
        self,
        state: KioskState,
        services: Services,
        allowed: Callable[[], bool],
        enrolment_card: QFrame,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._services = services
        self._allowed = allowed
        self.kiosks: list[dict[str, Any]] = []
        self._said: tuple[str, dict] | None = None
        self._asking: dict[str, Any] | None = None
        self.worker = Worker(self)
        self.worker.busy_changed.connect(self._busy)
        body = QBoxLayout(QBoxLayout.Direction.LeftToRight)  # side by side; one above the other when larger
        body.setSpacing(32)
        self.body = body
        self.scroll = fill_with_page(self, body, state)
        self.enrolment_card = enrolment_card
        body.addWidget(enrolment_card, 1, Qt.AlignmentFlag.AlignTop)

        self.centre_card, column = card("centre-kiosks")
        heading_row = QHBoxLayout()
        heading_row.setSpacing(16)
        self.heading = TextLabel("", "heading")
        self.refresh_button = big_button("", name="kiosks-refresh")
        self.refresh_button.clicked.connect(self.refresh)
        heading_row.addWidget(self.heading, 1)
        heading_row.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(heading_row)
        self.status = note("kiosks-status", "status")
        column.addWidget(self.status)
        self.confirm = ConfirmPanel("revoke-confirm")
        column.addWidget(self.confirm)
        self.result = note("kiosks-result", "tip")
        column.addWidget(self.result)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(16)
        column.addLayout(self.rows)
        column.addStretch(1)
        body.addWidget(self.centre_card, 1, Qt.AlignmentFlag.AlignTop)
        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(self._arrange)
        self._arrange(state.theme)
        self.retranslate()

    def _arrange(self, theme) -> None:
        beside = theme.scale < 1.25
        self.body.setDirection(QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom)

    # ---- the console calls these -----------------------------------------------------------

    def open(self) -> None:
        self._order()
        self.refresh()

    def _order(self) -> None:
        """Enrolled, the centre's kiosks come first; not yet, enrolling this one does."""
        enrolled = self._services.kiosk.centre.enrolled
        first, second = (self.centre_card, self.enrolment_card) if enrolled else (self.enrolment_card, self.centre_card)
        if self.body.indexOf(first) != 0:
            for widget in (first, second):
                self.body.removeWidget(widget)
                self.body.addWidget(widget, 1, Qt.AlignmentFlag.AlignTop)

    def leave(self) -> None:
        self.worker.forget()
        self.kiosks = []
        self._said = None
        self._asking = None
        self.confirm.dismiss()
        show_note(self.result, "")
        self._fill()

    def wait_for_work(self) -> None:
        self.worker.wait()

    # ---- reading and revoking ----------------------------------------------------------------

    def refresh(self) -> None:
        """Ask the centre for its kiosks (nothing to ask if this kiosk is not enrolled)."""
        centre = self._services.kiosk.centre
        if not centre.enrolled:
            self.kiosks = []
            self._fill()
            return
        self.worker.start(lambda _report: centre.kiosks(), self._fetched, self._failed)

    def _fetched(self, kiosks: list[dict[str, Any]]) -> None:
        self.kiosks = kiosks
        self._fill()

    def revoke_buttons(self) -> dict[str, QPushButton]:
        """Each kiosk's Revoke button, by the kiosk's name (none for this kiosk or a revoked one)."""
        found = {}
        for i in range(self.rows.count()):
            row = self.rows.itemAt(i).widget()
            button = row.findChild(QPushButton)
            if button is not None:
                found[row.property("kiosk_name")] = button
        return found

    def ask_revoke(self, kiosk: dict[str, Any]) -> None:
        lang = self._state.lang
        self._asking = kiosk
        self.confirm.ask(
            tr("staff_confirm_revoke", lang, name=kiosk["name"]),
            tr("staff_revoke_yes", lang),
            tr("staff_cancel", lang),
            lambda: self._revoke(kiosk),
        )

    def _revoke(self, kiosk: dict[str, Any]) -> None:
        self._asking = None
        if not self._allowed():
            self._tell(("staff_only", {}))
            return
        centre = self._services.kiosk.centre
        if not centre.enrolled or kiosk["id"] == self._own_id():
            return

        def work(_report) -> list[dict[str, Any]]:
            return centre.revoke(kiosk["id"])

        def revoked(kiosks: list[dict[str, Any]]) -> None:
            self._tell(("staff_revoked", {"name": kiosk["name"]}))
            self._fetched(kiosks)

        self.worker.start(work, revoked, self._failed)

    def _own_id(self) -> str | None:
        return self._services.kiosk.centre.own_kiosk_id()

    # ---- words ---------------------------------------------------------------------------------

    def _failed(self, problem: BaseException) -> None:
        self._tell(sign_in_missing(problem) or ("staff_kiosks_unreachable", {"problem": str(problem)}))

    def _tell(self, message: tuple[str, dict] | None) -> None:
        self._said = message
        show_note(self.result, tr(message[0], self._state.lang, **message[1]) if message else "")

    def _busy(self, busy: bool) -> None:
        if busy:
            self.setFocus()  # not left on a button about to be disabled, nor passed to a text box
        self.refresh_button.setEnabled(not busy)
        for button in self.revoke_buttons().values():
            button.setEnabled(not busy)
        self._say_status()

    def _say_status(self) -> None:
        lang = self._state.lang
        if self.worker.busy:
            show_note(self.status, tr("staff_kiosks_busy", lang))
        elif not self._services.kiosk.centre.enrolled:
            show_note(self.status, tr("staff_kiosks_not_enrolled", lang))
        else:
            show_note(self.status, tr("staff_kiosks_count", lang, count=len(self.kiosks)) if self.kiosks else "")

    def _fill(self) -> None:
        lang = self._state.lang
        clear_layout(self.rows)
        own = self._own_id()
        for kiosk in self.kiosks:
            row = QFrame()
            row.setObjectName(f"kiosk-{kiosk['id']}")
            row.setProperty("kiosk_name", kiosk["name"])
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 8, 0, 8)
            line.setSpacing(16)
            words = QVBoxLayout()
            words.setSpacing(4)
            name_key = "staff_kiosk_this" if kiosk["id"] == own else "staff_kiosk_name"
            words.addWidget(TextLabel(tr(name_key, lang, name=kiosk["name"]), "tile"))
            words.addWidget(TextLabel(kiosk_lines(kiosk, lang), "body"))
            line.addLayout(words, 1)
            if kiosk["id"] != own and not kiosk.get("revoked_at"):
                revoke = big_button(tr("staff_revoke", lang), kind="danger", name=f"revoke-{kiosk['id']}")
                revoke.clicked.connect(lambda _=False, chosen=kiosk: self.ask_revoke(chosen))
                revoke.setEnabled(not self.worker.busy)
                line.addWidget(revoke, 0, Qt.AlignmentFlag.AlignTop)
            self.rows.addWidget(row)
        self._say_status()

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.heading.set_text(tr("staff_kiosks_heading", lang))
        self.refresh_button.setText(tr("staff_refresh", lang))
        if self._asking is not None:
            self.confirm.retext(
                tr("staff_confirm_revoke", lang, name=self._asking["name"]),
                tr("staff_revoke_yes", lang),
                tr("staff_cancel", lang),
            )
        self._tell(self._said)
        self._fill()
