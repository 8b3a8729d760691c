"""Finding a font with Chinese glyphs for the PDFs, on the machines centres use.

fpdf2 embeds (a subset of) any OpenType font, including the CFF-outline collections of
Noto CJK that Debian's `fonts-noto-cjk` installs (reportlab cannot: it takes TrueType
outlines only). Looked for, in order:

1. `SILVERSTEPS_CJK_FONT`, a font file (.ttf, .otf or .ttc) a centre chooses;
2. Noto Sans/Serif CJK SC from `fonts-noto-cjk` (Debian, Ubuntu) or `google-noto-*-cjk-fonts`
   (Fedora);
3. Microsoft YaHei, SimHei or SimSun, which every Chinese-capable Windows has.

If none is there the export stops with a message naming the package to install, rather than
printing boxes where the learners' names should be."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont

from app.exports.errors import ExportError

ENVIRONMENT_VARIABLE = "SILVERSTEPS_CJK_FONT"
_NOTO_FOLDERS = (
    Path("/usr/share/fonts/opentype/noto"),  # Debian, Ubuntu: fonts-noto-cjk
    Path("/usr/share/fonts/google-noto-cjk"),  # Fedora
    Path("/usr/share/fonts/google-noto-sans-cjk-fonts"),
    Path("/usr/share/fonts/google-noto-serif-cjk-fonts"),
    Path("/usr/share/fonts/noto-cjk"),  # Arch
)
_WINDOWS_FONTS = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
# (regular file, bold file, family name inside a collection)
_CANDIDATES = {
    "sans": [
        *(
            (folder / "NotoSansCJK-Regular.ttc", folder / "NotoSansCJK-Bold.ttc", "Noto Sans CJK SC")
            for folder in _NOTO_FOLDERS
        ),
        (_WINDOWS_FONTS / "msyh.ttc", _WINDOWS_FONTS / "msyhbd.ttc", "Microsoft YaHei"),
        (_WINDOWS_FONTS / "simhei.ttf", _WINDOWS_FONTS / "simhei.ttf", "SimHei"),
    ],
    "serif": [
        *(
            (folder / "NotoSerifCJK-Regular.ttc", folder / "NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC")
            for folder in _NOTO_FOLDERS
        ),
        (_WINDOWS_FONTS / "simsun.ttc", _WINDOWS_FONTS / "simhei.ttf", "SimSun"),
    ],
}
MISSING = (
    "No font with Chinese characters was found, so the PDF cannot show learners' names. "
    "On Debian or Ubuntu install the package fonts-noto-cjk (sudo apt-get install fonts-noto-cjk); "
    "on Fedora google-noto-sans-cjk-fonts; on Windows add the Chinese (Simplified) supplemental fonts; "
    f"or set {ENVIRONMENT_VARIABLE} to a .ttf, .otf or .ttc font file that has Chinese characters."
)


@dataclass(frozen=True)
class FontFace:
    """One face: a file and, for a collection (.ttc), which font in it."""

    path: Path
    index: int = 0


@dataclass(frozen=True)
class FontPair:
    regular: FontFace
    bold: FontFace


def _face(path: Path, family: str | None) -> FontFace:
    """The face of `family` in a collection (Noto CJK puts JP, KR, SC, TC and HK in one
    file; SC is the one with Simplified Chinese glyph shapes), else the first."""
    if path.suffix.lower() != ".ttc":
        return FontFace(path)
    collection = TTCollection(path, lazy=True)
    try:
        for index, font in enumerate(collection.fonts):
            name = font["name"]
            names = {str(name.getDebugName(1)), str(name.getDebugName(4)), str(name.getDebugName(16))}
            if family and any(candidate.startswith(family) for candidate in names):
                return FontFace(path, index)
    finally:
        collection.close()
    return FontFace(path)


def _has_chinese(face: FontFace) -> bool:
    font = TTFont(face.path, fontNumber=face.index, lazy=True)
    try:
        mapping = font.getBestCmap() or {}
    finally:
        font.close()
    return all(ord(char) in mapping for char in "银龄课堂张伟")


@cache
def find_cjk_fonts(style: str = "sans") -> FontPair:
    """A regular and a bold face with Chinese glyphs; `style` is "sans" (tables, sign-in
    sheets) or "serif" (certificates), falling back to sans where no serif is found."""
    chosen = os.environ.get(ENVIRONMENT_VARIABLE)
    if chosen:
        path = Path(chosen)
        if not path.is_file():
            raise ExportError(f"{ENVIRONMENT_VARIABLE} names {path}, which is not a font file; fix or unset it.")
        face = _face(path, None)
        if not _has_chinese(face):
            raise ExportError(f"The font {path} ({ENVIRONMENT_VARIABLE}) has no Chinese characters; choose another.")
        return FontPair(face, face)
    styles = [style, "sans"] if style != "sans" else ["sans"]
    for candidate_style in styles:
        for regular, bold, family in _CANDIDATES[candidate_style]:
            if regular.is_file():
                regular_face = _face(regular, family)
                bold_face = _face(bold, family) if bold.is_file() else regular_face
                return FontPair(regular_face, bold_face)
    raise ExportError(MISSING)
