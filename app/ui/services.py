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


@dataclass
class Services:
    db: Database
    catalogue: Catalogue
    speaker: Speaker
    icons: IconLibrary
    identity: KioskIdentity
    idle_seconds: int = 180
    idle_warning_seconds: int = 30
    sync: SyncWorker | None = None  # None: no centre yet, records wait in the outbox
