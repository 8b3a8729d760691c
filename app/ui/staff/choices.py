"""Large choice buttons, one chosen at a time, laid out in as many columns as fit, and the
flowing grid other pages use for their buttons. Sizes come from the theme."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from app.ui.widgets import big_button


def _width_of(button: QPushButton, text: str) -> int:
    """The width `button` would ask for with `text` (its padding and border as now)."""
    metrics = button.fontMetrics()

    def advance(words: str) -> int:
        return max(metrics.horizontalAdvance(line) for line in words.split("\n"))

    return button.sizeHint().width() - advance(button.text()) + advance(text)


def two_lines(text: str) -> str:
    """The text broken at the space nearest its middle ("Government and / community
    services"); text without spaces (Chinese) is short enough as it is."""
    spaces = [i for i, char in enumerate(text) if char == " "]
    if not spaces:
        return text
    middle = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:middle] + "\n" + text[middle + 1 :]


class Choices(QWidget):
    """A row (or rows) of large choice buttons, one chosen at a time; the chosen one is filled
    and its words stay the same, so the choice never rests on colour alone. As many go on a
    row as fit (at most `per_row`), so no button is squeezed at a larger text size."""

    changed = Signal(str)

    def __init__(self, keys: list[str], name: str, *, per_row: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(16)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QPushButton] = {}
        self._per_row = per_row or len(keys)
        self._columns = 0
        self._texts: dict[str, str] = {}
        for key in keys:
            button = big_button("", kind="choice", name=f"{name}-{key}")
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)  # a row's are as tall
            self.group.addButton(button)
            button.clicked.connect(lambda _=False, k=key: self.changed.emit(k))
            self.buttons[key] = button
        self.buttons[keys[0]].setChecked(True)
        self._place(self._per_row)

    def _place(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for button in self.buttons.values():
            self.grid.removeWidget(button)
        for i, button in enumerate(self.buttons.values()):
            self.grid.addWidget(button, i // columns, i % columns)
        for column in range(self._per_row + 1):
            self.grid.setColumnStretch(column, 1 if column == columns else 0)

    def _fit(self, width: int) -> None:
        """The most columns that fit, breaking a long choice onto two lines when that lets
        more go on a row (or when it is wider than the room on its own)."""
        gap = self.grid.horizontalSpacing()
        labelled = [(key, self._texts.get(key, button.text()), button) for key, button in self.buttons.items()]
        single = {key: _width_of(button, text) for key, text, button in labelled}
        wanted = {key: text if single[key] <= width else two_lines(text) for key, text, _ in labelled}
        columns = columns_that_fit([_width_of(b, wanted[k]) for k, _, b in labelled], width, gap, self._per_row)
        for more in range(self._per_row, columns, -1):  # break the widest first, only as many as needed
            tried = dict(wanted)
            while columns_that_fit([_width_of(b, tried[k]) for k, _, b in labelled], width, gap, more) < more:
                whole = [(single[k], k) for k, text, _ in labelled if tried[k] == text and " " in text]
                if not whole:
                    break
                widest = max(whole)[1]
                tried[widest] = two_lines(tried[widest])
            else:
                wanted, columns = tried, more
                break
        for key, _, button in labelled:
            if button.text() != wanted[key]:
                button.setText(wanted[key])
        self._place(columns)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and self.width() > 0:  # new words or text size
            self._fit(self.width())
        return handled

    def sizeHint(self):
        """As wide as a full row: beside other widgets it asks for room for all of them."""
        hint = super().sizeHint()
        widths = [button.sizeHint().width() for button in self.buttons.values()]
        rows = [widths[i : i + self._per_row] for i in range(0, len(widths), self._per_row)]
        gap = self.grid.horizontalSpacing()
        hint.setWidth(max(sum(row) + gap * (len(row) - 1) for row in rows))
        return hint

    def minimumSizeHint(self):
        """The widest choice on two lines: narrower than that, words would be cut."""
        hint = super().minimumSizeHint()
        hint.setWidth(max(_width_of(button, two_lines(text)) for text, button in self._labelled()))
        return hint

    def _labelled(self) -> list[tuple[str, QPushButton]]:
        return [(self._texts.get(key, button.text()), button) for key, button in self.buttons.items()]

    @property
    def chosen(self) -> str:
        return next(key for key, button in self.buttons.items() if button.isChecked())

    def choose(self, key: str) -> None:
        self.buttons[key].setChecked(True)
        self.changed.emit(key)

    def set_texts(self, texts: dict[str, str]) -> None:
        self._texts.update(texts)
        for key, text in texts.items():
            self.buttons[key].setText(text)
        if self.width() > 0:
            self._fit(self.width())


def columns_that_fit(widths: list[int], room: int, gap: int, most: int) -> int:
    """The most columns (up to `most`) a grid of these widths, in order, fits in `room`: a
    grid column is as wide as its widest item."""
    for columns in range(min(most, len(widths)), 1, -1):
        column_widths = [max(widths[i::columns]) for i in range(columns)]
        if sum(column_widths) + gap * (columns - 1) <= room:
            return columns
    return 1


def flow(grid: QGridLayout, widgets: list[QWidget], width: int, most: int, *, fill: bool) -> int:
    """Put `widgets` in `grid`, as many on a row as fit `width` (at most `most`); with `fill`
    the columns share the width, else they keep their own and the rest stays empty."""
    holder = grid.parentWidget()
    for widget in widgets:
        grid.removeWidget(widget)
        if widget.parentWidget() is None and holder is not None:
            widget.setParent(holder)  # inside the window, so measured in the theme's type
        widget.ensurePolished()
    if not widgets:
        return 0
    widths = [widget.sizeHint().width() for widget in widgets]
    columns = columns_that_fit(widths, width, grid.horizontalSpacing(), most)
    for i, widget in enumerate(widgets):
        grid.addWidget(widget, i // columns, i % columns)
    needs = [max(widths[i::columns]) for i in range(columns)]
    for column in range(max(most, grid.columnCount()) + 1):
        if fill:  # shared in proportion to what each column needs, so each gets at least that
            grid.setColumnStretch(column, needs[column] if column < columns else 0)
        else:
            grid.setColumnStretch(column, 1 if column == columns else 0)
    return columns
