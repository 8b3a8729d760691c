"""`courses validate` checks the words of position in each step against the phone as drawn:
planted mismatches are reported with their file and line, true claims are not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.core.loader import lesson_files, load_lesson_with_lines
from app.core.resources import courses_dir
from app.ui.phone.hint_positions import position_problems

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "hint_positions"


def problems_in(*paths: Path) -> list[str]:
    lessons = []
    for path in paths:
        lesson, problems, lines = load_lesson_with_lines(path)
        assert problems == [], problems
        lessons.append((path, lesson, lines))
    return [str(problem) for problem in position_problems(lessons)]


def test_planted_mismatches_are_reported_at_their_lines(qapp):
    wrong = FIXTURES / "wrong-positions.yaml"
    found = problems_in(wrong)
    assert [line.split(": ")[0] for line in found] == [f"{wrong}:19", f"{wrong}:36", f"{wrong}:51"]
    assert "steps[0].hint.zh: says “左下方” but 'answer' is drawn at the bottom right" in found[0]
    assert "steps[1].hint.en: says “top right” but 'decline' is drawn at the bottom left" in found[1]
    assert "steps[2].hint.zh: says “第二排” but 'weather' is drawn at the top right, row 1 of 2" in found[2]
    assert all(line.endswith("(text size 100 %, 125 %, 150 %)") for line in found)


def test_true_claims_and_claims_about_other_things_are_not_reported(qapp):
    assert problems_in(FIXTURES / "right-positions.yaml") == []


def test_the_bundled_lessons_say_where_things_really_are(qapp):
    assert problems_in(*lesson_files([courses_dir()])) == []


def test_validate_reports_them_and_no_positions_skips_the_check():
    command = [sys.executable, "-m", "app", "courses", "validate", str(FIXTURES)]
    checked = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert checked.returncode == 1
    lines = checked.stderr.splitlines()
    assert [line.split(": ")[0] for line in lines] == [
        f"{FIXTURES / 'wrong-positions.yaml'}:{n}" for n in (19, 36, 51)
    ], checked.stderr
    assert "1 of 2 lesson files are good" in checked.stdout and "; 3 problems" in checked.stdout
    skipped = subprocess.run([*command, "--no-positions"], capture_output=True, text=True, cwd=ROOT)
    assert skipped.returncode == 0, skipped.stderr
    assert "0 problems" in skipped.stdout
