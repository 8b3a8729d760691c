"""The printable sign-in sheet: A4, large print, one or more pages per session, for older
learners to find their name and sign. Names are at least 16 pt, each row is at least 14 mm
tall (room for a signature), every page repeats the session's title, date, time, room and
tutor and the table header, and says "page i of n" for its session."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from app.exports.cells import local_time
from app.exports.errors import ExportError
from app.exports.pdf_common import (
    FAMILY,
    PT,
    date_en,
    date_zh,
    fit_size,
    open_pdf,
    save_pdf,
    weekday_en,
    weekday_zh,
    wrap,
)
from app.exports.progress import Progress, Ticker, total_of
from app.exports.records import AttendanceRow

PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0
MARGIN = 15.0
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
# Columns: number, learner, check-in time, signature (mm).
COLUMNS = (15.0, 72.0, 32.0, 61.0)
COLUMN_HEADERS = (("序号", "No."), ("学员", "Learner"), ("签到时间", "Checked in"), ("签名", "Signature"))
ROW_HEIGHT = 14.0  # mm: room to sign; more when a long name takes two lines
NAME_SIZE, NAME_MIN_SIZE = 18.0, 16.0  # pt
CELL_SIZE = 15.0  # pt: number and check-in time
TABLE_HEADER_HEIGHT = 13.0
TABLE_BOTTOM = PAGE_HEIGHT - 20.0  # the footer sits below
LINE_SPACING = 1.25
PADDING = 3.0
INK = (20, 20, 20)
MUTED = (85, 85, 85)
RULE = (70, 70, 70)
HEADER_FILL = (226, 231, 238)


@dataclass(frozen=True)
class _Line:
    """One learner's row as laid out: the name's lines and size, and the row's height."""

    number: int
    name_lines: tuple[str, ...]
    name_size: float
    checked_in: str
    height: float


@dataclass
class _Session:
    first: AttendanceRow
    rows: list[AttendanceRow]


def _group(rows: Iterable[AttendanceRow]) -> list[_Session]:
    """Sessions in the order they first appear, learners in the order given."""
    sessions: dict[str, _Session] = {}
    for row in rows:
        session = sessions.get(row.session_id)
        if session is None:
            sessions[row.session_id] = _Session(row, [row])
        else:
            session.rows.append(row)
    return list(sessions.values())


def _layout(pdf: FPDF, rows: Sequence[AttendanceRow], spare_rows: int) -> list[_Line]:
    """Each name at 18 pt, or smaller down to 16 pt to fit one line, or wrapped at 16 pt."""
    width = COLUMNS[1] - 2 * PADDING
    lines = []
    for number, row in enumerate(rows, start=1):
        size = fit_size(pdf, row.learner_name, width, NAME_SIZE, NAME_MIN_SIZE)
        pdf.set_font(FAMILY, "", size)
        name_lines = wrap(pdf, row.learner_name, width)
        height = max(ROW_HEIGHT, len(name_lines) * size * PT * LINE_SPACING + 2 * PADDING)
        checked = "" if row.checked_in_at is None else local_time(row.checked_in_at).strftime("%H:%M")
        lines.append(_Line(number, tuple(name_lines), size, checked, height))
    for number in range(len(rows) + 1, len(rows) + spare_rows + 1):
        lines.append(_Line(number, (), NAME_SIZE, "", ROW_HEIGHT))
    return lines


def _pages(lines: Sequence[_Line], first_row_top: float) -> list[list[_Line]]:
    pages: list[list[_Line]] = [[]]
    y = first_row_top
    for line in lines:
        if y + line.height > TABLE_BOTTOM and pages[-1]:
            pages.append([])
            y = first_row_top
        pages[-1].append(line)
        y += line.height
    return pages


def _text(pdf: FPDF, x: float, y: float, width: float, height: float, text: str, size: float, **style) -> None:
    """One line in a box, vertically centred (fpdf2 centres a cell's text on its height)."""
    pdf.set_font(FAMILY, "B" if style.get("bold") else "", size)
    pdf.set_text_color(*style.get("colour", INK))
    pdf.set_xy(x, y)
    pdf.cell(width, height, text, align=style.get("align", "L"))


def _title_lines(pdf: FPDF, title: str) -> tuple[float, list[str]]:
    size = fit_size(pdf, title, CONTENT_WIDTH, 24, 18, bold=True)
    pdf.set_font(FAMILY, "B", size)
    return size, wrap(pdf, title, CONTENT_WIDTH)


def _draw_heading(pdf: FPDF, session: AttendanceRow) -> float:
    """The session's heading on every page; returns where the table starts."""
    _text(pdf, MARGIN, MARGIN, CONTENT_WIDTH, 6, "签到表  Sign-in sheet", 13, colour=MUTED)
    size, lines = _title_lines(pdf, session.session_title)
    y = MARGIN + 8
    for line in lines:
        _text(pdf, MARGIN, y, CONTENT_WIDTH, size * PT * LINE_SPACING, line, size, bold=True)
        y += size * PT * LINE_SPACING
    y += 3
    day = session.session_date
    fields = (
        (("日期 Date", f"{date_zh(day)} {weekday_zh(day)}", f"{weekday_en(day)} {date_en(day)}"), 104.0),
        (("时间 Time", session.starts_at.strftime("%H:%M"), ""), 76.0),
        (("教室 Room", session.room, ""), 104.0),
        (("导师 Tutor", session.tutor, ""), 76.0),
    )
    x = MARGIN
    row_top = y
    for index, ((label, value, english), width) in enumerate(fields):
        if index == 2:
            x, row_top = MARGIN, y + 3
        _text(pdf, x, row_top, width, 5, label, 10.5, colour=MUTED)
        value_size = fit_size(pdf, value, width - 4, 16, 11, bold=True)
        _text(pdf, x, row_top + 5, width - 4, 7.5, value, value_size, bold=True)
        bottom = row_top + 13
        if english:
            _text(pdf, x, row_top + 12.5, width, 5, english, 11.5, colour=MUTED)
            bottom = row_top + 18.5
        y = max(y, bottom)
        x += width
    return y + 4


def _draw_table_header(pdf: FPDF, top: float) -> float:
    pdf.set_draw_color(*RULE)
    pdf.set_fill_color(*HEADER_FILL)
    pdf.set_line_width(0.35)
    x = MARGIN
    for width, (chinese, english) in zip(COLUMNS, COLUMN_HEADERS, strict=True):
        pdf.rect(x, top, width, TABLE_HEADER_HEIGHT, style="DF")
        _text(pdf, x, top + 1.2, width, 6, chinese, 12.5, bold=True, align="C")
        _text(pdf, x, top + 6.8, width, 5, english, 10, colour=MUTED, align="C")
        x += width
    return top + TABLE_HEADER_HEIGHT


def _draw_row(pdf: FPDF, line: _Line, top: float) -> None:
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.35)
    x = MARGIN
    for width in COLUMNS:
        pdf.rect(x, top, width, line.height, style="D")
        x += width
    _text(pdf, MARGIN, top, COLUMNS[0], line.height, str(line.number), CELL_SIZE, colour=MUTED, align="C")
    line_height = line.name_size * PT * LINE_SPACING
    name_top = top + (line.height - line_height * len(line.name_lines)) / 2
    for index, text in enumerate(line.name_lines):
        y = name_top + index * line_height
        _text(pdf, MARGIN + COLUMNS[0] + PADDING, y, COLUMNS[1] - 2 * PADDING, line_height, text, line.name_size)
    checked_x = MARGIN + COLUMNS[0] + COLUMNS[1]
    _text(pdf, checked_x, top, COLUMNS[2], line.height, line.checked_in, CELL_SIZE, align="C")


def _draw_footer(pdf: FPDF, session_id: str, page: int, pages: int) -> None:
    y = PAGE_HEIGHT - 14
    _text(pdf, MARGIN, y, 60, 6, "银龄数字课堂 SilverSteps", 10, colour=MUTED)
    _text(pdf, MARGIN, y, CONTENT_WIDTH, 6, f"第 {page} 页，共 {pages} 页   Page {page} of {pages}", 12, align="C")
    _text(pdf, PAGE_WIDTH - MARGIN - 60, y, 60, 6, f"课次 Session {session_id}", 9, colour=MUTED, align="R")


def _draw_session(pdf: FPDF, session: _Session, spare_rows: int, ticker: Ticker) -> None:
    pdf.add_page()
    table_top = _draw_heading(pdf, session.first)
    lines = _layout(pdf, session.rows, spare_rows)
    pages = _pages(lines, table_top + TABLE_HEADER_HEIGHT)
    for page_number, page in enumerate(pages, start=1):
        if page_number > 1:
            pdf.add_page()
            _draw_heading(pdf, session.first)
        y = _draw_table_header(pdf, table_top)
        for line in page:
            _draw_row(pdf, line, y)
            y += line.height
            if line.number <= len(session.rows):
                ticker.tick()
        _draw_footer(pdf, session.first.session_id, page_number, len(pages))


def write_attendance_pdf(
    rows: Iterable[AttendanceRow],
    path: Path,
    *,
    spare_rows: int = 2,
    total: int | None = None,
    progress: Progress | None = None,
    every: int = 50,
) -> int:
    """One sign-in sheet per session (a session starts on a new page), with `spare_rows`
    numbered empty rows at the end for learners who come without booking. Returns the
    number of learner rows printed."""
    ticker = Ticker(progress, total_of(rows, total), every)
    sessions = _group(rows)
    if not sessions:
        raise ExportError("There is nobody to put on a sign-in sheet: choose a day or session that has learners.")
    with open_pdf(landscape=False, style="sans", title="签到表 Sign-in sheet") as pdf:
        for session in sessions:
            _draw_session(pdf, session, spare_rows, ticker)
        save_pdf(pdf, path)
    ticker.finish()
    return ticker.done
