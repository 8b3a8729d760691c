"""Fixtures of the screen tests: a phone, a real centre to talk to, and an application left as found."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.core.engine import Action
from app.ui.icons import IconLibrary
from app.ui.phone import PhoneWidget
from app.ui.theme import Theme
from tests.sync.test_sync_with_centre import Centre


@pytest.fixture(autouse=True)
def application_style_sheet_restored(qapp) -> Iterator[None]:
    """A test that gives the application the kiosk's style sheet (as the window does) must not
    hand it to the next test in the same worker: its font sizes override `setFont`, so a
    text-size test failed or passed by the order the worker ran them in."""
    before = qapp.styleSheet()
    yield
    if qapp.styleSheet() != before:
        qapp.setStyleSheet(before)


@pytest.fixture
def phone(qtbot) -> PhoneWidget:
    """A phone at 100 % text, shown, that keeps the actions it emits in `phone.actions`."""
    widget = PhoneWidget(Theme(1.0), IconLibrary())
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    actions: list[Action] = []
    widget.acted.connect(actions.append)
    widget.actions = actions
    return widget


@pytest.fixture
def centre(tmp_path) -> Iterator[Centre]:
    """A real centre server of the test's own (SQLite), as the kiosk's screens reach it."""
    server = Centre(f"sqlite:///{tmp_path / 'centre.db'}")
    server.start()
    yield server
    server.stop()
