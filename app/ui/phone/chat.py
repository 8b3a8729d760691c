"""A chat conversation: bubbles (words, voice messages, photos, link cards), and the bar at the
bottom of the phone as chat apps place it: voice/keyboard switch at the left, the message box
or hold-to-talk in the middle, the round '+' at the right, and the panel '+' opens under it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from app.core.components_apps import Bubble, Chat
from app.ui.phone.basic import card, icon_label
from app.ui.phone.context import CARD_BG, LIGHT_TEXT, MUTED_TEXT, BuildContext
from app.ui.phone.recording import attach_recording
from app.ui.phone.system import fitting_columns

MINE_BG = "#CDEFD2"  # pale green, dark words 14:1
THEIRS_BG = CARD_BG
LINK_BLUE = "#0B4F8A"


def _bubble_body(bubble: Bubble, ctx: BuildContext) -> QWidget:
    """The inside of one bubble; a button if the bubble has an id, else a plain frame."""
    body = card(ctx, bubble.id, MINE_BG if bubble.side == "me" else THEIRS_BG)
    column = QVBoxLayout(body)
    pad = ctx.theme.px(10)
    column.setContentsMargins(pad + 2, pad, pad + 2, pad)
    column.setSpacing(ctx.theme.px(6))
    if bubble.text:
        column.addWidget(ctx.label(ctx.t(bubble.text), colour=LIGHT_TEXT))
    if bubble.voice_seconds:
        line = QHBoxLayout()
        line.setSpacing(ctx.theme.px(8))
        line.addWidget(icon_label(ctx, "mic", ctx.theme.px(28), LIGHT_TEXT), 0, Qt.AlignmentFlag.AlignVCenter)
        waves = "))) " if bubble.side == "them" else " ((("
        line.addWidget(ctx.label(f"{waves} {bubble.voice_seconds}″", colour=LIGHT_TEXT, wrap=False), 1)
        column.addLayout(line)
    if bubble.photo:
        column.addWidget(icon_label(ctx, bubble.photo, ctx.theme.px(110)), 0, Qt.AlignmentFlag.AlignHCenter)
    if bubble.link:
        line = QHBoxLayout()
        line.setSpacing(ctx.theme.px(8))
        line.addWidget(icon_label(ctx, "link", ctx.theme.px(32)), 0, Qt.AlignmentFlag.AlignTop)
        line.addWidget(ctx.label(ctx.t(bubble.link), colour=LINK_BLUE), 1)
        column.addLayout(line)
    return body


def _bubble_row(bubble: Bubble, ctx: BuildContext) -> QWidget:
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.setSpacing(ctx.theme.px(8))
    avatar = icon_label(ctx, bubble.avatar, ctx.theme.px(44))
    column = QVBoxLayout()
    column.setSpacing(ctx.theme.px(2))
    if bubble.name and bubble.side == "them":
        column.addWidget(ctx.label(ctx.t(bubble.name), colour=MUTED_TEXT))
    column.addWidget(_bubble_body(bubble, ctx))
    if bubble.side == "them":
        line.addWidget(avatar, 0, Qt.AlignmentFlag.AlignTop)
        line.addLayout(column, 1)
        line.addSpacing(ctx.theme.px(24))
    else:
        line.addSpacing(ctx.theme.px(24))
        line.addLayout(column, 1)
        line.addWidget(avatar, 0, Qt.AlignmentFlag.AlignTop)
    return row


BAR_BG = "#F2F2EE"  # the bar and the panel under it, as chat apps draw them
BAR_EDGE = "#B8B8B0"


def _round_key(ctx: BuildContext, target_id: str | None, icon: str) -> QWidget:
    """A round icon at an end of the bar (voice/keyboard switch, '+'): a target if it has an id,
    else drawn as on the phone and inert."""
    size = ctx.theme.touch
    if target_id:
        key: QWidget = ctx.target(target_id)
        key.setStyleSheet(
            f"QPushButton {{ background: transparent; border: none; border-radius: {size // 2}px; }}"
            "QPushButton:pressed { background: #D9D9D2; }"
        )
    else:
        key = QWidget()
        key.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    key.setFixedSize(size, size)
    inner = QHBoxLayout(key)
    inner.setContentsMargins(0, 0, 0, 0)
    inner.addWidget(icon_label(ctx, icon, ctx.theme.px(40), LIGHT_TEXT), 0, Qt.AlignmentFlag.AlignCenter)
    return key


def _middle(component: Chat, ctx: BuildContext) -> QWidget:
    """The middle of the bar: the hold-to-talk button in voice mode, else the message box."""
    radius = ctx.theme.px(10)
    pad = ctx.theme.px(8)
    if component.voice:
        voice = ctx.target(component.voice)
        voice.setStyleSheet(
            f"QPushButton {{ background: #FFFFFF; border: 2px solid {BAR_EDGE}; border-radius: {radius}px; }}"
            "QPushButton:pressed { background: #C8C8C0; }"
        )
        inner = QHBoxLayout(voice)
        inner.setContentsMargins(pad, pad, pad, pad)
        words = {"zh": "按住 说话", "en": "Hold to talk"}[ctx.lang]
        inner.addWidget(ctx.label(words, "phone_title", colour=LIGHT_TEXT, align="center"))
        attach_recording(voice, ctx)
        return voice
    if component.input:
        box: QWidget = ctx.target(component.input)
        box.setStyleSheet(
            f"QPushButton {{ background: #FFFFFF; border: 2px solid {BAR_EDGE}; border-radius: {radius}px; }}"
        )
    else:
        box = QFrame()
        box.setObjectName("chat-box")
        box.setStyleSheet(f"#chat-box {{ background: #FFFFFF; border-radius: {radius}px; }}")
        box.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    box.setMinimumHeight(ctx.theme.touch)
    inner = QHBoxLayout(box)
    inner.setContentsMargins(pad + 4, pad, pad, pad)
    inner.addWidget(ctx.label({"zh": "发消息", "en": "Message"}[ctx.lang], colour=MUTED_TEXT))
    return box


def _panel(component: Chat, ctx: BuildContext) -> QWidget:
    """What '+' opens, under the bar: the choices in a grid of up to four, each a white tile
    with its name under it."""
    panel = QWidget()
    panel.setObjectName("chat-panel")
    grid = QGridLayout(panel)
    gap = ctx.theme.px(12)
    grid.setContentsMargins(gap, ctx.theme.px(16), gap, ctx.theme.px(8))
    grid.setHorizontalSpacing(gap)
    grid.setVerticalSpacing(ctx.theme.px(16))
    labels = [ctx.t(app.label) for app in component.panel]
    columns = fitting_columns(labels, min(4, len(labels)), ctx.theme, ctx.width)
    tile = ctx.theme.px(76)
    for i, app in enumerate(component.panel):
        button = ctx.target(app.id)
        button.setStyleSheet(
            f"QPushButton {{ background: transparent; border: none; border-radius: {ctx.theme.px(12)}px; }}"
            "QPushButton:pressed { background: #D9D9D2; }"
        )
        column = QVBoxLayout(button)
        column.setContentsMargins(2, 2, 2, 2)
        column.setSpacing(ctx.theme.px(6))
        square = QFrame()
        square.setObjectName("panel-tile")
        square.setFixedSize(tile, tile)
        square.setStyleSheet(f"#panel-tile {{ background: #FFFFFF; border-radius: {ctx.theme.px(16)}px; }}")
        square.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        holder = QHBoxLayout(square)
        holder.setContentsMargins(0, 0, 0, 0)
        holder.addWidget(icon_label(ctx, app.icon, ctx.theme.px(48), LIGHT_TEXT), 0, Qt.AlignmentFlag.AlignCenter)
        column.addWidget(square, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(ctx.label(ctx.t(app.label), colour=LIGHT_TEXT, align="center"))
        grid.addWidget(button, i // columns, i % columns, Qt.AlignmentFlag.AlignTop)
    for c in range(columns):
        grid.setColumnStretch(c, 1)
    return panel


def build_chat_bar(component: Chat, ctx: BuildContext) -> QWidget | None:
    """The bar at the bottom of the phone screen (the phone puts it under the scrolling
    conversation, not in it), with the '+' panel under it when the step shows it open."""
    if not (component.voice or component.input or component.plus or component.panel):
        return None
    holder = QFrame()
    holder.setObjectName("chat-bar")
    holder.setStyleSheet(f"#chat-bar {{ background: {BAR_BG}; border-top: 1px solid {BAR_EDGE}; }}")
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    bar = QHBoxLayout()
    pad = ctx.theme.px(6)
    bar.setContentsMargins(pad, pad, pad, pad)
    bar.setSpacing(ctx.theme.px(12))  # targets at least 12 px apart
    # Voice mode shows the keyboard switch (which is how one gets back to typing); typing
    # mode shows the voice switch.
    switch_to = component.input if component.voice else None
    bar.addWidget(_round_key(ctx, switch_to, "keyboard-mode" if component.voice else "voice-mode"))
    bar.addWidget(_middle(component, ctx), 1)
    bar.addWidget(_round_key(ctx, component.plus, "plus"))
    column.addLayout(bar)
    if component.panel:
        column.addWidget(_panel(component, ctx))
    return holder


def build_chat(component: Chat, ctx: BuildContext) -> QWidget:
    """The conversation; its bar is built apart (`build_chat_bar`) to sit at the bottom."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(ctx.theme.px(14))
    for bubble in component.messages:
        column.addWidget(_bubble_row(bubble, ctx))
    return box
