"""When the kiosk cannot open its records: what the screens show staff, without Qt and
without the store's own types (the screens never import the store)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.store.problems import DatabaseUnusable


@dataclass(frozen=True)
class RecordsProblem:
    """`kind` is "damaged", "newer" or "read_only"; `copy` the copy of the file kept as found
    (None: none could be made); `restore_command` what staff type to bring back the latest
    backup (for a damaged file only)."""

    kind: str
    database: Path
    copy: Path | None
    detail: str
    restore_command: str | None
    backups: Path


class RecordsUnavailable(Exception):
    """The kiosk's records cannot be opened; nothing was started over or replaced."""

    def __init__(self, problem: RecordsProblem) -> None:
        super().__init__(f"{problem.database}: {problem.detail}")
        self.problem = problem


def records_problem(error: DatabaseUnusable) -> RecordsProblem:
    data_dir = error.path.parent
    restore = f"silversteps db restore --data-dir {data_dir}" if error.kind == "damaged" else None
    return RecordsProblem(error.kind, error.path, error.copy, error.detail, restore, data_dir / "backups")
