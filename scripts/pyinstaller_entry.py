"""Entry point of the bundle's command line, `silversteps` (PyInstaller runs this file as __main__);
the kiosk program, `silversteps-kiosk`, has its own (`kiosk_entry.py`)."""

import multiprocessing

from app.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the speech worker is a spawned process
    raise SystemExit(main())
