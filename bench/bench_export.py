"""Exporting 100,000 attendance rows: the CSV writer beside the bare csv module writing the same
rows in the same run (target: at most 1.5x its time), and the XLSX writer (reported). The two
CSV writers take turns, round after round, so a busy machine slows both alike; then each
writer runs once more in a fresh process of its own, so its peak resident memory above the
rows it was given is its own.

The CSV writer's time includes what the bare module does not do: formatting times in local
time, guarding text against spreadsheet formulas, progress callbacks, fsync and the atomic
rename. Usage: bench_export.py [ROWS]"""

from __future__ import annotations

import csv
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from pathlib import Path

from _common import ROOT, rss_mb

from app.exports.cells import ATTENDANCE_HEADERS
from app.exports.records import AttendanceRow

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 100_000
CSV_ROUNDS = 5
NAMES = ("张伟", "李秀英", "王芳", "欧阳娜娜", "Wang Fang", "陈建国", "赵丽", "孙小明", "周淑芬", "吴国强")


def attendance(count: int) -> list[AttendanceRow]:
    """A year of a busy centre: 20 learners a session, 300 learners, UTC check-in times."""
    learners = [(str(uuid.uuid5(uuid.NAMESPACE_URL, f"learner/{i}")), NAMES[i % len(NAMES)]) for i in range(300)]
    start = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)
    rows = []
    for index in range(count):
        session = index // 20
        day = start + timedelta(days=session // 4)
        learner, name = learners[(index * 7) % len(learners)]
        rows.append(
            AttendanceRow(
                f"s-{session:06d}",
                "扫码付款 Paying by QR code",
                day.date(),
                clock(9 + session % 4 * 2, 30),
                "活动室 2",
                "刘老师",
                learner,
                name,
                day + timedelta(seconds=index % 900),
                1800.0 + index % 3600,
            )
        )
    return rows


def bare_csv(rows: list[AttendanceRow], path: Path) -> None:
    """The baseline: the csv module writing each row's fields as they are."""
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(ATTENDANCE_HEADERS)
        for r in rows:
            writer.writerow(
                (
                    r.session_id,
                    r.session_title,
                    r.session_date,
                    r.starts_at,
                    r.room,
                    r.tutor,
                    r.learner_id,
                    r.learner_name,
                    r.checked_in_at,
                    r.seconds_spent,
                )
            )


def _peak_reset() -> bool:
    """Start the peak-memory count (VmHWM) afresh, on Linux."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_arm(arm: str, count: int, rounds: int) -> dict:
    """In the child process: build the rows, then time the writer and watch its peak memory."""
    from app.exports.csv_writer import write_attendance_csv
    from app.exports.xlsx_writer import write_attendance_xlsx

    writers = {"bare": bare_csv, "csv": write_attendance_csv, "xlsx": write_attendance_xlsx}
    write = writers[arm]
    rows = attendance(count)
    folder = Path(tempfile.mkdtemp(prefix="silversteps-bench-export-"))
    target = folder / f"attendance.{'xlsx' if arm == 'xlsx' else 'csv'}"
    gc.collect()
    before = rss_mb()
    measured_peak = _peak_reset()
    seconds = []
    for _ in range(rounds):
        started = time.perf_counter()
        if arm == "bare":
            write(rows, target)
        else:
            write(rows, target, progress=lambda done, total: None)
        seconds.append(time.perf_counter() - started)
    peak = _peak_mb() - before if measured_peak else float("nan")
    size = target.stat().st_size
    target.unlink()
    folder.rmdir()
    return {"seconds": statistics.median(seconds), "peak_mb": peak, "size_mb": size / 1e6, "rows_mb": before}


def child(arm: str) -> dict:
    command = [sys.executable, __file__, "--arm", arm, str(ROWS), "1"]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT / "bench")
    return json.loads(done.stdout)


def csv_turns() -> tuple[float, float, float]:
    """Median seconds of the bare module and of our writer, and the median of their ratios,
    over rounds in which they take turns on the same rows."""
    from app.exports.csv_writer import write_attendance_csv

    rows = attendance(ROWS)
    folder = Path(tempfile.mkdtemp(prefix="silversteps-bench-export-"))
    bare, ours = [], []
    for _ in range(CSV_ROUNDS):
        started = time.perf_counter()
        bare_csv(rows, folder / "bare.csv")
        bare.append(time.perf_counter() - started)
        started = time.perf_counter()
        write_attendance_csv(rows, folder / "ours.csv", progress=lambda done, total: None)
        ours.append(time.perf_counter() - started)
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    ratio = statistics.median(mine / theirs for mine, theirs in zip(ours, bare, strict=True))
    return statistics.median(bare), statistics.median(ours), ratio


def main() -> None:
    bare_seconds, csv_seconds, ratio = csv_turns()
    bare, ours, xlsx = child("bare"), child("csv"), child("xlsx")
    print(f"{ROWS:,} attendance rows, 10 columns")
    print(f"bare csv module:       {bare_seconds:.2f} s (median of {CSV_ROUNDS} turns), {bare['size_mb']:.1f} MB file")
    print(
        f"write_attendance_csv:  {csv_seconds:.2f} s (median of {CSV_ROUNDS} turns) = {ratio:.2f}x bare "
        f"(target <= 1.5x: {ratio / 1.5:.2f} of budget), {ours['size_mb']:.1f} MB file"
    )
    print(
        f"write_attendance_xlsx: {xlsx['seconds']:.1f} s = {xlsx['seconds'] / bare['seconds']:.1f}x bare csv "
        f"in the same child runs, {ROWS / xlsx['seconds']:,.0f} rows/s, {xlsx['size_mb']:.1f} MB file"
    )
    print(
        f"peak resident memory while writing, above the {bare['rows_mb']:.0f} MB of a process holding the rows "
        f"(each writer alone in a fresh process): bare csv +{bare['peak_mb']:.1f} MB, "
        f"csv +{ours['peak_mb']:.1f} MB, xlsx +{xlsx['peak_mb']:.1f} MB"
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--arm":
        ROWS = int(sys.argv[3])
        print(json.dumps(run_arm(sys.argv[2], ROWS, int(sys.argv[4]))))
    else:
        main()
