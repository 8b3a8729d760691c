"""What the kiosk remembers between visits besides records: the language the welcome screen
opens in, each learner's language and text size, the folder staff save files to, and the
centre's name as printed on certificates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.store.options import CENTRE_NAME, EXPORT_FOLDER, KIOSK_LANG, learner_prefs
from app.store.settings import SettingsRepository


@dataclass(frozen=True)
class LearnerPrefs:
    lang: str | None = None  # None: the kiosk's language
    scale: float | None = None  # None: 100 %


class Preferences:
    def __init__(self, settings: SettingsRepository) -> None:
        self._settings = settings

    def kiosk_lang(self) -> str | None:
        return self._settings.get(KIOSK_LANG)

    def set_kiosk_lang(self, lang: str) -> None:
        self._settings.set(KIOSK_LANG, lang)

    def of_learner(self, learner_id: str) -> LearnerPrefs:
        kept = self._settings.get(learner_prefs(learner_id)) or {}
        return LearnerPrefs(kept.get("lang"), kept.get("scale"))

    def set_of_learner(self, learner_id: str, lang: str, scale: float) -> None:
        self._settings.set(learner_prefs(learner_id), {"lang": lang, "scale": scale})

    def export_folder(self) -> Path | None:
        chosen = self._settings.get(EXPORT_FOLDER)
        return Path(chosen) if chosen else None

    def set_export_folder(self, folder: Path) -> None:
        self._settings.set(EXPORT_FOLDER, str(folder))

    def centre_name(self) -> str | None:
        return self._settings.get(CENTRE_NAME)

    def set_centre_name(self, name: str) -> None:
        self._settings.set(CENTRE_NAME, name)
