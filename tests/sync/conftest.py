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
