"""The large-print sign-in sheet, read back from the PDF: names (Chinese too) at 16 pt or
more, rows tall enough to sign, the heading and "page i of n" on every page, A4 with the
fonts embedded, and a rendered page that shows ink where the names are."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time
from pathlib import Path

import pypdf
import pytest

from app.exports.attendance_pdf import write_attendance_pdf
from app.exports.errors import ExportError
from app.exports.records import AttendanceRow

from .pdf_support import POINTS_PER_MM, find, ink_fraction, page_chars, page_texts, render
from .samples import NAMES, learner_id

LONG_NAME = "Margaret Elizabeth Thompson-Williams"
SHORT_NAMES = [name for name in NAMES if name != LONG_NAME]


def _session(session_id: str, title: str, names: list[str], starts: time) -> list[AttendanceRow]:
    day = date(2026, 3, 2)
    return [
        AttendanceRow(
            session_id,
            title,
            day,
            starts,
            "活动室 2 Room 2",
            "刘老师 Ms Liu",
            learner_id(index),
            name,
            datetime(2026, 3, 2, 1, 20 + index, tzinfo=UTC) if index % 3 else None,
            1800,
        )
        for index, name in enumerate(names)
    ]


# Session A: 30 learners (every name is unique, so each can be found once); session B: three.
FIRST = _session(
    "s-a",
    "扫码付款 Paying by QR code",
    [f"{SHORT_NAMES[i % len(SHORT_NAMES)]}{i:02d}" for i in range(29)] + [LONG_NAME],
    time(9, 30),
)
SECOND = _session("s-b", "和家人视频通话 Video calls", ["张伟", "李秀英", "Wang Fang"], time(14, 0))


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("pdf") / "sign-in.pdf"
    assert write_attendance_pdf(FIRST + SECOND, target) == 33
    return target


def _session_pages(texts: list[str], title: str) -> list[int]:
    return [index for index, text in enumerate(texts) if title in text]


def test_each_session_has_its_own_pages_with_the_heading_on_every_one(sheet: Path) -> None:
    texts = page_texts(sheet)
    first = _session_pages(texts, "扫码付款 Paying by QR code")
    second = _session_pages(texts, "和家人视频通话 Video calls")
    assert len(first) >= 2 and len(second) == 1 and len(texts) == len(first) + len(second)
    for pages, starts in ((first, "09:30"), (second, "14:00")):
        for number, index in enumerate(pages, start=1):
            text = texts[index]
            for words in ("签到表", "Sign-in sheet", "2026年3月2日 星期一", "Monday 2 March 2026", starts):
                assert words in text, (index, words)
            for words in ("活动室 2 Room 2", "刘老师 Ms Liu", "学员", "Learner", "签名", "Signature", "签到时间"):
                assert words in text, (index, words)
            assert f"第 {number} 页，共 {len(pages)} 页" in text
            assert f"Page {number} of {len(pages)}" in text


def test_every_learner_is_listed_once_in_order_and_checked_in_times_are_local(sheet: Path) -> None:
    texts = page_texts(sheet)
    first_text = "".join(texts[index] for index in _session_pages(texts, "扫码付款"))
    positions = [first_text.find(row.learner_name) for row in FIRST[:-1]]
    assert -1 not in positions and positions == sorted(positions)
    assert all(first_text.count(row.learner_name) == 1 for row in FIRST[:-1])
    assert "Margaret Elizabeth" in first_text and "Thompson-Williams" in first_text
    second_text = texts[_session_pages(texts, "和家人视频通话")[0]]
    assert all(name in second_text for name in ("张伟", "李秀英", "Wang Fang"))
    local = datetime(2026, 3, 2, 1, 21, tzinfo=UTC).astimezone().strftime("%H:%M")
    assert local in second_text


def test_names_are_large_and_rows_are_tall_enough_to_sign(sheet: Path) -> None:
    chars = page_chars(sheet, 0)
    tops = []
    for row in FIRST[:-1]:
        found = find(chars, row.learner_name)
        if not found:
            continue  # on a later page
        assert found[0].size >= 16, (row.learner_name, found[0].size)
        tops.append(found[0].top)
    assert len(tops) >= 10
    pitches = [upper - lower for upper, lower in itertools.pairwise(tops)]
    assert min(pitches) >= 12 * POINTS_PER_MM, min(pitches) / POINTS_PER_MM
    assert find(chars, "扫码付款")[0].size >= 18, "the session title is large too"


def test_a_long_name_wraps_at_16_pt_rather_than_shrinking(sheet: Path) -> None:
    texts = page_texts(sheet)
    index = next(i for i, text in enumerate(texts) if "Thompson-Williams" in text)
    word = find(page_chars(sheet, index), "Thompson-Williams")[0]
    assert word.size >= 16


def test_the_pdf_is_a4_with_its_fonts_embedded(sheet: Path) -> None:
    reader = pypdf.PdfReader(sheet)
    assert len(reader.pages) == len(page_texts(sheet))
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile3" in descriptor or "/FontFile2" in descriptor, descendant["/BaseFont"]
    assert reader.metadata.title == "签到表 Sign-in sheet"


def test_the_rendered_page_has_ink_in_the_heading_and_the_name_column(sheet: Path) -> None:
    image = render(sheet, 0, "sign-in-sheet-page-1")
    width, height = image.size
    assert 0.01 < ink_fraction(image) < 0.3, "neither blank nor black"
    assert ink_fraction(image, (0, 0, width, height // 8)) > 0.02, "the heading"
    names = (round(width * 0.16), round(height * 0.28), round(width * 0.5), round(height * 0.9))
    assert ink_fraction(image, names) > 0.02, "the names"
    signatures = (round(width * 0.6), round(height * 0.28), round(width * 0.9), round(height * 0.9))
    assert ink_fraction(image, signatures) < ink_fraction(image, names), "the signature column is left empty"
    render(sheet, len(page_texts(sheet)) - 1, "sign-in-sheet-last-page")


def test_progress_counts_learners_not_spare_rows(tmp_path: Path) -> None:
    calls: list[tuple[int, int | None]] = []
    write_attendance_pdf(SECOND, tmp_path / "s.pdf", progress=lambda done, total: calls.append((done, total)), every=2)
    assert calls == [(2, 3), (3, 3)]


def test_nobody_to_list_is_said_in_words(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="nobody to put on a sign-in sheet"):
        write_attendance_pdf([], tmp_path / "empty.pdf")
    assert not (tmp_path / "empty.pdf").exists()
