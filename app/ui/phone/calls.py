"""Call screens: a call coming in (or ringing out), and a video call in progress."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.core.course import IncomingCall, VideoCall
from app.ui.phone.context import BuildContext

GREEN = "#0A5C2C"
RED = "#9B1C1C"
GREY = "#3A3A3A"


def round_button(ctx: BuildContext, target_id: str, icon: str, colour: str, caption: str) -> QWidget:
    """A round call button with its caption under it (both inside the target)."""
    size = ctx.theme.px(84)
    button = ctx.target(target_id)
    button.setStyleSheet(
        "QPushButton { background: transparent; border: none; }"
        "QPushButton:pressed { background: rgba(255,255,255,40); }"
    )
    column = QVBoxLayout(button)
    column.setContentsMargins(4, 4, 4, 4)
    column.setSpacing(ctx.theme.px(6))
    disc = QLabel()
    disc.setFixedSize(size, size)
    disc.setAlignment(Qt.AlignmentFlag.AlignCenter)
    disc.setPixmap(ctx.icons.pixmap(icon, ctx.theme.px(44), "#FFFFFF"))
    disc.setStyleSheet(f"background: {colour}; border-radius: {size // 2}px; border: 3px solid #FFFFFF;")
    disc.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    column.addWidget(disc, 0, Qt.AlignmentFlag.AlignHCenter)
    column.addWidget(ctx.label(caption, colour="#FFFFFF", align="center"))
    return button


def _caller_block(ctx: BuildContext, avatar: str, caller: str, subtitle: str) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, ctx.theme.px(32), 0, 0)
    column.setSpacing(ctx.theme.px(10))
    picture = QLabel()
    picture.setPixmap(ctx.icons.pixmap(avatar, ctx.theme.px(140)))
    picture.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    picture.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    column.addWidget(picture)
    column.addWidget(ctx.label(caller, "phone_big", colour="#FFFFFF", align="center"))
    column.addWidget(ctx.label(subtitle, "phone_title", colour="#FFFFFF", align="center"))
    return box


def build_incoming_call(component: IncomingCall, ctx: BuildContext) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, ctx.theme.px(16))
    column.addWidget(_caller_block(ctx, component.avatar, ctx.t(component.caller), ctx.t(component.subtitle)))
    column.addStretch(1)
    column.addSpacing(ctx.theme.px(80))
    row = QHBoxLayout()
    row.setSpacing(ctx.theme.px(24))
    decline = ctx.t(component.decline_label) or {"zh": "挂断", "en": "Decline"}[ctx.lang]
    accept = ctx.t(component.accept_label) or {"zh": "接听", "en": "Answer"}[ctx.lang]
    row.addWidget(round_button(ctx, component.decline, "hang-up", RED, decline))
    if component.accept:
        row.addWidget(round_button(ctx, component.accept, "handset", GREEN, accept))
    column.addLayout(row)
    return box


def build_video_call(component: VideoCall, ctx: BuildContext) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, ctx.theme.px(16))
    column.setSpacing(ctx.theme.px(8))
    top = QHBoxLayout()
    top.addWidget(_caller_block(ctx, component.avatar, ctx.t(component.caller), ctx.t(component.status)), 1)
    self_view = QFrame()
    self_view.setFixedSize(ctx.theme.px(90), ctx.theme.px(130))
    self_view.setStyleSheet(
        f"QFrame {{ background: #52606D; border: 3px solid #FFFFFF; border-radius: {ctx.theme.px(10)}px; }}"
    )
    self_view.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    me = QLabel(self_view)
    me.setPixmap(ctx.icons.pixmap("person", ctx.theme.px(64)))
    me.move(ctx.theme.px(13), ctx.theme.px(30))
    me.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    top.addWidget(self_view, 0, Qt.AlignmentFlag.AlignTop)
    column.addLayout(top)
    column.addStretch(1)
    column.addSpacing(ctx.theme.px(60))
    grid = QGridLayout()
    grid.setHorizontalSpacing(ctx.theme.px(12))
    captions = {
        "mute": {"zh": "静音", "en": "Mute"},
        "switch": {"zh": "翻转镜头", "en": "Flip camera"},
        "hang_up": {"zh": "挂断", "en": "Hang up"},
    }
    buttons = []
    if component.mute:
        buttons.append(round_button(ctx, component.mute, "mic-off", GREY, captions["mute"][ctx.lang]))
    if component.switch_camera:
        buttons.append(round_button(ctx, component.switch_camera, "camera-switch", GREY, captions["switch"][ctx.lang]))
    buttons.append(round_button(ctx, component.hang_up, "hang-up", RED, captions["hang_up"][ctx.lang]))
    for i, button in enumerate(buttons):
        grid.addWidget(button, 0, i)
    column.addLayout(grid)
    return box
