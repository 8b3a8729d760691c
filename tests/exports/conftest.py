"""Fixtures of the export tests: a local time zone that is not UTC, so the tests see that
moments are shown in local time."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from app.exports.fonts import find_cjk_fonts


@pytest.fixture
def shanghai_time() -> Iterator[None]:
    """Local time UTC+8 (a POSIX TZ string, so no tz database is needed)."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is POSIX only")
    before = os.environ.get("TZ")
    os.environ["TZ"] = "CST-8"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def fresh_fonts() -> Iterator[None]:
    """Font lookups not served from the cache of an earlier test (and not left for a later one)."""
    find_cjk_fonts.cache_clear()
    yield
    find_cjk_fonts.cache_clear()
