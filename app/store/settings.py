"""Kiosk and learner settings as JSON values, each declared once in `app.store.options`."""

from __future__ import annotations

import json
import logging
from typing import TypeVar

from sqlalchemy.orm import Session, sessionmaker

from app.store.models import Setting
from app.store.options import Option

T = TypeVar("T")
log = logging.getLogger("silversteps.settings")


class SettingsRepository:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def get(self, option: Option[T]) -> T:
        """The stored value, or the option's default when it was never set. A value of the
        wrong type (a hand-edited database) is reported and read as the default."""
        with self._sessions() as session:
            row = session.get(Setting, option.key)
            if row is None:
                return option.default
            text = row.value
        try:
            value = json.loads(text)
        except ValueError:
            log.warning("setting %s is not readable (%r): using its default", option.key, text[:80])
            return option.default
        if value is None:
            return option.default
        if not option.accepts(value):
            log.warning("setting %s holds %r, not a %s: using its default", option.key, value, option.types)
            return option.default
        return value

    def set(self, option: Option[T], value: T) -> None:
        if not option.accepts(value):
            raise TypeError(f"setting {option.key} takes {option.types}, not {value!r}")
        text = json.dumps(value, ensure_ascii=False)
        with self._sessions.begin() as session:
            session.merge(Setting(key=option.key, value=text))
