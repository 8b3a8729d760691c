"""Write a file so that it is either whole or not there: the bytes go to a hidden temporary
file in the same folder, are flushed to disk (fsync), and only then renamed over the target,
which the operating system does in one step. A crash, a full disk or a cancelled export
leaves the previous file (if any) untouched and no half-written one beside it."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from app.exports.errors import ExportError


def _temporary_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")


def _explain(error: OSError, target: Path) -> ExportError:
    """Turn an operating-system error into a sentence staff can act on."""
    if isinstance(error, FileNotFoundError):
        return ExportError(f"The folder {target.parent} does not exist; choose another place to save {target.name}.")
    if isinstance(error, IsADirectoryError):
        return ExportError(f"{target} is a folder; choose a file name to save the export as.")
    if isinstance(error, PermissionError):
        return ExportError(
            f"Cannot write {target}: it may be open in another program (such as Excel), or this folder "
            "may not allow saving. Close the file or choose another folder, then export again."
        )
    if error.errno == errno.ENOSPC:
        return ExportError(f"The disk is full: {target.name} was not saved. Free some space or choose another drive.")
    return ExportError(f"Cannot write {target}: {error.strerror or error}.")


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no folder handles to flush."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def atomic_write(target: Path) -> contextlib.AbstractContextManager[IO[bytes]]:
    """A binary file object for the whole content; the target appears only when the block
    ends without an exception."""
    return _atomic(Path(target), None, None)


def atomic_write_text(
    target: Path, *, encoding: str = "utf-8", newline: str | None = ""
) -> contextlib.AbstractContextManager[IO[str]]:
    """The same in text mode; newline="" keeps line endings as written (what csv needs)."""
    return _atomic(Path(target), encoding, newline)


@contextlib.contextmanager
def _atomic(target: Path, encoding: str | None, newline: str | None) -> Iterator[IO]:
    temporary = _temporary_name(target)
    try:
        # 0o666 less the umask: the same permissions as a file saved the ordinary way.
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as error:
        raise _explain(error, target) from error
    if encoding is None:
        stream: IO = os.fdopen(handle, "wb")
    else:
        stream = os.fdopen(handle, "w", encoding=encoding, newline=newline)
    try:
        with stream:
            yield stream
            try:
                stream.flush()
                os.fsync(stream.fileno())
            except OSError as error:
                raise _explain(error, target) from error
        try:
            os.replace(temporary, target)
        except OSError as error:
            raise _explain(error, target) from error
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        if isinstance(error, OSError) and error.errno in _DISK_FULL:
            raise _explain(error, target) from error
        raise
    _sync_folder(target.parent)
