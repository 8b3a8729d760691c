"""Ways a kiosk database is found damaged in the field, done to a real file."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path


def cut_in_half(path: Path) -> None:
    """A copy or a power cut that stopped half-way."""
    os.truncate(path, path.stat().st_size // 2)


def garbage(path: Path) -> None:
    """Something else written over it."""
    path.write_bytes(bytes(range(256)) * 32)


def garbage_inside(path: Path) -> None:
    """A whole header and first page, then a page overwritten (a disk fault): opens, reads its
    schema, and fails only when the rows on that page are read."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[2 * page : 2 * page + 2000] = b"\xa5" * 2000
    path.write_bytes(bytes(data))


def from_a_newer_version(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.close()


DAMAGE: dict[str, Callable[[Path], None]] = {
    "cut in half": cut_in_half,
    "garbage": garbage,
    "garbage inside": garbage_inside,
}


def make_read_only(path: Path) -> Callable[[], None] | None:
    """The file as a read-only mount or a locked file leaves it, or None where this machine
    cannot (root ignores permission bits; `chattr +i` needs a file system that has it).
    Returns what undoes it."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        return lambda: path.chmod(0o600)
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode != 0:
        return None
    return lambda: subprocess.run([chattr, "-i", str(path)], check=True)


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, to show what changed."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
