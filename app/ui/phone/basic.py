"""Everyday parts of an app page: text, buttons, list rows, a money figure, an input box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.core.course import Amount, Button, Label, ListView, TextField
from app.ui.phone.context import CARD_BG, LIGHT_TEXT, STYLE_COLOURS, BuildContext

ROLE_FOR_SIZE = {"small": "phone_body", "normal": "phone_body", "large": "phone_title", "title": "phone_big"}


def build_text(component: Label, ctx: BuildContext) -> QWidget:
    return ctx.label(ctx.t(component.text), ROLE_FOR_SIZE[component.size], align=component.align)


def build_button(component: Button, ctx: BuildContext) -> QWidget:
    button = ctx.target(component.id)
    colour = STYLE_COLOURS[component.style.value]
    button.setStyleSheet(
        f"QPushButton {{ background: {colour}; border: 2px solid {colour}; border-radius: {ctx.theme.px(14)}px; }}"
        f"QPushButton:pressed {{ background: #14361F; }}"
    )
    row = QHBoxLayout(button)
    row.setContentsMargins(ctx.theme.px(16), ctx.theme.px(10), ctx.theme.px(16), ctx.theme.px(10))
    row.addStretch(1)
    if component.icon:
        icon = QLabel()
        icon.setPixmap(ctx.icons.pixmap(component.icon, ctx.theme.px(32), "#FFFFFF"))
        icon.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row.addWidget(icon)
    row.addWidget(ctx.label(ctx.t(component.label), "phone_title", colour="#FFFFFF", align="center"), 4)
    row.addStretch(1)
    return button


def _row_contents(layout: QHBoxLayout, row, ctx: BuildContext) -> None:
    if row.icon:
        icon = QLabel()
        icon.setPixmap(ctx.icons.pixmap(row.icon, ctx.theme.px(52)))
        icon.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignVCenter)
    column = QVBoxLayout()
    column.setSpacing(2)
    column.addWidget(ctx.label(ctx.t(row.title), "phone_title", colour=LIGHT_TEXT))
    if row.subtitle:
        column.addWidget(ctx.label(ctx.t(row.subtitle), colour="#3A3A3A"))
    layout.addLayout(column, 1)
    if row.trailing:
        layout.addWidget(ctx.label(ctx.t(row.trailing), colour="#3A3A3A", wrap=False), 0, Qt.AlignmentFlag.AlignTop)


def build_list(component: ListView, ctx: BuildContext) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(ctx.theme.px(12))
    if component.header:
        column.addWidget(ctx.label(ctx.t(component.header), "phone_body"))
    for row in component.rows:
        if row.id:
            item = ctx.target(row.id)
            item.setStyleSheet(
                f"QPushButton {{ background: {CARD_BG}; border: 2px solid #8A8A8A; border-radius: {ctx.theme.px(12)}px; }}"
                "QPushButton:pressed { background: #E4E4DC; }"
            )
        else:
            item = QFrame()
            item.setStyleSheet(f"QFrame {{ background: {CARD_BG}; border-radius: {ctx.theme.px(12)}px; }}")
            item.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(item)
        layout.setContentsMargins(ctx.theme.px(12), ctx.theme.px(8), ctx.theme.px(12), ctx.theme.px(8))
        layout.setSpacing(ctx.theme.px(12))
        _row_contents(layout, row, ctx)
        column.addWidget(item)
    return box


def build_amount(component: Amount, ctx: BuildContext) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, ctx.theme.px(8), 0, ctx.theme.px(8))
    column.setSpacing(ctx.theme.px(4))
    if component.payee:
        column.addWidget(ctx.label(ctx.t(component.payee), "phone_title", align="center"))
    column.addWidget(ctx.label(ctx.t(component.label), align="center"))
    column.addWidget(ctx.label(component.value, "phone_big", align="center"))
    return box


def build_text_field(component: TextField, ctx: BuildContext) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(ctx.theme.px(6))
    column.addWidget(ctx.label(ctx.t(component.label)))
    field = ctx.target(component.id)
    field.setProperty("field", True)
    field.setStyleSheet(
        f"QPushButton {{ background: {CARD_BG}; border: 3px solid #0B4F8A; border-radius: {ctx.theme.px(10)}px; text-align: left; }}"
    )
    layout = QHBoxLayout(field)
    layout.setContentsMargins(ctx.theme.px(14), ctx.theme.px(6), ctx.theme.px(14), ctx.theme.px(6))
    shown = ("●" * len(component.value)) if component.secret else component.value
    value = ctx.label(shown or ctx.t(component.placeholder), "phone_title", colour=LIGHT_TEXT if shown else "#3A3A3A")
    value.setObjectName("field-value")
    layout.addWidget(value)
    column.addWidget(field)
    return box
