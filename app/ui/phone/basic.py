"""Everyday parts of an app page: text, buttons, list rows, a money figure, an input box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.core.course import Amount, Button, Label, ListRow, ListView, TextField
from app.ui.phone.context import CARD_BG, LIGHT_TEXT, MUTED_TEXT, STYLE_COLOURS, BuildContext
from app.ui.phone.password import PasswordBoxes
from app.ui.phone.targets import TargetButton

ROLE_FOR_SIZE = {"small": "phone_body", "normal": "phone_body", "large": "phone_title", "title": "phone_big"}
PRESSED = {"primary": "#06401E", "secondary": "#073763", "danger": "#6E1313", "success": "#06401E"}


def icon_label(ctx: BuildContext, name: str, size: int, colour: str | None = None) -> QLabel:
    """An icon that lets presses through to the target it sits on. `colour` repaints line
    drawings only; an app icon keeps its own colours."""
    colour = colour if colour and ctx.icons.is_glyph(name) else None
    icon = QLabel()
    icon.setPixmap(ctx.icons.pixmap(name, size, colour))
    icon.setFixedSize(size, size)
    icon.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    icon.setStyleSheet("background: transparent;")
    return icon


def build_text(component: Label, ctx: BuildContext) -> QWidget:
    # Running text keeps 150 % line spacing whatever its size; only titles are set tighter.
    role = ROLE_FOR_SIZE[component.size]
    return ctx.label(ctx.t(component.text), role, align=component.align, heading=component.size == "title")


def card(ctx: BuildContext, target_id: str | None, background: str = CARD_BG) -> QWidget:
    """A rounded card: a target with a grey edge if it has an id (a row, a notification, a
    message to tap), else a plain part of the page that lets presses through."""
    radius = ctx.theme.px(14)
    if target_id:
        item = ctx.target(target_id)
        item.setStyleSheet(
            f"QPushButton {{ background: {background}; border: 2px solid #8A8A8A; border-radius: {radius}px; }}"
            "QPushButton:pressed { background: #E4E4DC; }"
        )
        return item
    item = QFrame()
    item.setObjectName("card")
    item.setStyleSheet(f"#card {{ background: {background}; border-radius: {radius}px; }}")
    item.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return item


def filled_button(ctx: BuildContext, target_id: str, text: str, style: str) -> TargetButton:
    """A rounded button in a style's colour with its words centred in white: the phone's
    buttons, a dialog's answers, a sheet's confirm, a face check's start."""
    button = ctx.target(target_id)
    colour = STYLE_COLOURS[style]
    button.setStyleSheet(
        f"QPushButton {{ background: {colour}; border: 2px solid {colour}; border-radius: {ctx.theme.px(14)}px; }}"
        f"QPushButton:pressed {{ background: {PRESSED[style]}; }}"
    )
    inner = QHBoxLayout(button)
    inner.setContentsMargins(ctx.theme.px(10), ctx.theme.px(10), ctx.theme.px(10), ctx.theme.px(10))
    inner.addWidget(ctx.label(text, "phone_title", colour="#FFFFFF", align="center"))
    return button


def build_button(component: Button, ctx: BuildContext) -> QWidget:
    """A full-width rounded button; an icon sits just before its words, both centred."""
    button = ctx.target(component.id)
    style = component.style.value
    colour = STYLE_COLOURS[style]
    button.setStyleSheet(
        f"QPushButton {{ background: {colour}; border: 2px solid {colour}; border-radius: {ctx.theme.px(16)}px; }}"
        f"QPushButton:pressed {{ background: {PRESSED[style]}; }}"
    )
    row = QHBoxLayout(button)
    row.setContentsMargins(ctx.theme.px(16), ctx.theme.px(12), ctx.theme.px(16), ctx.theme.px(12))
    row.setSpacing(ctx.theme.px(10))
    row.addStretch(1)
    if component.icon:
        row.addWidget(icon_label(ctx, component.icon, ctx.theme.px(30), "#FFFFFF"), 0, Qt.AlignmentFlag.AlignVCenter)
    text = ctx.label(ctx.t(component.label), "phone_title", colour="#FFFFFF", align="center")
    row.addWidget(text, 0, Qt.AlignmentFlag.AlignVCenter)
    row.addStretch(1)
    return button


def _row_contents(layout: QHBoxLayout, row: ListRow, ctx: BuildContext) -> None:
    if row.icon:
        layout.addWidget(icon_label(ctx, row.icon, ctx.theme.px(48)), 0, Qt.AlignmentFlag.AlignVCenter)
    column = QVBoxLayout()
    column.setSpacing(0)
    title = ctx.label(ctx.t(row.title), "phone_title", colour=LIGHT_TEXT)
    trailing = ctx.label(ctx.t(row.trailing), colour=MUTED_TEXT, wrap=False) if row.trailing else None
    if trailing is not None and ctx.theme.scale < 1.5:
        line = QHBoxLayout()  # the time sits beside the name, as in every chat list
        line.setSpacing(ctx.theme.px(8))
        line.addWidget(title, 1)
        line.addWidget(trailing, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(line)
        trailing = None
    else:
        column.addWidget(title)
    if row.subtitle:
        column.addWidget(ctx.label(ctx.t(row.subtitle), colour=MUTED_TEXT))
    if trailing is not None:  # at 150 % a name and a time do not both fit on one line
        column.addWidget(ctx.label(ctx.t(row.trailing), colour=MUTED_TEXT, align="right"))
    layout.addLayout(column, 1)


def build_list(component: ListView, ctx: BuildContext) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(ctx.theme.px(12))
    if component.header:
        column.addWidget(ctx.label(ctx.t(component.header), "phone_body", colour=MUTED_TEXT))
    for row in component.rows:
        item = card(ctx, row.id)  # without an id, a message or a note: part of the page
        layout = QHBoxLayout(item)
        layout.setContentsMargins(ctx.theme.px(12), ctx.theme.px(10), ctx.theme.px(12), ctx.theme.px(10))
        layout.setSpacing(ctx.theme.px(12))
        _row_contents(layout, row, ctx)
        column.addWidget(item)
    return box


def build_amount(component: Amount, ctx: BuildContext) -> QWidget:
    """A white receipt card: who is paid, then the sum in large figures."""
    card = QFrame()
    card.setObjectName("amount-card")
    card.setStyleSheet(f"#amount-card {{ background: {CARD_BG}; border-radius: {ctx.theme.px(16)}px; }}")
    card.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    column = QVBoxLayout(card)
    pad = ctx.theme.px(16)
    column.setContentsMargins(pad, pad, pad, pad)
    column.setSpacing(ctx.theme.px(4))
    if component.payee:
        column.addWidget(ctx.label(ctx.t(component.payee), "phone_title", colour=LIGHT_TEXT, align="center"))
    column.addWidget(ctx.label(ctx.t(component.label), colour=MUTED_TEXT, align="center"))
    column.addWidget(ctx.label(component.value, "phone_big", colour=LIGHT_TEXT, align="center"))
    return card


def build_text_field(component: TextField, ctx: BuildContext) -> QWidget:
    """A label over a box. Tapping the box opens the number pad (see `PhoneWidget`)."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(ctx.theme.px(6))
    column.addWidget(ctx.label(ctx.t(component.label)))
    field = ctx.target(component.id)
    field.setProperty("field", True)
    if component.keypad == "password":  # six boxes, no frame of its own
        field.setStyleSheet("QPushButton { background: transparent; border: none; }")
        layout = QHBoxLayout(field)
        layout.setContentsMargins(0, ctx.theme.px(4), 0, ctx.theme.px(4))
        layout.addWidget(PasswordBoxes(ctx.theme, len(component.value)))
        column.addWidget(field)
        return box
    field.setStyleSheet(
        f"QPushButton {{ background: {CARD_BG}; border: 3px solid #0B4F8A; border-radius: {ctx.theme.px(12)}px; }}"
    )
    layout = QHBoxLayout(field)
    layout.setContentsMargins(ctx.theme.px(14), ctx.theme.px(8), ctx.theme.px(14), ctx.theme.px(8))
    shown = ("●" * len(component.value)) if component.secret else component.value
    value = ctx.label(shown or ctx.t(component.placeholder), "phone_title", colour=LIGHT_TEXT if shown else MUTED_TEXT)
    value.setObjectName("field-value")
    layout.addWidget(value)
    column.addWidget(field)
    return box
