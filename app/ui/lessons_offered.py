"""Which lessons this centre offers on this kiosk: the kiosk setting "lessons_offered", a list
of lesson ids; absent (or None) means every lesson, so a lesson added to courses/ later is
offered without anyone remembering to tick it. Staff choose on the console's Lessons page;
the learner's catalogue and the "next lesson" after a completion show only these."""

from __future__ import annotations

from collections.abc import Iterable

from app.core.course import Lesson
from app.core.loader import Catalogue
from app.store.options import LESSONS_OFFERED
from app.store.settings import SettingsRepository


def offered_ids(settings: SettingsRepository) -> frozenset[str] | None:
    """The ids chosen, or None for every lesson."""
    chosen = settings.get(LESSONS_OFFERED)
    return None if chosen is None else frozenset(chosen)


def offered_lessons(catalogue: Catalogue, settings: SettingsRepository) -> list[Lesson]:
    """The catalogue's lessons this centre offers, in catalogue order."""
    chosen = offered_ids(settings)
    return [lesson for lesson in catalogue.lessons if chosen is None or lesson.id in chosen]


def set_offered(settings: SettingsRepository, catalogue: Catalogue, ids: Iterable[str]) -> None:
    """Keep the choice; every lesson chosen is kept as "all" (None), so new lessons show too."""
    chosen = set(ids)
    every = {lesson.id for lesson in catalogue.lessons}
    settings.set(LESSONS_OFFERED, None if every <= chosen else sorted(chosen & every))
