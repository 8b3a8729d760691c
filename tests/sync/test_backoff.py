"""How long the sync worker waits after a failure: exponential, jittered, capped, and never
shorter than the centre's Retry-After."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from app.sync.delivery import BACKOFF_CAP_S, backoff_delay, retry_after_seconds


def test_delay_doubles_with_each_failure_within_its_jitter_band():
    for failures in range(1, 8):
        ceiling = min(BACKOFF_CAP_S, 2 ** (failures - 1))
        assert backoff_delay(failures, None, rand=lambda: 0.0) == ceiling / 2
        assert backoff_delay(failures, None, rand=lambda: 1.0) == ceiling


def test_delay_is_capped_and_retry_after_wins_when_longer():
    assert backoff_delay(50, None, rand=lambda: 1.0) == BACKOFF_CAP_S
    assert backoff_delay(1, 120.0, rand=lambda: 1.0) == 120.0


def test_retry_after_reads_seconds_and_http_dates():
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    assert retry_after_seconds("30") == 30.0
    assert retry_after_seconds(format_datetime(now + timedelta(seconds=90), usegmt=True), now) == 90.0
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("soon") is None
