"""Fixtures for every test: no test touches the real user folders, speech is off unless a test
turns it on, Qt draws on an offscreen kiosk-sized screen (1920 x 1080 at 96 dpi), and on another
platform than Linux the tests that need Linux are skipped with the reason (tests/support/platforms.py)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.support.platforms import NOT_COLLECTED, linux_only_reason, on_linux

# Speed is measured in bench/, never in tests: a busy CI machine must not fail a property
# test because drawing its examples was slow.
settings.register_profile("silversteps", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("silversteps")

_SANDBOX = Path(tempfile.mkdtemp(prefix="silversteps-tests-"))
for variable, folder in {
    "HOME": "home",
    "XDG_DATA_HOME": "data",
    "XDG_CONFIG_HOME": "config",
    "XDG_CACHE_HOME": "cache",
    "XDG_RUNTIME_DIR": "runtime",
}.items():
    (_SANDBOX / folder).mkdir(mode=0o700)
    os.environ[variable] = str(_SANDBOX / folder)
if sys.platform == "win32":
    # Windows' user folders: platformdirs asks the shell, unless WIN_PD_OVERRIDE_* says otherwise;
    # Path.home() reads USERPROFILE.
    for variables, folder in {
        ("LOCALAPPDATA", "WIN_PD_OVERRIDE_LOCAL_APPDATA"): "localappdata",
        ("APPDATA", "WIN_PD_OVERRIDE_APPDATA"): "appdata",
        ("USERPROFILE",): "home",
    }.items():
        (_SANDBOX / folder).mkdir(exist_ok=True)
        for variable in variables:
            os.environ[variable] = str(_SANDBOX / folder)
os.environ.setdefault("SILVERSTEPS_SPEECH", "off")

# The offscreen platform's default screen is 800 x 800; describe a kiosk screen instead (the
# first, where windows open), and beside it the other screens centres have, each named by its
# size, for the tests that put a window on them (tests/ui/test_screen_sizes.py).
KIOSK_SCREEN = (1920, 1080)
OTHER_SCREENS = [(1366, 768), (1280, 800), (1536, 864), (1080, 1920)]


def _screen(name: str, x: int, size: tuple[int, int]) -> dict:
    width, height = size
    return {
        "name": name,
        "x": x,
        "y": 0,
        "width": width,
        "height": height,
        "logicalDpi": 96,
        "logicalBaseDpi": 96,
        "dpr": 1,
    }


_screens = [_screen("kiosk", 0, KIOSK_SCREEN)]
for _size in OTHER_SCREENS:
    _screens.append(_screen(f"{_size[0]}x{_size[1]}", sum(s["width"] for s in _screens), _size))
SCREEN_CONFIG = _SANDBOX / "offscreen-screen.json"
SCREEN_CONFIG.write_text(json.dumps({"synchronousWindowSystemEvents": True, "screens": _screens}))
if os.environ.get("QT_QPA_PLATFORM", "offscreen").startswith("offscreen"):
    # Qt splits the platform's arguments at every ':', so on Windows the file is named without
    # its drive (\Users\...\offscreen-screen.json, on the current drive): keep TEMP on the
    # drive the tests run from (the Windows workflow sets it so).
    _config = os.path.splitdrive(SCREEN_CONFIG)[1] if sys.platform == "win32" else str(SCREEN_CONFIG)
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_config}"

# Test files that cannot be imported off Linux are left out there (pytest_report_header says so).
collect_ignore = [] if on_linux() else [path.removeprefix("tests/") for path in NOT_COLLECTED]


def pytest_report_header() -> list[str]:
    if on_linux():
        return []
    return [f"not collected off Linux: {path} ({reason})" for path, reason in NOT_COLLECTED.items()]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Off Linux, a test that needs Linux is skipped with its reason, not failed."""
    if on_linux():
        return
    for item in items:
        marker = item.get_closest_marker("linux_only")
        callspec = getattr(item, "callspec", None)
        reason = (marker.kwargs.get("reason", "needs Linux") if marker else None) or linux_only_reason(
            item.nodeid, getattr(item, "fixturenames", ()), callspec.params if callspec else None
        )
        if reason:
            item.add_marker(pytest.mark.skip(reason=f"Linux only: {reason}"))


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    return ["silversteps-tests"]


@pytest.fixture(scope="session", autouse=True)
def _kiosk_font(request: pytest.FixtureRequest) -> None:
    """Chinese needs a CJK font; set it the way the kiosk does, once, when Qt is in use."""
    if "qapp" not in request.fixturenames and not any(item.get_closest_marker("gui") for item in request.session.items):
        return
    from app.ui.kiosk import make_application

    make_application()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "kiosk-data"
    folder.mkdir()
    return folder
