"""Which lessons this centre offers on this kiosk (the setting `lessons_offered`, a list of
lesson ids). Not set means every lesson, so a lesson added to courses/ later is offered
without anyone remembering to tick it. Staff choose on the console's Lessons page; the
learner's catalogue and the "next lesson" after a completion show only these."""

from __future__ import annotations

from collections.abc import Iterable

from app.core.course import Lesson
from app.core.loader import Catalogue
from app.store.options import LESSONS_OFFERED
from app.store.settings import SettingsRepository


class LessonsOffered:
    def __init__(self, settings: SettingsRepository, catalogue: Catalogue) -> None:
        self._settings = settings
        self._catalogue = catalogue

    def ids(self) -> frozenset[str] | None:
        """The ids chosen, or None for every lesson."""
        chosen = self._settings.get(LESSONS_OFFERED)
        return None if chosen is None else frozenset(chosen)

    def lessons(self) -> list[Lesson]:
        """The catalogue's lessons this centre offers, in catalogue order."""
        chosen = self.ids()
        return [lesson for lesson in self._catalogue.lessons if chosen is None or lesson.id in chosen]

    def choose(self, ids: Iterable[str]) -> None:
        """Keep the choice; every lesson chosen is kept as "all" (not set), so new lessons show too."""
        chosen = set(ids)
        every = {lesson.id for lesson in self._catalogue.lessons}
        self._settings.set(LESSONS_OFFERED, None if every <= chosen else sorted(chosen & every))
