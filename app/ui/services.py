"""What the screens need, built once in the entry point and passed in (no globals): the
kiosk's application layer (app.kiosk), and the few things that are the screens' own."""

from __future__ import annotations

from dataclasses import dataclass

from app.handwriting.zinnia import Recognizer
from app.kiosk.assembly import Kiosk
from app.ui.icons import IconLibrary
from app.ui.sync_news import SyncNews


@dataclass
class Services:
    kiosk: Kiosk
    icons: IconLibrary
    news: SyncNews  # learners or progress came in from the centre's other kiosks
    handwriting: Recognizer | None = None  # None where Zinnia or its model is missing (logged)
    idle_warning_seconds: int = 30
    role_idle_seconds: int = 100  # a tutor or staff member is warned after this, signed out 20 s later

    @property
    def idle_seconds(self) -> int:
        return self.kiosk.idle_seconds

    def close(self) -> None:
        """Stop the background work and close the store, once the window is gone."""
        self.kiosk.close()
        if self.handwriting is not None:
            self.handwriting.close()
