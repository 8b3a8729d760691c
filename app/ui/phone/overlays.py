"""Things drawn over the page: a dialog box (dims the page) and a toast message."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from app.core.components_apps import Sheet
from app.core.course import Dialog, Toast
from app.ui.phone.basic import filled_button
from app.ui.phone.context import DARK_BG, LIGHT_TEXT, MUTED_TEXT, BuildContext


def _dialog_words(component: Dialog, ctx: BuildContext) -> QScrollArea:
    """Title and message; at 150 % a long warning scrolls inside the card instead of
    pushing the buttons off the phone."""
    words = QWidget()
    words.setObjectName("dialog-words")
    words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    column = QVBoxLayout(words)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(ctx.theme.px(10))
    column.addWidget(ctx.label(ctx.t(component.title), "phone_title", colour=LIGHT_TEXT, align="center"))
    if component.message:
        column.addWidget(ctx.label(ctx.t(component.message), colour=LIGHT_TEXT, align="center"))
    return _scrolling(words, ctx)


def _scrolling(words: QWidget, ctx: BuildContext) -> QScrollArea:
    """Words on a white card that scroll when the card is too short for them at this size."""
    scroll = QScrollArea()
    scroll.setObjectName("dialog-scroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setStyleSheet(
        "#dialog-scroll, #dialog-words { background: #FFFFFF; }"
        f"#dialog-scroll QScrollBar:vertical {{ width: {ctx.theme.px(8)}px; background: transparent; border: none; }}"
        f"#dialog-scroll QScrollBar::handle:vertical {{ background: #8A8A8A; border-radius: {ctx.theme.px(3)}px;"
        " min-height: 40px; }"
        "#dialog-scroll QScrollBar::add-line, #dialog-scroll QScrollBar::sub-line { height: 0; border: none; }"
        "#dialog-scroll QScrollBar::add-page, #dialog-scroll QScrollBar::sub-page { background: none; }"
    )
    scroll.setWidget(words)
    words.setFixedWidth(ctx.width - 2 * ctx.theme.px(36))  # the card's inner width, for the height below
    height = words.heightForWidth(words.width()) if words.hasHeightForWidth() else words.sizeHint().height()
    words.setMinimumWidth(0)
    words.setMaximumWidth(16777215)
    # As tall as the words, up to about half the phone; longer words scroll.
    scroll.setFixedHeight(min(max(height, words.sizeHint().height()), ctx.theme.px(380)))
    return scroll


def _shade() -> QWidget:
    """The dimmed page under a dialog or a sheet (marked as an overlay for the audits)."""
    shade = QWidget()
    shade.setObjectName("overlay-shade")
    shade.setProperty("overlay", True)
    shade.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    shade.setStyleSheet("#overlay-shade { background: rgba(0, 0, 0, 150); }")
    return shade


def build_dialog(component: Dialog, ctx: BuildContext) -> QWidget:
    shade = _shade()
    outer = QVBoxLayout(shade)
    margin = ctx.theme.px(18)
    outer.setContentsMargins(margin, ctx.theme.px(24), margin, ctx.theme.px(24))
    outer.addStretch(1)
    card = QFrame()
    card.setObjectName("dialog-card")
    card.setStyleSheet(f"#dialog-card {{ background: #FFFFFF; border-radius: {ctx.theme.px(20)}px; }}")
    column = QVBoxLayout(card)
    pad = ctx.theme.px(18)
    column.setContentsMargins(pad, pad, pad, pad)
    column.setSpacing(ctx.theme.px(16))
    column.addWidget(_dialog_words(component, ctx), 1)
    side_by_side = len(component.buttons) == 2 and ctx.theme.scale < 1.5
    row = QBoxLayout(QBoxLayout.Direction.LeftToRight if side_by_side else QBoxLayout.Direction.TopToBottom)
    row.setSpacing(ctx.theme.px(12))
    for spec in component.buttons:
        row.addWidget(filled_button(ctx, spec.id, ctx.t(spec.label), spec.style.value), 1)
    column.addLayout(row)
    outer.addWidget(card)
    outer.addStretch(1)
    return shade


def build_toast(component: Toast, ctx: BuildContext) -> QWidget:
    """A dark rounded pill near the bottom, centred, as wide as its words."""
    holder = QWidget()
    holder.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    outer = QVBoxLayout(holder)
    outer.setContentsMargins(ctx.theme.px(28), 0, ctx.theme.px(28), ctx.theme.px(56))
    outer.addStretch(1)
    line = QHBoxLayout()
    line.addStretch(1)
    pill = QFrame()
    pill.setObjectName("toast")
    pill.setStyleSheet(f"#toast {{ background: {DARK_BG}; border-radius: {ctx.theme.px(28)}px; }}")
    inner = QVBoxLayout(pill)
    inner.setContentsMargins(ctx.theme.px(26), ctx.theme.px(10), ctx.theme.px(26), ctx.theme.px(10))
    inner.addWidget(ctx.label(ctx.t(component.message), colour="#FFFFFF", align="center"))
    line.addWidget(pill)
    line.addStretch(1)
    outer.addLayout(line)
    return holder


def build_sheet(component: Sheet, ctx: BuildContext) -> QWidget:
    """A white sheet rising from the bottom over a dimmed page: what is being confirmed, row by
    row, the total in large figures, and one wide button."""
    shade = _shade()
    outer = QVBoxLayout(shade)
    outer.setContentsMargins(0, ctx.theme.px(40), 0, 0)
    outer.addStretch(1)
    card = QFrame()
    card.setObjectName("sheet-card")
    radius = ctx.theme.px(22)
    card.setStyleSheet(
        f"#sheet-card {{ background: #FFFFFF; border-top-left-radius: {radius}px; border-top-right-radius: {radius}px; }}"
    )
    column = QVBoxLayout(card)
    pad = ctx.theme.px(18)
    column.setContentsMargins(pad, pad, pad, pad)
    column.setSpacing(ctx.theme.px(10))
    top = QHBoxLayout()
    top.addWidget(ctx.label(ctx.t(component.title), "phone_title", colour=LIGHT_TEXT), 1)
    if component.close:
        close = ctx.target(component.close)
        close.setStyleSheet("QPushButton { background: #E4E4DC; border: none; border-radius: 12px; }")
        inner = QVBoxLayout(close)
        inner.setContentsMargins(4, 4, 4, 4)
        inner.addWidget(ctx.label("✕", "phone_title", colour=LIGHT_TEXT, align="center"))
        top.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
    column.addLayout(top)
    details = QWidget()
    details.setObjectName("dialog-words")
    details.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    rows = QVBoxLayout(details)
    rows.setContentsMargins(0, 0, 0, 0)
    rows.setSpacing(ctx.theme.px(8))
    wide = ctx.theme.scale < 1.5  # at 150 % a label and its value do not fit on one line
    for row in component.rows:
        line = QBoxLayout(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
        line.setSpacing(ctx.theme.px(8 if wide else 0))
        line.addWidget(ctx.label(ctx.t(row.label), colour=MUTED_TEXT), 0)
        line.addWidget(ctx.label(ctx.t(row.value), colour=LIGHT_TEXT), 1)
        rows.addLayout(line)
    if component.amount:
        rows.addWidget(ctx.label(component.amount, "phone_big", colour=LIGHT_TEXT, align="center"))
    column.addWidget(_scrolling(details, ctx), 1)
    column.addWidget(filled_button(ctx, component.button, ctx.t(component.button_label), component.style.value))
    outer.addWidget(card)
    return shade
