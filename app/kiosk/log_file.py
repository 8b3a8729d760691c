"""The kiosk's log file, `<data folder>/logs/kiosk.log`, on every platform.

A kiosk started from the Windows bundle is a windowed program: it has no console, and its
`sys.stderr` is None, so without a file nothing it says would be kept anywhere. The file rotates
(a kiosk runs for months), is UTF-8 (learners' names, Chinese messages) and is its owner's only,
like the database beside it (`app/store/private_files.py`): a log line may name a learner.
Where the process has a stderr the same lines still go there, as before."""

from __future__ import annotations

import logging
import os
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TextIO

from app.store.paths import default_data_dir
from app.store.private_files import PRIVATE, private_folder

LOG_FOLDER = "logs"
LOG_NAME = "kiosk.log"
MAX_BYTES = 1_000_000  # about a month of a busy kiosk's start-ups, syncs and warnings
BACKUPS = 3  # kiosk.log.1 … kiosk.log.3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger("silversteps.kiosk")


def kiosk_log_path(data_dir: Path | None) -> Path:
    """Where the kiosk with this data folder (None: the user's) keeps its log."""
    return (data_dir or default_data_dir()) / LOG_FOLDER / LOG_NAME


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating UTF-8 log whose every file, the one begun after a rollover too, is created
    readable by its owner only (the handler's own `open` would follow the umask: 0644)."""

    def __init__(self, path: Path, *, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> None:
        super().__init__(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")

    def _open(self) -> TextIO:
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)  # Windows: no CRT newlines
        descriptor = os.open(self.baseFilename, flags, PRIVATE)
        if os.name == "posix":
            os.chmod(self.baseFilename, PRIVATE)  # a file an earlier version left wider
        return open(descriptor, "a", encoding="utf-8", errors=self.errors)  # the handler closes it


class _LinesToLog:
    """Stands in for a missing `sys.stderr` (a windowed program's): what would have been printed
    there, a command's one-line error or a traceback, goes to the log a line at a time."""

    def __init__(self, logger: logging.Logger) -> None:
        self._logger = logger
        self._pending = ""
        self._busy = threading.local()

    def write(self, text: str) -> int:
        if getattr(self._busy, "writing", False):
            return len(text)  # a handler's own complaint while logging: dropped, never a loop
        self._busy.writing = True
        try:
            self._pending += text
            *lines, self._pending = self._pending.split("\n")
            for line in lines:
                if line.strip():
                    self._logger.error("%s", line)
        finally:
            self._busy.writing = False
        return len(text)

    def flush(self) -> None:
        """Nothing is buffered but an unfinished line, kept until its end comes."""

    def isatty(self) -> bool:
        return False


def start_kiosk_log(data_dir: Path | None, *, level: int = logging.INFO) -> Path | None:
    """Send the kiosk's log lines to its log file and, where the process has one, to stderr.
    Returns the file, or None if it cannot be written (a read-only disk): the kiosk then runs
    on and says so where it can, since staff must still see its screens."""
    root = logging.getLogger()
    root.setLevel(level)
    formatter = logging.Formatter(FORMAT)
    if sys.stderr is not None and not root.handlers:
        to_stderr = logging.StreamHandler(sys.stderr)
        to_stderr.setFormatter(formatter)
        root.addHandler(to_stderr)
    for old in [handler for handler in root.handlers if isinstance(handler, PrivateRotatingFileHandler)]:
        root.removeHandler(old)  # started again in one process (the tests): one file handler
        old.close()
    path = kiosk_log_path(data_dir)
    try:
        private_folder(path.parent)
        to_file = PrivateRotatingFileHandler(path)
    except OSError as error:
        log.warning("the kiosk cannot write its log file %s: %s", path, error.strerror or error)
        return None
    to_file.setFormatter(formatter)
    root.addHandler(to_file)
    if sys.stderr is None:
        # A windowed program: a command's error line, an uncaught error's traceback (Python's
        # and Qt's excepthook print them to stderr) would otherwise vanish.
        sys.stderr = _LinesToLog(logging.getLogger("silversteps.stderr"))
    return path
