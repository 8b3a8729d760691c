"""Parts of everyday service apps: tabs, switches, notifications, day and time-slot pickers."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from app.core.components_apps import DatePicker, Notification, Tabs, TimeSlots, Toggle
from app.ui.phone.basic import card, icon_label
from app.ui.phone.context import CARD_BG, LIGHT_TEXT, MUTED_TEXT, BuildContext
from app.ui.phone.system import fitting_columns

CHOSEN = "#0B4F8A"  # deep blue: white text 8.4:1
CARD_BORDER = "#8A8A8A"
FULL_BG = "#E4E4DC"


def _card_style(ctx: BuildContext, background: str = CARD_BG, border: str = CARD_BORDER) -> str:
    radius = ctx.theme.px(14)
    return (
        f"QPushButton {{ background: {background}; border: 2px solid {border}; border-radius: {radius}px; }}"
        "QPushButton:pressed { background: #E4E4DC; }"
    )


def build_tabs(component: Tabs, ctx: BuildContext) -> QWidget:
    """Tabs share the width; the chosen one is filled blue. Two rows if five do not fit."""
    box = QWidget()
    grid = QGridLayout(box)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setSpacing(ctx.theme.px(12))
    per_row = fitting_columns([ctx.t(tab.label) for tab in component.tabs], len(component.tabs), ctx.theme, ctx.width)
    for i, tab in enumerate(component.tabs):
        chosen = tab.id == component.selected
        button = ctx.target(tab.id)
        button.setStyleSheet(_card_style(ctx, CHOSEN if chosen else CARD_BG, CHOSEN if chosen else CARD_BORDER))
        column = QVBoxLayout(button)
        column.setContentsMargins(ctx.theme.px(4), ctx.theme.px(6), ctx.theme.px(4), ctx.theme.px(6))
        column.setSpacing(ctx.theme.px(2))
        colour = "#FFFFFF" if chosen else LIGHT_TEXT
        if tab.icon:
            column.addWidget(icon_label(ctx, tab.icon, ctx.theme.px(32)), 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(ctx.label(ctx.t(tab.label), colour=colour, align="center"))
        grid.addWidget(button, i // per_row, i % per_row)
    for c in range(per_row):
        grid.setColumnStretch(c, 1)
    return box


class Switch(QWidget):
    """The on/off switch drawn as phones draw it: a pill with a round knob."""

    def __init__(self, on: bool, ctx: BuildContext) -> None:
        super().__init__()
        self._on = on
        self.setFixedSize(ctx.theme.px(64), ctx.theme.px(36))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def sizeHint(self) -> QSize:
        return self.size()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setBrush(QColor("#0A5C2C" if self._on else "#6B6B6B"))
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        knob = rect.height() - 6
        x = rect.right() - knob - 3 if self._on else rect.left() + 3
        painter.setBrush(QColor("#FFFFFF"))
        painter.drawEllipse(QRectF(x, rect.top() + 3, knob, knob))
        painter.end()


def build_toggle(component: Toggle, ctx: BuildContext) -> QWidget:
    row = ctx.target(component.id)
    row.setStyleSheet(_card_style(ctx))
    layout = QHBoxLayout(row)
    layout.setContentsMargins(ctx.theme.px(14), ctx.theme.px(10), ctx.theme.px(14), ctx.theme.px(10))
    layout.setSpacing(ctx.theme.px(12))
    words = QVBoxLayout()
    words.setSpacing(0)
    words.addWidget(ctx.label(ctx.t(component.label), "phone_title", colour=LIGHT_TEXT))
    if component.subtitle:
        words.addWidget(ctx.label(ctx.t(component.subtitle), colour=MUTED_TEXT))
    layout.addLayout(words, 1)
    layout.addWidget(Switch(component.on, ctx), 0, Qt.AlignmentFlag.AlignVCenter)
    return row


def build_notification(component: Notification, ctx: BuildContext) -> QWidget:
    """A white card with the app's icon and name on top, then the title and the words."""
    box = card(ctx, component.id)
    column = QVBoxLayout(box)
    pad = ctx.theme.px(12)
    column.setContentsMargins(pad, pad, pad, pad)
    column.setSpacing(ctx.theme.px(4))
    top = QHBoxLayout()
    top.setSpacing(ctx.theme.px(8))
    top.addWidget(icon_label(ctx, component.icon, ctx.theme.px(32)), 0, Qt.AlignmentFlag.AlignVCenter)
    top.addWidget(ctx.label(ctx.t(component.app), colour=MUTED_TEXT), 1)
    if component.time:
        top.addWidget(ctx.label(ctx.t(component.time), colour=MUTED_TEXT, wrap=False), 0)
    column.addLayout(top)
    column.addWidget(ctx.label(ctx.t(component.title), "phone_title", colour=LIGHT_TEXT))
    column.addWidget(ctx.label(ctx.t(component.body), colour=LIGHT_TEXT))
    return box


def _picker_grid(ctx: BuildContext, label_text: str, per_row: int) -> tuple[QWidget, QGridLayout]:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(ctx.theme.px(8))
    if label_text:
        column.addWidget(ctx.label(label_text, colour=MUTED_TEXT))
    grid = QGridLayout()
    grid.setSpacing(ctx.theme.px(12))
    for c in range(per_row):
        grid.setColumnStretch(c, 1)
    column.addLayout(grid)
    return box, grid


def build_date_picker(component: DatePicker, ctx: BuildContext) -> QWidget:
    """Days as cards: weekday over date; a full day is grey and says so."""
    per_row = 3 if ctx.theme.scale < 1.25 else 2
    box, grid = _picker_grid(ctx, ctx.t(component.label), per_row)
    full = {"zh": "约满", "en": "Full"}[ctx.lang]
    for i, day in enumerate(component.days):
        chosen = day.id == component.selected
        button = ctx.target(day.id)
        background = CHOSEN if chosen else (CARD_BG if day.available else FULL_BG)
        button.setStyleSheet(_card_style(ctx, background, CHOSEN if chosen else CARD_BORDER))
        colour = "#FFFFFF" if chosen else LIGHT_TEXT
        column = QVBoxLayout(button)
        column.setContentsMargins(ctx.theme.px(4), ctx.theme.px(8), ctx.theme.px(4), ctx.theme.px(8))
        column.setSpacing(0)
        column.addWidget(ctx.label(ctx.t(day.weekday), colour=colour, align="center"))
        column.addWidget(ctx.label(day.date, "phone_title", colour=colour, align="center"))
        if not day.available:
            column.addWidget(ctx.label(full, colour=MUTED_TEXT, align="center"))
        grid.addWidget(button, i // per_row, i % per_row)
    return box


def build_time_slots(component: TimeSlots, ctx: BuildContext) -> QWidget:
    """Slots as cards: the time, then the places left (or 'Full' on grey)."""
    per_row = 2
    box, grid = _picker_grid(ctx, ctx.t(component.label), per_row)
    for i, slot in enumerate(component.slots):
        full = slot.left == 0
        button = ctx.target(slot.id)
        button.setStyleSheet(_card_style(ctx, FULL_BG if full else CARD_BG))
        column = QVBoxLayout(button)
        column.setContentsMargins(ctx.theme.px(4), ctx.theme.px(8), ctx.theme.px(4), ctx.theme.px(8))
        column.setSpacing(0)
        # A range may break after its dash (a zero-width space) rather than be cut at 150 %.
        time_text = slot.time.replace("-", "–\u200b")
        column.addWidget(ctx.label(time_text, "phone_title", colour=LIGHT_TEXT, align="center"))
        if slot.left is not None:
            if full:
                note = {"zh": "已约满", "en": "Full"}[ctx.lang]
            else:
                note = {"zh": f"剩 {slot.left} 个", "en": f"{slot.left} left"}[ctx.lang]
            column.addWidget(ctx.label(note, colour=MUTED_TEXT, align="center"))
        grid.addWidget(button, i // per_row, i % per_row)
    return box
