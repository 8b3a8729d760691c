"""The kiosk's application layer, assembled once at start-up: the store opened (and migrated),
the lessons loaded, speech started, the centre connected, and the parts the screens ask for,
each given just what it needs. The screens get this bundle; nothing reaches it through a
global."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.loader import Catalogue, load_courses
from app.kiosk.accounts import Accounts
from app.kiosk.centre import CentreConnection, kiosk_identity
from app.kiosk.classroom import Classroom
from app.kiosk.learners import Learners
from app.kiosk.lessons_offered import LessonsOffered
from app.kiosk.practice import Practice
from app.kiosk.preferences import Preferences
from app.kiosk.records import RecordsUnavailable, records_problem
from app.kiosk.unsent_completions import queue_unsent_completions
from app.store.db import Database, open_database
from app.store.options import IDLE_SECONDS
from app.store.paths import default_data_dir
from app.store.problems import DatabaseUnusable
from app.voice.factory import make_speaker
from app.voice.speaker import Speaker

if TYPE_CHECKING:
    from app.kiosk.learner_admin import LearnerAdmin
    from app.kiosk.reporting import Reports

log = logging.getLogger("silversteps.kiosk")
DEFAULT_IDLE_SECONDS = 180


@dataclass
class Kiosk:
    """Everything the kiosk's screens ask of the application layer. `db` is here for the
    command line and the tests; screens ask the parts, never the store."""

    data_dir: Path
    db: Database
    catalogue: Catalogue
    speaker: Speaker
    centre: CentreConnection
    classroom: Classroom
    learners: Learners
    practice: Practice
    offered: LessonsOffered
    accounts: Accounts
    preferences: Preferences
    idle_seconds: int = DEFAULT_IDLE_SECONDS

    # The staff console's parts are built the first time staff need them: their writers
    # (openpyxl, a fifth of a second to import) and the sync client would otherwise delay the
    # learners' Start button.

    @cached_property
    def reports(self) -> Reports:
        """Reports and certificates, from this kiosk's store or its centre."""
        # staff only: see above
        from app.kiosk.reporting import Reports

        return Reports(self.db, self.catalogue, self.centre)

    @cached_property
    def learner_admin(self) -> LearnerAdmin:
        """Correcting, merging, deleting a learner everywhere; their own records."""
        # staff only: see above
        from app.kiosk.learner_admin import LearnerAdmin

        return LearnerAdmin(self.db, self.centre)

    def close(self) -> None:
        """Stop the background work and close the store, once the screens are gone."""
        self.centre.close()
        self.speaker.close()
        self.db.close()


def load_catalogue(folder: Path, icon_names: Iterable[str]) -> Catalogue:
    """Load the lessons; problems are logged and shown on the staff status line, never fatal."""
    catalogue = load_courses([folder], icons=frozenset(icon_names))
    for problem in catalogue.problems:
        log.warning("lesson problem: %s", problem)
    return catalogue


def build_kiosk(
    data_dir: Path | None,
    courses: Path,
    *,
    icon_names: Iterable[str],
    idle_seconds: int | None = None,
    centre_url: str | None = None,
    on_news: Callable[[], None] | None = None,
) -> Kiosk:
    """`data_dir` None: the user's data folder. `on_news` is called (on the sync worker's
    thread) when learners or progress came in from the centre's other kiosks. Raises
    RecordsUnavailable when the records cannot be opened: then nothing starts, sync included."""
    data_dir = data_dir or default_data_dir()
    try:
        db = open_database(data_dir)
    except DatabaseUnusable as error:
        raise RecordsUnavailable(records_problem(error)) from error
    catalogue = load_catalogue(courses, icon_names)
    # before the sync worker starts, so the first round sends them
    queue_unsent_completions(db, catalogue, kiosk_identity(db))
    speaker = make_speaker(data_dir / "speech-cache")
    centre = CentreConnection(db, on_news=on_news, centre_url=centre_url or "")
    classroom = Classroom(db, centre)
    preferences = Preferences(db.settings)
    return Kiosk(
        data_dir=data_dir,
        db=db,
        catalogue=catalogue,
        speaker=speaker,
        centre=centre,
        classroom=classroom,
        learners=Learners(db, centre, classroom, preferences),
        practice=Practice(db, centre, classroom),
        offered=LessonsOffered(db.settings, catalogue),
        accounts=Accounts(db.accounts),
        preferences=preferences,
        idle_seconds=idle_seconds or db.settings.get(IDLE_SECONDS) or DEFAULT_IDLE_SECONDS,
    )
