"""What the screens need, built once in the entry point and passed in (no globals)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.loader import Catalogue
from app.core.xapi import KioskIdentity
from app.store.db import Database
from app.ui.icons import IconLibrary
from app.voice.speaker import Speaker

if TYPE_CHECKING:
    from app.sync.worker import SyncWorker
    from app.ui.classroom import Classroom
    from app.ui.sync_news import SyncNews


@dataclass
class Services:
    db: Database
    catalogue: Catalogue
    speaker: Speaker
    icons: IconLibrary
    identity: KioskIdentity
    idle_seconds: int = 180
    idle_warning_seconds: int = 30
    role_idle_seconds: int = 100  # a tutor or staff member is warned after this, signed out 20 s later
    sync: SyncWorker | None = None  # None: no centre yet, records wait in the outbox
    news: SyncNews | None = None  # learners or progress came in from the centre's other kiosks
    classroom: Classroom | None = None  # class sessions, check-in, help calls and the tutor's board

    def close(self) -> None:
        """Stop the background work and close the store, once the window is gone."""
        if self.sync is not None:
            self.sync.stop()
        if self.classroom is not None:
            self.classroom.close()
        self.speaker.close()
        self.db.close()
