"""Loading every lesson at start-up (read, parse YAML with line numbers, validate, check
targets and icons), per 100 steps, beside a bare `yaml.safe_load` of the same files with
libyaml in the same run. Target: under 100 ms per 100 steps."""

from __future__ import annotations

import statistics
import time

import yaml
from _common import ROOT  # noqa: F401  (puts the project on sys.path)

from app.core.loader import lesson_files, load_courses
from app.core.resources import courses_dir

ROUNDS = 15


def timed(action) -> float:
    samples = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def main() -> None:
    folder = courses_dir()
    files = lesson_files([folder])
    catalogue = load_courses([folder])
    steps = sum(len(lesson.steps) for lesson in catalogue.lessons)
    full = timed(lambda: load_courses([folder]))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    bare = timed(lambda: [yaml.load(path.read_text(encoding="utf-8"), Loader=loader) for path in files])
    per_100 = full / steps * 100
    print(f"{len(catalogue.lessons)} lessons, {steps} steps, {len(catalogue.problems)} problems")
    print(
        f"load and validate everything: {full:.1f} ms (median of {ROUNDS}) = {per_100:.1f} ms per 100 steps "
        f"(target < 100 ms: {per_100 / 100:.2f} of budget)"
    )
    print(f"bare yaml.safe_load of the same files: {bare:.1f} ms; ratio full / bare = {full / bare:.2f}")


if __name__ == "__main__":
    main()
