"""The certificate PDF: A4 landscape with everything it attests in Chinese and English, and a
QR code, decoded from the rendered page, that gives back exactly the verify address, whose
token the centre's check accepts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pypdf
import pytest
import zxingcpp

from app.core.course_base import Text
from app.exports.certificate_pdf import write_certificate_pdf, write_certificates_pdf
from app.exports.certificate_token import CertificateClaim, check_token, make_token, verify_url
from app.exports.errors import ExportError
from app.exports.records import CertificateLesson

from .pdf_support import find, ink_fraction, page_chars, page_texts, render
from .samples import certificate

KEY = b"the centre's own secret key, 32b"
SCALE = 4.0  # 288 dpi, about what a phone camera sees of a printed page
CLAIM = CertificateClaim(version=2, certificate_id="R4XAT-59649", centre_id="jingan-01")
URL = verify_url("https://jingan.silversteps.example.cn", make_token(CLAIM.certificate_id, CLAIM.centre_id, KEY))
CERTIFICATE = certificate(URL)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("certificate") / "certificate.pdf"
    write_certificate_pdf(CERTIFICATE, target)
    return target


def test_it_says_who_did_what_where_and_when_in_both_languages(pdf: Path) -> None:
    (text,) = page_texts(pdf)
    for words in (
        "结业证书",
        "CERTIFICATE OF COMPLETION",
        "兹证明",
        "This is to certify that",
        "欧阳秀英",
        "已完成「和家人联系」主题的全部课程",
        'has completed every lesson of the theme "Keeping in touch"',
        "和家人视频通话",
        "Video call with your family",
        "发语音消息",
        "Send a voice message",
        "在家庭群里聊天",
        "Chat in the family group",
        "2026年3月2日",
        "2 Mar 2026",
        "2026年3月16日",
        "16 Mar 2026",
        "静安区社区学校 Jing'an Community School",
        "2026年3月30日",
        "30 March 2026",
        "R4XAT-59649",
        "扫码核验证书真伪",
        "Scan with a phone camera",
        "jingan.silversteps.example.cn",
    ):
        assert words in text, words


def test_the_name_is_the_largest_text_after_the_title(pdf: Path) -> None:
    chars = page_chars(pdf, 0)
    name = find(chars, "欧阳秀英")[0]
    assert name.size >= 30
    assert find(chars, "结业证书")[0].size >= name.size - 6
    assert all(char.size <= name.size for char in chars if char.text not in "结业证书")


def test_it_is_one_a4_landscape_page_with_embedded_fonts(pdf: Path) -> None:
    reader = pypdf.PdfReader(pdf)
    (page,) = reader.pages
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
    for font in page["/Resources"]["/Font"].values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile3" in descriptor or "/FontFile2" in descriptor


def test_the_qr_code_decodes_to_the_verify_address_and_its_token_checks(pdf: Path) -> None:
    image = render(pdf, 0, "certificate", scale=SCALE)
    assert 0.01 < ink_fraction(image) < 0.3
    (found,) = zxingcpp.read_barcodes(image)
    assert found.format == zxingcpp.BarcodeFormat.QRCode
    assert found.text == URL
    (token,) = parse_qs(urlsplit(found.text).query)["token"]
    assert check_token(token, KEY) == CLAIM
    position = found.position
    side_pixels = min(position.top_right.x - position.top_left.x, position.bottom_left.y - position.top_left.y)
    side_mm = side_pixels / SCALE / 72 * 25.4
    assert side_mm >= 30, f"the QR code is {side_mm:.1f} mm wide"


def test_a_group_prints_one_page_each_with_progress(tmp_path: Path) -> None:
    names = ["张伟", "李秀英", "Margaret Elizabeth Thompson-Williams"]
    certificates = [replace(CERTIFICATE, learner_name=name) for name in names]
    calls: list[tuple[int, int | None]] = []
    target = tmp_path / "group.pdf"
    assert write_certificates_pdf(certificates, target, progress=lambda d, t: calls.append((d, t))) == 3
    texts = page_texts(target)
    assert [name in text for name, text in zip(names, texts, strict=True)] == [True, True, True]
    assert calls == [(1, 3), (2, 3), (3, 3)]
    render(target, 2, "certificate-long-name", scale=2)


def test_eight_lessons_fit_in_two_columns(tmp_path: Path) -> None:
    lessons = tuple(
        CertificateLesson(
            Text(zh=f"第{i}课 用手机做一件有用的事", en=f"Lesson {i}: a useful thing to do"), date(2026, 3, i)
        )
        for i in range(1, 9)
    )
    target = tmp_path / "eight.pdf"
    write_certificate_pdf(replace(CERTIFICATE, lessons=lessons), target)
    (text,) = page_texts(target)
    assert all(f"第{i}课" in text and f"{i} Mar 2026" in text for i in range(1, 9))
    render(target, 0, "certificate-eight-lessons", scale=2)


@pytest.mark.parametrize("count", [0, 9])
def test_a_certificate_without_lessons_or_with_too_many_is_refused(tmp_path: Path, count: int) -> None:
    lessons = tuple(CertificateLesson(Text(zh="课", en="Lesson"), date(2026, 3, 1)) for _ in range(count))
    with pytest.raises(ExportError, match="lessons"):
        write_certificate_pdf(replace(CERTIFICATE, lessons=lessons), tmp_path / "bad.pdf")
    assert not (tmp_path / "bad.pdf").exists()
