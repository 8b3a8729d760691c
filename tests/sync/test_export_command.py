"""`silversteps export attendance` as staff run it: from one kiosk's own store, and from the
centre for every kiosk; the files are opened and read back."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import UTC, date, datetime, timedelta

import openpyxl
import pytest

from app.kiosk.centre import CentreConnection
from app.kiosk.classroom import Classroom
from app.store.db import open_database
from tests.exports.pdf_support import page_texts
from tests.sync.kiosk_support import STAFF_NAME, STAFF_PIN, Kiosk
from tests.sync.test_classroom import session_now
from tests.sync.test_enrol import silversteps

pytestmark = pytest.mark.slow
LEARNER, MINUTES, CHECKED_IN = "学员 Learner", "用时（分钟） Minutes spent", "签到时间 Checked in"
AS_STAFF = {"SILVERSTEPS_ACCOUNT_SECRET": STAFF_PIN}  # the PIN of the kiosk's staff account, for --staff


def export(*args: str, env: dict[str, str] | None = None):
    return silversteps("export", "attendance", *args) if env is None else _with_env(env, *args)


def completions(*args: str):
    """`silversteps export completions` signed in as the kiosk's staff member."""
    return _with_env(AS_STAFF, *args, kind="completions")


def _with_env(env: dict[str, str], *args: str, kind: str = "attendance"):
    import subprocess
    import sys

    from tests.sync.test_sync_with_centre import ROOT

    return subprocess.run(
        [sys.executable, "-m", "app", "export", kind, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


def csv_rows(path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read Chinese names
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_a_single_kiosk_exports_its_sessions_in_every_format(tmp_path, lesson):
    db = open_database(tmp_path / "kiosk")
    classroom = Classroom(db, CentreConnection(db, start=False))
    session = session_now("学用微信视频", room="201")
    classroom.save(session)
    names = ["王秀英", "李明", "Mary Wong"]
    for name in names:
        learner = db.learners.add(name)
        classroom.learner_signed_in(learner.id)
    db.close()
    today = date.today().isoformat()
    for kind in ("csv", "xlsx", "pdf"):
        out = tmp_path / f"attendance.{kind}"
        done = export(
            "--from", today, "--to", today, "--format", kind, "--out", str(out), "--data-dir", str(tmp_path / "kiosk")
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"wrote 3 attendance rows to {out}"
    rows = csv_rows(tmp_path / "attendance.csv")
    assert sorted(row[LEARNER] for row in rows) == sorted(names)
    sheet = openpyxl.load_workbook(tmp_path / "attendance.xlsx", read_only=True).worksheets[0]
    cells = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert all(name in cells for name in names)
    text = "".join(page_texts(tmp_path / "attendance.pdf"))
    assert all(name in text for name in names) and "学用微信视频" in text


def test_the_centre_exports_every_kiosks_attendance_with_time_spent(centre, tmp_path, lesson):
    a, b = Kiosk(centre, tmp_path / "a"), Kiosk(centre, tmp_path / "b")
    try:
        session = session_now("手机支付", room="101")
        a.classroom.save(session)
        wang, li = a.db.learners.add("王秀英"), b.db.learners.add("李明")
        a.sync()
        b.sync()
        a.classroom.learner_signed_in(wang.id)
        b.classroom.learner_signed_in(li.id)
        b.play(li.id, lesson, steps=4, session_id=session.id)
        a.sync()
        b.sync()
    finally:
        a.close()
        b.close()
    day = date.today()
    out = tmp_path / "all.csv"
    args = (
        "--from",
        (day - timedelta(days=1)).isoformat(),
        "--to",
        day.isoformat(),
        "--format",
        "csv",
        "--out",
        str(out),
    )
    kiosk_alone = export(*args, "--centre", centre.url, "--data-dir", str(tmp_path / "a"))
    assert kiosk_alone.returncode == 1 and "give --staff NAME" in kiosk_alone.stderr  # the kiosk's token may not
    wrong = export(*args, "--centre", centre.url, "--data-dir", str(tmp_path / "a"), "--staff", STAFF_NAME,
                   env={"SILVERSTEPS_ACCOUNT_SECRET": "135792"})  # fmt: skip
    assert wrong.returncode == 1 and "that is not right; 4 tries left" in wrong.stderr  # checked on the kiosk first
    done = export(*args, "--centre", centre.url, "--data-dir", str(tmp_path / "a"), "--staff", STAFF_NAME, env=AS_STAFF)
    assert done.returncode == 0, done.stderr
    rows = {row[LEARNER]: row for row in csv_rows(out)}
    assert sorted(rows) == ["李明", "王秀英"]
    assert float(rows["李明"][MINUTES]) == pytest.approx(4 * 2.5 / 60, abs=0.1)  # four steps of 2.5 s
    assert float(rows["王秀英"][MINUTES]) == 0 and rows["王秀英"][CHECKED_IN]

    key, secret = centre.key("staff", None, "staff")
    done = export(*args, "--centre", centre.url, "--key", key, env={"SILVERSTEPS_CENTRE_SECRET": secret})
    assert done.returncode == 0, done.stderr  # a staff key from `centre key` works too
    refused = export(*args, "--centre", centre.url, "--key", key, env={"SILVERSTEPS_CENTRE_SECRET": "wrong"})
    assert refused.returncode == 1 and "did not answer" in refused.stderr and "401" in refused.stderr
    tool, tool_secret = centre.key("a tool that sends records")  # statements only, as `centre key` gives
    forbidden = export(*args, "--centre", centre.url, "--key", tool, env={"SILVERSTEPS_CENTRE_SECRET": tool_secret})
    assert forbidden.returncode == 1 and "403" in forbidden.stderr and "--scope staff" in forbidden.stderr


def test_completions_from_a_kiosk_and_from_the_centre_as_csv_and_xapi(centre, tmp_path, lesson):
    a, b = Kiosk(centre, tmp_path / "a"), Kiosk(centre, tmp_path / "b")
    try:
        wang, li = a.db.learners.add("王秀英"), b.db.learners.add("李明")
        a.play(wang.id, lesson, steps=len(lesson.steps))
        b.play(li.id, lesson, steps=len(lesson.steps), mistakes_each=1)
        a.sync()
        b.sync()
    finally:
        a.close()
        b.close()
    today = date.today()
    days = ("--from", (today - timedelta(days=1)).isoformat(), "--to", (today + timedelta(days=1)).isoformat())
    here = tmp_path / "here.csv"
    done = silversteps(
        "export", "completions", *days, "--format", "csv", "--out", str(here), "--data-dir", str(tmp_path / "a")
    )
    assert done.returncode == 0, done.stderr
    assert [row[LEARNER] for row in csv_rows(here)] == ["王秀英"]  # this kiosk's own

    everywhere = tmp_path / "all.csv"
    centre_args = ("--centre", centre.url, "--data-dir", str(tmp_path / "a"), "--staff", STAFF_NAME)
    done = completions(*days, "--format", "csv", "--out", str(everywhere), *centre_args)
    assert done.returncode == 0, done.stderr
    rows = {row[LEARNER]: row for row in csv_rows(everywhere)}
    assert sorted(rows) == ["李明", "王秀英"]
    assert lesson.title.zh in rows["李明"].values()

    statements = tmp_path / "all.json"
    done = completions(*days, "--format", "xapi", "--out", str(statements), *centre_args)
    assert done.returncode == 0, done.stderr
    exported = json.loads(statements.read_text(encoding="utf-8"))
    assert {statement["actor"]["account"]["name"] for statement in exported} == {wang.id, li.id}
    assert all(statement["verb"]["id"].endswith("/completed") for statement in exported)


def test_staff_see_the_centres_kiosks_and_revoke_one(centre, tmp_path):
    from app.sync.delivery import Refused
    from app.sync.link import centre_link
    from app.sync.reports import fetch_kiosks, revoke_at_centre

    a, b = Kiosk(centre, tmp_path / "a"), Kiosk(centre, tmp_path / "b")
    try:
        a.db.outbox.add(a.identity.attendance("someone", datetime.now(UTC)))
        a.sync()
        with pytest.raises(Refused, match="A kiosk may not do this"):
            fetch_kiosks(centre_link(a.db.settings))  # the kiosk's own token is not staff's
        a.sign_in_staff()
        with a.centre.as_staff() as link:
            listed = fetch_kiosks(link)
        assert len(listed) == 2 and sorted(kiosk["records"] for kiosk in listed) == [0, 1]
        assert all(kiosk["revoked_at"] is None and kiosk["enrolled_at"] for kiosk in listed)
        quiet = next(kiosk for kiosk in listed if kiosk["records"] == 0)  # b: it has sent nothing
        with a.centre.as_staff() as link:
            assert revoke_at_centre(link, quiet["id"])["just_now"] is True
        with pytest.raises(Refused):
            b.sync()  # its token is refused at once
        with a.centre.as_staff() as link:
            assert next(k for k in fetch_kiosks(link) if k["id"] == quiet["id"])["revoked_at"] is not None
    finally:
        a.close()
        b.close()
