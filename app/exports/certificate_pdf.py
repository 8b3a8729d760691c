"""The certificate for a completed theme: A4 landscape, in Chinese with English beneath, the
learner's name large, the lessons with their dates, the centre, the issue date, the
certificate number, and a QR code of the centre's verify address (with the signed token from
`app.exports.certificate_token`) drawn as vector squares, so it prints sharp at any size."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

import segno
from fpdf import FPDF

from app.exports.errors import ExportError
from app.exports.pdf_common import FAMILY, PT, date_en, date_zh, ellipsize, fit_size, open_pdf, save_pdf
from app.exports.progress import Progress, Ticker, total_of
from app.exports.records import Certificate, CertificateLesson

PAGE_WIDTH, PAGE_HEIGHT = 297.0, 210.0
QR_SIZE = 40.0  # mm, quiet zone not included; at least 30 mm scans well from paper
QR_LEFT, QR_TOP = 218.0, 104.0
TEXT_LEFT, TEXT_RIGHT = 32.0, 200.0  # the lessons and the details sit left of the QR code
MAX_LESSONS = 8  # two columns of four
LESSON_ROW = 12.0  # mm: a Chinese and an English line
RED = (140, 28, 19)
GOLD = (184, 134, 11)
INK = (28, 28, 28)
MUTED = (80, 80, 80)


def _centred(pdf: FPDF, y: float, text: str, size: float, *, bold: bool = False, colour=INK) -> None:
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.set_xy(0, y)
    pdf.cell(PAGE_WIDTH, size * PT * 1.2, text, align="C")


def _at(pdf: FPDF, x: float, y: float, width: float, text: str, size: float, **style) -> None:
    pdf.set_font(FAMILY, "B" if style.get("bold") else "", size)
    pdf.set_text_color(*style.get("colour", INK))
    pdf.set_xy(x, y)
    pdf.cell(width, size * PT * 1.2, text, align=style.get("align", "L"))


def _frame(pdf: FPDF) -> None:
    """A double frame: a dark red rule and a thin gold one inside it, with gold corners."""
    pdf.set_draw_color(*RED)
    pdf.set_line_width(1.6)
    pdf.rect(8, 8, PAGE_WIDTH - 16, PAGE_HEIGHT - 16)
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.5)
    pdf.rect(12, 12, PAGE_WIDTH - 24, PAGE_HEIGHT - 24)
    pdf.set_fill_color(*GOLD)
    for x, y in ((12, 12), (PAGE_WIDTH - 12, 12), (12, PAGE_HEIGHT - 12), (PAGE_WIDTH - 12, PAGE_HEIGHT - 12)):
        pdf.rect(x - 2.2, y - 2.2, 4.4, 4.4, style="F")


def _heading(pdf: FPDF, certificate: Certificate) -> float:
    """Title, the learner's name and the theme; returns where the lessons start."""
    _centred(pdf, 20, "结业证书", 34, bold=True, colour=RED)
    pdf.set_char_spacing(2.5)
    _centred(pdf, 36, "CERTIFICATE OF COMPLETION", 13, colour=MUTED)
    pdf.set_char_spacing(0)
    _centred(pdf, 48, "兹证明  This is to certify that", 12.5, colour=MUTED)
    size = fit_size(pdf, certificate.learner_name, 210, 38, 22, bold=True)
    _centred(pdf, 56, certificate.learner_name, size, bold=True)
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.6)
    pdf.line(PAGE_WIDTH / 2 - 65, 74, PAGE_WIDTH / 2 + 65, 74)
    theme = certificate.theme_title
    chinese = f"已完成「{theme.zh}」主题的全部课程"
    _centred(pdf, 78, chinese, fit_size(pdf, chinese, 240, 17, 12), bold=True)
    english = f'has completed every lesson of the theme "{theme.en}"'
    _centred(pdf, 87, english, fit_size(pdf, english, 240, 12.5, 9), colour=MUTED)
    return 100.0


def _lesson(pdf: FPDF, lesson: CertificateLesson, x: float, y: float, width: float) -> None:
    """A lesson in two lines: its Chinese title over its English one, and the day it was
    completed (Chinese over English) at the right."""
    date_width = 30.0
    title_width = width - date_width - 2
    chinese_size = fit_size(pdf, lesson.title.zh, title_width, 13, 10)
    _at(pdf, x, y, title_width, ellipsize(pdf, lesson.title.zh, title_width), chinese_size)
    english_size = fit_size(pdf, lesson.title.en, title_width, 9.5, 7.5)
    _at(pdf, x, y + 5.6, title_width, ellipsize(pdf, lesson.title.en, title_width), english_size, colour=MUTED)
    day = lesson.completed_on
    _at(pdf, x + width - date_width, y + 0.6, date_width, date_zh(day), 10.5, align="R")
    _at(pdf, x + width - date_width, y + 5.6, date_width, date_en(day, short=True), 9, colour=MUTED, align="R")
    pdf.line(x, y + LESSON_ROW - 1.4, x + width, y + LESSON_ROW - 1.4)


def _lessons(pdf: FPDF, certificate: Certificate, top: float) -> None:
    """Up to four lessons in one column, up to eight in two (filled down, then across)."""
    _at(pdf, TEXT_LEFT, top, 100, "所学课程  Lessons completed", 11, bold=True, colour=RED)
    lessons = certificate.lessons
    columns = 1 if len(lessons) <= MAX_LESSONS // 2 else 2
    rows = -(-len(lessons) // columns)
    gap = 8.0
    width = (TEXT_RIGHT - TEXT_LEFT - gap * (columns - 1)) / columns
    pdf.set_draw_color(215, 205, 185)
    pdf.set_line_width(0.2)
    for index, lesson in enumerate(lessons):
        column, row = divmod(index, rows)
        _lesson(pdf, lesson, TEXT_LEFT + column * (width + gap), top + 8 + row * LESSON_ROW, width)


def _details(pdf: FPDF, certificate: Certificate) -> None:
    """Centre, issue date and certificate number along the bottom."""
    y = 166.0
    columns = (
        ("颁发机构  Issued by", certificate.centre_name, "", 80.0),
        ("颁发日期  Date of issue", date_zh(certificate.issued_on), date_en(certificate.issued_on), 48.0),
        ("证书编号  Certificate No.", certificate.certificate_id, "", 40.0),
    )
    x = TEXT_LEFT
    for label, value, english, width in columns:
        _at(pdf, x, y, width, label, 9.5, colour=MUTED)
        _at(pdf, x, y + 5.5, width - 3, value, fit_size(pdf, value, width - 3, 13, 8, bold=True), bold=True)
        if english:
            _at(pdf, x, y + 12, width, english, 10, colour=MUTED)
        x += width


def _qr(pdf: FPDF, url: str) -> None:
    """The verify address as a QR code of filled squares (one per run of dark modules), and
    under it how to check the certificate."""
    code = segno.make(url, error="m", micro=False)
    modules = code.symbol_size(border=0)[0]
    module = QR_SIZE / modules
    pdf.set_fill_color(0, 0, 0)
    for row, line in enumerate(code.matrix_iter(border=0)):
        column = 0
        while column < modules:
            if line[column]:
                start = column
                while column < modules and line[column]:
                    column += 1
                # A hair wider than the module, so no white seams appear between runs.
                pdf.rect(
                    QR_LEFT + start * module,
                    QR_TOP + row * module,
                    (column - start) * module + 0.01,
                    module + 0.01,
                    "F",
                )
            column += 1
    below = QR_TOP + QR_SIZE + 3
    centre_x = QR_LEFT - 10
    width = QR_SIZE + 20
    _at(pdf, centre_x, below, width, "扫码核验证书真伪", 11, bold=True, align="C")
    _at(pdf, centre_x, below + 5.5, width, "Scan with a phone camera", 9, colour=MUTED, align="C")
    _at(pdf, centre_x, below + 9.5, width, "to check this certificate at", 9, colour=MUTED, align="C")
    host = urlsplit(url).netloc or url
    _at(pdf, centre_x, below + 13.5, width, host, fit_size(pdf, host, width, 9, 6), colour=MUTED, align="C")


def _draw(pdf: FPDF, certificate: Certificate) -> None:
    if not certificate.lessons:
        raise ExportError(f"The certificate for {certificate.learner_name} lists no lessons; add the completed ones.")
    if len(certificate.lessons) > MAX_LESSONS:
        raise ExportError(f"A certificate can list at most {MAX_LESSONS} lessons, not {len(certificate.lessons)}.")
    pdf.add_page()
    _frame(pdf)
    _lessons(pdf, certificate, _heading(pdf, certificate))
    _details(pdf, certificate)
    _qr(pdf, certificate.verify_url)


def write_certificates_pdf(
    certificates: Iterable[Certificate], path: Path, *, total: int | None = None, progress: Progress | None = None
) -> int:
    """One page per certificate (a whole group can be printed at once); returns how many."""
    ticker = Ticker(progress, total_of(certificates, total), every=1)
    with open_pdf(landscape=True, style="serif", title="结业证书 Certificate of completion") as pdf:
        for certificate in certificates:
            _draw(pdf, certificate)
            ticker.tick()
        if ticker.done == 0:
            raise ExportError("There are no certificates to print: choose learners who completed a theme.")
        save_pdf(pdf, path)
    ticker.finish()
    return ticker.done


def write_certificate_pdf(certificate: Certificate, path: Path) -> None:
    write_certificates_pdf([certificate], path)
