"""Where the kiosk keeps its data by default (per user, per platform)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir

DATABASE_NAME = "silversteps.db"


def default_data_dir() -> Path:
    return Path(user_data_dir("SilverSteps", appauthor=False))


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_NAME
