"""Finding a Chinese font: the Simplified Chinese face of the Noto CJK collections, a font a
centre names, and a message naming the package to install when there is none."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from app.exports import fonts
from app.exports.errors import ExportError
from app.exports.fonts import ENVIRONMENT_VARIABLE, find_cjk_fonts

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # no Chinese


def _family(face: fonts.FontFace) -> str:
    font = TTFont(face.path, fontNumber=face.index, lazy=True)
    try:
        return str(font["name"].getDebugName(1))
    finally:
        font.close()


@pytest.mark.parametrize("style", ["sans", "serif"])
def test_the_simplified_chinese_face_of_a_collection_is_chosen(fresh_fonts: None, style: str) -> None:
    found = find_cjk_fonts(style)
    for face in (found.regular, found.bold):
        assert face.path.is_file()
        if face.path.suffix == ".ttc" and "Noto" in face.path.name:
            assert _family(face).endswith("CJK SC"), _family(face)
    assert found.regular.path != found.bold.path or found.regular == found.bold


def test_a_font_the_centre_names_is_used_for_both_weights(fresh_fonts: None, monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = find_cjk_fonts("sans").regular.path
    find_cjk_fonts.cache_clear()
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, str(chosen))
    found = find_cjk_fonts("serif")
    assert found.regular == found.bold and found.regular.path == chosen


def test_a_named_font_that_is_not_there_says_so(fresh_fonts: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "/nowhere/font.ttf")
    with pytest.raises(ExportError, match=f"{ENVIRONMENT_VARIABLE} names /nowhere/font.ttf, which is not a font"):
        find_cjk_fonts()


@pytest.mark.skipif(not DEJAVU.is_file(), reason="needs a font without Chinese (fonts-dejavu-core)")
def test_a_named_font_without_chinese_is_refused(fresh_fonts: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, str(DEJAVU))
    with pytest.raises(ExportError, match="has no Chinese characters"):
        find_cjk_fonts()


def test_no_font_at_all_names_the_package_to_install(
    fresh_fonts: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    nowhere = [(tmp_path / "a.ttc", tmp_path / "b.ttc", "Noto Sans CJK SC")]
    monkeypatch.setattr(fonts, "_CANDIDATES", {"sans": nowhere, "serif": nowhere})
    with pytest.raises(ExportError, match="install the package fonts-noto-cjk"):
        find_cjk_fonts("serif")
