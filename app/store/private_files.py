"""Files only their owner may read: a kiosk's or centre's SQLite database holds names, phone
digits, PIN hashes and its credentials to the centre, so it is never left readable by every
account on the PC (0644, as the umask would make it).

SQLite gives the WAL and shared-memory files it creates the database file's own permissions,
so making the database private before SQLite first opens it covers them; files left by an
older version are narrowed too. On Windows `chmod` only sets "read-only" and the user profile
folder the kiosk keeps its data in is already private to its user."""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE = 0o600  # the owner reads and writes; nobody else anything
PRIVATE_FOLDER = 0o700
COMPANIONS = ("-wal", "-shm", "-journal")  # SQLite's files beside a database


def private_database(path: Path) -> None:
    """Create the database file as private if it is missing, and narrow it and its companion
    files if an earlier version left them wider."""
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, PRIVATE))
    for file in (path, *(path.with_name(path.name + suffix) for suffix in COMPANIONS)):
        if file.exists():
            file.chmod(PRIVATE)


def private_folder(path: Path) -> None:
    """A folder of private files (the kiosk's data, its backups), made or narrowed to its owner."""
    path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    path.chmod(PRIVATE_FOLDER)
