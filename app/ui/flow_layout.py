"""A layout that puts its widgets in a row and wraps to the next row when the width runs out,
like words in a paragraph: chips and surname buttons keep their natural size at every text
size and screen width, and none is ever pushed off the side.

Written here because Qt ships no flow layout (its documentation has one only as an example,
`layouts/flowlayout`, which this follows); it is small, and a dependency for it would be
larger than the code."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, *, spacing: int = 12) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing

    def set_gap(self, gap: int) -> None:
        self._gap = gap
        self.invalidate()

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)  # no growing: each widget keeps its own width

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def rows(self, width: int) -> int:
        """How many rows the widgets take at `width` (for tests and sizing)."""
        return len(self._layout(QRect(0, 0, width, 0)))

    def _layout(self, rect: QRect) -> list[list[tuple[QLayoutItem, QSize]]]:
        margins = self.contentsMargins()
        room = rect.width() - margins.left() - margins.right()
        rows: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        used = 0
        for item in self._items:
            if _hidden(item.widget()):
                continue
            widget = item.widget()
            # The widget's own hint: the item's is empty while Qt has yet to show the widget.
            hint = widget.sizeHint().expandedTo(widget.minimumSize()) if widget is not None else item.sizeHint()
            size = hint.boundedTo(QSize(max(room, 1), 10**6))
            needed = size.width() if not rows[-1] else used + self._gap + size.width()
            if rows[-1] and needed > room:
                rows.append([])
                needed = size.width()
            rows[-1].append((item, size))
            used = needed
        return [row for row in rows if row]

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        margins = self.contentsMargins()
        y = rect.y() + margins.top()
        for row in self._layout(rect):
            x = rect.x() + margins.left()
            height = max(size.height() for _, size in row)
            for item, size in row:
                if place:
                    item.setGeometry(QRect(QPoint(x, y), QSize(size.width(), height)))
                x += size.width() + self._gap
            y += height + self._gap
        return y - self._gap - rect.y() + margins.bottom() if y > rect.y() + margins.top() else 0


def _hidden(widget: QWidget | None) -> bool:
    """Hidden on purpose: a widget just added to a shown page is hidden too until Qt shows it
    (a moment later), and must count already, or the layout's first height is too small."""
    explicit = Qt.WidgetAttribute.WA_WState_ExplicitShowHide
    return widget is not None and widget.isHidden() and widget.testAttribute(explicit)
