"""Fixtures for every test: no test touches the real user folders, speech is off unless a test
turns it on, and Qt draws on an offscreen kiosk-sized screen (1920 x 1080 at 96 dpi)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

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
os.environ.setdefault("SILVERSTEPS_SPEECH", "off")

# The offscreen platform's default screen is 800 x 800; describe a kiosk screen instead.
SCREEN_CONFIG = _SANDBOX / "offscreen-screen.json"
SCREEN_CONFIG.write_text(
    json.dumps(
        {
            "synchronousWindowSystemEvents": True,
            "screens": [
                {
                    "name": "kiosk",
                    "x": 0,
                    "y": 0,
                    "width": 1920,
                    "height": 1080,
                    "logicalDpi": 96,
                    "logicalBaseDpi": 96,
                    "dpr": 1,
                }
            ],
        }
    )
)
if os.environ.get("QT_QPA_PLATFORM", "offscreen").startswith("offscreen"):
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN_CONFIG}"


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
