"""Where the learners' records are, in words staff can act on: one sentence shared by the
welcome screen's status line and the staff settings screen, so both always say the same."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.ui.i18n import tr

if TYPE_CHECKING:
    from app.ui.services import Services


def sync_text(services: Services, lang: str) -> str:
    """Records waiting, the last success, and any problem with what to do about it."""
    centre = services.kiosk.centre
    state = centre.sync_state()
    if not centre.sending:
        return tr("sync_none", lang, waiting=state.waiting)
    if state.advice:
        text = tr(f"sync_{state.advice}", lang, problem=state.problem, waiting=state.waiting)
    else:
        when = state.last_success.astimezone().strftime("%H:%M") if state.last_success else tr("sync_never", lang)
        text = tr("sync_ok", lang, waiting=state.waiting, when=when)
    if state.set_aside:
        text += "; " + tr("sync_set_aside", lang, count=state.set_aside)
    return text
