"""The atomic writer: a file is whole or not there, and the previous one survives a failure."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.exports.atomic import atomic_write, atomic_write_text
from app.exports.errors import ExportError


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".part"))


def test_the_file_appears_whole_and_nothing_else_is_left(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    with atomic_write(target) as stream:
        stream.write(b"first half ")
        assert not target.exists(), "the target must not appear before the block ends"
        stream.write(b"second half")
    assert target.read_bytes() == b"first half second half"
    assert _leftovers(tmp_path) == []


def test_text_mode_keeps_line_ends_as_written(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    with atomic_write_text(target, encoding="utf-8-sig") as stream:
        stream.write("学员\r\n张伟\r\n")
    assert target.read_bytes() == "\ufeff学员\r\n张伟\r\n".encode()


def test_a_failure_leaves_the_previous_file_untouched_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "attendance.csv"
    target.write_text("the export of last week")
    with pytest.raises(RuntimeError, match="power cut"), atomic_write(target) as stream:
        stream.write(b"half of the new one")
        raise RuntimeError("power cut")
    assert target.read_text() == "the export of last week"
    assert _leftovers(tmp_path) == []


def test_a_missing_folder_is_named_in_the_message(tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "out.csv"
    with pytest.raises(ExportError, match="does not exist; choose another place") as caught, atomic_write(target) as s:
        s.write(b"x")
    assert str(tmp_path / "no such folder") in str(caught.value)


def test_a_folder_as_target_is_refused_with_advice(tmp_path: Path) -> None:
    (tmp_path / "exports").mkdir()
    with pytest.raises(ExportError, match="is a folder; choose a file name"), atomic_write(tmp_path / "exports") as s:
        s.write(b"x")
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_file_gets_ordinary_permissions_not_a_temporary_files(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        target = tmp_path / "out.pdf"
        with atomic_write(target) as stream:
            stream.write(b"%PDF")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
