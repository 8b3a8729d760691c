"""The kiosk's database, its WAL and shared-memory files and its backups are readable by their
owner only (0600), never by every account on the PC; files an earlier version left 0644 are
narrowed at the next start."""

from __future__ import annotations

import os
import stat
import sys

import pytest
from alembic import command

from app.store.db import _alembic_config, open_database
from app.store.problems import DatabaseDamaged

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
    db = open_database(data_dir)
    with db.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), "0006")  # as the version before left it
    db.close()
    open_database(data_dir).close()
    folder = data_dir / "backups"
    (backup,) = folder.glob("silversteps-0006-*.db")
    assert mode(folder) == 0o700 and mode(backup) == 0o600


def test_the_copy_of_a_damaged_database_is_the_owners_only(data_dir):
    (data_dir / "silversteps.db").write_bytes(b"not a database at all")
    with pytest.raises(DatabaseDamaged) as raised:
        open_database(data_dir)
    assert mode(data_dir / "damaged") == 0o700 and mode(raised.value.copy) == 0o600
