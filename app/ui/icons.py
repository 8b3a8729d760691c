"""SVG icons loaded by name from resources/icons. An unknown name is an error when a lesson
loads (the loader checks names), and a KeyError here, never a blank square on screen."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from app.core.resources import icons_dir

if TYPE_CHECKING:
    from PySide6.QtSvg import QSvgRenderer


class IconLibrary:
    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder or icons_dir()
        self._files = {path.stem: path for path in sorted(self._folder.glob("*.svg"))}
        self._renderers: dict[str, QSvgRenderer] = {}
        self._cache: dict[tuple[str, int, str | None], QPixmap] = {}
        self._glyphs: dict[str, bool] = {}

    def names(self) -> list[str]:
        return list(self._files)

    def is_glyph(self, name: str) -> bool:
        """A one-colour line drawing that can be recoloured, not an app icon on its own tile
        (recolouring a tile would paint it one flat square)."""
        if name not in self._glyphs:
            head = self._files[name].read_text(encoding="utf-8")[:400]
            self._glyphs[name] = not re.search(r'<(rect x="1" y="1" width="46"|circle cx="24" cy="24" r="23")', head)
        return self._glyphs[name]

    def require(self, names: set[str] | list[str]) -> None:
        unknown = sorted(set(names) - set(self._files))
        if unknown:
            raise KeyError(f"no icon named {', '.join(unknown)} in {self._folder}")

    def _renderer(self, name: str) -> QSvgRenderer:
        if name not in self._files:
            raise KeyError(f"no icon named '{name}' in {self._folder}")
        if name not in self._renderers:
            # Imported at the first icon drawn, not at start-up: loading Qt's SVG module is a
            # tenth of the time to the welcome screen, whose two icons are drawn just after it.
            from PySide6.QtSvg import QSvgRenderer

            renderer = QSvgRenderer(str(self._files[name]))
            if not renderer.isValid():
                raise KeyError(f"icon '{name}' is not a valid SVG: {self._files[name]}")
            self._renderers[name] = renderer
        return self._renderers[name]

    def pixmap(self, name: str, size: int, color: str | None = None) -> QPixmap:
        """The icon drawn at `size` px square; `color` repaints a one-colour glyph."""
        key = (name, size, color)
        if key not in self._cache:
            renderer = self._renderer(name)  # raises before any painting starts
            pixmap = QPixmap(size, size)
            pixmap.fill(QColor(0, 0, 0, 0))  # transparent
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter, QRectF(0, 0, size, size))
            if color:
                painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
                painter.fillRect(pixmap.rect(), QColor(color))
            painter.end()
            self._cache[key] = pixmap
        return self._cache[key]

    def icon(self, name: str, size: int = 64) -> QIcon:
        return QIcon(self.pixmap(name, size))
