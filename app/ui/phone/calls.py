"""Call screens: a call coming in (or ringing out), and a video call in progress. Both fill
the phone without scrolling at every text size, so the round buttons are always in reach."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from app.core.course import IncomingCall, VideoCall
from app.ui.phone.basic import icon_label
from app.ui.phone.context import BuildContext

GREEN = "#0A7A3B"
RED = "#B42318"
GREY = "#4A5561"
CAPTIONS = {
    "answer": {"zh": "接听", "en": "Answer"},
    "decline": {"zh": "挂断", "en": "Decline"},
    "mute": {"zh": "静音", "en": "Mute"},
    "switch": {"zh": "翻转", "en": "Flip"},
    "hang_up": {"zh": "挂断", "en": "Hang up"},
}


def round_button(ctx: BuildContext, target_id: str, icon: str, colour: str, caption: str) -> QWidget:
    """A round call button with its caption under it (both inside the target)."""
    size = ctx.theme.px(80)
    button = ctx.target(target_id)
    button.setStyleSheet(
        f"QPushButton {{ background: transparent; border: none; border-radius: {ctx.theme.px(16)}px; }}"
        "QPushButton:pressed { background: rgba(255,255,255,40); }"
    )
    column = QVBoxLayout(button)
    column.setContentsMargins(2, 4, 2, 4)
    column.setSpacing(ctx.theme.px(6))
    disc = QLabel()
    disc.setFixedSize(size, size)
    disc.setAlignment(Qt.AlignmentFlag.AlignCenter)
    disc.setPixmap(ctx.icons.pixmap(icon, ctx.theme.px(42), "#FFFFFF"))
    disc.setStyleSheet(f"background: {colour}; border-radius: {size // 2}px;")
    disc.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    column.addWidget(disc, 0, Qt.AlignmentFlag.AlignHCenter)
    column.addWidget(ctx.label(caption, colour="#FFFFFF", align="center"))
    return button


def _caller_block(ctx: BuildContext, avatar: str, caller: str, subtitle: str, picture_px: int) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, ctx.theme.px(20), 0, 0)
    column.setSpacing(ctx.theme.px(6))
    column.addWidget(icon_label(ctx, avatar, picture_px), 0, Qt.AlignmentFlag.AlignHCenter)
    column.addSpacing(ctx.theme.px(6))
    column.addWidget(ctx.label(caller, "phone_big", colour="#FFFFFF", align="center"))
    column.addWidget(ctx.label(subtitle, "phone_body", colour="#FFFFFF", align="center"))
    return box


def _button_row(buttons: list[QWidget], ctx: BuildContext) -> QGridLayout:
    grid = QGridLayout()
    grid.setHorizontalSpacing(ctx.theme.px(12))
    for i, button in enumerate(buttons):
        grid.addWidget(button, 0, i, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(i, 1)
    return grid


def build_incoming_call(component: IncomingCall, ctx: BuildContext) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, ctx.theme.px(12))
    picture = 120 if ctx.theme.scale < 1.5 else 96  # leaves room for 33 pt captions at 150 %
    caller, subtitle = ctx.t(component.caller), ctx.t(component.subtitle)
    column.addWidget(_caller_block(ctx, component.avatar, caller, subtitle, ctx.theme.px(picture)))
    column.addStretch(1)
    column.addSpacing(ctx.theme.px(24))
    decline = ctx.t(component.decline_label) or CAPTIONS["decline"][ctx.lang]
    buttons = [round_button(ctx, component.decline, "hang-up", RED, decline)]
    if component.accept:
        accept = ctx.t(component.accept_label) or CAPTIONS["answer"][ctx.lang]
        buttons.append(round_button(ctx, component.accept, "handset", GREEN, accept))
    column.addLayout(_button_row(buttons, ctx))
    return box


class _VideoView(QWidget):
    """The other person fills the screen; your own small picture floats at the top right."""

    def __init__(self, self_view: QWidget) -> None:
        super().__init__()
        self._self_view = self_view
        self_view.setParent(self)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._self_view.move(self.width() - self._self_view.width(), 0)
        self._self_view.raise_()


def _self_view(ctx: BuildContext) -> QWidget:
    frame = QFrame()
    frame.setObjectName("self-view")
    frame.setFixedSize(ctx.theme.px(84), ctx.theme.px(120))
    frame.setStyleSheet(
        f"#self-view {{ background: #52606D; border: 3px solid #FFFFFF; border-radius: {ctx.theme.px(12)}px; }}"
    )
    frame.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    me = icon_label(ctx, "person", ctx.theme.px(56))
    me.setParent(frame)
    me.move((frame.width() - me.width()) // 2, (frame.height() - me.height()) // 2)
    return frame


def build_video_call(component: VideoCall, ctx: BuildContext) -> QWidget:
    box = _VideoView(_self_view(ctx))
    column = QVBoxLayout(box)
    column.setContentsMargins(0, ctx.theme.px(8), 0, ctx.theme.px(12))
    column.setSpacing(ctx.theme.px(8))
    picture = 150 if ctx.theme.scale < 1.5 else 110
    caller, status = ctx.t(component.caller), ctx.t(component.status)
    column.addWidget(_caller_block(ctx, component.avatar, caller, status, ctx.theme.px(picture)))
    column.addStretch(1)
    column.addSpacing(ctx.theme.px(16))
    buttons = []
    if component.mute:
        buttons.append(round_button(ctx, component.mute, "mic-off", GREY, CAPTIONS["mute"][ctx.lang]))
    if component.switch_camera:
        switch = CAPTIONS["switch"][ctx.lang]
        buttons.append(round_button(ctx, component.switch_camera, "camera-switch", GREY, switch))
    buttons.append(round_button(ctx, component.hang_up, "hang-up", RED, CAPTIONS["hang_up"][ctx.lang]))
    column.addLayout(_button_row(buttons, ctx))
    return box
