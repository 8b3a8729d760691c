"""Entry point of the frozen program (PyInstaller runs this file as __main__)."""

import multiprocessing

from app.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the speech worker is a spawned process
    raise SystemExit(main())
