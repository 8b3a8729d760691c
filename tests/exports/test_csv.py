"""Attendance CSV: opened in Excel with Chinese intact (UTF-8 with BOM), every row read back
with the csv module, times in local time, and names that never run as formulas."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from app.exports.cells import ATTENDANCE_HEADERS
from app.exports.csv_writer import write_attendance_csv
from app.exports.records import AttendanceRow

from .samples import attendance_rows

ROWS = 1234


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def _expected(row: AttendanceRow) -> list[str]:
    """What staff should see, worked out apart from the writer: UTC+8 local time."""
    checked = ""
    if row.checked_in_at is not None:
        local = row.checked_in_at.hour + 8
        checked = f"{row.checked_in_at.date().isoformat()} {local:02d}:{row.checked_in_at.minute:02d}"
    spent = "" if row.seconds_spent is None else str(round(row.seconds_spent / 60, 1))
    return [
        row.session_id,
        row.session_title,
        row.session_date.isoformat(),
        f"{row.starts_at.hour:02d}:{row.starts_at.minute:02d}",
        row.room,
        row.tutor,
        row.learner_id,
        row.learner_name,
        checked,
        spent,
    ]


def test_every_row_reads_back_under_the_bilingual_header(tmp_path: Path, shanghai_time: None) -> None:
    target = tmp_path / "attendance.csv"
    written = write_attendance_csv(attendance_rows(ROWS), target)
    assert written == ROWS
    rows = _read(target)
    assert rows[0] == list(ATTENDANCE_HEADERS)
    assert rows[1:] == [_expected(row) for row in attendance_rows(ROWS)]
    assert {"欧阳娜娜", "Margaret Elizabeth Thompson-Williams"} <= {row[7] for row in rows[1:]}
    assert any(row[8] == "" and row[9] == "" for row in rows[1:]), "learners who did not check in stay empty"


def test_the_file_starts_with_a_byte_order_mark_and_uses_crlf(tmp_path: Path) -> None:
    target = tmp_path / "attendance.csv"
    write_attendance_csv(attendance_rows(3), target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + "课次编号 Session ID".encode())
    assert raw.count(b"\r\n") == 4 and raw.count(b"\n") == 4


def test_a_name_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    sneaky = ['=HYPERLINK("http://evil.example","点我")', "+1-2", "-3+4", "@SUM(A1:A2)"]
    rows = [
        AttendanceRow("s1", "=cmd|'/C calc'!A0", date(2026, 3, 2), time(9, 30), "@room", "+tutor", f"id{i}", name)
        for i, name in enumerate(sneaky)
    ]
    target = tmp_path / "attendance.csv"
    write_attendance_csv(rows, target)
    back = _read(target)[1:]
    assert [row[7] for row in back] == ["'" + name for name in sneaky]
    assert back[0][1] == "'=cmd|'/C calc'!A0" and back[0][4] == "'@room" and back[0][5] == "'+tutor"


def test_a_moment_without_a_time_zone_is_utc(tmp_path: Path, shanghai_time: None) -> None:
    row = AttendanceRow(
        "s1", "课", date(2026, 3, 2), time(9, 30), "1", "刘", "L1", "张伟", datetime(2026, 3, 2, 1, 5), 60
    )
    aware = AttendanceRow(
        "s1", "课", date(2026, 3, 2), time(9, 30), "1", "刘", "L2", "李秀英", datetime(2026, 3, 2, 1, 5, tzinfo=UTC), 60
    )
    target = tmp_path / "attendance.csv"
    write_attendance_csv([row, aware], target)
    assert [row[8] for row in _read(target)[1:]] == ["2026-03-02 09:05", "2026-03-02 09:05"]


@pytest.mark.parametrize("as_list", [True, False], ids=["list", "generator"])
def test_progress_is_reported_with_the_total_when_it_is_known(tmp_path: Path, as_list: bool) -> None:
    calls: list[tuple[int, int | None]] = []
    rows = list(attendance_rows(250)) if as_list else attendance_rows(250)
    write_attendance_csv(rows, tmp_path / "a.csv", progress=lambda done, total: calls.append((done, total)), every=100)
    total = 250 if as_list else None
    assert calls == [(100, total), (200, total), (250, total)]


def test_rows_in_any_order_keep_their_own_session_fields(tmp_path: Path, shanghai_time: None) -> None:
    """The writer reuses the last session's formatted fields; interleaved sessions must not mix."""
    rows = list(attendance_rows(200, per_session=5))
    interleaved = rows[::2] + rows[1::2]
    target = tmp_path / "attendance.csv"
    write_attendance_csv(interleaved, target)
    assert _read(target)[1:] == [_expected(row) for row in interleaved]
