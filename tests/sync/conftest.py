"""The real centre server for the sync tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sync.test_sync_with_centre import Centre


@pytest.fixture
def centre(tmp_path) -> Iterator[Centre]:
    server = Centre(f"sqlite:///{tmp_path / 'centre.db'}")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def lesson():
    """The longest bundled lesson."""
    from app.core.loader import load_courses
    from app.core.resources import courses_dir
    from app.ui.icons import IconLibrary

    catalogue = load_courses([courses_dir()], icons=frozenset(IconLibrary().names()))
    return max(catalogue.lessons, key=lambda lesson: len(lesson.steps))
