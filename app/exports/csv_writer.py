"""CSV for Excel: UTF-8 with a byte-order mark (without it Excel on Windows reads UTF-8 as the
local code page and Chinese names turn into mojibake), CRLF line ends, one header row."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from app.exports.atomic import atomic_write_text
from app.exports.cells import ATTENDANCE_HEADERS, LocalClock, csv_text, minutes
from app.exports.progress import DEFAULT_EVERY, Progress, Ticker, total_of
from app.exports.records import AttendanceRow

ENCODING = "utf-8-sig"  # UTF-8 with BOM


def write_csv(
    path: Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    total: int | None = None,
    progress: Progress | None = None,
    every: int = DEFAULT_EVERY,
) -> int:
    """Write the header and each row as it comes; returns the number of rows written."""
    ticker = Ticker(progress, total, every)
    done = 0
    with atomic_write_text(path, encoding=ENCODING, newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(headers)
        write = writer.writerow
        # Counted inline rather than with ticker.tick(): a method call per row costs a tenth
        # of what the csv module spends on the row itself.
        for done, row in enumerate(rows, start=1):
            write(row)
            if done % every == 0 and progress is not None:
                progress(done, total)
    ticker.done = done
    ticker.finish()
    return done


def attendance_cells() -> Callable[[AttendanceRow], tuple[object, ...]]:
    """The function that turns one attendance row into CSV text, in the order of
    ATTENDANCE_HEADERS. It remembers the last session's formatted fields (rows come a
    session at a time) and the text of recent check-in minutes: formatting is most of the
    cost of a row, and the target is 1.5x the bare csv module."""
    local = LocalClock().text
    last_session: tuple[object, ...] = ()
    session_cells: tuple[str, ...] = ()

    def cells(row: AttendanceRow) -> tuple[object, ...]:
        nonlocal last_session, session_cells
        session = (row.session_title, row.session_date, row.starts_at, row.room, row.tutor)
        if session != last_session:
            last_session = session
            session_cells = (
                csv_text(row.session_title),
                row.session_date.isoformat(),
                row.starts_at.isoformat("minutes"),
                csv_text(row.room),
                csv_text(row.tutor),
            )
        title, day, starts, room, tutor = session_cells
        checked = row.checked_in_at
        spent = row.seconds_spent
        return (
            row.session_id,
            title,
            day,
            starts,
            room,
            tutor,
            row.learner_id,
            csv_text(row.learner_name),
            "" if checked is None else local(checked),
            "" if spent is None else minutes(spent),
        )

    return cells


def write_attendance_csv(
    rows: Iterable[AttendanceRow],
    path: Path,
    *,
    total: int | None = None,
    progress: Progress | None = None,
    every: int = DEFAULT_EVERY,
) -> int:
    """Attendance per session and learner: check-in time (local, to the minute) and minutes
    spent. Rows are written in the order given; returns how many."""
    return write_csv(
        path,
        ATTENDANCE_HEADERS,
        map(attendance_cells(), rows),
        total=total_of(rows, total),
        progress=progress,
        every=every,
    )
