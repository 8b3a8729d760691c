"""A certificate as staff make it: the learner completes a theme on a kiosk, `silversteps export
certificate` has the real centre issue it (in the name staff gave the centre on the server), the
PDF's QR code is decoded and checked at the centre's verify address; a changed code and an
unfinished theme are refused."""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest
import zxingcpp

from app.core.loader import load_courses
from app.core.resources import courses_dir
from tests.exports.pdf_support import page_texts, render
from tests.sync.kiosk_support import STAFF_NAME, STAFF_PIN, Kiosk
from tests.sync.test_enrol import silversteps
from tests.sync.test_sync_with_centre import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def theme():
    catalogue = load_courses([courses_dir()])
    smallest = min(catalogue.themes, key=lambda theme: len(catalogue.lessons_in(theme.id)))
    return smallest, catalogue.lessons_in(smallest.id)


def certificate(tmp_path, learner: str, theme_id: str):
    """`silversteps export certificate` as the kiosk's staff member (the PIN from the environment)."""
    return subprocess.run(
        [sys.executable, "-m", "app", "export", "certificate", "--learner", learner, "--theme", theme_id,
         "--out", str(tmp_path / "cert.pdf"), "--data-dir", str(tmp_path / "kiosk"), "--staff", STAFF_NAME],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "SILVERSTEPS_ACCOUNT_SECRET": STAFF_PIN},
    )  # fmt: skip


def test_a_completed_theme_gets_a_certificate_the_centre_verifies(centre, tmp_path, theme):
    theme_info, lessons = theme
    named = silversteps("centre", "name", "default", "黄浦社区学校", "--db", centre.db_url)
    assert named.returncode == 0, named.stderr
    kiosk = Kiosk(centre, tmp_path / "kiosk")
    wang = kiosk.db.learners.add("王秀英")
    for lesson in lessons[:-1]:
        kiosk.play(wang.id, lesson, steps=len(lesson.steps))
    kiosk.sync()
    early = certificate(tmp_path, "王秀英", theme_info.id)
    assert early.returncode == 1 and "has not yet completed every lesson" in early.stderr
    assert lessons[-1].title.en in early.stderr  # it names what is left

    kiosk.play(wang.id, lessons[-1], steps=len(lessons[-1].steps))
    kiosk.sync()
    kiosk.close()
    done = certificate(tmp_path, "王秀英", theme_info.id)
    assert done.returncode == 0, done.stderr
    text = page_texts(tmp_path / "cert.pdf")[0]
    assert "王秀英" in text and theme_info.title.zh in text and "黄浦社区学校" in text

    (code,) = zxingcpp.read_barcodes(render(tmp_path / "cert.pdf", 0, "issued-certificate", scale=3.0))
    assert code.text.startswith(f"{centre.url}/api/v1/certificates/verify?token=")
    answer = httpx.get(code.text)  # anyone may check it: no sign-in
    assert answer.status_code == 200
    record = answer.json()
    assert record["valid"] is True and record["learner_name"] == "王秀英" and record["centre_name"] == "黄浦社区学校"
    assert [lesson["lesson_id"] for lesson in record["lessons"]] == [lesson.id for lesson in lessons]
    page = httpx.get(code.text, headers={"Accept": "text/html"})
    assert page.status_code == 200 and "王秀英" in page.text and "证书真实有效" in page.text

    (token,) = parse_qs(urlsplit(code.text).query)["token"]
    forged = token[:20] + ("A" if token[20] != "A" else "B") + token[21:]
    refused = httpx.get(f"{centre.url}/api/v1/certificates/verify?{urlencode({'token': forged})}")
    assert refused.status_code == 400 and refused.json()["valid"] is False
    assert "not genuine" in refused.json()["error"] or "cannot be read" in refused.json()["error"]
