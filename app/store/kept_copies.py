"""A copy of a database that cannot be used, kept as found (its WAL and shared-memory files
too) before anyone acts on it: whatever staff do next, what was there can still be looked at
or recovered. Byte for byte, not SQLite's backup: a damaged file must not be read to copy it.

A kiosk restarted each morning on the same damaged file keeps one copy, not one a day."""

from __future__ import annotations

import hashlib
import logging
import shutil
from datetime import UTC, datetime
from pathlib import Path

from app.store.private_files import COMPANIONS, PRIVATE, private_folder

log = logging.getLogger("silversteps.store")
KEPT_FOLDER = "damaged"
CHUNK = 1 << 20


def kept_folder(data_dir: Path) -> Path:
    return data_dir / KEPT_FOLDER


def _fingerprint(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()[:12]


def keep_copy(path: Path) -> Path | None:
    """Copy `path` and its companions into the data folder's `damaged/`; the copy's path, or
    None if none could be made (a read-only folder, a full disk, an unreadable file)."""
    try:
        if not path.exists() or path.stat().st_size == 0:
            return None
        folder = kept_folder(path.parent)
        private_folder(folder)
        fingerprint = _fingerprint(path)
        already = sorted(folder.glob(f"{path.stem}-*-{fingerprint}{path.suffix}"))
        if already:
            return already[-1]
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = folder / f"{path.stem}-{stamp}-{fingerprint}{path.suffix}"
        for suffix in ("", *COMPANIONS):
            source = path.with_name(path.name + suffix)
            if source.exists():
                copy = target.with_name(target.name + suffix)
                shutil.copyfile(source, copy)
                copy.chmod(PRIVATE)
    except OSError as error:
        log.info("could not keep a copy of %s: %s", path, error)  # the problem raised says so
        return None
    log.info("kept a copy of %s at %s", path, target)  # the problem raised names it too
    return target
