"""Attendance XLSX, opened with openpyxl: every row with typed cells, a frozen two-line
bilingual header, fitting column widths, and hours per learner."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest

from app.exports.cells import ATTENDANCE_HEADERS, LEARNER_TOTAL_HEADERS, TOTAL_LABEL
from app.exports.records import AttendanceRow
from app.exports.xlsx_writer import (
    ATTENDANCE_SHEET,
    MAX_WIDTH,
    SAMPLE_ROWS,
    TOTALS_SHEET,
    display_width,
    write_attendance_xlsx,
)

from .samples import attendance_rows

ROWS = SAMPLE_ROWS + 700  # some rows come after the ones the widths are measured on


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    target = tmp_path_factory.mktemp("xlsx") / "attendance.xlsx"
    assert write_attendance_xlsx(attendance_rows(ROWS), target) == ROWS
    book = openpyxl.load_workbook(target)
    yield book
    book.close()


def _local(moment: datetime) -> datetime:
    """UTC (the samples) to this machine's local time, as the writer shows it."""
    return moment.astimezone().replace(tzinfo=None, second=0, microsecond=0)


def _expected(row: AttendanceRow) -> tuple[object, ...]:
    return (
        row.session_id,
        row.session_title,
        datetime.combine(row.session_date, time()),  # Excel has no date-only type
        row.starts_at,
        row.room,
        row.tutor,
        row.learner_id,
        row.learner_name,
        None if row.checked_in_at is None else _local(row.checked_in_at),
        None if row.seconds_spent is None else round(row.seconds_spent / 60, 1),
    )


def test_the_sheets_are_named_in_both_languages(workbook: openpyxl.Workbook) -> None:
    assert workbook.sheetnames == [ATTENDANCE_SHEET, TOTALS_SHEET]


def test_every_row_reads_back_with_typed_cells(workbook: openpyxl.Workbook) -> None:
    sheet = workbook[ATTENDANCE_SHEET]
    values = list(sheet.iter_rows(values_only=True))
    assert [header.replace("\n", " ") for header in values[0]] == list(ATTENDANCE_HEADERS)
    assert values[1:] == [_expected(row) for row in attendance_rows(ROWS)]
    second = sheet[2]
    assert second[2].number_format == "yyyy-mm-dd"
    assert second[3].number_format == "hh:mm"
    assert second[8].number_format == "yyyy-mm-dd hh:mm"


def test_the_header_is_frozen_filtered_bold_and_printed_on_every_page(workbook: openpyxl.Workbook) -> None:
    sheet = workbook[ATTENDANCE_SHEET]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:J{ROWS + 1}"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.row_dimensions[1].height >= 30, "two lines of header"
    assert all(cell.font.bold and cell.alignment.wrap_text for cell in sheet[1])


def test_column_widths_fit_the_header_and_the_values(workbook: openpyxl.Workbook) -> None:
    sheet = workbook[ATTENDANCE_SHEET]
    shown = {  # the longest text each column shows
        "C": "2026-03-02",
        "D": "09:30",
        "I": "2026-03-02 09:20",
    }
    for column_index, column in enumerate(sheet.iter_cols(min_row=1, values_only=True)):
        letter = openpyxl.utils.get_column_letter(column_index + 1)
        header, *values = column
        needed = max(display_width(line) for line in header.split("\n"))
        if letter in shown:
            needed = max(needed, len(shown[letter]))
        else:
            needed = max([needed, *(display_width(str(value)) for value in values if value is not None)])
        width = sheet.column_dimensions[letter].width
        assert width == min(needed + 2, MAX_WIDTH), (letter, header, width, needed)


def test_hours_and_sessions_per_learner_add_up(workbook: openpyxl.Workbook) -> None:
    expected: dict[str, list] = defaultdict(lambda: ["", 0, 0.0])
    for row in attendance_rows(ROWS):
        entry = expected[row.learner_id]
        entry[0] = row.learner_name
        entry[1] += row.checked_in_at is not None
        entry[2] += row.seconds_spent or 0
    sheet = workbook[TOTALS_SHEET]
    values = list(sheet.iter_rows(values_only=True))
    assert [header.replace("\n", " ") for header in values[0]] == list(LEARNER_TOTAL_HEADERS)
    *learners, last = values[1:]
    assert {row[0]: (row[1], row[2], row[3]) for row in learners} == {
        learner: (name, sessions, round(seconds / 3600, 2)) for learner, (name, sessions, seconds) in expected.items()
    }
    assert [row[1] for row in learners] == sorted(row[1] for row in learners), "ordered by name"
    all_seconds = sum(seconds for _, _, seconds in expected.values())
    assert last == (
        TOTAL_LABEL,
        None,
        sum(sessions for _, sessions, _ in expected.values()),
        round(all_seconds / 3600, 2),
    )
    assert sheet.cell(row=2, column=4).number_format == "0.00"
    assert sheet.cell(row=len(values), column=1).font.bold
    assert sheet.freeze_panes == "A2"


def test_text_never_becomes_a_formula_and_control_characters_are_dropped(tmp_path: Path) -> None:
    rows = [
        AttendanceRow("s1", "课", date(2026, 3, 2), time(9, 30), "1", "刘", "L1", '=HYPERLINK("http://evil.example")'),
        AttendanceRow("s1", "课", date(2026, 3, 2), time(9, 30), "1", "刘", "L2", "张\x07伟"),
    ]
    target = tmp_path / "attendance.xlsx"
    write_attendance_xlsx(rows, target)
    book = openpyxl.load_workbook(target)
    try:
        sheet = book[ATTENDANCE_SHEET]
        assert sheet["H2"].data_type == "s" and sheet["H2"].value == '=HYPERLINK("http://evil.example")'
        assert sheet["H3"].value == "张伟"
        assert sheet["I2"].value is None and sheet["J2"].value is None
    finally:
        book.close()
