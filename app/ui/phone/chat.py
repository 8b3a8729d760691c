"""A chat conversation: bubbles (words, voice messages, photos, link cards) and the bar below
them with the hold-to-talk button, the message box and '+'."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from app.core.components_apps import Bubble, Chat
from app.ui.phone.basic import card, icon_label
from app.ui.phone.context import CARD_BG, LIGHT_TEXT, MUTED_TEXT, BuildContext

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


def _answer_bar(component: Chat, ctx: BuildContext) -> QWidget | None:
    if not (component.voice or component.input or component.plus):
        return None
    bar = QFrame()
    bar.setObjectName("chat-bar")
    bar.setStyleSheet(f"#chat-bar {{ background: #E4E4DC; border-radius: {ctx.theme.px(14)}px; }}")
    line = QHBoxLayout(bar)
    pad = ctx.theme.px(8)
    line.setContentsMargins(pad, pad, pad, pad)
    line.setSpacing(ctx.theme.px(12))
    style = (
        f"QPushButton {{ background: #FFFFFF; border: 2px solid #8A8A8A; border-radius: {ctx.theme.px(12)}px; }}"
        "QPushButton:pressed { background: #C8C8C0; }"
    )
    if component.voice:
        voice = ctx.target(component.voice)
        voice.setStyleSheet(style)
        inner = QHBoxLayout(voice)
        inner.setContentsMargins(pad, pad, pad, pad)
        inner.addWidget(
            ctx.label({"zh": "按住 说话", "en": "Hold to talk"}[ctx.lang], colour=LIGHT_TEXT, align="center")
        )
        line.addWidget(voice, 1)
    if component.input:
        box = ctx.target(component.input)
        box.setStyleSheet(style)
        inner = QHBoxLayout(box)
        inner.setContentsMargins(pad, pad, pad, pad)
        inner.addWidget(ctx.label({"zh": "发消息", "en": "Message"}[ctx.lang], colour=MUTED_TEXT))
        line.addWidget(box, 1)
    if component.plus:
        plus = ctx.target(component.plus)
        plus.setStyleSheet(style)
        inner = QHBoxLayout(plus)
        inner.setContentsMargins(4, 4, 4, 4)
        inner.addWidget(icon_label(ctx, "plus", ctx.theme.px(36), LIGHT_TEXT), 0, Qt.AlignmentFlag.AlignCenter)
        line.addWidget(plus, 0)
    return bar


def build_chat(component: Chat, ctx: BuildContext) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(ctx.theme.px(14))
    for bubble in component.messages:
        column.addWidget(_bubble_row(bubble, ctx))
    bar = _answer_bar(component, ctx)
    if bar is not None:
        column.addSpacing(ctx.theme.px(8))
        column.addWidget(bar)
    return box
