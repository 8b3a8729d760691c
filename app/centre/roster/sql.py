"""The two SQL spellings the roster needs on SQLite and PostgreSQL alike."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect


def upsert_for(dialect: Dialect) -> Any:
    """INSERT … ON CONFLICT of the dialect (both have it; SQLAlchemy spells it per dialect)."""
    return postgresql.insert if dialect.name == "postgresql" else sqlite.insert


def greatest(dialect: Dialect, first: Any, second: Any) -> Any:
    """The larger of two values: GREATEST on PostgreSQL, two-argument max() on SQLite."""
    return func.greatest(first, second) if dialect.name == "postgresql" else func.max(first, second)
