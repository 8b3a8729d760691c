"""What both PDFs share: an A4 page with a Chinese font registered, text that fits its box,
dates written out in both languages, and saving through the atomic writer."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import WrapMode

from app.exports.atomic import atomic_write
from app.exports.fonts import find_cjk_fonts

FAMILY = "cjk"
PT = 25.4 / 72  # millimetres per point
CREATOR = "SilverSteps 银龄数字课堂"
_WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@contextlib.contextmanager
def open_pdf(*, landscape: bool, style: str, title: str) -> Iterator[FPDF]:
    """`new_pdf`, whose font files are closed when the block ends, written or not: fpdf2 reads
    embedded fonts lazily and keeps their files open for as long as the document lives."""
    pdf = new_pdf(landscape=landscape, style=style, title=title)
    try:
        yield pdf
    finally:
        for font in pdf.fonts.values():
            if (ttfont := getattr(font, "ttfont", None)) is not None:
                ttfont.close()


def new_pdf(*, landscape: bool, style: str, title: str) -> FPDF:
    """An A4 document in millimetres with regular and bold Chinese faces as FAMILY, no
    automatic page breaks (the layouts place everything themselves)."""
    fonts = find_cjk_fonts(style)
    pdf = FPDF(orientation="L" if landscape else "P", unit="mm", format="A4")
    pdf.add_font(FAMILY, "", fonts.regular.path, collection_font_number=fonts.regular.index)
    pdf.add_font(FAMILY, "B", fonts.bold.path, collection_font_number=fonts.bold.index)
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.c_margin = 0
    pdf.set_title(title)
    pdf.set_creator(CREATOR)
    pdf.set_lang("zh-CN")
    return pdf


def save_pdf(pdf: FPDF, path: Path) -> None:
    content = bytes(pdf.output())
    with atomic_write(path) as stream:
        stream.write(content)


def date_zh(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def date_en(day: date, *, short: bool = False) -> str:
    """ "2 March 2026" (or "2 Mar 2026"): day first and the month in words, so no reader
    mistakes the day for the month."""
    month = _MONTHS_EN[day.month - 1]
    return f"{day.day} {month[:3] if short else month} {day.year}"


def weekday_zh(day: date) -> str:
    return _WEEKDAYS_ZH[day.weekday()]


def weekday_en(day: date) -> str:
    return _WEEKDAYS_EN[day.weekday()]


def fit_size(pdf: FPDF, text: str, width: float, largest: float, smallest: float, bold: bool = False) -> float:
    """The largest font size (pt, in half points) at which `text` fits `width` mm on one
    line, but never below `smallest`. Leaves that size set, for measuring what follows."""
    size = largest
    while True:
        pdf.set_font(FAMILY, "B" if bold else "", size)
        if size <= smallest or pdf.get_string_width(text) <= width:
            return size
        size = max(smallest, size - 0.5)


def ellipsize(pdf: FPDF, text: str, width: float) -> str:
    """`text` at the current font, cut with "…" if it is wider than `width` mm. For titles
    only: a person's name is never cut."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """Lines of `text` at the current font within `width` mm: at spaces where there are
    any, else between characters (Chinese has no spaces)."""
    mode = WrapMode.WORD if " " in text.strip() else WrapMode.CHAR
    lines = pdf.multi_cell(width, text=text, dry_run=True, output="LINES", wrapmode=mode)
    return [line.strip() for line in lines] or [""]
