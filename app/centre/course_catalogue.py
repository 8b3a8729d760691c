"""The courses this centre certifies: the bundled catalogue (courses/), loaded once per process
on the first certificate. A certificate's theme, lessons and titles come from here, never from
the request, so a kiosk cannot certify a theme of its own making."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from app.core.course import Lesson
from app.core.course_base import Text
from app.core.loader import Catalogue, load_courses
from app.core.resources import courses_dir

_lock = threading.Lock()
_loaded: list[Catalogue] = []


@dataclass(frozen=True)
class CertifiedTheme:
    """A theme as its certificate lists it: every lesson of it, in the catalogue's order."""

    id: str
    title: Text
    lessons: tuple[Lesson, ...]


def catalogue() -> Catalogue:
    """The bundled courses, loaded by the first caller (a few tenths of a second)."""
    with _lock:
        if not _loaded:
            _loaded.append(load_courses([courses_dir()]))
        return _loaded[0]


def certified_theme(theme_id: str) -> CertifiedTheme | None:
    """The theme with its lessons, or None for a theme the centre's courses do not have (or
    one without lessons, which nobody can complete)."""
    courses = catalogue()
    theme = next((theme for theme in courses.themes if theme.id == theme_id), None)
    lessons = tuple(courses.lessons_in(theme_id))
    if theme is None or not lessons:
        return None
    return CertifiedTheme(theme.id, theme.title, lessons)


def theme_ids() -> list[str]:
    return [theme.id for theme in catalogue().themes]


def text_of(title: Text) -> dict[str, str]:
    return {"zh": title.zh, "en": title.en}
