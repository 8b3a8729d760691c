"""Attendance as an Excel workbook: one sheet of every row (header frozen, filter on, columns
sized to fit, header repeated on printed pages) and one of totals per learner in hours.

openpyxl's write-only mode streams rows to a temporary file, so 100,000 rows never sit in
memory; it still takes frozen panes, column widths, row heights and print titles, but only
before the first row is written. Column widths are therefore measured on the first
`SAMPLE_ROWS` rows (and the headers), which are held back until the widths are set."""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from app.exports.atomic import atomic_write
from app.exports.cells import ATTENDANCE_HEADERS, LEARNER_TOTAL_HEADERS, TOTAL_LABEL, hours, local_time, minutes
from app.exports.progress import DEFAULT_EVERY, Progress, Ticker, total_of
from app.exports.records import AttendanceRow

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

ATTENDANCE_SHEET = "出勤 Attendance"
TOTALS_SHEET = "按学员合计 Per learner"
SAMPLE_ROWS = 500
MAX_WIDTH = 50  # characters; longer text shows cut at the column edge (the cell holds all of it)
HEADER_HEIGHT = 32  # points: the header's Chinese and English on two lines
DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "hh:mm"
MOMENT_FORMAT = "yyyy-mm-dd hh:mm"
HOURS_FORMAT = "0.00"

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")


def display_width(text: str) -> int:
    """Characters as Excel measures column width: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _shown(value: object) -> str:
    """The text a cell shows, for measuring its width."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def fitting_widths(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> list[float]:
    """Widest line of each column (header lines and sampled values) plus a margin, capped."""
    widest = [max(display_width(line) for line in _two_lines(header).split("\n")) for header in headers]
    for row in rows:
        for index, value in enumerate(row):
            widest[index] = max(widest[index], display_width(_shown(value)))
    return [min(width + 2, MAX_WIDTH) for width in widest]


def _two_lines(header: str) -> str:
    """The header with its English on a second line (学员 over Learner): the same words as
    the CSV header, in a narrower column."""
    return header.replace(" ", "\n", 1)


class _Sheet:
    """A write-only sheet and the cell makers it needs; formats are set per cell because
    write-only sheets cannot style a whole column."""

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        self.sheet = sheet

    def text(self, value: str) -> object:
        """Text stays text: control characters (which XLSX cannot hold) are dropped, and a
        leading "=" is not read as a formula."""
        if ILLEGAL_CHARACTERS_RE.search(value):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith("="):
            cell = WriteOnlyCell(self.sheet, value=value)
            cell.data_type = "s"
            return cell
        return value

    def cells(self, values: Sequence[object], formats: Sequence[str | None], bold: bool = False) -> list[object]:
        """One row: text kept as text, dates, times and hours in their number formats."""
        row: list[object] = []
        for value, number_format in zip(values, formats, strict=True):
            if value is None or not (bold or number_format or isinstance(value, str)):
                row.append(value)
            elif isinstance(value, str) and not bold:
                row.append(self.text(value))
            else:
                cell = WriteOnlyCell(self.sheet, value=value)
                if number_format:
                    cell.number_format = number_format
                if bold:
                    cell.font = _HEADER_FONT
                row.append(cell)
        return row

    def start(self, headers: Sequence[str], widths: Sequence[float]) -> None:
        """Everything write-only mode needs before the first row: widths, frozen header,
        print titles, then the header row itself."""
        for index, width in enumerate(widths, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        self.sheet.freeze_panes = "A2"
        self.sheet.print_title_rows = "1:1"
        self.sheet.row_dimensions[1].height = HEADER_HEIGHT
        cells = []
        for header in headers:
            cell = WriteOnlyCell(self.sheet, value=_two_lines(header))
            cell.font = _HEADER_FONT
            cell.fill = _HEADER_FILL
            cell.alignment = _HEADER_ALIGNMENT
            cells.append(cell)
        self.sheet.append(cells)

    def filter(self, columns: int, rows: int) -> None:
        self.sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"


ATTENDANCE_FORMATS = (None, None, DATE_FORMAT, TIME_FORMAT, None, None, None, None, MOMENT_FORMAT, None)
TOTAL_FORMATS = (None, None, None, HOURS_FORMAT)


def attendance_values(row: AttendanceRow) -> tuple[object, ...]:
    """Typed values (dates, times, numbers) so Excel can sort and sum them."""
    checked = row.checked_in_at
    spent = row.seconds_spent
    return (
        row.session_id,
        row.session_title,
        row.session_date,
        row.starts_at.replace(second=0, microsecond=0),
        row.room,
        row.tutor,
        row.learner_id,
        row.learner_name,
        None if checked is None else local_time(checked).replace(second=0, microsecond=0),
        None if spent is None else minutes(spent),
    )


class LearnerTotals:
    """Sessions and seconds per learner, kept while the rows stream past (one entry per
    learner, not per row)."""

    def __init__(self) -> None:
        self._by_learner: dict[str, list] = {}

    def add(self, row: AttendanceRow) -> None:
        entry = self._by_learner.get(row.learner_id)
        if entry is None:
            entry = self._by_learner[row.learner_id] = [row.learner_name, 0, 0.0]
        if row.checked_in_at is not None:
            entry[1] += 1
        entry[2] += row.seconds_spent or 0.0

    def rows(self) -> list[tuple[str, str, int, float]]:
        """By name, then id, so staff find a person where they expect."""
        ordered = sorted(self._by_learner.items(), key=lambda item: (item[1][0], item[0]))
        return [(learner_id, name, sessions, seconds) for learner_id, (name, sessions, seconds) in ordered]


def _write_totals(out: _Sheet, totals: LearnerTotals) -> None:
    entries = totals.rows()
    shown = [(learner_id, name, sessions, hours(seconds)) for learner_id, name, sessions, seconds in entries]
    last = (TOTAL_LABEL, None, sum(row[2] for row in entries), hours(sum(row[3] for row in entries)))
    out.start(LEARNER_TOTAL_HEADERS, fitting_widths(LEARNER_TOTAL_HEADERS, [*shown, last]))
    for values in shown:
        out.sheet.append(out.cells(values, TOTAL_FORMATS))
    out.filter(len(LEARNER_TOTAL_HEADERS), len(shown))
    out.sheet.append(out.cells(last, TOTAL_FORMATS, bold=True))


def _discard(workbook: Workbook) -> None:
    """After a failure or a cancel: finish each sheet's XML stream (left open, it raises
    errors when it is collected or at exit) and delete its scratch file now rather than when
    the program exits. `_writer.cleanup` is openpyxl's own (3.1) way to do the latter."""
    for sheet in workbook.worksheets:
        with contextlib.suppress(Exception):
            sheet.close()
        writer = getattr(sheet, "_writer", None)
        if writer is not None:
            with contextlib.suppress(OSError, ValueError):
                writer.cleanup()


def write_attendance_xlsx(
    rows: Iterable[AttendanceRow],
    path: Path,
    *,
    total: int | None = None,
    progress: Progress | None = None,
    every: int = DEFAULT_EVERY,
) -> int:
    """Write the workbook; returns the number of attendance rows. Hours per learner count
    only time spent; sessions count only check-ins."""
    ticker = Ticker(progress, total_of(rows, total), every)
    workbook = Workbook(write_only=True)
    try:
        out = _Sheet(workbook.create_sheet(ATTENDANCE_SHEET))
        remaining = iter(rows)
        held_back = list(islice(remaining, SAMPLE_ROWS))
        out.start(ATTENDANCE_HEADERS, fitting_widths(ATTENDANCE_HEADERS, map(attendance_values, held_back)))
        totals = LearnerTotals()
        append = out.sheet.append
        for row in chain(held_back, remaining):
            append(out.cells(attendance_values(row), ATTENDANCE_FORMATS))
            totals.add(row)
            ticker.tick()
        out.filter(len(ATTENDANCE_HEADERS), ticker.done)
        _write_totals(_Sheet(workbook.create_sheet(TOTALS_SHEET)), totals)
        with atomic_write(path) as stream:
            workbook.save(stream)
    except BaseException:
        _discard(workbook)
        raise
    ticker.finish()
    return ticker.done
