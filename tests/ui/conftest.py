"""Fixtures of the screen tests: a real centre to talk to, and an application left as found."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sync.test_sync_with_centre import Centre


@pytest.fixture(autouse=True)
def application_style_sheet_restored(qapp) -> Iterator[None]:
    """A test that gives the application the kiosk's style sheet (as the window does) must not
    hand it to the next test in the same worker: its font sizes override `setFont`, so a
    text-size test failed or passed by the order the worker ran them in."""
    before = qapp.styleSheet()
    yield
    if qapp.styleSheet() != before:
        qapp.setStyleSheet(before)


@pytest.fixture
def centre(tmp_path) -> Iterator[Centre]:
    """A real centre server of the test's own (SQLite), as the kiosk's screens reach it."""
    server = Centre(f"sqlite:///{tmp_path / 'centre.db'}")
    server.start()
    yield server
    server.stop()
