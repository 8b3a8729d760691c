"""Measure a real, rendered window against the senior-friendly numbers in DESIGN.md.

Text size comes from the font Qt actually applied; contrast from the pixels of one grab of the
whole window (so a label on a gradient or a coloured button is judged on what is on screen);
clipping from each widget's own size hints; touch targets from button geometry.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

LARGE_ROLES = {"instruction", "button_main"}


@dataclass(frozen=True)
class Violation:
    widget: str
    rule: str
    measured: float
    required: float

    def __str__(self) -> str:
        return f"{self.rule}: {self.widget} measured {self.measured:.2f}, needs {self.required:.2f}"


def describe(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
        text = " ".join(widget.text().split())[:40]
    return f"{type(widget).__name__}#{widget.objectName() or '-'} '{text}'"


def luminance(rgb: int) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: int, b: int) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


class Pixels:
    """A grab's pixels as 32-bit words, counted a row slice at a time by `Counter` (in C):
    reading them one `QImage.pixel` call at a time made the audit the slowest part of the GUI
    tests."""

    def __init__(self, image: QImage) -> None:
        self.image = image.convertToFormat(QImage.Format.Format_RGB32)
        self.rect = self.image.rect()
        self._words = memoryview(self.image.constBits()).cast("I")
        self._stride = self.image.bytesPerLine() // 4

    def colours(self, rect: QRect) -> Counter[int]:
        """How many pixels of each colour (0xRRGGBB) lie in `rect`."""
        counts: Counter[int] = Counter()
        left, right = rect.left(), rect.right() + 1
        for y in range(rect.top(), rect.bottom() + 1):
            start = y * self._stride
            counts.update(self._words[start + left : start + right])
        return Counter({word & 0xFFFFFF: n for word, n in counts.items()})  # RGB32: alpha is always FF


def text_contrast(pixels: Pixels, rect: QRect) -> float | None:
    """Contrast between the commonest colour (the background) and the most contrasting colour
    that covers at least a few pixels (the text's solid strokes, not anti-aliasing)."""
    rect = rect.intersected(pixels.rect)
    if rect.isEmpty():
        return None
    counts = pixels.colours(rect)
    background = counts.most_common(1)[0][0]
    solid = [colour for colour, n in counts.items() if n >= 4 and colour != background]
    if not solid:
        return None
    return max(contrast(background, colour) for colour in solid)


def _visible(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.width() > 0 and widget.height() > 0


def _rect_in(widget: QWidget, root: QWidget) -> QRect:
    return QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())


def _on_screen(widget: QWidget, root: QWidget) -> bool:
    """Not scrolled out of view: some of it is inside every scroll viewport above it."""
    return not widget.visibleRegion().isEmpty()


def _covers(overlay: QWidget, widget: QWidget, root: QWidget) -> bool:
    shown = _visible_rect(widget, root)  # a label scrolled half out of view is judged on what shows
    return _rect_in(overlay, root).contains(shown) and not widget.isAncestorOf(overlay)


def _gap(a: QRect, b: QRect) -> int:
    dx = max(b.left() - a.right() - 1, a.left() - b.right() - 1, 0)
    dy = max(b.top() - a.bottom() - 1, a.top() - b.bottom() - 1, 0)
    return max(dx, dy)


def audit(
    root: QWidget,
    *,
    scale: float = 1.0,
    min_body_pt: float = 20.0,
    min_large_pt: float = 28.0,
    min_target_px: int = 60,
    min_gap_px: int = 12,
    min_contrast: float = 7.0,
) -> list[Violation]:
    """Every rule broken by what `root` shows now."""
    found: list[Violation] = []
    image = Pixels(root.grab().toImage())
    widgets = [w for w in root.findChildren(QWidget) if _visible(w, root)]
    # Under an overlay (a dialog's dim shade, the idle warning) text is meant to recede.
    overlays = [w for w in widgets if w.property("overlay")]
    widgets = [
        w for w in widgets if not any(o is not w and not o.isAncestorOf(w) and _covers(o, w, root) for o in overlays)
    ]
    for widget in widgets:
        if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
            text = widget.text() if not isinstance(widget, QLabel) or widget.pixmap().isNull() else ""
            if text.strip():
                found.extend(_check_text(widget, root, image, scale, min_body_pt, min_large_pt, min_contrast))
        if isinstance(widget, QLabel) and not widget.pixmap().isNull():
            picture = widget.pixmap().deviceIndependentSize()
            if widget.width() < picture.width() - 1 or widget.height() < picture.height() - 1:
                found.append(Violation(describe(widget), "picture clipped (px)", widget.height(), picture.height()))
            parent = widget.parentWidget()
            if parent is not None and not parent.rect().adjusted(-1, -1, 1, 1).contains(widget.geometry()):
                found.append(Violation(describe(widget), "picture cut off by its container", 0, 1))
    targets = [w for w in widgets if isinstance(w, QAbstractButton) and w.isEnabled() and _on_screen(w, root)]
    for target in targets:
        smaller = min(target.width(), target.height())
        if smaller < min_target_px:
            found.append(Violation(describe(target), "touch target too small", smaller, min_target_px))
        shown = _visible_rect(target, root)
        if shown.width() < target.width() - 1:
            found.append(Violation(describe(target), "touch target cut off at the side", shown.width(), target.width()))
    rects = [(t, _visible_rect(t, root)) for t in targets]  # what a finger can reach
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1 :]:
            if a.isAncestorOf(b) or b.isAncestorOf(a) or ra.intersects(rb):
                continue
            gap = _gap(ra, rb)
            if gap < min_gap_px:
                found.append(Violation(f"{describe(a)} / {describe(b)}", "targets too close", gap, min_gap_px))
    return found


def _check_text(widget, root, image, scale, min_body_pt, min_large_pt, min_contrast) -> list[Violation]:
    found: list[Violation] = []
    name = describe(widget)
    role = widget.property("role")
    floor = (min_large_pt if role in LARGE_ROLES else min_body_pt) * _text_scale(widget, scale)
    points = widget.font().pointSizeF()
    if points < floor - 0.01:
        found.append(Violation(name, "text too small (pt)", points, floor))
    # an ellipsis the words themselves have ("Reading the records…") is not one Qt put in
    source = widget.property("source_text") or (widget.plain_text() if hasattr(widget, "plain_text") else "")
    if "…" in widget.text() and "…" not in source:
        found.append(Violation(name, "text elided", 1, 0))
    if isinstance(widget, QLabel):
        if widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + 1:
                found.append(Violation(name, "text clipped (height)", widget.height(), needed))
            widest_line = _widest_line(widget)
            if widest_line > widget.contentsRect().width() + 1:  # a word too long to wrap
                found.append(Violation(name, "text clipped (a word wider than its box)", widget.width(), widest_line))
        elif widget.sizeHint().width() > widget.width() + 1:
            found.append(Violation(name, "text clipped (width)", widget.width(), widget.sizeHint().width()))
        parent = widget.parentWidget()
        if parent is not None:
            inside = parent.rect().adjusted(-1, -1, 1, 1).contains(widget.geometry())
            if not inside:
                found.append(Violation(name, "text outside its container", 0, 1))
    elif isinstance(widget, QAbstractButton):
        hint = widget.sizeHint()
        if hint.width() > widget.width() + 1:
            found.append(Violation(name, "button text clipped (width)", widget.width(), hint.width()))
        if hint.height() > widget.height() + 1:
            found.append(Violation(name, "button text clipped (height)", widget.height(), hint.height()))
    if _on_screen(widget, root):
        shown = _visible_rect(widget, root)
        if shown.width() < widget.width() - 1:  # scrolling is up and down; never sideways
            found.append(Violation(name, "text cut off at the side", shown.width(), widget.width()))
        measured = text_contrast(image, _rect_in(widget, root).intersected(shown))
        if shown.height() < widget.fontMetrics().height():  # a sliver at the edge of a scroll
            pass
        elif measured is None:
            found.append(Violation(name, "text not visible (no contrasting pixels)", 0, min_contrast))
        elif measured < min_contrast:
            found.append(Violation(name, "text contrast", measured, min_contrast))
    return found


def _text_scale(widget: QWidget, scale: float) -> float:
    """The learner's text scale, or inside the simulated phone the phone's own: smaller on a
    small screen, but never under 1.0 (20 pt body text), see app/ui/phone/fit.py."""
    parent = widget.parentWidget()
    while parent is not None:
        if parent.objectName() == "phone" and parent.property("text_scale") is not None:
            return max(1.0, min(scale, float(parent.property("text_scale"))))
        parent = parent.parentWidget()
    return scale


def _widest_line(label: QLabel) -> float:
    """The widest line of the label's text laid out at its width, as Qt lays it out."""
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    if label.textFormat() == Qt.TextFormat.PlainText:
        document.setPlainText(label.text())
    else:
        document.setHtml(label.text())
    document.setTextWidth(label.contentsRect().width())
    return document.idealWidth()


def _visible_rect(widget: QWidget, root: QWidget) -> QRect:
    bounds = widget.visibleRegion().boundingRect()
    return QRect(widget.mapTo(root, bounds.topLeft()), bounds.size())


def format_violations(violations: list[Violation]) -> str:
    return "\n".join(str(v) for v in violations)
