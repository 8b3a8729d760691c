"""The on-screen keyboard: choosing it, and a learner typing their name in pinyin with it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.handwriting.common import COMMON, gb2312_level
from app.ui.theme import MIN_TOUCH_PX
from app.ui.touch_keyboard import INPUT_METHOD, choose_input_method, keyboard_installed

ROOT = Path(__file__).resolve().parents[2]


def test_the_keyboard_is_chosen_only_when_wanted_and_installed() -> None:
    env: dict[str, str] = {}
    assert choose_input_method("off", env) is False
    assert "QT_IM_MODULE" not in env
    assert choose_input_method("on", env) is keyboard_installed()
    assert env.get("QT_IM_MODULE") == (INPUT_METHOD if keyboard_installed() else None)


def test_an_input_method_the_centre_chose_itself_wins() -> None:
    env = {"QT_IM_MODULE": "fcitx"}
    assert choose_input_method("on", env) is False
    assert env["QT_IM_MODULE"] == "fcitx"


@pytest.mark.gui
@pytest.mark.skipif(not keyboard_installed(), reason="the [keyboard] extra (PySide6-Addons) is not installed")
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run for a real window")
def test_a_learner_types_their_name_in_pinyin_on_the_screen(tmp_path: Path) -> None:
    report_path, shot = tmp_path / "report.json", tmp_path / "keyboard.png"
    env = {key: value for key, value in os.environ.items() if key not in ("QT_QPA_PLATFORM", "QT_IM_MODULE")}
    driver = [sys.executable, "-m", "tests.ui.keyboard_kiosk", str(tmp_path / "data"), str(report_path), str(shot)]
    done = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", *driver],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert report_path.exists(), done.stderr[-3000:]
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["opened"], "the keys open: with the screen, or (the pad offered first) at a tap in the name box"
    assert report["locales"] == ["zh_CN", "en_GB"], "only the kiosk's two languages, its own first"
    assert report["locales_in_english"] == ["en_GB", "zh_CN"] and report["locale_in_english"] == "en_GB"
    assert 0 < report["field_bottom"] <= report["keys_top"], "the name box stays above the keys"
    assert report["key_height"] >= MIN_TOUCH_PX, "keys at least as tall as the kiosk's own touch targets"
    assert report["typed_pinyin"] and report["picked"]
    first = report["candidates"][:8]  # what the bar above the keys shows first, left to right
    assert "王" in first and all(gb2312_level(char) == COMMON for char in first), report["candidates"]
    assert report["name"] == "王"
    assert report["signed_in_as"] == "王"
    assert report["keys_after_save"], "the keys go away once the name is saved"
    assert shot.stat().st_size > 10_000
