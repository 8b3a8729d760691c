"""Finding a font with Chinese glyphs for the PDFs, on the machines centres use.

fpdf2 embeds (a subset of) any OpenType font, including the CFF-outline collections of
Noto CJK that Debian's `fonts-noto-cjk` installs (reportlab cannot: it takes TrueType
outlines only). Looked for, in order:

1. `SILVERSTEPS_CJK_FONT`, a font file (.ttf, .otf or .ttc) a centre chooses;
2. the system's own Chinese fonts, by platform:
   - Linux: Noto Sans/Serif CJK SC from `fonts-noto-cjk` (Debian, Ubuntu and the systems
     built on them) or `google-noto-*-cjk-fonts` (Fedora);
   - Windows: Microsoft YaHei, SimHei or SimSun in `%WINDIR%\\Fonts`, which every
     Chinese-capable Windows has;
   - macOS: PingFang SC where it is still a plain file, Heiti SC (STHeiti), Hiragino Sans GB or
     Arial Unicode, and Songti SC for serif. Newer macOS keeps PingFang in a system asset folder
     that may not be readable, so the fonts that are always in /System/Library/Fonts come next.

If none is there the export stops with a message naming what to install, rather than
printing boxes where the learners' names should be."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont, TTLibError

from app.exports.errors import ExportError

ENVIRONMENT_VARIABLE = "SILVERSTEPS_CJK_FONT"
REGULAR = ("Regular",)
BOLD = ("Bold", "Semibold", "Medium")  # a collection's boldest usual face, in that order


@dataclass(frozen=True)
class Candidate:
    """A regular and a bold file (the same file for a collection holding both weights) and the
    family to pick inside a collection."""

    regular: Path
    bold: Path
    family: str | None


_NOTO_FOLDERS = (
    "usr/share/fonts/opentype/noto",  # Debian, Ubuntu: fonts-noto-cjk
    "usr/share/fonts/google-noto-cjk",  # Fedora
    "usr/share/fonts/google-noto-sans-cjk-fonts",
    "usr/share/fonts/google-noto-serif-cjk-fonts",
    "usr/share/fonts/noto-cjk",  # Arch
)


def _linux(root: Path, style: str) -> list[Candidate]:
    kind = "Sans" if style == "sans" else "Serif"
    return [
        Candidate(
            root / folder / f"Noto{kind}CJK-Regular.ttc",
            root / folder / f"Noto{kind}CJK-Bold.ttc",
            f"Noto {kind} CJK SC",
        )
        for folder in _NOTO_FOLDERS
    ]


def _windows(environ: Mapping[str, str], style: str) -> list[Candidate]:
    fonts = Path(environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    if style == "sans":
        return [
            Candidate(fonts / "msyh.ttc", fonts / "msyhbd.ttc", "Microsoft YaHei"),
            Candidate(fonts / "simhei.ttf", fonts / "simhei.ttf", "SimHei"),
        ]
    return [Candidate(fonts / "simsun.ttc", fonts / "simhei.ttf", "SimSun")]


def _macos(root: Path, style: str) -> list[Candidate]:
    system = root / "System" / "Library" / "Fonts"
    if style == "serif":
        songti = system / "Supplemental" / "Songti.ttc"
        return [Candidate(songti, songti, "Songti SC")]
    unicode_fonts = (system / "Supplemental" / "Arial Unicode.ttf", root / "Library" / "Fonts" / "Arial Unicode.ttf")
    return [
        Candidate(system / "PingFang.ttc", system / "PingFang.ttc", "PingFang SC"),
        Candidate(system / "STHeiti Light.ttc", system / "STHeiti Medium.ttc", "Heiti SC"),
        Candidate(system / "Hiragino Sans GB.ttc", system / "Hiragino Sans GB.ttc", "Hiragino Sans GB"),
        *(Candidate(path, path, None) for path in unicode_fonts),
    ]


def candidates(
    style: str, *, platform: str | None = None, root: Path = Path("/"), environ: Mapping[str, str] | None = None
) -> list[Candidate]:
    """The fonts looked for on `platform` (default: this one), in order. `root` and `environ`
    stand in for the file system's root and the environment, so a test can lay out another
    platform's font folders."""
    platform = platform or sys.platform
    if platform == "win32":
        return _windows(os.environ if environ is None else environ, style)
    if platform == "darwin":
        return _macos(root, style)
    return _linux(root, style)


MISSING = (
    "No font with Chinese characters was found, so the PDF cannot show learners' names. "
    "On Debian or Ubuntu install the package fonts-noto-cjk (sudo apt-get install fonts-noto-cjk); "
    "on Fedora google-noto-sans-cjk-fonts; on Windows add the Chinese (Simplified) supplemental fonts; "
    "on macOS restore the system's Chinese fonts (STHeiti, Hiragino Sans GB, Songti) with Font Book; "
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


def _face(path: Path, family: str | None, weights: tuple[str, ...] = REGULAR) -> FontFace:
    """The face of `family` in a collection (Noto CJK puts JP, KR, SC, TC and HK in one
    file; SC is the one with Simplified Chinese glyph shapes), of the first of `weights` it
    has (macOS puts every weight of Songti SC or PingFang SC in one file), else the first."""
    if path.suffix.lower() != ".ttc":
        return FontFace(path)
    matches: list[tuple[int, set[str]]] = []
    with path.open("rb") as stream:  # closed even when the file is no collection at all
        for index, font in enumerate(TTCollection(stream, lazy=True).fonts):
            name = font["name"]
            names = {str(name.getDebugName(1)), str(name.getDebugName(4)), str(name.getDebugName(16))}
            if family and any(candidate.startswith(family) for candidate in names):
                matches.append((index, {str(name.getDebugName(2)), str(name.getDebugName(17))}))
    for weight in weights:
        for index, subfamilies in matches:
            if weight in subfamilies:
                return FontFace(path, index)
    return FontFace(path, matches[0][0]) if matches else FontFace(path)


def _has_chinese(face: FontFace) -> bool:
    font = TTFont(face.path, fontNumber=face.index, lazy=True)
    try:
        mapping = font.getBestCmap() or {}
    finally:
        font.close()
    return all(ord(char) in mapping for char in "银龄课堂张伟")


def _pair(candidate: Candidate) -> FontPair | None:
    """The candidate's faces, or None if it is not there or cannot be read (a system asset
    folder closed to this user)."""
    if not candidate.regular.is_file():
        return None
    try:
        regular = _face(candidate.regular, candidate.family)
        bold = _face(candidate.bold, candidate.family, BOLD) if candidate.bold.is_file() else regular
    except (OSError, TTLibError):
        return None
    return FontPair(regular, bold)


def search_fonts(
    style: str, *, platform: str | None = None, root: Path = Path("/"), environ: Mapping[str, str] | None = None
) -> FontPair:
    """The first of the platform's `candidates` that is there; serif falls back to sans."""
    styles = [style, "sans"] if style != "sans" else ["sans"]
    for candidate_style in styles:
        for candidate in candidates(candidate_style, platform=platform, root=root, environ=environ):
            pair = _pair(candidate)
            if pair is not None:
                return pair
    raise ExportError(MISSING)


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
    return search_fonts(style)
