"""Where the console saves files, shown in full, and a button to choose another folder; the
choice is remembered for every page that saves files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QVBoxLayout,
    QWidget,
)

from app.kiosk.preferences import Preferences
from app.ui.staff.texts import tr
from app.ui.state import KioskState
from app.ui.widgets import TextLabel, big_button


def default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "SilverSteps"


class FolderRow(QWidget):
    """Where files are saved, shown in full, and a button to choose another folder. The
    choice is kept in the kiosk's settings, shared by every page that saves files."""

    def __init__(self, state: KioskState, preferences: Preferences, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._state = state
        self._preferences = preferences
        column = QVBoxLayout(self)  # a folder's path is long: the button goes under it
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        self.where = TextLabel("", "body")
        self.where.setObjectName(f"{name}-folder")
        self.choose_button = big_button("", name=f"{name}-choose-folder")
        self.choose_button.clicked.connect(self.choose)
        column.addWidget(self.where)
        column.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignLeft)
        state.lang_changed.connect(self.retranslate)
        self.retranslate()

    @property
    def folder(self) -> Path:
        return self._preferences.export_folder() or default_folder()

    def set_folder(self, folder: Path) -> None:
        self._preferences.set_export_folder(folder)
        self.retranslate()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.retranslate()  # another page may have chosen another folder meanwhile

    def choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, tr("staff_choose_folder", self._state.lang), str(self.folder))
        if chosen:
            self.set_folder(Path(chosen))

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.where.set_text(tr("staff_folder", lang, folder=str(self.folder)))
        self.choose_button.setText(tr("staff_choose_folder", lang))
