"""A row of parts that stands them one above the other where the width runs out: a form beside
its list on a landscape screen, under it on a portrait one (1080 x 1920) or at large text.

The choice is made where Qt hands the layout its space (`setGeometry`), from what the parts
ask for at their natural size, so every screen and text size gets the arrangement that fits
without a rule per screen."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QBoxLayout, QWidget

LEFT_TO_RIGHT = QBoxLayout.Direction.LeftToRight
TOP_TO_BOTTOM = QBoxLayout.Direction.TopToBottom


class SideBySide(QBoxLayout):
    def __init__(self, parent: QWidget | None = None, *, spacing: int = 24, portrait_only: bool = False) -> None:
        """The width is shared out by the parts' stretch factors (Qt gives a part its share,
        not its natural width), so each must get its natural width from its share.
        `portrait_only`: parts that each scroll stand above each other only where the space
        is taller than wide (two short scrolling panes on a landscape screen would each show
        too little)."""
        super().__init__(LEFT_TO_RIGHT, parent)
        self.setSpacing(spacing)
        self._portrait_only = portrait_only
        self._decided_for: tuple[QSize, float] = (QSize(), 0.0)  # the size and type it was chosen for

    def needed_width(self) -> int:
        """The width the parts need side by side, at their natural sizes."""
        parts = [(self.itemAt(i), self.stretch(i)) for i in range(self.count())]
        shown = [(part.sizeHint().width(), stretch) for part, stretch in parts if not part.isEmpty()]
        margins = self.contentsMargins()
        room = self.spacing() * max(0, len(shown) - 1) + margins.left() + margins.right()
        stretches = sum(stretch for _width, stretch in shown)
        if shown and all(stretch > 0 for _width, stretch in shown):
            # Shared out by stretch: the part with the least share for its width decides.
            return room + max(round(width * stretches / stretch) for width, stretch in shown)
        return room + sum(width for width, _stretch in shown)

    def beside(self) -> bool:
        return self.direction() == LEFT_TO_RIGHT

    def setGeometry(self, rect: QRect) -> None:
        # Decided once per size and text size: what the parts ask for can change with the
        # arrangement (a row of choices wraps differently), and deciding again at the same
        # size could flip the arrangement back and forth for ever. Only one change is made
        # without a new size: parts that grew past the width once they were filled (a list
        # read after the page was first laid out) stand above each other.
        key = (rect.size(), self._type_size())
        wanted = self.direction()
        if key != self._decided_for:
            self._decided_for = key
            if self._portrait_only:
                wanted = TOP_TO_BOTTOM if rect.width() < rect.height() else LEFT_TO_RIGHT
            else:
                wanted = LEFT_TO_RIGHT if rect.width() >= self.needed_width() else TOP_TO_BOTTOM
        elif self.beside() and not self._portrait_only and rect.width() < self.needed_width():
            wanted = TOP_TO_BOTTOM
        if wanted != self.direction():
            self.setDirection(wanted)  # lays out again, at the same size: no new decision
        super().setGeometry(rect)

    def _type_size(self) -> float:
        """The parts' text size: a new one (a learner's "Largest") asks for a new decision."""
        holder = self.parentWidget()
        return holder.font().pointSizeF() if holder is not None else 0.0

    def minimumSize(self):
        """Side by side is never what holds a window wider than its screen: above each other
        the parts need only the widest one's width."""
        size = super().minimumSize()
        if self.beside():
            parts = [self.itemAt(i) for i in range(self.count())]
            margins = self.contentsMargins()
            widest = max((part.minimumSize().width() for part in parts if not part.isEmpty()), default=0)
            size.setWidth(widest + margins.left() + margins.right())
        return size
