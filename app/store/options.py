"""Every kiosk setting, declared once with its key, type and default (after MusicBrainz
Picard's `options.py`). Code reads and writes settings only through these declarations
(`settings.get(CENTRE_URL)`), so a key is spelled in one place and a misspelt one is a
NameError at import, not a setting that is silently never found."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Option(Generic[T]):
    """One setting: `key` in the settings table, the JSON types its value may have (None is
    always allowed: it means "not set"), and the value read when it was never set."""

    key: str
    types: tuple[type, ...]
    default: T
    about: str

    def accepts(self, value: Any) -> bool:
        if value is None:
            return True
        if isinstance(value, bool) and bool not in self.types:
            return False  # JSON true is not a number of seconds
        return isinstance(value, self.types)


# ---- this kiosk ------------------------------------------------------------------------------

KIOSK_ID: Option[str | None] = Option("kiosk_id", (str,), None, "this kiosk's own id, made once and kept")
KIOSK_LANG: Option[str | None] = Option("kiosk_lang", (str,), None, "the language the welcome screen opens in")
IDLE_SECONDS: Option[int | None] = Option(
    "idle_seconds", (int,), None, "seconds without a touch before a learner is asked if they are still there"
)
KIOSK_ROOM: Option[str | None] = Option(
    "kiosk_room", (str,), None, "the room this kiosk stands in: sessions held elsewhere do not check learners in here"
)
LESSONS_OFFERED: Option[list[str] | None] = Option(
    "lessons_offered", (list,), None, "the lesson ids offered here; not set: every lesson, new ones too"
)
EXPORT_FOLDER: Option[str | None] = Option("export_folder", (str,), None, "where staff last saved reports")
CENTRE_NAME: Option[str | None] = Option("centre_name", (str,), None, "the centre's name as printed on certificates")

# ---- the centre this kiosk is enrolled with (app.sync.enrol) ------------------------------

CENTRE_URL: Option[str | None] = Option("centre_url", (str,), None, "the centre server's address")
CENTRE_TOKEN: Option[str | None] = Option("centre_token", (str,), None, "the device token given at enrolment")
CENTRE_KIOSK_ID: Option[str | None] = Option("centre_kiosk_id", (str,), None, "this kiosk's id at the centre")
CENTRE_HOME: Option[str | None] = Option(
    "centre_home", (str,), None, "the account home page that names this centre's learners in statements"
)
CENTRE_IDS_KEY: Option[str | None] = Option(
    "centre_ids_key", (str,), None, "the centre's key its kiosks name their statements with (hex)"
)
CENTRE_KEY: Option[str | None] = Option("centre_key", (str,), None, "an xAPI key, instead of enrolment")
CENTRE_SECRET: Option[str | None] = Option("centre_secret", (str,), None, "the xAPI key's secret")

# ---- where the centre's feeds were last read up to (app.sync.roster, app.sync.sessions) ----

LEARNERS_CURSOR: Option[str | None] = Option("roster_learners_cursor", (str,), None, "the learners feed's cursor")
ATTEMPTS_CURSOR: Option[str | None] = Option(
    "roster_attempts_cursor", (str,), None, "the lesson attempts feed's cursor"
)
SESSIONS_CURSOR: Option[str | None] = Option("sessions_cursor", (str,), None, "the class sessions feed's cursor")

# ---- per learner -----------------------------------------------------------------------------

LEARNER_PREFS_PREFIX = "prefs:"


def learner_prefs(learner_id: str) -> Option[dict[str, Any] | None]:
    """A learner's language and text size, kept for their next visit."""
    return Option(f"{LEARNER_PREFS_PREFIX}{learner_id}", (dict,), None, "a learner's language and text size")
