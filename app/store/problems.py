"""Why the kiosk database cannot be used, as typed errors the kiosk's screens and the command
line put in words. Each names the file and the copy kept of it: nothing that finds a problem
ever starts the records over or replaces the file (docs/development.md, "When the records
cannot be opened").

No SQLAlchemy here: the command line catches these without loading the store."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar


class DatabaseUnusable(Exception):
    """The kiosk database cannot be used as it is. `copy` is where a copy of the file as found
    was kept (None if none could be made); `detail` is SQLite's or the file's own words."""

    kind: ClassVar[str] = "unusable"
    summary: ClassVar[str] = "cannot be used"

    def __init__(self, path: Path, detail: str, copy: Path | None = None) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail
        self.copy = copy

    def with_copy(self, copy: Path | None) -> DatabaseUnusable:
        """The same problem, now that a copy of the file was (or could not be) kept."""
        return type(self)(self.path, self.detail, copy)

    def one_line(self) -> str:
        """For the command line: what, where, the copy, what to do; no traceback."""
        kept = f"a copy is kept at {self.copy}" if self.copy else "no copy could be made"
        return f"the kiosk database {self.path} {self.summary} ({self.detail}); {kept}; {self.advice()}"

    def advice(self) -> str:
        return "call the centre's staff"


class DatabaseDamaged(DatabaseUnusable):
    """Cut short, overwritten or otherwise not a sound SQLite file (a power cut, a full disk,
    a bad copy)."""

    kind = "damaged"
    summary = "is damaged"

    def advice(self) -> str:
        return f"restore the latest backup with: silversteps db restore --data-dir {self.path.parent}"


class DatabaseFromNewerVersion(DatabaseUnusable):
    """Written by a newer SilverSteps (a revision this one does not know): reading it could
    lose what the newer version keeps, and upgrading it cannot go backwards."""

    kind = "newer"
    summary = "was written by a newer version of SilverSteps"

    def advice(self) -> str:
        return "install that newer version again; do not delete the file"


class DatabaseReadOnly(DatabaseUnusable):
    """The file or its folder cannot be written: no step a learner does could be saved."""

    kind = "read_only"
    summary = "cannot be written"

    def advice(self) -> str:
        return "check that the disk is not full or mounted read-only and that the file and its folder may be written"
