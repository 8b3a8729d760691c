"""The progress callback: every N rows, once at the end, and a way to cancel."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from app.exports.csv_writer import write_attendance_csv
from app.exports.progress import Ticker, total_of
from app.exports.xlsx_writer import write_attendance_xlsx

from .samples import attendance_rows


class Cancelled(Exception):
    pass


def test_ticker_reports_every_n_rows_and_the_end_once() -> None:
    calls: list[tuple[int, int | None]] = []
    ticker = Ticker(lambda done, total: calls.append((done, total)), 25, every=10)
    for _ in range(25):
        ticker.tick()
    ticker.finish()
    assert calls == [(10, 25), (20, 25), (25, 25)]


def test_ticker_does_not_repeat_the_last_report_when_rows_are_a_multiple_of_n() -> None:
    calls: list[tuple[int, int | None]] = []
    ticker = Ticker(lambda done, total: calls.append((done, total)), None, every=5)
    for _ in range(10):
        ticker.tick()
    ticker.finish()
    assert calls == [(5, None), (10, None)]


def test_ticker_reports_an_empty_export_once() -> None:
    calls: list[tuple[int, int | None]] = []
    Ticker(lambda done, total: calls.append((done, total)), 0).finish()
    assert calls == [(0, 0)]


def test_ticker_refuses_a_step_below_one() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        Ticker(None, None, every=0)


def test_total_is_known_for_lists_and_unknown_for_generators() -> None:
    assert total_of([1, 2, 3], None) == 3
    assert total_of(iter([1, 2, 3]), None) is None
    assert total_of(iter([1, 2, 3]), 3) == 3


@pytest.mark.parametrize("writer", [write_attendance_csv, write_attendance_xlsx], ids=["csv", "xlsx"])
def test_a_callback_that_raises_cancels_and_leaves_no_file(tmp_path: Path, writer) -> None:
    calls: list[int] = []

    def cancel_at_600(done: int, total: int | None) -> None:
        calls.append(done)
        if done >= 600:
            raise Cancelled

    def scratch_files() -> set[Path]:  # where openpyxl streams write-only sheets
        return set(Path(tempfile.gettempdir()).glob("openpyxl.*"))

    before = scratch_files()
    target = tmp_path / "attendance.out"
    with pytest.raises(Cancelled):
        writer(attendance_rows(2000), target, progress=cancel_at_600, every=200)
    assert calls == [200, 400, 600]
    assert list(tmp_path.iterdir()) == []
    assert scratch_files() <= before, "no scratch file is left until the program exits"
