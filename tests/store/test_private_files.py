"""The kiosk's database, its WAL and shared-memory files and its backups are readable by their
owner only (0600), never by every account on the PC; files an earlier version left 0644 are
narrowed at the next start."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys

import pytest

from app.store.db import open_database

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_kiosk_database_and_its_companions_are_the_owners_only(data_dir):
    db = open_database(data_dir)
    try:
        db.learners.add("王秀英")  # a write: the WAL and shared-memory files are there now
        path = data_dir / "silversteps.db"
        files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
        assert all(file.exists() for file in files)
        assert {file.name: mode(file) for file in files} == {file.name: 0o600 for file in files}
    finally:
        db.close()


def test_files_an_earlier_version_left_open_to_all_are_narrowed(data_dir):
    open_database(data_dir).close()
    path = data_dir / "silversteps.db"
    path.chmod(0o644)
    open_database(data_dir).close()
    assert mode(path) == 0o600


def test_the_backup_before_an_upgrade_is_the_owners_only(data_dir):
    open_database(data_dir).close()
    with sqlite3.connect(data_dir / "silversteps.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0000'")  # an unknown older schema
    with pytest.raises(Exception, match="0000"):
        open_database(data_dir)
    folder = data_dir / "backups"
    (backup,) = folder.glob("silversteps-0000-*.db")
    assert mode(folder) == 0o700 and mode(backup) == 0o600
