"""The tests that need what only the Linux machines have, and why: on Windows (the workflow in
.github/workflows/windows.yml) they are skipped with that reason instead of failing. On Linux
nothing here changes anything: the Linux CI runs every test.

A test can also say it of itself with `@pytest.mark.linux_only(reason="...")`."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping

SIGKILL = "kills a process with SIGKILL, which Windows does not have"
GRACEFUL_STOP = "stops the server with SIGTERM and expects a graceful exit 0; on Windows that signal is a kill"
POSIX_MODES = "checks POSIX file modes (0600); Windows keeps the data private by its user profile folder instead"
POSTGRESQL = "runs a throwaway PostgreSQL cluster (initdb as the postgres user, Unix sockets)"

# Node ids, or their start: a file ("tests/x.py"), a folder ("tests/voice/"), a test with all
# its parameters ("tests/x.py::test_y").
LINUX_ONLY: dict[str, str] = {
    "tests/voice/": "renders speech with espeak-ng and measures the WAV, played by a stand-in for ALSA's aplay",
    "tests/ui/test_crash_safety.py": SIGKILL,
    "tests/centre/test_durability.py": SIGKILL,
    "tests/centre/test_forwarding.py::test_the_city_store_killed_mid_forwarding_then_restarted": SIGKILL,
    "tests/centre/test_forwarding.py::test_centre_a_killed_mid_forwarding_keeps_its_queue": SIGKILL,
    "tests/sync/test_sync_with_centre.py::test_the_server_killed_mid_batch_loses_and_doubles_nothing": SIGKILL,
    "tests/centre/test_commands.py::test_several_workers_share_the_port_and_the_database": GRACEFUL_STOP,
    "tests/store/test_damaged_database.py::test_a_damaged_file_raises_a_typed_error_and_is_kept_as_it_was": POSIX_MODES,
    "tests/store/test_damaged_database.py::test_a_read_only_database_is_refused_before_a_learner_loses_a_step": (
        "makes the file read-only with chmod, or chattr +i as root (os.geteuid)"
    ),
    "tests/centre/test_security.py::test_the_centre_database_is_readable_by_its_owner_only": POSIX_MODES,
}
# Test files that cannot even be imported elsewhere: not collected, and named in the header.
NOT_COLLECTED: dict[str, str] = {
    "tests/centre/test_write_turn.py": "holds the writers' turn with fcntl.flock (POSIX)",
}
POSTGRESQL_FIXTURES = {"postgres_cluster", "postgres_url"}


def on_linux(platform: str | None = None) -> bool:
    return (platform or sys.platform).startswith("linux")


def _names(nodeid: str, key: str) -> bool:
    if key.endswith("/"):
        return nodeid.startswith(key)
    return nodeid == key or nodeid.startswith((f"{key}::", f"{key}["))


def linux_only_reason(
    nodeid: str, fixtures: Iterable[str] = (), params: Mapping[str, object] | None = None
) -> str | None:
    """Why the test needs Linux, or None if it runs anywhere. A test on PostgreSQL is known by
    its fixtures or by a "postgresql" parameter (the tests run on SQLite and PostgreSQL alike)."""
    for key, reason in LINUX_ONLY.items():
        if _names(nodeid, key):
            return reason
    if POSTGRESQL_FIXTURES & set(fixtures) or "postgresql" in (params or {}).values():
        return POSTGRESQL
    return None
