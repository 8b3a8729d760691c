"""Things drawn over the page: a dialog box (dims the page) and a toast message."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from app.core.course import Dialog, Toast
from app.ui.phone.context import STYLE_COLOURS, BuildContext


def build_dialog(component: Dialog, ctx: BuildContext) -> QWidget:
    shade = QWidget()
    shade.setObjectName("dialog-shade")
    shade.setProperty("overlay", True)
    shade.setStyleSheet("#dialog-shade { background: rgba(0, 0, 0, 140); }")
    outer = QVBoxLayout(shade)
    outer.setContentsMargins(ctx.theme.px(18), 0, ctx.theme.px(18), 0)
    outer.addStretch(1)
    card = QFrame()
    card.setObjectName("dialog-card")
    card.setStyleSheet(f"#dialog-card {{ background: #FFFFFF; border-radius: {ctx.theme.px(18)}px; }}")
    column = QVBoxLayout(card)
    column.setContentsMargins(ctx.theme.px(18), ctx.theme.px(18), ctx.theme.px(18), ctx.theme.px(18))
    column.setSpacing(ctx.theme.px(12))
    column.addWidget(ctx.label(ctx.t(component.title), "phone_title", colour="#1A1A1A", align="center"))
    if component.message:
        column.addWidget(ctx.label(ctx.t(component.message), colour="#1A1A1A", align="center"))
    row = QHBoxLayout() if len(component.buttons) == 2 and ctx.theme.scale < 1.5 else QVBoxLayout()
    row.setSpacing(ctx.theme.px(12))
    for spec in component.buttons:
        button = ctx.target(spec.id)
        colour = STYLE_COLOURS[spec.style.value]
        button.setStyleSheet(
            f"QPushButton {{ background: {colour}; border: none; border-radius: {ctx.theme.px(12)}px; }}"
        )
        inner = QHBoxLayout(button)
        inner.setContentsMargins(ctx.theme.px(10), ctx.theme.px(8), ctx.theme.px(10), ctx.theme.px(8))
        inner.addWidget(ctx.label(ctx.t(spec.label), "phone_title", colour="#FFFFFF", align="center"))
        row.addWidget(button)
    column.addLayout(row)
    outer.addWidget(card)
    outer.addStretch(1)
    return shade


def build_toast(component: Toast, ctx: BuildContext) -> QWidget:
    holder = QWidget()
    outer = QVBoxLayout(holder)
    outer.setContentsMargins(ctx.theme.px(24), 0, ctx.theme.px(24), ctx.theme.px(40))
    outer.addStretch(1)
    pill = QFrame()
    pill.setObjectName("toast")
    pill.setStyleSheet(f"#toast {{ background: #1F2933; border-radius: {ctx.theme.px(22)}px; }}")
    inner = QVBoxLayout(pill)
    inner.setContentsMargins(ctx.theme.px(18), ctx.theme.px(10), ctx.theme.px(18), ctx.theme.px(10))
    inner.addWidget(ctx.label(ctx.t(component.message), colour="#FFFFFF", align="center"))
    outer.addWidget(pill)
    return holder
