"""Finding a Chinese font: the Simplified Chinese face of the Noto CJK collections, a font a
centre names, each platform's own fonts looked for in order (other platforms' font folders are
laid out in tmp_path, holding links to this machine's real CJK font), and a message naming what
to install when there is none."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from fontTools.ttLib import TTCollection, TTFont

from app.exports import fonts
from app.exports.errors import ExportError
from app.exports.fonts import ENVIRONMENT_VARIABLE, MISSING, find_cjk_fonts, search_fonts

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


def test_no_font_at_all_names_what_to_install_on_each_platform(fresh_fonts: None, tmp_path: Path) -> None:
    for platform in ("linux", "darwin", "win32"):
        with pytest.raises(ExportError) as missing:
            search_fonts("serif", platform=platform, root=tmp_path, environ={"WINDIR": str(tmp_path)})
        assert str(missing.value) == MISSING
    for words in ("install the package fonts-noto-cjk", "on Windows add the Chinese (Simplified)", "on macOS restore"):
        assert words in MISSING


@pytest.fixture(scope="module")
def real_cjk_font() -> Path:
    """This machine's own CJK font file, for the fake font folders to hold."""
    try:
        return search_fonts("sans").regular.path
    except ExportError:
        pytest.skip("no CJK font on this machine to lay out fake font folders with")


class FontFolders:
    """Font files laid out under tmp_path as another platform has them."""

    def __init__(self, root: Path, font: Path) -> None:
        self.root = root
        self.font = font

    def add(self, relative: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.symlink(self.font, path)
        except OSError:  # Windows without the right to make symbolic links
            shutil.copyfile(self.font, path)
        return path

    def search(self, style: str, platform: str) -> tuple[Path, Path]:
        found = search_fonts(style, platform=platform, root=self.root, environ={"WINDIR": str(self.root / "Windows")})
        return found.regular.path, found.bold.path


@pytest.fixture
def folders(tmp_path: Path, real_cjk_font: Path) -> FontFolders:
    return FontFolders(tmp_path, real_cjk_font)


def test_linux_looks_in_debians_noto_folder_before_fedoras_and_arches(folders: FontFolders) -> None:
    arch = folders.add("usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc")
    assert folders.search("sans", "linux") == (arch, arch), "no bold file: the regular face serves for both"
    fedora = folders.add("usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc")
    fedora_bold = folders.add("usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc")
    assert folders.search("sans", "linux") == (fedora, fedora_bold)
    debian = folders.add("usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    assert folders.search("sans", "linux") == (debian, debian)
    assert folders.search("serif", "linux") == (debian, debian), "no serif: the sans"
    serif = folders.add("usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc")
    assert folders.search("serif", "linux") == (serif, serif)


def test_windows_looks_in_its_own_fonts_folder_yahei_first(folders: FontFolders) -> None:
    folders.add("usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    with pytest.raises(ExportError):
        folders.search("sans", "win32")  # Linux's folders are not Windows'
    simhei = folders.add("Windows/Fonts/simhei.ttf")
    assert folders.search("sans", "win32") == (simhei, simhei)
    yahei = folders.add("Windows/Fonts/msyh.ttc")
    yahei_bold = folders.add("Windows/Fonts/msyhbd.ttc")
    assert folders.search("sans", "win32") == (yahei, yahei_bold)
    assert folders.search("serif", "win32") == (yahei, yahei_bold), "no SimSun: the sans"
    simsun = folders.add("Windows/Fonts/simsun.ttc")
    assert folders.search("serif", "win32") == (simsun, simhei), "SimSun, with SimHei for bold"


def test_macos_looks_for_pingfang_then_heiti_hiragino_and_arial_unicode(folders: FontFolders) -> None:
    old_arial = folders.add("Library/Fonts/Arial Unicode.ttf")
    assert folders.search("sans", "darwin") == (old_arial, old_arial)
    arial = folders.add("System/Library/Fonts/Supplemental/Arial Unicode.ttf")
    assert folders.search("sans", "darwin") == (arial, arial)
    hiragino = folders.add("System/Library/Fonts/Hiragino Sans GB.ttc")
    assert folders.search("sans", "darwin") == (hiragino, hiragino)
    heiti = folders.add("System/Library/Fonts/STHeiti Light.ttc")
    heiti_bold = folders.add("System/Library/Fonts/STHeiti Medium.ttc")
    assert folders.search("sans", "darwin") == (heiti, heiti_bold)
    assert folders.search("serif", "darwin") == (heiti, heiti_bold), "no Songti: the sans"
    songti = folders.add("System/Library/Fonts/Supplemental/Songti.ttc")
    assert folders.search("serif", "darwin") == (songti, songti)
    pingfang = folders.add("System/Library/Fonts/PingFang.ttc")
    assert folders.search("sans", "darwin") == (pingfang, pingfang)


def test_a_font_file_that_cannot_be_read_is_passed_over(folders: FontFolders) -> None:
    heiti = folders.add("System/Library/Fonts/STHeiti Light.ttc")
    broken = folders.root / "System/Library/Fonts/PingFang.ttc"
    broken.write_bytes(b"not a font collection")
    assert folders.search("sans", "darwin") == (heiti, heiti)


def _collection_of_weights(path: Path, family: str, weights: dict[str, Path]) -> Path:
    """A .ttc holding one face per weight of `family`, as macOS's Songti.ttc holds Songti SC's."""
    collection = TTCollection()
    for weight, source in weights.items():
        font = TTFont(source)
        for name_id, value in {1: family, 2: weight, 4: f"{family} {weight}", 16: family, 17: weight}.items():
            font["name"].setName(value, name_id, 3, 1, 0x409)
            font["name"].setName(value, name_id, 1, 0, 0)
        collection.fonts.append(font)
    collection.save(path)
    return path


@pytest.mark.skipif(not DEJAVU.is_file(), reason="needs DejaVu's weights to build a collection (fonts-dejavu-core)")
def test_in_a_collection_of_weights_the_regular_and_the_bold_face_are_chosen(tmp_path: Path) -> None:
    songti = tmp_path / "System/Library/Fonts/Supplemental/Songti.ttc"
    songti.parent.mkdir(parents=True)
    weights = {"Light": "DejaVuSans-ExtraLight.ttf", "Bold": "DejaVuSans-Bold.ttf", "Regular": "DejaVuSans.ttf"}
    _collection_of_weights(songti, "Songti SC", {weight: DEJAVU.with_name(file) for weight, file in weights.items()})
    found = search_fonts("serif", platform="darwin", root=tmp_path)
    assert (found.regular, found.bold) == (fonts.FontFace(songti, 2), fonts.FontFace(songti, 1))
