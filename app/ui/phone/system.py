"""The phone's own screens: the lock screen and a grid of app icons."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication, QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from app.core.course import AppGrid, LockScreen
from app.ui.phone.context import BuildContext
from app.ui.theme import Theme


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
    column.addSpacing(ctx.theme.px(24))
    column.addWidget(bar)
    return box


def _app_icon(ctx: BuildContext, name: str, badge: int | None) -> QWidget:
    """The app's icon, with a red count on its top-right corner like a real home screen."""
    size = ctx.theme.px(64)
    overhang = ctx.theme.px(14) if badge else 0
    holder = QWidget()
    holder.setFixedSize(size + overhang, size + overhang)
    holder.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    icon = QLabel(holder)
    icon.setPixmap(ctx.icons.pixmap(name, size))
    icon.setGeometry(0, overhang, size, size)
    if badge:
        dot = QLabel(str(badge), holder)
        dot.setProperty("role", "phone_body")
        dot.setAlignment(Qt.AlignmentFlag.AlignCenter)
        height = ctx.theme.px(34)
        dot.setStyleSheet(
            f"color: #FFFFFF; background: #9B1C1C; border: 2px solid #FFFFFF; border-radius: {height // 2}px;"
            " padding: 0px;"
        )
        dot.ensurePolished()  # its role decides the font, so measure after the style sheet applies
        width = max(height, dot.fontMetrics().horizontalAdvance(str(badge)) + ctx.theme.px(14))
        dot.setGeometry(holder.width() - width, 0, width, height)
    return holder


def _widest_word(text: str, metrics: QFontMetricsF) -> float:
    """The widest piece a line should not be broken inside: a whole English word, or a short
    Chinese name (Chinese may break anywhere, but 城市服/务 under an icon reads badly; a name of
    up to four characters stays whole, longer ones may break after every second character)."""
    widest = 0.0
    for word in text.split():
        chinese = any(unicodedata.east_asian_width(ch) in "WF" for ch in word)
        long_chinese = chinese and len(word) > 4
        pieces = [word[i : i + 2] for i in range(0, len(word), 2)] if long_chinese else [word]
        widest = max(widest, *(metrics.horizontalAdvance(piece) for piece in pieces))
    return widest


def fitting_columns(labels: list[str], most: int, theme: Theme, width: int) -> int:
    """As many columns as the author asked for, but fewer if a label's longest word
    would not fit in its column at this text size on a phone screen `width` px wide (the
    phone's text shrinks first, see fit.py, so this is the last resort)."""
    font = QFont(QApplication.font())
    font.setPointSizeF(theme.points("phone_body"))
    metrics = QFontMetricsF(font)
    widest = max((_widest_word(label, metrics) for label in labels), default=0.0)
    usable = width - 2 * theme.px(16) - theme.px(8)  # page margins, scroll bar
    for columns in range(most, 1, -1):
        column_width = (usable - (columns - 1) * theme.px(12)) / columns - 4
        if widest <= column_width:
            return columns
    return 1


def grid_labels(component: AppGrid, lang: str) -> list[str]:
    return [app.label[lang] for app in component.apps]


def grid_columns(component: AppGrid) -> int:
    """The columns the author asked for; a phone-wide screen has room for three at most."""
    return min(component.columns, 3)


def build_app_grid(component: AppGrid, ctx: BuildContext) -> QWidget:
    box = QWidget()
    grid = QGridLayout(box)
    grid.setContentsMargins(0, ctx.theme.px(8), 0, 0)
    grid.setHorizontalSpacing(ctx.theme.px(12))
    grid.setVerticalSpacing(ctx.theme.px(16))
    columns = fitting_columns(grid_labels(component, ctx.lang), grid_columns(component), ctx.theme, ctx.width)
    colour = ctx.text_colour
    for i, app in enumerate(component.apps):
        tile = ctx.target(app.id)
        tile.setStyleSheet(
            "QPushButton { background: transparent; border: none; border-radius: 14px; }"
            " QPushButton:pressed { background: rgba(128,128,128,60); }"
        )
        column = QVBoxLayout(tile)
        column.setContentsMargins(2, ctx.theme.px(4), 2, ctx.theme.px(4))
        column.setSpacing(ctx.theme.px(4))
        column.addWidget(_app_icon(ctx, app.icon, app.badge), 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(ctx.label(ctx.t(app.label), colour=colour, align="center"))
        grid.addWidget(tile, i // columns, i % columns, Qt.AlignmentFlag.AlignTop)
    for c in range(columns):
        grid.setColumnStretch(c, 1)
    return box
