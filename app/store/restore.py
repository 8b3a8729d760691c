"""`silversteps db restore`: bring back a backup staff choose (the newest by default) in place
of a database that cannot be used. The file being replaced is kept first (app/store/kept_copies),
so a restore never loses what was there; a backup that is itself unsound is refused."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from app.store.health import examine
from app.store.kept_copies import keep_copy
from app.store.paths import database_path
from app.store.private_files import COMPANIONS, PRIVATE
from app.store.problems import DatabaseUnusable


class RestoreRefused(Exception):
    """Nothing was changed; the words say why."""


def backups_of(data_dir: Path) -> list[Path]:
    """The backups made before each upgrade, newest last."""
    return sorted((data_dir / "backups").glob("silversteps-*.db"))


def restore(data_dir: Path, backup: Path | None, known_revisions: tuple[str, ...]) -> tuple[Path, Path | None]:
    """Put `backup` (default: the newest) in place; returns it and the copy kept of the file it
    replaced (None if there was none)."""
    chosen = backup or next(reversed(backups_of(data_dir)), None)
    if chosen is None:
        raise RestoreRefused(f"no backup in {data_dir / 'backups'}: call SilverSteps support")
    if not chosen.is_file():
        raise RestoreRefused(f"no such backup: {chosen}")
    problem: DatabaseUnusable | None = examine(chosen, known_revisions)
    if problem is not None or chosen.stat().st_size == 0:
        words = problem.detail if problem else "empty"
        raise RestoreRefused(f"the backup {chosen} cannot be used either ({words}); try an older one")
    path = database_path(data_dir)
    kept = keep_copy(path)
    if path.exists() and path.stat().st_size and kept is None:
        raise RestoreRefused(f"no copy of {path} could be kept, so it was left as it is")
    staged = path.with_name(path.name + ".restoring")
    shutil.copyfile(chosen, staged)
    staged.chmod(PRIVATE)
    for suffix in COMPANIONS:  # the old file's WAL must not be replayed into the backup
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    os.replace(staged, path)
    return chosen, kept
