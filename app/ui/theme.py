"""The one place that decides colours and text sizes, for the kiosk screens and the phone.

Size has one mechanism: the style sheet generated here, in points, from a widget's `role`
property and the learner's chosen scale. The kiosk window carries it (KioskWindow._apply_theme),
so it reaches the widgets inside the window: a widget measured before it has a place there is
measured in Qt's default type. Nothing else sets font sizes (a QSS font-size would override
`setFont` anyway). Colours are chosen for at least 7:1 text contrast.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SCALES: tuple[float, ...] = (1.0, 1.25, 1.5)
FONT_FAMILIES = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
FONT_FAMILY_LIST = ["Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC"]

# Text sizes in points at 100 %. Floors: body 20, instructions and main buttons 28.
ROLE_POINTS: dict[str, float] = {
    "body": 20,
    "caption": 20,
    "button": 22,
    "button_main": 28,
    "instruction": 28,
    "heading": 32,
    "title": 40,
    "name_big": 56,  # a learner's own name, asked "是您吗？"
    "tile": 26,
    "phone_body": 20,
    "phone_title": 22,
    "phone_big": 32,
    "phone_clock": 48,
}
MIN_TOUCH_PX = 60  # at 100 %; targets grow with the scale
SMALLEST_SCREEN = (1024, 720)  # every screen is laid out to fit this, at every text size
WIDE_SCREEN_PX = 1600  # from this width a screen keeps its wide margins (1920 x 1080 does, 1366 not)
SHORT_SCREEN_PX = 900  # a window less tall than this has compact buttons (1366 x 768, 1536 x 864)
SURNAMES_PER_ROW = 12  # surname buttons in a row at 100 % and 125 % (8 at 150 %): names, check-in, pickers
MIN_GAP_PX = 12
LINE_HEIGHT = 1.5
CJK_LINE = 1.45  # Noto Sans CJK's line, in ems


@dataclass(frozen=True)
class Palette:
    background: str = "#FFFDF7"  # warm white: less glare than pure white
    surface: str = "#FFFFFF"
    surface_alt: str = "#F3EEDF"
    text: str = "#1A1A1A"
    text_muted: str = "#3A3A3A"
    primary: str = "#0A5C2C"  # deep green, white text 8.1:1
    primary_text: str = "#FFFFFF"
    secondary: str = "#0B4F8A"  # deep blue, white text 8.4:1
    secondary_text: str = "#FFFFFF"
    danger: str = "#9B1C1C"  # deep red, white text 8.2:1
    danger_text: str = "#FFFFFF"
    warm: str = "#8A3B00"  # deep orange, white text 7.8:1
    warm_text: str = "#FFFFFF"
    hint_bg: str = "#FFE8A3"  # soft yellow note, dark text 14:1
    hint_text: str = "#1A1A1A"
    tip_bg: str = "#E7F3EC"
    coach_bg: str = "#FCE8E6"  # the coach's "stop" beside the phone after a trap, dark text 14:1
    tip_text: str = "#1A1A1A"
    dark: str = "#1F2933"  # phone frame, dark screens; white text 14.8:1
    dark_text: str = "#FFFFFF"
    highlight: str = "#E8590C"  # the ring and arrow: drawn, never text
    border: str = "#6B6B6B"


PALETTE = Palette()


@dataclass(frozen=True)
class Theme:
    """Sizes and style for one text scale (1.0, 1.25 or 1.5)."""

    scale: float = 1.0
    palette: Palette = PALETTE

    def points(self, role: str) -> float:
        return ROLE_POINTS[role] * self.scale

    def px(self, value: float) -> int:
        """A length in pixels at this scale (touch targets, gaps, the phone's size)."""
        return round(value * self.scale)

    def line_px(self, role: str) -> int:
        """The height of a line of `role`'s text in pixels (the CJK font's ascent and descent
        are about 1.45 of its size), so a squeezed button never cuts its words."""
        return math.ceil(self.points(role) * 96 / 72 * CJK_LINE)

    @property
    def touch(self) -> int:
        return self.px(MIN_TOUCH_PX)

    def stylesheet(self) -> str:
        p = self.palette
        roles = "\n".join(f'*[role="{role}"] {{ font-size: {self.points(role):g}pt; }}' for role in ROLE_POINTS)
        touch = self.px(72)
        # On a short screen (the window says so, see KioskWindow) a button is only as tall as
        # its words or a fingertip need, whichever is more: the style's min-height leaves out
        # the padding and the border.
        short_touch = {
            role: max(self.touch - 2 * self.px(8) - 4, self.line_px(role)) for role in ("button", "button_main")
        }
        return f"""
* {{ font-family: {FONT_FAMILIES}; font-size: {self.points("body"):g}pt; color: {p.text}; }}
QMainWindow, QStackedWidget, QWidget#screen {{ background: {p.background}; }}
QPushButton {{
    min-height: {touch}px; min-width: {touch}px; padding: {self.px(8)}px {self.px(20)}px;
    border-radius: {self.px(14)}px; border: 2px solid {p.border};
    background: {p.surface}; color: {p.text};
}}
QMainWindow[short="true"] QPushButton[role="button"] {{ min-height: {short_touch["button"]}px; }}
QMainWindow[short="true"] QPushButton[role="button_main"] {{ min-height: {short_touch["button_main"]}px; }}
QPushButton:pressed {{ background: {p.surface_alt}; }}
QPushButton:focus {{ border-color: {p.secondary}; }}
QPushButton[kind="primary"] {{ background: {p.primary}; color: {p.primary_text}; border: 2px solid {p.primary}; }}
QPushButton[kind="secondary"] {{ background: {p.secondary}; color: {p.secondary_text}; border: 2px solid {p.secondary}; }}
QPushButton[kind="danger"] {{ background: {p.danger}; color: {p.danger_text}; border: 2px solid {p.danger}; }}
QPushButton[kind="warm"] {{ background: {p.warm}; color: {p.warm_text}; border: 2px solid {p.warm}; }}
QPushButton[kind="choice"]:checked {{ background: {p.secondary}; color: {p.secondary_text}; border: 2px solid {p.secondary}; }}
QPushButton:disabled, QPushButton[kind]:disabled {{ background: {p.surface_alt}; color: {p.text_muted}; border: 2px dashed {p.border}; }}
QLineEdit {{
    min-height: {touch}px; padding: 0 {self.px(16)}px; border: 2px solid {p.border};
    border-radius: {self.px(12)}px; background: {p.surface}; color: {p.text};
    selection-background-color: {p.secondary}; selection-color: {p.secondary_text};
}}
QFrame[card="true"] {{ background: {p.surface}; border: 2px solid {p.border}; border-radius: {self.px(18)}px; }}
QLabel[note="hint"] {{ background: {p.hint_bg}; color: {p.hint_text}; border-radius: {self.px(12)}px; padding: {self.px(12)}px; }}
QLabel[note="tip"] {{ background: {p.tip_bg}; color: {p.tip_text}; border-radius: {self.px(12)}px; padding: {self.px(12)}px; }}
QLabel[note="status"] {{ color: {p.text_muted}; }}
QLabel[note="called"] {{ background: {p.secondary}; color: {p.secondary_text}; border-radius: {self.px(12)}px; padding: {self.px(12)}px; }}
QWidget#coach[coach="trap"] {{ background: {p.coach_bg}; border: 3px solid {p.danger}; border-radius: {self.px(12)}px; }}
QWidget#coach[coach="neutral"] {{ background: {p.hint_bg}; border: 2px solid {p.warm}; border-radius: {self.px(12)}px; }}
QWidget#coach[coach="safe"] {{ background: {p.tip_bg}; border: 2px solid {p.primary}; border-radius: {self.px(12)}px; }}
QLabel#coach-heading {{ font-weight: bold; }}
QWidget#tip-box {{ background: {p.tip_bg}; border: 2px solid {p.primary}; border-radius: {self.px(12)}px; }}
QPushButton[status="done"] {{ border-left: {self.px(10)}px solid {p.primary}; }}
QPushButton[status="in_progress"] {{ border-left: {self.px(10)}px solid {p.warm}; }}
QLabel[status="done"] {{ color: {p.primary}; font-weight: bold; }}
QLabel[status="in_progress"] {{ color: {p.warm}; font-weight: bold; }}
QLabel[status="new"] {{ color: {p.text_muted}; }}
QWidget#carry-on {{ background: {p.hint_bg}; border-radius: {self.px(18)}px; }}
QScrollArea {{ border: none; background: {p.background}; }}
QScrollArea > QWidget > QWidget {{ background: {p.background}; }}
QScrollBar:vertical {{ width: {self.px(20)}px; background: {p.surface_alt}; border: none; border-radius: {self.px(10)}px; }}
QScrollBar::handle:vertical {{ background: {p.border}; border-radius: {self.px(10)}px; min-height: {self.px(60)}px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; border: none; background: none; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
{roles}
"""
