"""The kiosk's small observable state: who is signed in, in which language, at which text size.

Screens take it in their constructor and subscribe to its signals, so a test can change the
state and look at the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.ui.theme import SCALES, Theme

if TYPE_CHECKING:
    from app.core.learners import LearnerRecord


class KioskState(QObject):
    lang_changed = Signal(str)
    theme_changed = Signal(object)  # Theme
    learner_changed = Signal(object)  # LearnerRecord | None

    def __init__(self, lang: str = "zh", scale: float = 1.0) -> None:
        super().__init__()
        self._lang = lang
        self._theme = Theme(scale)
        self._learner: LearnerRecord | None = None

    @property
    def lang(self) -> str:
        return self._lang

    @property
    def theme(self) -> Theme:
        return self._theme

    @property
    def learner(self) -> LearnerRecord | None:
        return self._learner

    def set_lang(self, lang: str) -> None:
        if lang != self._lang:
            self._lang = lang
            self.lang_changed.emit(lang)

    def toggle_lang(self) -> None:
        self.set_lang("en" if self._lang == "zh" else "zh")

    def set_scale(self, scale: float) -> None:
        if scale not in SCALES:
            raise ValueError(f"text scale must be one of {SCALES}")
        if scale != self._theme.scale:
            self._theme = Theme(scale)
            self.theme_changed.emit(self._theme)

    def set_learner(self, learner: LearnerRecord | None) -> None:
        self._learner = learner
        self.learner_changed.emit(learner)
