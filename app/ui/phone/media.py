"""Views that show a picture: the camera with its shutter, the photo gallery, the face scan."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from app.core.components_media import Camera, FaceScan, Gallery
from app.ui.phone.basic import filled_button, icon_label
from app.ui.phone.context import LIGHT_TEXT, MUTED_TEXT, BuildContext
from app.ui.phone.painted import PaintedMark

PHOTO_COLOURS = {"blue": "#CFE3F5", "green": "#D3EDD9", "orange": "#F8DDC4", "purple": "#E3D7F3", "grey": "#DDDDD8"}


class Scene(QWidget):
    """A dark viewfinder; `guide` draws the face-scan circle instead of corner marks."""

    def __init__(self, height: int, guide: bool = False) -> None:
        super().__init__()
        self._guide = guide
        self.setMinimumHeight(height)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#33404D"))
        painter.drawRoundedRect(QRectF(self.rect()), 18, 18)
        pen = QPen(QColor("#FFFFFF"), 5)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self._guide:
            side = min(self.width(), self.height()) * 0.8
            painter.drawEllipse(QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side))
        else:
            box = QRectF(self.rect()).adjusted(14, 14, -14, -14)
            arm = min(box.width(), box.height()) / 6
            for x, dx in ((box.left(), arm), (box.right(), -arm)):
                for y, dy in ((box.top(), arm), (box.bottom(), -arm)):
                    painter.drawLine(int(x), int(y), int(x + dx), int(y))
                    painter.drawLine(int(x), int(y), int(x), int(y + dy))
        painter.end()


class Shutter(PaintedMark):
    """The round white shutter button's face (the target button sits under it)."""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#FFFFFF"), 5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QRectF(self.rect()).adjusted(3, 3, -3, -3))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#FFFFFF"))
        painter.drawEllipse(QRectF(self.rect()).adjusted(10, 10, -10, -10))
        painter.end()


def _round_target(ctx: BuildContext, target_id: str, face: QWidget) -> QWidget:
    button = ctx.target(target_id)
    side = max(face.width(), face.height()) + 8  # a style sheet minimum, or it would squeeze the face
    button.setStyleSheet(
        f"QPushButton {{ background: transparent; border: none; border-radius: {ctx.theme.px(12)}px;"
        f" min-width: {side}px; min-height: {side}px; }}"
        "QPushButton:pressed { background: rgba(255,255,255,60); }"
    )
    inner = QVBoxLayout(button)
    inner.setContentsMargins(4, 4, 4, 4)
    inner.addWidget(face, 0, Qt.AlignmentFlag.AlignCenter)
    return button


def build_camera(component: Camera, ctx: BuildContext) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(ctx.theme.px(16))
    scene = Scene(ctx.theme.px(360))
    inside = QVBoxLayout(scene)
    inside.addWidget(icon_label(ctx, component.subject, ctx.theme.px(180)), 0, Qt.AlignmentFlag.AlignCenter)
    column.addWidget(scene, 1)
    row = QHBoxLayout()
    row.setSpacing(ctx.theme.px(16))
    side = ctx.theme.px(72)
    if component.gallery:
        row.addWidget(_round_target(ctx, component.gallery, icon_label(ctx, "gallery", side)), 1)
    else:
        row.addStretch(1)
    row.addWidget(_round_target(ctx, component.shutter, Shutter(ctx.theme.px(84))), 1)
    if component.switch:
        row.addWidget(_round_target(ctx, component.switch, icon_label(ctx, "camera-switch", side, "#FFFFFF")), 1)
    else:
        row.addStretch(1)
    column.addLayout(row)
    return box


def build_gallery(component: Gallery, ctx: BuildContext) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(ctx.theme.px(8))
    if component.label:
        column.addWidget(ctx.label(ctx.t(component.label), colour=MUTED_TEXT))
    grid = QGridLayout()
    grid.setSpacing(ctx.theme.px(12))
    side = (ctx.width - 2 * ctx.theme.px(16) - ctx.theme.px(8) - 2 * ctx.theme.px(12)) // 3 - 2
    for i, photo in enumerate(component.photos):
        colour = PHOTO_COLOURS[photo.colour]
        picture = icon_label(ctx, photo.picture, int(side * 0.7))
        if photo.id:
            tile = ctx.target(photo.id)
            tile.setStyleSheet(
                f"QPushButton {{ background: {colour}; border: 2px solid #8A8A8A; border-radius: {ctx.theme.px(10)}px; }}"
                "QPushButton:pressed { background: #C8C8C0; }"
            )
        else:
            tile = QWidget()
            tile.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
            tile.setStyleSheet(f"background: {colour}; border-radius: {ctx.theme.px(10)}px;")
            tile.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        tile.setFixedSize(side, side)
        inner = QVBoxLayout(tile)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(picture, 0, Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(tile, i // 3, i % 3)
    column.addLayout(grid)
    return box


def build_face_scan(component: FaceScan, ctx: BuildContext) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(ctx.theme.px(14))
    column.addWidget(ctx.label(ctx.t(component.prompt), "phone_title", colour=LIGHT_TEXT, align="center"))
    scene = Scene(ctx.theme.px(300), guide=True)
    inside = QVBoxLayout(scene)
    inside.addWidget(icon_label(ctx, "person", ctx.theme.px(150)), 0, Qt.AlignmentFlag.AlignCenter)
    column.addWidget(scene)
    column.addWidget(filled_button(ctx, component.start, ctx.t(component.start_label), "primary"))
    return box
