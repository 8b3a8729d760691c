"""Entry point of the bundle's kiosk program, `silversteps-kiosk` (PyInstaller runs this file as
__main__). It is built windowed: on Windows no console window stands behind the kiosk for someone
to close, and the kiosk logs to its data folder instead (`app/kiosk/log_file.py`). Started with no
subcommand, or only with kiosk options, it is the kiosk, so a shortcut needs nothing more."""

import multiprocessing
import sys

from app.cli import main


def kiosk_words(words: list[str]) -> list[str]:
    """The command line as the `kiosk` command: `--windowed` means `kiosk --windowed`."""
    return words if words[:1] == ["kiosk"] else ["kiosk", *words]


if __name__ == "__main__":
    multiprocessing.freeze_support()  # first: the speech worker is a spawned copy of this program
    raise SystemExit(main(kiosk_words(sys.argv[1:])))
