"""Shared cell formatting: the fast local clock agrees with datetime.astimezone() minute by
minute, across a daylight-saving switch, and for moments in other zones or without one."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.exports.cells import LocalClock, csv_text


@pytest.fixture
def london_time() -> Iterator[None]:
    """British time with its switches (POSIX rule, no tz database needed): 01:00 UTC on the
    last Sunday of March and October."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is POSIX only")
    before = os.environ.get("TZ")
    os.environ["TZ"] = "GMT0BST,M3.5.0/1,M10.5.0"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def _slow(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize("day", [datetime(2026, 3, 29), datetime(2026, 10, 25)], ids=["spring", "autumn"])
def test_the_local_clock_agrees_with_astimezone_across_a_switch(london_time: None, day: datetime) -> None:
    clock = LocalClock()
    for minute in range(0, 6 * 60, 7):
        moment = day + timedelta(minutes=minute, seconds=minute % 60, microseconds=minute)
        assert clock.text(moment) == _slow(moment), moment
        aware = moment.replace(tzinfo=UTC)
        assert clock.text(aware) == _slow(aware), aware


def test_moments_in_other_zones_are_shown_in_local_time(shanghai_time: None) -> None:
    clock = LocalClock()
    new_york = datetime(2026, 3, 2, 20, 5, 59, tzinfo=timezone(timedelta(hours=-5)))
    assert clock.text(new_york) == "2026-03-03 09:05"
    assert clock.text(datetime(2026, 3, 2, 23, 59)) == "2026-03-03 07:59"


def test_formula_characters_are_quoted_and_other_text_is_not() -> None:
    assert [csv_text(text) for text in ("=1+1", "+86 138", "-", "@a", "\tx", "张伟", "Wang = Fang", "")] == [
        "'=1+1",
        "'+86 138",
        "'-",
        "'@a",
        "'\tx",
        "张伟",
        "Wang = Fang",
        "",
    ]
