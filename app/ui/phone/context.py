"""What a component builder needs: language, theme, icons, colours for the screen's
background, and a way to register its targets with the phone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.core.course import Text
from app.ui.icons import IconLibrary
from app.ui.phone.targets import Emit, TargetButton
from app.ui.theme import Theme
from app.ui.widgets import HEADING_EMS, RUNNING_TEXT_EMS, paragraph_html

# Screen colours of the simulated phone (all text pairs at least 7:1).
LIGHT_BG = "#F4F4F0"
LIGHT_TEXT = "#1A1A1A"
MUTED_TEXT = "#3A3A3A"  # secondary words; 11:1 on white
CARD_BG = "#FFFFFF"
DARK_BG = "#1F2933"
DARK_TEXT = "#FFFFFF"
ACCENTS = {"green": "#0A5C2C", "blue": "#0B4F8A", "red": "#9B1C1C", "orange": "#8A3B00", "grey": "#3A3A3A"}
# Headings are short and large: 150 % spacing, meant for running text, only pushes the
# target further down the phone.
HEADING_ROLES = {"phone_title", "phone_big", "phone_clock"}
STYLE_COLOURS = {"primary": "#0A5C2C", "secondary": "#0B4F8A", "danger": "#9B1C1C", "success": "#0A5C2C"}


@dataclass
class BuildContext:
    lang: str
    theme: Theme
    icons: IconLibrary
    dark: bool
    emit: Emit
    register: Callable[[TargetButton], None]
    width: int  # the usable width of the phone screen in px

    @property
    def text_colour(self) -> str:
        return DARK_TEXT if self.dark else LIGHT_TEXT

    def t(self, text: Text | None) -> str:
        return text[self.lang] if text else ""

    def label(
        self,
        text: str,
        role: str = "phone_body",
        *,
        colour: str | None = None,
        align: str = "left",
        wrap: bool = True,
        heading: bool | None = None,
    ) -> QLabel:
        """A phone label: wraps, 1.5 em line spacing (headings 1.2), never intercepts a press."""
        label = QLabel()
        label.setProperty("role", role)
        label.setWordWrap(wrap)
        label.setTextFormat(Qt.TextFormat.RichText)
        heading = role in HEADING_ROLES if heading is None else heading
        ems = HEADING_EMS if heading else RUNNING_TEXT_EMS
        label.setText(paragraph_html(text, align=align, ems=ems) if text else "")
        label.setProperty("source_text", text)  # what the author wrote, e.g. a real "…"
        label.setStyleSheet(f"color: {colour or self.text_colour}; background: transparent;")
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        return label

    def target(self, target_id: str, parent: QWidget | None = None) -> TargetButton:
        button = TargetButton(target_id, self.emit, parent)
        button.setMinimumSize(self.theme.touch, self.theme.touch)
        self.register(button)
        return button
