"""News from the sync worker's thread for the screens: learners or lesson progress came in from
the centre's other kiosks. A queued Qt signal carries it to the GUI thread, where screens
refresh; no widget is touched from the worker."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class SyncNews(QObject):
    arrived = Signal()

    def tell(self) -> None:
        """Called on the worker's thread."""
        self.arrived.emit()
