"""Telling apart, from an exception a group write raised, the database refusing the data one
batch carried (a value too long for its column, a NUL in text, a number out of range: the
edge's checks should have caught it) from the database being unavailable. The group writer
writes the batches again one by one for the first, so no batch fails for its neighbour's data;
the second would fail them all again.

PostgreSQL's errors come as psycopg's own where the writer talks to the driver directly, and
wrapped by SQLAlchemy elsewhere; both carry the SQLSTATE, whose class says which kind."""

from __future__ import annotations

from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

_DATA_CLASSES = ("22", "23")  # data exception, integrity constraint violation
# connection exception, transaction rollback (deadlock, serialization), insufficient resources,
# operator intervention (shutdown), system error
_UNAVAILABLE_CLASSES = ("08", "40", "53", "57", "58")
REASON_LENGTH = 160


def _driver_error(error: BaseException) -> BaseException:
    return getattr(error, "orig", None) or error


def _sqlstate(error: BaseException) -> str:
    state = getattr(_driver_error(error), "sqlstate", None)
    return state if isinstance(state, str) else ""


def _is_a(error: BaseException, name: str) -> bool:
    """Whether the driver's error is of the DB-API (PEP 249) class `name`, whichever driver."""
    return any(kind.__name__ == name for kind in type(_driver_error(error)).__mro__)


def database_unavailable(error: BaseException) -> bool:
    """The database cannot be reached or is too busy: every batch would fail alike."""
    if isinstance(error, OperationalError | PoolTimeout):
        return True
    return _sqlstate(error)[:2] in _UNAVAILABLE_CLASSES or _is_a(error, "OperationalError")


def data_refused(error: BaseException) -> str | None:
    """The database's own reason when it refused the data written (first line, shortened),
    or None for any other failure."""
    driver = _driver_error(error)
    refused = (
        isinstance(error, DataError | IntegrityError | OverflowError)
        or _sqlstate(error)[:2] in _DATA_CLASSES
        or _is_a(error, "DataError")
        or _is_a(error, "IntegrityError")
    )
    if not refused:
        return None
    lines = str(driver).strip().splitlines()
    reason = lines[0] if lines else type(driver).__name__
    return reason[:REASON_LENGTH]
