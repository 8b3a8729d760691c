"""The kiosk's log file: UTF-8, rotating, its owner's only, and what a windowed program (no
stderr) would have printed is kept there instead of vanishing."""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.kiosk.log_file import LOG_FOLDER, LOG_NAME, PrivateRotatingFileHandler, kiosk_log_path, start_kiosk_log


@pytest.fixture
def clean_logging(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The root logger and sys.stderr as they were before the test, whatever it started."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    monkeypatch.setattr(sys, "stderr", sys.stderr)
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def mode(path: Path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))


def test_the_log_is_in_the_data_folder(tmp_path: Path) -> None:
    assert kiosk_log_path(tmp_path) == tmp_path / LOG_FOLDER / LOG_NAME
    assert kiosk_log_path(None).parent.parent.name == "SilverSteps"  # the user's data folder


def test_lines_go_to_the_file_in_utf8(tmp_path: Path, clean_logging: None) -> None:
    path = start_kiosk_log(tmp_path)
    assert path == tmp_path / "logs" / "kiosk.log"
    logging.getLogger("silversteps.kiosk").info("王阿姨 signed in")
    assert "INFO silversteps.kiosk: 王阿姨 signed in" in path.read_bytes().decode("utf-8")


def test_started_twice_it_writes_each_line_once(tmp_path: Path, clean_logging: None) -> None:
    start_kiosk_log(tmp_path)
    path = start_kiosk_log(tmp_path)
    assert path is not None
    logging.getLogger("silversteps.kiosk").info("once")
    assert path.read_text(encoding="utf-8").count("once") == 1


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_every_file_of_the_log_is_its_owners_only(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir()
    handler = PrivateRotatingFileHandler(folder / "kiosk.log", max_bytes=200, backups=2)
    logger = logging.getLogger("tests.log_file.rotation")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        for number in range(20):
            logger.warning("line %d: 张伟's progress", number)
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = sorted(path.name for path in folder.iterdir())
    assert files == ["kiosk.log", "kiosk.log.1", "kiosk.log.2"], "rotated, two old files kept"
    assert {name: mode(folder / name) for name in files} == dict.fromkeys(files, "0o600")


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_log_an_earlier_version_left_readable_is_narrowed(tmp_path: Path, clean_logging: None) -> None:
    (tmp_path / "logs").mkdir(mode=0o755)
    old = tmp_path / "logs" / "kiosk.log"
    old.write_text("before\n", encoding="utf-8")
    old.chmod(0o644)
    start_kiosk_log(tmp_path)
    assert mode(old) == "0o600" and mode(old.parent) == "0o700"
    assert old.read_text(encoding="utf-8").startswith("before\n"), "appended to, not started over"


def test_a_log_that_cannot_be_written_leaves_the_kiosk_running(tmp_path: Path, clean_logging: None) -> None:
    (tmp_path / "logs").write_text("a file where the folder should be", encoding="utf-8")
    assert start_kiosk_log(tmp_path) is None


def test_without_stderr_what_would_be_printed_there_is_logged(tmp_path: Path, clean_logging: None) -> None:
    sys.stderr = None  # as in a windowed program on Windows
    path = start_kiosk_log(tmp_path)
    assert path is not None and sys.stderr is not None
    print("silversteps: the centre could not be reached", file=sys.stderr)
    try:
        raise RuntimeError("a slot failed")
    except RuntimeError:
        sys.__excepthook__(*sys.exc_info())  # what Python (and Qt, through it) does with an uncaught error
    text = path.read_text(encoding="utf-8")
    assert "ERROR silversteps.stderr: silversteps: the centre could not be reached" in text
    assert "ERROR silversteps.stderr: RuntimeError: a slot failed" in text
    assert "Traceback (most recent call last):" in text
