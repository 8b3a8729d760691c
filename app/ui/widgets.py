"""Small building blocks every kiosk screen uses: text, buttons and the top bar.

Sizes come only from the theme's style sheet via the `role` property; these helpers just set
the role, the kind (colour) and the 1.5 line spacing older readers need.
"""

from __future__ import annotations

import functools
import html
import itertools

from PySide6 import QtCore
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QResizeEvent, QTextLayout
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSpacerItem, QWidget

from app.ui.i18n import tr
from app.ui.state import KioskState
from app.ui.theme import FONT_FAMILY_LIST, MIN_GAP_PX, SCALES, Theme

# Qt's `Qt` namespace takes 25-45 ms to build, the first time anything names it: a fifth of the
# time to the welcome screen's first picture. So nothing on the way to that picture names it
# (tests/ui/test_first_paint.py checks): enum properties are set by name through Qt's property
# system (`setProperty("alignment", "AlignHCenter")`), and the one thing that cannot be, a
# button's pointing-hand cursor, waits for the first paint (`cursors_after_first_paint`).
_AWAITING_CURSOR: list[QPushButton] = []

RUNNING_TEXT_EMS = 1.5  # WCAG 1.4.8: line spacing at least 1.5 times the font size
HEADING_EMS = 1.2
THEME_BUTTON_MIN = 72  # px at 100 %: the theme's min-height of a button's text box


@functools.cache
def natural_line_ems() -> float:
    """The kiosk font's own line spacing in ems (about 1.45 for Noto Sans CJK)."""
    font = QFont()
    font.setFamilies(FONT_FAMILY_LIST)
    font.setPixelSize(100)
    return QFontMetricsF(font).lineSpacing() / 100


def line_height_percent(ems: float) -> int:
    """Qt's proportional line height multiplies the font's own line spacing, not the font
    size, so 1.5 em is about 103 % for a CJK font; asking for 150 % would give 2.2 em."""
    return max(100, round(100 * ems / natural_line_ems()))


def paragraph_html(text: str, *, align: str = "left", ems: float = RUNNING_TEXT_EMS) -> str:
    """Rich text with 1.5 em line spacing for running text; QSS cannot set line height.
    Headings and clocks ask for less."""
    body = "<br>".join(html.escape(line) for line in text.split("\n"))
    return f'<p style="line-height:{line_height_percent(ems)}%; margin:0" align="{align}">{body}</p>'


class TextLabel(QLabel):
    """A label that wraps instead of clipping, sized by its role."""

    def __init__(
        self, text: str = "", role: str = "body", *, align: str = "left", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setProperty("role", role)
        self.setWordWrap(True)
        self.setProperty("textFormat", "RichText")  # by name: see _AWAITING_CURSOR
        self._align = align
        self._plain = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.set_text(text)

    def set_text(self, text: str) -> None:
        self._plain = text
        self.setText(paragraph_html(text, align=self._align) if text else "")

    def plain_text(self) -> str:
        return self._plain


ZERO_WIDTH_SPACE = "\u200b"


class BreakingLabel(TextLabel):
    """A TextLabel that breaks a piece of text wider than itself rather than cut it off: a
    network name in quotes with its full stop ("“WangJia”。") in the lesson's narrow column at
    the largest text. Only such pieces are broken (they can never fit a line whole); every other
    word keeps its place. Qt's label offers no wrap-anywhere mode, so zero-width spaces mark
    where a line may break inside those pieces; `plain_text` keeps the words as written."""

    def __init__(self, text: str = "", role: str = "body", *, parent: QWidget | None = None) -> None:
        super().__init__("", role, parent=parent)
        self._widest: tuple[tuple[str, float], float] | None = None  # (text, type size) -> px
        self._broken_for = -1  # the width the shown text was broken for, -1: shown as written
        self.set_text(text)

    def set_text(self, text: str) -> None:
        self._plain = text
        self._broken_for = -2  # a new text: shown again whatever the width
        self._render()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._render()

    def _render(self) -> None:
        text, width = self._plain, self.contentsRect().width()
        wanted = width if text and self._widest_px(text) > width > 0 else -1
        if wanted == self._broken_for:
            return
        self._broken_for = wanted
        shown = text if wanted < 0 else break_wide_pieces(text, self.font(), wanted)
        self.setText(paragraph_html(shown, align=self._align) if shown else "")

    def _widest_px(self, text: str) -> float:
        key = (text, self.font().pointSizeF())
        if self._widest is None or self._widest[0] != key:
            self._widest = (key, widest_word_px(text, self.font()))
        return self._widest[1]


def unbreakable_pieces(paragraph: str, font: QFont) -> list[tuple[str, float]]:
    """`paragraph` cut where Qt may break a line, each piece with its width in `font`: every
    line laid out as short as it can be holds one piece."""
    layout = QTextLayout(paragraph, font)
    layout.beginLayout()
    pieces = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(1)
        pieces.append((paragraph[line.textStart() : line.textStart() + line.textLength()], line.naturalTextWidth()))
    layout.endLayout()
    return pieces


def break_wide_pieces(text: str, font: QFont, width: float) -> str:
    """`text`, a line break allowed between the letters of each piece Qt would not break that
    is wider than `width` (see BreakingLabel)."""
    return "\n".join(
        "".join(_breakable_inside(piece) if wide > width else piece for piece, wide in unbreakable_pieces(line, font))
        for line in text.split("\n")
    )


def _breakable_inside(piece: str) -> str:
    """Breaks allowed inside the piece's words only, so quotes and stops stay with their word
    (never a line ending in "“"): between the parts of a joined name ("Wang" / "Jia"), else
    between any two letters."""
    joins = [
        i
        for i, (before, after) in enumerate(itertools.pairwise(piece), start=1)
        if (before.islower() and after.isupper()) or (before.isalpha() != after.isalpha() and after.isalnum())
        if before.isalnum()
    ]
    if not joins:
        joins = [i for i, (b, a) in enumerate(itertools.pairwise(piece), start=1) if b.isalnum() and a.isalnum()]
    for i in reversed(joins):
        piece = piece[:i] + ZERO_WIDTH_SPACE + piece[i:]
    return piece


def widest_word_px(text: str, font: QFont) -> float:
    """The widest piece of `text` that Qt will not break across lines (a Latin word with its
    quotes and the full stop after it, in Chinese): a label narrower than that cuts it off."""
    return max((wide for line in text.split("\n") for _piece, wide in unbreakable_pieces(line, font)), default=0.0)


def big_button(
    text: str, *, kind: str = "", role: str = "button", name: str = "", parent: QWidget | None = None
) -> QPushButton:
    """A large touch button. `kind` picks the colour (primary, secondary, danger, warm). Give
    it its `parent` at once where it is measured before a layout places it: its type comes
    from the kiosk window's style sheet, which reaches only the widgets inside the window."""
    button = QPushButton(text, parent)
    button.setProperty("role", role)
    if kind:
        button.setProperty("kind", kind)
    if name:
        button.setObjectName(name)
    button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    button.setProperty("focusPolicy", "StrongFocus")  # by name: see _AWAITING_CURSOR
    if "Qt" in vars(QtCore):  # the namespace is built: the cursor now
        _point_at(button)
    else:
        _AWAITING_CURSOR.append(button)
    return button


def _point_at(button: QPushButton) -> None:
    button.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)


def cursors_after_first_paint() -> None:
    """The pointing hand for the buttons made before the first paint (see _AWAITING_CURSOR)."""
    waiting = list(_AWAITING_CURSOR)
    _AWAITING_CURSOR.clear()
    for button in waiting:
        try:
            _point_at(button)
        except RuntimeError:  # deleted meanwhile
            continue


def set_min_size(button: QPushButton, width: int, height: int) -> None:
    """A larger minimum than the theme's; QSS min sizes override setMinimumSize, so use QSS."""
    button.setStyleSheet(f"min-width: {width}px; min-height: {height}px;")


def keep_height(button: QPushButton, theme: Theme, *, at_least: int = 0) -> None:
    """Let no layout squeeze a button of several lines below its text (nor below `at_least`
    px in all): the style sheet's minimum height (one line) would otherwise be all a scrolled
    grid grants it, and a QSS min-height overrides setMinimumHeight. Call it once the button
    has its text and its place (its role's font comes from the kiosk window's style sheet)."""
    button.setStyleSheet("")  # measure against the theme's own minimum
    button.ensurePolished()
    frame = button.minimumSize().height() - theme.px(THEME_BUTTON_MIN)  # padding and border
    inside = max(theme.px(THEME_BUTTON_MIN), button.sizeHint().height() - frame, at_least - frame)
    set_min_size(button, 0, inside)


def fit_button_words(button: QPushButton, text: str, width: int) -> None:
    """`text` on `button`, broken into lines where it would be wider than `width`: a button's
    words never wrap by themselves. The breaks are Qt's own (QTextLayout: between words, and
    between Chinese characters), each of the text's own lines broken on its own."""
    button.setText(text)
    button.ensurePolished()
    if button.sizeHint().width() <= width:
        return
    metrics = button.fontMetrics()
    frame = button.sizeHint().width() - max(metrics.horizontalAdvance(line) for line in text.split("\n"))
    room = max(1, width - frame)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, button.font())
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(room)
            lines.append(paragraph[line.textStart() : line.textStart() + line.textLength()].strip())
        layout.endLayout()
    button.setText("\n".join(lines))


BAR_SIDE_PX = 24  # the bar's margins at either end, halved where a narrow screen needs the room
BAR_GAP_PX = 16  # between its buttons; where the room is needed, the least a finger needs (MIN_GAP_PX)


class TopBar(QWidget):
    """The bar on every screen: language switch and text size, and optionally a Back button."""

    back_requested = Signal()

    def __init__(self, state: KioskState, *, with_back: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        # As tall as its buttons need, never squeezed by a long page under it.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(BAR_SIDE_PX, 12, BAR_SIDE_PX, 12)
        layout.setSpacing(BAR_GAP_PX)
        self.back_button = big_button("", name="back")
        self.back_button.clicked.connect(self.back_requested)
        self.back_button.setVisible(with_back)
        layout.addWidget(self.back_button)
        # What the screen is about, where there is no Back button (the player's step).
        self.lead = TextLabel("", "body")
        self.lead.setObjectName("top-lead")
        self.lead.hide()
        self._leads = ("", "")
        layout.addWidget(self.lead, 1)
        self._stretch = QWidget()  # keeps the controls at the right when there is no lead
        layout.addWidget(self._stretch, 1)
        self.size_label = TextLabel("", "body")
        self.size_label.setWordWrap(False)
        self.size_label.setMinimumWidth(1)  # never what holds the window wider: see resizeEvent
        layout.addWidget(self.size_label)
        self.size_buttons: dict[float, QPushButton] = {}
        for scale in SCALES:
            button = big_button("", kind="choice", name=f"size-{int(scale * 100)}")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, s=scale: state.set_scale(s))
            self.size_buttons[scale] = button
            layout.addWidget(button)
        self._before_lang = QSpacerItem(BAR_SIDE_PX, 0)  # the language a little apart from the sizes
        layout.addItem(self._before_lang)
        self.lang_button = big_button("", kind="secondary", name="language")
        self.lang_button.clicked.connect(state.toggle_lang)
        layout.addWidget(self.lang_button)
        # A row of fixed-height buttons is capped at the lowest of them (QBoxLayout): let them
        # stand as tall as the tallest, so a screen's own button in the bar is never squeezed.
        for button in (self.back_button, *self.size_buttons.values(), self.lang_button):
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        state.lang_changed.connect(self.retranslate)
        state.theme_changed.connect(lambda _theme: self._mark_scale())
        # the buttons' new sizes are known once the window has restyled them, just after
        state.theme_changed.connect(lambda _theme: QTimer.singleShot(0, self, self.refit))
        self.retranslate()

    def set_lead(self, text: str, short: str = "") -> None:
        """`text` on the left of the bar, or `short` where `text` would not fit on one line."""
        self._leads = (text, short or text)
        self._show_lead()

    def _show_lead(self) -> None:
        text, short = self._leads
        room = self.width() - self.controls_width(with_size_label=False)
        metrics = self.lead.fontMetrics()
        self.lead.set_text(text if metrics.horizontalAdvance(text) <= room else short)
        self.lead.setVisible(bool(text))
        self._stretch.setVisible(not text)
        self._show_size_label()

    def controls_width(self, *, with_size_label: bool) -> int:
        """The width the bar's buttons (and the words "Text size") need, margins included."""
        layout = self.layout()
        margins = layout.contentsMargins()
        needed = margins.left() + margins.right() + self._before_lang.sizeHint().width()
        for index in range(layout.count()):  # a screen may have put its own button in the bar
            widget = layout.itemAt(index).widget()
            if widget is None or widget in (self.lead, self._stretch):
                continue
            if (widget is self.size_label and with_size_label) or (
                widget is not self.size_label and not widget.isHidden()
            ):
                needed += widget.sizeHint().width() + layout.spacing()
        return needed

    def resizeEvent(self, event: QResizeEvent) -> None:
        """On a narrow screen the words "Text size" give way to the buttons themselves, and
        the buttons stand closer (a portrait screen at 150 %)."""
        super().resizeEvent(event)
        self.refit()

    def refit(self) -> None:
        """Spacing and words again for the bar's width (also after a screen adds or takes away
        a button of its own)."""
        self._space_out()
        self._show_lead()

    def _space_out(self) -> None:
        self._set_gaps(BAR_SIDE_PX, BAR_GAP_PX)
        if self.controls_width(with_size_label=False) > self.width():
            self._set_gaps(BAR_SIDE_PX // 2, MIN_GAP_PX)

    def _set_gaps(self, side: int, gap: int) -> None:
        layout = self.layout()
        margins = layout.contentsMargins()
        if margins.left() != side or layout.spacing() != gap:
            layout.setContentsMargins(side, margins.top(), side, margins.bottom())
            layout.setSpacing(gap)
            self._before_lang.changeSize(side, 0)

    def _show_size_label(self) -> None:
        needed = self.controls_width(with_size_label=True)
        if not self.lead.isHidden():
            needed += self.lead.fontMetrics().horizontalAdvance(self.lead.plain_text()) + self.layout().spacing()
        self.size_label.setVisible(needed <= self.width())

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.back_button.setText(tr("back", lang))
        self.size_label.set_text(tr("text_size", lang))
        for scale, button in self.size_buttons.items():
            button.setText(tr(f"size_{int(scale * 100)}", lang))
        self.lang_button.setText(tr("language", lang))
        self._mark_scale()
        self.refit()

    def _mark_scale(self) -> None:
        for scale, button in self.size_buttons.items():
            button.setChecked(scale == self._state.theme.scale)


def repolish(*widgets: QWidget) -> None:
    """A dynamic property changed: let the style sheet look at it again."""
    for widget in widgets:
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class LayoutSized:
    """Mixed into a QWidget whose lines wrap: its size is its layout's, and its height what
    those lines need at the width it is given (a grid or scroller otherwise squeezes it)."""

    def sizeHint(self):
        return self.layout().sizeHint()

    def minimumSizeHint(self):
        return self.layout().minimumSize()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self.layout().heightForWidth(width), 0)
