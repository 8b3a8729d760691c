"""Fixtures of the screen tests that talk to a real centre."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sync.test_sync_with_centre import Centre


@pytest.fixture
def centre(tmp_path) -> Iterator[Centre]:
    """A real centre server of the test's own (SQLite), as the kiosk's screens reach it."""
    server = Centre(f"sqlite:///{tmp_path / 'centre.db'}")
    server.start()
    yield server
    server.stop()
