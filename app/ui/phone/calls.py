"""Call screens: a call coming in (or ringing out, with the anti-fraud app's warning over it),
a voice call in progress with its six buttons, and a video call. They fill the phone without
scrolling where they can, so the round buttons are in reach at every text size."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.core.components_calls import InCall
from app.core.course import IncomingCall, VideoCall
from app.ui.phone.basic import icon_label
from app.ui.phone.context import DARK_BG, BuildContext
from app.ui.phone.video_picture import RemotePicture

GREEN = "#0A7A3B"
RED = "#B42318"
GREY = "#4A5561"
WARNING_RED = "#9B1C1C"  # white words 8:1
CAPTIONS = {
    "answer": {"zh": "接听", "en": "Answer"},
    "decline": {"zh": "挂断", "en": "Decline"},
    "mute": {"zh": "静音", "en": "Mute"},
    "switch": {"zh": "翻转", "en": "Flip"},
    "hang_up": {"zh": "挂断", "en": "Hang up"},
    "keypad": {"zh": "拨号键盘", "en": "Keypad"},
    "speaker": {"zh": "免提", "en": "Speaker"},
    "add_call": {"zh": "添加通话", "en": "Add call"},
    "video": {"zh": "视频通话", "en": "Video call"},
}
# The in-call grid as phones lay it out, row by row; the red hang-up is centred under it.
IN_CALL_GRID = (("mute", "keypad", "speaker"), ("add_call", "video", None))
IN_CALL_ICONS = {
    "mute": "mic-off",
    "keypad": "dialpad",
    "speaker": "speaker",  # a loudspeaker: never the green answer handset
    "add_call": "add-call",
    "video": "video-camera",
    "hang_up": "hang-up",
}


def in_call_labels(lang: str) -> list[str]:
    """The words under the in-call grid's buttons (the phone fits its text so they fit)."""
    return [CAPTIONS[role][lang] for row in IN_CALL_GRID for role in row if role]


def video_call_labels(lang: str) -> list[str]:
    """The words under a video call's three buttons (fitted as the in-call grid's are)."""
    return [CAPTIONS[role][lang] for role in ("mute", "hang_up", "switch")]


def round_button(
    ctx: BuildContext,
    target_id: str | None,
    icon: str,
    colour: str,
    caption: str,
    *,
    icon_colour: str = "#FFFFFF",
    disc_px: int = 80,
    caption_name: str = "",
) -> QWidget:
    """A round call button with its caption under it (both inside the target). Without a
    target id it is drawn the same and does nothing, as a button a lesson does not ask for."""
    size = ctx.theme.px(disc_px)
    if target_id:
        button: QWidget = ctx.target(target_id)
        button.setStyleSheet(
            f"QPushButton {{ background: transparent; border: none; border-radius: {ctx.theme.px(16)}px; }}"
            "QPushButton:pressed { background: rgba(255,255,255,40); }"
        )
    else:
        button = QWidget()
        button.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    button.setProperty("call_icon", icon)
    column = QVBoxLayout(button)
    column.setContentsMargins(2, 4, 2, 4)
    column.setSpacing(ctx.theme.px(6))
    disc = QLabel()
    disc.setObjectName("call-disc")
    disc.setFixedSize(size, size)
    disc.setAlignment(Qt.AlignmentFlag.AlignCenter)
    disc.setPixmap(ctx.icons.pixmap(icon, round(size * 0.52), icon_colour))
    disc.setStyleSheet(f"background: {colour}; border-radius: {size // 2}px;")
    disc.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    column.addWidget(disc, 0, Qt.AlignmentFlag.AlignHCenter)
    if caption:
        column.addWidget(ctx.label(caption, colour="#FFFFFF", align="center"))
    button.setAccessibleName(caption_name or caption)
    return button


def _caller_block(
    ctx: BuildContext,
    avatar: str | None,
    caller: str,
    subtitle: str,
    picture_px: int,
    *,
    name_role: str = "phone_big",
    top: int = 20,
) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, ctx.theme.px(top), 0, 0)
    column.setSpacing(ctx.theme.px(6))
    if avatar:
        column.addWidget(icon_label(ctx, avatar, picture_px), 0, Qt.AlignmentFlag.AlignHCenter)
        column.addSpacing(ctx.theme.px(6))
    column.addWidget(ctx.label(caller, name_role, colour="#FFFFFF", align="center"))
    column.addWidget(ctx.label(subtitle, "phone_body", colour="#FFFFFF", align="center"))
    return box


def _button_row(buttons: list[QWidget], ctx: BuildContext) -> QGridLayout:
    grid = QGridLayout()
    grid.setHorizontalSpacing(ctx.theme.px(12))
    for i, button in enumerate(buttons):
        grid.addWidget(button, 0, i, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(i, 1)
    return grid


def _fraud_warning(ctx: BuildContext, words: str) -> QWidget:
    """The anti-fraud app's banner over a ringing call: red, a warning sign, its words."""
    banner = QFrame()
    banner.setObjectName("fraud-warning")
    banner.setStyleSheet(
        f"#fraud-warning {{ background: {WARNING_RED}; border: 2px solid #FFB4A8; border-radius: {ctx.theme.px(14)}px; }}"
    )
    banner.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    row = QHBoxLayout(banner)
    pad = ctx.theme.px(12)
    row.setContentsMargins(pad, pad, pad, pad)
    row.setSpacing(ctx.theme.px(10))
    row.addWidget(icon_label(ctx, "warning", ctx.theme.px(40), "#FFFFFF"), 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(ctx.label(words, "phone_title", colour="#FFFFFF"), 1)
    return banner


def build_incoming_call(component: IncomingCall, ctx: BuildContext) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    picture = 120 if ctx.theme.scale < 1.5 else 96  # leaves room for 33 pt captions at 150 %
    avatar: str | None = component.avatar
    if component.warning:  # the banner needs the room
        picture = 88
        avatar = None if ctx.theme.scale >= 1.5 else avatar
    caller, subtitle = ctx.t(component.caller), ctx.t(component.subtitle)
    column.addWidget(
        _caller_block(ctx, avatar, caller, subtitle, ctx.theme.px(picture), top=8 if avatar is None else 20)
    )
    if component.warning:
        column.addSpacing(ctx.theme.px(12))
        column.addWidget(_fraud_warning(ctx, ctx.t(component.warning)))
    column.addStretch(1)
    return box


def build_incoming_call_buttons(component: IncomingCall, ctx: BuildContext) -> QWidget:
    """Decline and answer, kept at the bottom of the phone screen (as `build_in_call_buttons`):
    on a short phone the caller and the fraud warning scroll above them, never the buttons."""
    holder = QFrame()
    holder.setObjectName("incoming-call-buttons")
    holder.setStyleSheet(f"#incoming-call-buttons {{ background: {DARK_BG}; }}")
    column = QVBoxLayout(holder)
    side = ctx.theme.px(16)
    column.setContentsMargins(side, ctx.theme.px(12), side, ctx.theme.px(12))
    decline = ctx.t(component.decline_label) or CAPTIONS["decline"][ctx.lang]
    buttons = [round_button(ctx, component.decline, "hang-up", RED, decline)]
    if component.accept:
        accept = ctx.t(component.accept_label) or CAPTIONS["answer"][ctx.lang]
        buttons.append(round_button(ctx, component.accept, "handset", GREEN, accept))
    column.addLayout(_button_row(buttons, ctx))
    return holder


def build_in_call(component: InCall, ctx: BuildContext) -> QWidget:
    """Who, how long and what they are saying. The buttons are built apart
    (`build_in_call_buttons`) and kept at the bottom of the phone screen, so the red hang-up
    is always in sight however long the caller's words are: those scroll above them."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(ctx.theme.px(8))
    large = ctx.theme.scale >= 1.5  # then the words need the room: no picture
    caller, status = ctx.t(component.caller), ctx.t(component.status)
    block = _caller_block(
        ctx,
        None if large or component.said else component.avatar,  # the caller's words take the picture's place
        caller,
        status,
        ctx.theme.px(88),
        name_role="phone_title" if large else "phone_big",
        top=0 if large else 20,
    )
    column.addWidget(block)
    if component.said:
        card = QFrame()
        card.setObjectName("call-said")
        card.setStyleSheet(f"#call-said {{ background: #FFFFFF; border-radius: {ctx.theme.px(14)}px; }}")
        card.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        inner = QVBoxLayout(card)
        pad = ctx.theme.px(12)
        inner.setContentsMargins(pad, pad, pad, pad)
        inner.addWidget(
            ctx.label(
                f"“{ctx.t(component.said)}”" if ctx.lang == "zh" else f'"{ctx.t(component.said)}"', colour="#1A1A1A"
            )
        )
        column.addSpacing(ctx.theme.px(4))
        column.addWidget(card)
    column.addStretch(1)
    return box


TARGETS_APART_PX = 12  # the senior-friendly gap between two things to touch (tests/support/a11y.py)


def build_in_call_buttons(component: InCall, ctx: BuildContext) -> QWidget:
    """The 3 x 2 grid of grey buttons and the red hang-up centred under it, at the bottom of
    the screen. Only buttons with an id can be pressed."""
    holder = QFrame()
    holder.setObjectName("in-call-buttons")
    holder.setStyleSheet(f"#in-call-buttons {{ background: {DARK_BG}; }}")
    column = QVBoxLayout(holder)
    side = ctx.theme.px(4)
    column.setContentsMargins(side, ctx.theme.px(4), side, 0)
    apart = max(TARGETS_APART_PX, ctx.theme.px(8))  # a finger's room between any two buttons
    column.setSpacing(apart)
    large = ctx.theme.scale >= 1.5
    disc = 60 if large else 66
    ids = component.button_ids()
    grid = QGridLayout()
    grid.setHorizontalSpacing(apart)
    grid.setVerticalSpacing(apart)
    for r, roles in enumerate(IN_CALL_GRID):
        for c, role in enumerate(roles):
            if role is None:
                continue
            on = role == "speaker" and component.speaker_on
            grid.addWidget(
                round_button(
                    ctx,
                    ids.get(role),
                    IN_CALL_ICONS[role],
                    "#FFFFFF" if on else GREY,
                    CAPTIONS[role][ctx.lang],
                    icon_colour="#1A1A1A" if on else "#FFFFFF",
                    disc_px=disc,
                ),
                r,
                c,
                Qt.AlignmentFlag.AlignTop,
            )
    for c in range(3):
        grid.setColumnStretch(c, 1)
    column.addLayout(grid)
    # At the largest text the red button goes without its word, as most phones draw it.
    words = CAPTIONS["hang_up"][ctx.lang]
    hang_up = round_button(
        ctx, component.hang_up, "hang-up", RED, "" if large else words, disc_px=disc, caption_name=words
    )
    column.addWidget(hang_up, 0, Qt.AlignmentFlag.AlignHCenter)
    return holder


class _VideoView(QWidget):
    """The other person fills the screen; your own small picture floats at the top right."""

    def __init__(self, picture: RemotePicture, self_view: QWidget) -> None:
        super().__init__()
        self._picture = picture
        self._self_view = self_view
        picture.setParent(self)
        self_view.setParent(self)
        picture.lower()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._picture.setGeometry(self.rect())
        margin = max(8, self.width() // 40)
        self._self_view.move(self.width() - self._self_view.width() - margin, margin)
        self._self_view.raise_()


def _self_view(ctx: BuildContext) -> QWidget:
    frame = QFrame()
    frame.setObjectName("self-view")
    frame.setFixedSize(ctx.theme.px(96), ctx.theme.px(140))
    frame.setStyleSheet(
        f"#self-view {{ background: #52606D; border: 3px solid #FFFFFF; border-radius: {ctx.theme.px(10)}px; }}"
    )
    frame.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    me = RemotePicture("person-woman", small=True)
    me.setParent(frame)
    inset = 3
    me.setGeometry(inset, inset, frame.width() - 2 * inset, frame.height() - 2 * inset)
    return frame


def build_video_call(component: VideoCall, ctx: BuildContext) -> QWidget:
    """The other person drawn over the whole phone, your own picture small at the top right,
    who and how long at the top left, and the buttons along the bottom as chat apps put them:
    mute at the left, the red hang-up in the middle, flip the camera at the right."""
    box = _VideoView(RemotePicture(component.avatar), _self_view(ctx))
    box.setObjectName("video-call")
    column = QVBoxLayout(box)
    column.setContentsMargins(ctx.theme.px(12), ctx.theme.px(8), ctx.theme.px(12), ctx.theme.px(12))
    column.setSpacing(ctx.theme.px(8))
    heading = QFrame()
    heading.setObjectName("video-heading")
    heading.setStyleSheet(f"#video-heading {{ background: rgba(0, 0, 0, 170); border-radius: {ctx.theme.px(12)}px; }}")
    heading.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    words = QVBoxLayout(heading)
    pad = ctx.theme.px(10)
    words.setContentsMargins(pad, ctx.theme.px(6), pad, ctx.theme.px(6))
    words.setSpacing(0)
    words.addWidget(ctx.label(ctx.t(component.caller), "phone_title", colour="#FFFFFF"))
    words.addWidget(ctx.label(ctx.t(component.status), colour="#FFFFFF"))
    top = QHBoxLayout()
    top.addWidget(heading, 0, Qt.AlignmentFlag.AlignTop)
    top.addStretch(1)
    top.addSpacing(ctx.theme.px(96) + ctx.theme.px(8))  # the self view's place
    column.addLayout(top)
    column.addStretch(1)
    buttons: list[QWidget] = []
    mute = round_button(ctx, component.mute, "mic-off", GREY, CAPTIONS["mute"][ctx.lang])
    hang_up = round_button(ctx, component.hang_up, "hang-up", RED, CAPTIONS["hang_up"][ctx.lang])
    flip = round_button(ctx, component.switch_camera, "camera-switch", GREY, CAPTIONS["switch"][ctx.lang])
    buttons = [mute, hang_up, flip]
    column.addLayout(_button_row(buttons, ctx))
    return box
