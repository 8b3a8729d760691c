"""Where bundled data lives: beside the package in a checkout, in `_MEIPASS` in a PyInstaller build."""

from __future__ import annotations

import sys
from pathlib import Path


def bundle_root() -> Path:
    """The folder that holds `courses/` and `resources/` for this run of the program."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def courses_dir() -> Path:
    return bundle_root() / "courses"


def icons_dir() -> Path:
    return bundle_root() / "resources" / "icons"


def icon_names(folder: Path | None = None) -> frozenset[str]:
    """Names of the SVG icons available, so lessons can be checked against them at load time."""
    folder = folder or icons_dir()
    return frozenset(p.stem for p in folder.glob("*.svg"))
