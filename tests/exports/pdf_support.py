"""Reading back the PDFs the exports write: text and font sizes through PDFium (the engine of
Chrome), pages rendered to PNG in build/exports/ for people to look at.

Text comes from PDFium, not pypdf: fpdf2 embeds the CFF-outline Noto CJK fonts as CID fonts
whose /Encoding is an embedded CMap stream, which pypdf 7.1 does not read (it falls back to
one byte per code, so every character comes out with a NUL in front); PDFium, pdf.js and
Acrobat read it. pypdf is used for what it reads well: pages, sizes, fonts, metadata."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

PNG_DIR = Path(__file__).resolve().parents[2] / "build" / "exports"
POINTS_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Char:
    text: str
    size: float  # points
    left: float
    bottom: float
    right: float
    top: float


def page_texts(path: Path) -> list[str]:
    document = pdfium.PdfDocument(path)
    try:
        return [document[index].get_textpage().get_text_range() for index in range(len(document))]
    finally:
        document.close()


def page_chars(path: Path, index: int) -> list[Char]:
    document = pdfium.PdfDocument(path)
    try:
        text_page = document[index].get_textpage()
        chars = []
        for position in range(text_page.count_chars()):
            left, bottom, right, top = text_page.get_charbox(position)
            size = pdfium_c.FPDFText_GetFontSize(text_page.raw, position)
            chars.append(Char(text_page.get_text_range(position, 1), size, left, bottom, right, top))
        return chars
    finally:
        document.close()


def find(chars: list[Char], text: str) -> list[Char]:
    """The first character of every place `text` occurs on the page."""
    joined = "".join(char.text for char in chars)
    found, start = [], joined.find(text)
    while start >= 0:
        found.append(chars[start])
        start = joined.find(text, start + 1)
    return found


def render(path: Path, index: int, name: str, scale: float = 2.0) -> Image.Image:
    """The page as an image, also saved as build/exports/NAME.png."""
    document = pdfium.PdfDocument(path)
    try:
        image = document[index].render(scale=scale).to_pil().convert("RGB")
    finally:
        document.close()
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    image.save(PNG_DIR / f"{name}.png")
    return image


def ink_fraction(image: Image.Image, box: tuple[int, int, int, int] | None = None) -> float:
    """The share of pixels darker than mid-grey, in `box` or the whole image."""
    region = image.crop(box) if box else image
    histogram = region.convert("L").histogram()
    return sum(histogram[:128]) / max(1, sum(histogram))
