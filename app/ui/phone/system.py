"""The phone's own screens: the lock screen and a grid of app icons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from app.core.course import AppGrid, LockScreen
from app.ui.phone.context import BuildContext


def build_lock_screen(component: LockScreen, ctx: BuildContext) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, ctx.theme.px(24), 0, 0)
    column.setSpacing(ctx.theme.px(8))
    lock = QLabel()
    lock.setPixmap(ctx.icons.pixmap("lock", ctx.theme.px(40), "#FFFFFF"))
    lock.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    lock.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    column.addWidget(lock)
    column.addWidget(ctx.label(component.time, "phone_clock", colour="#FFFFFF", align="center"))
    column.addWidget(ctx.label(ctx.t(component.date), "phone_title", colour="#FFFFFF", align="center"))
    if component.notice:
        card = QFrame()
        card.setStyleSheet(f"QFrame {{ background: #FFFFFF; border-radius: {ctx.theme.px(14)}px; }}")
        card.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(ctx.theme.px(14), ctx.theme.px(10), ctx.theme.px(14), ctx.theme.px(10))
        inner.addWidget(ctx.label(ctx.t(component.notice), colour="#1A1A1A"))
        column.addSpacing(ctx.theme.px(16))
        column.addWidget(card)
    column.addStretch(1)
    bar = ctx.target(component.id)
    bar.setStyleSheet(
        f"QPushButton {{ background: rgba(0, 0, 0, 90); border: 2px solid #FFFFFF; border-radius: {ctx.theme.px(20)}px; }}"
    )
    inner = QVBoxLayout(bar)
    inner.setContentsMargins(ctx.theme.px(12), ctx.theme.px(8), ctx.theme.px(12), ctx.theme.px(8))
    arrow = QLabel()
    arrow.setPixmap(ctx.icons.pixmap("arrow-up", ctx.theme.px(32), "#FFFFFF"))
    arrow.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    arrow.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    inner.addWidget(arrow)
    swipe_text = {"zh": "向上滑动解锁", "en": "Swipe up to unlock"}[ctx.lang]
    inner.addWidget(ctx.label(swipe_text, colour="#FFFFFF", align="center"))
    column.addSpacing(ctx.theme.px(60))
    column.addWidget(bar)
    return box


def build_app_grid(component: AppGrid, ctx: BuildContext) -> QWidget:
    box = QWidget()
    grid = QGridLayout(box)
    grid.setContentsMargins(0, ctx.theme.px(8), 0, 0)
    grid.setHorizontalSpacing(ctx.theme.px(12))
    grid.setVerticalSpacing(ctx.theme.px(16))
    columns = min(component.columns, 3)  # 20 pt labels need a third of the phone's width
    colour = ctx.text_colour
    for i, app in enumerate(component.apps):
        tile = ctx.target(app.id)
        tile.setStyleSheet(
            "QPushButton { background: transparent; border: none; } QPushButton:pressed { background: rgba(128,128,128,60); }"
        )
        column = QVBoxLayout(tile)
        column.setContentsMargins(2, ctx.theme.px(4), 2, ctx.theme.px(4))
        column.setSpacing(ctx.theme.px(4))
        icon = QLabel()
        icon.setPixmap(ctx.icons.pixmap(app.icon, ctx.theme.px(64)))
        icon.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        icon.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        column.addWidget(icon)
        if app.badge:
            badge = QLabel(str(app.badge), icon)
            badge.setProperty("role", "phone_body")
            badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
            badge.setStyleSheet("color: #FFFFFF; background: #9B1C1C; border-radius: 14px; padding: 0 6px;")
            badge.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            badge.adjustSize()
            badge.move(icon.sizeHint().width() // 2 + ctx.theme.px(14), 0)
        column.addWidget(ctx.label(ctx.t(app.label), colour=colour, align="center"))
        grid.addWidget(tile, i // columns, i % columns)
    for c in range(columns):
        grid.setColumnStretch(c, 1)
    return box
