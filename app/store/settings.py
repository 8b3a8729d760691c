"""Kiosk and learner settings as JSON values under string keys."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from app.store.models import Setting


class SettingsRepository:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def get(self, key: str, default: Any = None) -> Any:
        with self._sessions() as session:
            row = session.get(Setting, key)
            return json.loads(row.value) if row else default

    def set(self, key: str, value: Any) -> None:
        text = json.dumps(value, ensure_ascii=False)
        with self._sessions.begin() as session:
            session.merge(Setting(key=key, value=text))
