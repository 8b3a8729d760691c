"""The kiosk database on real SQLite files: durability settings, migrations with backups,
learners, and progress that survives closing and reopening."""

from __future__ import annotations

import logging
import sqlite3

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.progress import Status
from app.store import options
from app.store.db import (
    HEAD_REVISION,
    MIGRATIONS,
    REVISIONS,
    _alembic_config,
    head_revision,
    integrity_ok,
    open_database,
    upgrade,
)
from app.store.models import Setting
from app.store.options import IDLE_SECONDS, KIOSK_ROOM, LESSONS_OFFERED, learner_prefs


def pragma(db, name: str):
    with db.engine.connect() as connection:
        return connection.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_the_head_constant_matches_the_newest_migration():
    assert head_revision() == HEAD_REVISION


def test_the_known_revisions_are_alembics_history():
    history = ScriptDirectory(str(MIGRATIONS)).walk_revisions()
    assert tuple(reversed([script.revision for script in history])) == REVISIONS


def test_every_connection_is_wal_and_synchronous_full(data_dir):
    db = open_database(data_dir)
    try:
        assert pragma(db, "journal_mode") == "wal"
        assert pragma(db, "synchronous") == 2  # FULL
        assert pragma(db, "foreign_keys") == 1
    finally:
        db.close()


def test_migrations_create_the_tables_and_reopening_makes_no_backup(data_dir):
    open_database(data_dir).close()
    with sqlite3.connect(data_dir / "silversteps.db") as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"learners", "progress", "step_attempts", "settings", "alembic_version"} <= tables
    open_database(data_dir).close()
    assert not (data_dir / "backups").exists()
    assert upgrade(data_dir) == head_revision()


def test_a_database_at_an_older_revision_is_backed_up_before_the_upgrade_runs(data_dir):
    """Brought down to revision 0005 (as a kiosk of that version left it) with a table of its
    own: the backup holds it as it was before the upgrade, and only the newest five are kept."""
    for _ in range(7):
        db = open_database(data_dir)
        with db.engine.begin() as connection:
            command.downgrade(_alembic_config(connection), "0005")
            connection.exec_driver_sql("CREATE TABLE IF NOT EXISTS keepsake (note TEXT)")
            connection.exec_driver_sql("INSERT INTO keepsake VALUES ('made before the upgrade')")
        db.close()
    open_database(data_dir).close()
    backups = sorted((data_dir / "backups").glob("silversteps-0005-*.db"))
    assert len(backups) == 5  # only the newest five are kept
    with sqlite3.connect(backups[-1]) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0005",)
        assert connection.execute("SELECT count(*) FROM keepsake").fetchone() == (7,)
    connection.close()


def test_a_downgraded_database_is_brought_back_to_head(data_dir):
    db = open_database(data_dir)
    with db.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), "base")
    db.close()
    db = open_database(data_dir)
    try:
        assert db.learners.add("王秀英").display_name == "王秀英"
    finally:
        db.close()


def test_learner_names_and_phone_digits_are_checked_with_plain_messages(data_dir):
    db = open_database(data_dir)
    try:
        with pytest.raises(ValueError, match="Please write a name"):
            db.learners.add("   ")
        with pytest.raises(ValueError, match="last four digits"):
            db.learners.add("Ada", "12a4")
        learner = db.learners.add("  Mary   Wong ", "0042")
        assert learner.display_name == "Mary Wong" and learner.phone_last4 == "0042"
    finally:
        db.close()


def test_search_by_surname_english_last_name_or_phone_digits(data_dir):
    db = open_database(data_dir)
    try:
        for name, digits in [("王秀英", "1234"), ("王德明", None), ("李建国", "5678"), ("Mary Wong", None)]:
            db.learners.add(name, digits)
        assert [found.display_name for found in db.learners.search("王")] == ["王德明", "王秀英"]
        assert [found.display_name for found in db.learners.search("wong")] == ["Mary Wong"]
        assert [found.display_name for found in db.learners.search("5678")] == ["李建国"]
        assert len(db.learners.search("")) == 4
    finally:
        db.close()


def record(db, learner_id, outcome, step, next_step, completed=False):
    db.progress.record(
        learner_id,
        "lesson",
        outcome=outcome,
        step_index=step,
        step_id=f"s{step}",
        mistakes_on_step=1,
        seconds=2.0,
        next_step=next_step,
        completed=completed,
    )


def test_progress_resumes_after_reopening_and_a_new_attempt_follows_completion(data_dir):
    db = open_database(data_dir)
    learner = db.learners.add("张桂兰")
    assert db.progress.start(learner.id, "lesson", 1).status is Status.IN_PROGRESS
    record(db, learner.id, "next", 0, 1)
    record(db, learner.id, "hint", 1, 1)
    record(db, learner.id, "next", 1, 2)
    db.close()

    db = open_database(data_dir)
    try:
        progress = db.progress.start(learner.id, "lesson", 1)
        assert (progress.attempt, progress.current_step, progress.mistakes) == (1, 2, 1)
        assert progress.seconds_spent == pytest.approx(4.0)
        record(db, learner.id, "complete", 2, 3, completed=True)
        done = db.progress.get(learner.id, "lesson")
        assert done.status is Status.DONE and done.completed_at is not None
        again = db.progress.start(learner.id, "lesson", 1)
        assert (again.attempt, again.current_step, again.ever_completed) == (2, 0, True)
        assert db.progress.all_for(learner.id)["lesson"].ever_completed
        assert [a.outcome for a in db.progress.attempts(learner.id, "lesson")] == ["next", "hint", "next", "complete"]
        db.progress.set_step(learner.id, "lesson", 0)
        assert db.progress.get(learner.id, "lesson").current_step == 0
        with pytest.raises(LookupError):
            db.progress.record(
                learner.id,
                "other",
                outcome="next",
                step_index=0,
                step_id="a",
                mistakes_on_step=0,
                seconds=1,
                next_step=1,
                completed=False,
            )
    finally:
        db.close()
    assert integrity_ok(data_dir)


def test_settings_keep_json_values(data_dir):
    db = open_database(data_dir)
    try:
        prefs = learner_prefs("learner-1")
        assert db.settings.get(prefs) is None  # never set: the declared default
        db.settings.set(prefs, {"lang": "en", "scale": 1.5})
        db.settings.set(prefs, {"lang": "zh", "scale": 1.25})
        assert db.settings.get(prefs) == {"lang": "zh", "scale": 1.25}
        assert db.settings.get(learner_prefs("learner-2")) is None  # each learner their own
        db.settings.set(LESSONS_OFFERED, ["video-call"])
        db.settings.set(LESSONS_OFFERED, None)  # back to "every lesson"
        assert db.settings.get(LESSONS_OFFERED) is None
    finally:
        db.close()


def test_a_setting_of_the_wrong_type_is_refused_and_a_damaged_one_read_as_its_default(data_dir, caplog):
    db = open_database(data_dir)
    try:
        with pytest.raises(TypeError, match="idle_seconds"):
            db.settings.set(IDLE_SECONDS, "three minutes")
        with pytest.raises(TypeError, match="idle_seconds"):
            db.settings.set(IDLE_SECONDS, True)
        db.settings.set(IDLE_SECONDS, 240)
        assert db.settings.get(IDLE_SECONDS) == 240
        with db.sessions.begin() as session:  # as if the file had been edited by hand
            session.get(Setting, IDLE_SECONDS.key).value = '"soon"'
            session.add(Setting(key=KIOSK_ROOM.key, value="{not json"))
        with caplog.at_level(logging.WARNING, logger="silversteps.settings"):
            assert db.settings.get(IDLE_SECONDS) is None
            assert db.settings.get(KIOSK_ROOM) is None
        assert "idle_seconds" in caplog.text and "kiosk_room" in caplog.text
    finally:
        db.close()


def test_every_setting_is_declared_once():
    declared = [value for value in vars(options).values() if isinstance(value, options.Option)]
    keys = [option.key for option in declared]
    assert len(keys) == len(set(keys)) >= 16  # and the per-learner family, learner_prefs
    assert all(option.about for option in declared)
    assert not any(key.startswith(options.LEARNER_PREFS_PREFIX) for key in keys)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["next", "hint", "highlight", "back"]), max_size=30))
def test_any_sequence_keeps_step_in_bounds_and_counts_every_mistake(tmp_path_factory, outcomes):
    data_dir = tmp_path_factory.mktemp("prop")
    db = open_database(data_dir)
    try:
        learner = db.learners.add("Prop")
        db.progress.start(learner.id, "lesson", 1)
        step, steps = 0, 5
        for outcome in outcomes:
            if outcome == "back":
                step = max(0, step - 1)
                db.progress.set_step(learner.id, "lesson", step)
                continue
            nxt = min(step + 1, steps - 1) if outcome == "next" else step
            record(db, learner.id, outcome, step, nxt)
            step = nxt
        progress = db.progress.get(learner.id, "lesson")
        assert 0 <= progress.current_step < steps and progress.current_step == step
        assert progress.mistakes == sum(o in ("hint", "highlight") for o in outcomes)
    finally:
        db.close()
