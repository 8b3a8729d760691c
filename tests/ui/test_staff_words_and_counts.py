"""The staff console's parts that need no screen: the charts' counts, report file names, which
lessons are offered, and its sentences (both languages, the same placeholders)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from app.core.loader import load_courses
from app.core.resources import courses_dir
from app.exports.records import AttendanceRow, CompletionRow
from app.kiosk.lessons_offered import LessonsOffered
from app.kiosk.reporting import Report, check_ins_per_week, completions_per_lesson, safe_name
from app.store.db import open_database
from app.store.options import LESSONS_OFFERED
from app.ui.staff.learners import KIND_KEYS, counts_text


def attendance(day: date, checked: bool = True) -> AttendanceRow:
    moment = datetime.combine(day, time(10), UTC) if checked else None
    return AttendanceRow("s", "手机支付", day, time(9, 30), "", "", "l", "王秀英", moment, 60.0)


def completion(lesson_id: str) -> CompletionRow:
    return CompletionRow("l", "王秀英", lesson_id, lesson_id, "t", datetime(2026, 11, 3, tzinfo=UTC), 60.0, 0, 1)


def test_check_ins_are_counted_per_iso_week_with_empty_weeks_kept():
    rows = [attendance(date(2026, 11, 2)), attendance(date(2026, 11, 8)), attendance(date(2026, 11, 9))]
    rows.append(attendance(date(2026, 11, 10), checked=False))  # on the list, not there: not a check-in
    weeks = check_ins_per_week(rows, date(2026, 11, 1), date(2026, 11, 30))
    assert weeks == [
        (date(2026, 10, 26), 0),  # 1 November is a Sunday: its week starts in October
        (date(2026, 11, 2), 2),
        (date(2026, 11, 9), 1),
        (date(2026, 11, 16), 0),
        (date(2026, 11, 23), 0),
        (date(2026, 11, 30), 0),
    ]


def test_completions_are_counted_per_lesson_most_first():
    rows = [completion(lesson) for lesson in ("b", "a", "b", "c", "b", "a")]
    assert completions_per_lesson(rows, top=2) == [("b", 3), ("a", 2)]


def test_report_file_names_and_learner_names_in_them():
    report = Report("completions", "xapi", date(2026, 11, 1), date(2026, 11, 30))
    assert report.file_name("centre") == "completions-2026-11-01-to-2026-11-30-centre.json"
    with pytest.raises(ValueError):
        Report("completions", "pdf", date(2026, 11, 1), date(2026, 11, 30))
    with pytest.raises(ValueError):
        Report("attendance", "csv", date(2026, 11, 2), date(2026, 11, 1))
    assert safe_name("Mary / Wong: 1") == "Mary-Wong-1" and safe_name("王秀英") == "王秀英"


def test_lessons_offered_keep_every_lesson_as_all_so_new_ones_show(tmp_path):
    catalogue = load_courses([courses_dir()])
    db = open_database(tmp_path)
    try:
        offered = LessonsOffered(db.settings, catalogue)
        every = [lesson.id for lesson in catalogue.lessons]
        assert [lesson.id for lesson in offered.lessons()] == every  # absent: all
        offered.choose(every[1:])
        assert db.settings.get(LESSONS_OFFERED) == sorted(every[1:])
        assert [lesson.id for lesson in offered.lessons()] == every[1:]
        offered.choose(every)
        assert db.settings.get(LESSONS_OFFERED) is None
    finally:
        db.close()


def test_every_kind_the_centre_reports_removed_is_said_in_chinese_too():

    counts = {kind: 2 for kind in KIND_KEYS}
    chinese = counts_text(counts, "zh")
    assert not any(kind in chinese for kind in KIND_KEYS), chinese
    assert "已转到市里记录库的副本 2 条" in chinese
    assert "copies already sent to the city's record store: 2" in counts_text(counts, "en")
