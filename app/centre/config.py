"""What a centre server runs with. The settings also travel through environment variables,
because with --workers each worker process builds its own app from an import string."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

DEFAULT_MAX_BODY_BYTES = 1024 * 1024
DEFAULT_FREE_FAILURES = 10  # a person mistyping a code or a misconfigured tool: answered at once
DEFAULT_MAX_WRITES_WAITING = 64  # per process; at ~50 ms a batch under load the last waits ~3 s
_ENV_DATABASE = "SILVERSTEPS_CENTRE_DB"
_ENV_MAX_BODY = "SILVERSTEPS_CENTRE_MAX_BODY_BYTES"
_ENV_MAX_WRITES = "SILVERSTEPS_CENTRE_MAX_WRITES_WAITING"
_ENV_DOCS = "SILVERSTEPS_CENTRE_DOCS"
_ENV_FREE_FAILURES = "SILVERSTEPS_CENTRE_FREE_FAILED_SIGN_INS"


def default_database_url() -> str:
    """centre.db in the user data folder, beside the kiosk's database but never the same file."""
    folder = Path(user_data_dir("SilverSteps", appauthor=False))
    return f"sqlite:///{folder / 'centre.db'}"


@dataclass(frozen=True)
class CentreSettings:
    database_url: str
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_writes_waiting: int = DEFAULT_MAX_WRITES_WAITING
    docs: bool = False  # the interactive API pages (/docs, /redoc): for a developer, not a stranger
    # failed sign-ins and enrolment codes an address may try before it is slowed down
    free_failed_sign_ins: int = DEFAULT_FREE_FAILURES

    def to_environ(self) -> dict[str, str]:
        return {
            _ENV_DATABASE: self.database_url,
            _ENV_MAX_BODY: str(self.max_body_bytes),
            _ENV_MAX_WRITES: str(self.max_writes_waiting),
            _ENV_DOCS: "1" if self.docs else "",
            _ENV_FREE_FAILURES: str(self.free_failed_sign_ins),
        }

    @classmethod
    def from_environ(cls) -> CentreSettings:
        return cls(
            database_url=os.environ.get(_ENV_DATABASE) or default_database_url(),
            max_body_bytes=int(os.environ.get(_ENV_MAX_BODY) or DEFAULT_MAX_BODY_BYTES),
            max_writes_waiting=int(os.environ.get(_ENV_MAX_WRITES) or DEFAULT_MAX_WRITES_WAITING),
            docs=os.environ.get(_ENV_DOCS) == "1",
            free_failed_sign_ins=int(os.environ.get(_ENV_FREE_FAILURES) or DEFAULT_FREE_FAILURES),
        )
