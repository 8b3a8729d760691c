"""A database that cannot be used - cut short, overwritten, from a newer SilverSteps, read-only -
raises a typed error naming the file and a copy kept as found; the file is never changed,
started over or replaced. `silversteps db restore` brings back a backup and keeps the file it
replaces."""

from __future__ import annotations

import sqlite3

import pytest

from app.store.db import REVISIONS, open_database
from app.store.problems import DatabaseDamaged, DatabaseFromNewerVersion, DatabaseReadOnly
from app.store.restore import RestoreRefused, restore
from tests.store.damage import DAMAGE, files_in, from_a_newer_version, make_read_only


@pytest.fixture
def kept_learners(data_dir):
    """A kiosk database with learners in it, closed."""
    db = open_database(data_dir)
    for number in range(200):  # a few pages, so damage inside lands on rows
        db.learners.add(f"学员{number}")
    db.close()
    return data_dir / "silversteps.db"


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_file_raises_a_typed_error_and_is_kept_as_it_was(kept_learners, data_dir, damage):
    DAMAGE[damage](kept_learners)
    found = kept_learners.read_bytes()
    for _ in range(2):  # a kiosk started again the next morning keeps the same one copy
        with pytest.raises(DatabaseDamaged) as raised:
            open_database(data_dir)
    problem = raised.value
    assert problem.path == kept_learners
    assert kept_learners.read_bytes() == found
    assert problem.copy is not None and problem.copy.read_bytes() == found
    assert [p.name for p in (data_dir / "damaged").glob("*.db")] == [problem.copy.name]
    assert oct(problem.copy.stat().st_mode & 0o777) == "0o600"
    assert "silversteps db restore --data-dir" in problem.one_line()


def test_a_database_from_a_newer_version_is_refused_not_upgraded(kept_learners, data_dir):
    from_a_newer_version(kept_learners)
    before = files_in(data_dir)
    with pytest.raises(DatabaseFromNewerVersion, match="0099") as raised:
        open_database(data_dir)
    after = files_in(data_dir)
    assert after["silversteps.db"] == before["silversteps.db"]
    assert raised.value.copy is not None and raised.value.copy.read_bytes() == before["silversteps.db"]
    assert not (data_dir / "backups").exists()  # no upgrade was tried


def test_a_read_only_database_is_refused_before_a_learner_loses_a_step(kept_learners, data_dir):
    undo = make_read_only(kept_learners)
    if undo is None:
        pytest.skip("this machine cannot make a file read-only for its own user")
    try:
        found = kept_learners.read_bytes()
        with pytest.raises(DatabaseReadOnly) as raised:
            open_database(data_dir)
        assert kept_learners.read_bytes() == found
        assert raised.value.copy is not None and raised.value.copy.read_bytes() == found
    finally:
        undo()


def test_a_new_kiosk_and_a_sound_database_open_as_before(data_dir, kept_learners):
    db = open_database(data_dir)
    try:
        assert len(db.learners.all()) == 200
    finally:
        db.close()
    assert not (data_dir / "damaged").exists()


def test_restore_puts_the_newest_backup_in_place_and_keeps_the_damaged_file(data_dir):
    older = data_dir / "silversteps.db"
    db = open_database(data_dir)
    db.learners.add("王秀英")
    db.close()
    with sqlite3.connect(older) as connection:  # as if written by the version before
        connection.execute("UPDATE alembic_version SET version_num = '0006'")
        connection.execute("DROP TABLE unsent_completions")
    connection.close()
    open_database(data_dir).close()  # the upgrade backs it up first
    DAMAGE["garbage"](older)
    damaged = older.read_bytes()
    chosen, kept = restore(data_dir, None, REVISIONS)
    assert chosen.parent == data_dir / "backups"
    assert kept is not None and kept.read_bytes() == damaged
    db = open_database(data_dir)
    try:
        assert [learner.display_name for learner in db.learners.all()] == ["王秀英"]
    finally:
        db.close()


def test_restore_without_a_sound_backup_changes_nothing(data_dir, kept_learners):
    DAMAGE["garbage"](kept_learners)
    with pytest.raises(RestoreRefused, match="no backup"):
        restore(data_dir, None, REVISIONS)
    bad_backup = data_dir / "backups" / "silversteps-0006-x.db"
    bad_backup.parent.mkdir()
    bad_backup.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)
    with pytest.raises(RestoreRefused, match="cannot be used either"):
        restore(data_dir, None, REVISIONS)
    assert kept_learners.read_bytes() == bytes(range(256)) * 32
