"""An older learner alone at the touch screen, with real touch events: finds her name among a
centre's 300 in at most three taps and says "是我"; registers without a hardware keyboard,
writing her name on the handwriting pad and tapping her phone's digits; is asked for those
digits when her name is already here. Pictures under build/screens/."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget

from app.core.names import name_order
from tests.handwriting import BOX, CHARACTERS
from tests.support.crowd import crowd
from tests.ui import touch
from tests.ui.kiosk_helpers import close_kiosk, open_kiosk

pytestmark = pytest.mark.gui

SCREENS_DIR = Path(__file__).resolve().parents[2] / "build" / "screens"


def settle(ms: int = 120) -> None:
    QApplication.processEvents()
    touch.QTest.qWait(ms)


def save(window: QWidget, name: str) -> None:
    SCREENS_DIR.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SCREENS_DIR / f"{name}.png"))


def on_screen(widget: QWidget) -> bool:
    """Wholly inside the window, and inside every scroller around it (so a finger can reach it)."""
    window = widget.window()
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    if not window.rect().contains(rect):
        return False
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if parent.objectName() == "qt_scrollarea_viewport":
            view = QRect(parent.mapTo(window, QPoint(0, 0)), parent.size())
            if not view.contains(rect):
                return False
        parent = parent.parentWidget()
    return widget.isVisible()


def bring_into_sight(area, widget: QWidget) -> None:
    """Drag the page by finger (a drag, not a tap) until `widget` shows whole in it."""
    viewport = area.viewport()
    for _ in range(12):
        if on_screen(widget):
            return
        top = widget.mapTo(viewport, QPoint(0, 0)).y()
        bottom = top + widget.height()
        # up by what hides below (or down by what hides above), at most most of the page
        shift = bottom - viewport.height() + 16 if bottom > viewport.height() else top - 16
        shift = max(-viewport.height() * 2 // 3, min(viewport.height() * 2 // 3, shift))
        x, middle = viewport.width() // 2, viewport.height() // 2
        start = QPoint(x, middle + shift // 2)
        touch.drag(viewport, start, QPoint(x, middle - shift // 2), steps=16, settle_ms=400)
        settle(400)
    assert on_screen(widget), widget.objectName()


@pytest.fixture
def centre_kiosk(tmp_path):
    window = open_kiosk(tmp_path)
    for name, digits in crowd():
        window.services.kiosk.db.learners.add(name, digits)
    yield window
    close_kiosk(window)


@pytest.mark.parametrize(("size", "scale"), [((1920, 1080), 1.0), ((1366, 768), 1.5)])
def test_any_of_300_learners_is_three_taps_from_the_welcome_and_asked_is_it_you(centre_kiosk, size, scale):
    window = centre_kiosk
    window.resize(*size)
    window.state.set_scale(scale)
    everyone = sorted(window.services.kiosk.learners.all(), key=name_order)
    assert len(everyone) == 300
    signin = window.signin
    # first, middle, last, the most common surname, namesakes: a spread of the 300
    wanted = everyone[::75] + [everyone[-1]] + [p for p in everyone if p.display_name == everyone[150].display_name]
    for learner in wanted:
        taps = 0
        window.show_welcome()
        settle()
        touch.tap(window.welcome.start)
        taps += 1
        settle()
        assert window.current() is signin
        button = signin.surname_button_for(learner)
        assert button is not None, learner.display_name
        bring_into_sight(signin.surname_area, button)
        touch.tap(button)
        taps += 1
        settle()
        tile = signin.findChild(QWidget, f"learner-{learner.id}")
        assert tile is not None and tile in signin.name_tiles()
        bring_into_sight(signin.scroll, tile)
        touch.tap(tile)
        taps += 1
        settle()
        assert taps <= 3
        assert signin.pages.currentWidget() is signin.confirm
        assert signin.confirm.name.plain_text() == learner.display_name
        assert on_screen(signin.confirm.yes) and on_screen(signin.confirm.no)
        if learner is wanted[0]:
            save(window, f"names-300-{size[0]}x{size[1]}-{int(scale * 100)}")
        touch.tap(signin.confirm.yes)
        settle()
        assert window.current() is window.catalogue
        assert window.state.learner.id == learner.id
        window.sign_out()


def test_not_me_goes_back_to_the_same_names_and_signs_nobody_in(centre_kiosk):
    window = centre_kiosk
    signin = window.signin
    touch.tap(window.welcome.start)
    settle()
    wang = next(b for b in signin.surname_buttons() if "王" in b.property("surnames"))
    touch.tap(wang)
    settle()
    names = [tile.text() for tile in signin.name_tiles()]
    touch.tap(signin.name_tiles()[0])
    settle()
    save(window, "confirm-name")
    touch.tap(signin.confirm.no)
    settle()
    assert window.current() is signin and window.state.learner is None
    assert [tile.text() for tile in signin.name_tiles()] == names
    other = signin.findChild(QWidget, "surname-change")
    touch.tap(other)
    settle()
    assert signin.name_tiles() == [] and len(signin.surname_buttons()) > 10


def test_namesakes_never_share_a_tile(centre_kiosk):
    window = centre_kiosk
    signin = window.signin
    touch.tap(window.welcome.start)
    settle()
    for button in list(signin.surname_buttons()):
        key = "+".join(button.property("surnames"))
        signin.choose_surname(key)
        texts = [tile.text() for tile in signin.name_tiles()]
        assert len(texts) == len(set(texts)), texts


def write(pad, character: str) -> None:
    side = pad.canvas.width()
    for stroke in CHARACTERS[character]:
        touch.trace(pad.canvas, [QPoint(x * side // BOX, y * side // BOX) for x, y in stroke])
    settle(60)
    first = pad.candidate_buttons()[0]
    assert first.text() == character
    touch.tap(first)
    settle(60)


def not_covered(window, field: QWidget, *tools: QWidget) -> bool:
    place = QRect(field.mapTo(window, QPoint(0, 0)), field.size())
    return all(
        not tool.isVisible() or not place.intersects(QRect(tool.mapTo(window, QPoint(0, 0)), tool.size()))
        for tool in tools
    )


@pytest.mark.parametrize(("size", "scale"), [((1920, 1080), 1.0), ((1366, 768), 1.5)])
def test_registering_by_writing_the_name_and_tapping_the_digits(tmp_path, size, scale):
    window = open_kiosk(tmp_path)
    try:
        window.resize(*size)
        window.state.set_scale(scale)  # "最大" pressed; she looks before she taps
        settle()
        window.services.kiosk.db.learners.add("王中", None)  # a namesake already here
        touch.tap(window.welcome.start)
        settle()
        touch.tap(window.signin.new_button)
        settle()
        screen = window.new_learner
        pad = screen.writing
        assert pad is not None, "Zinnia is installed by the README's set-up"
        bring_into_sight(screen.page, pad.canvas)
        write(pad, "王")
        write(pad, "中")
        assert screen.name.text() == "王中"
        assert on_screen(screen.name)  # she sees her name grow as she writes
        for tool in (pad, screen.number_pad):
            assert not_covered(window, screen.name, tool) and not_covered(window, screen.save, tool)
        save(window, f"register-pad-{size[0]}x{size[1]}-{int(scale * 100)}")
        bring_into_sight(screen.page, screen.save)
        touch.tap(screen.save)
        settle()
        # The name is here already: she is asked for her phone's last four digits, and the
        # number pad comes under their box.
        assert window.current() is screen
        assert "王中" in screen.problem.plain_text() and screen.find_mine.isVisible()
        assert screen.number_pad.isVisible() and not pad.isVisible()
        for digit in "2468":
            key = screen.number_pad.keys[digit]
            bring_into_sight(screen.page, key)
            touch.tap(key)
        assert screen.digits.text() == "2468"
        assert on_screen(screen.digits)
        assert not_covered(window, screen.digits, screen.number_pad)
        save(window, f"register-namesake-{size[0]}x{size[1]}-{int(scale * 100)}")
        bring_into_sight(screen.page, screen.save)
        touch.tap(screen.save)
        settle()
        assert window.current() is window.catalogue
        added = [p for p in window.services.kiosk.learners.all() if p.display_name == "王中"]
        assert sorted(p.phone_last4 or "" for p in added) == ["", "2468"]
    finally:
        close_kiosk(window)


def test_the_same_name_and_digits_again_is_offered_the_way_to_their_own_name(tmp_path):
    window = open_kiosk(tmp_path, lang="en")
    try:
        window.services.kiosk.db.learners.add("王中", "2468")
        touch.tap(window.welcome.start)
        settle()
        touch.tap(window.signin.new_button)
        settle()
        screen = window.new_learner
        screen.name.setText("王中")
        screen.digits.setText("2468")
        touch.tap(screen.save)
        settle()
        assert "already registered" in screen.problem.plain_text()
        assert len(window.services.kiosk.learners.all()) == 1
        touch.tap(screen.find_mine)
        settle()
        assert window.current() is window.signin
    finally:
        close_kiosk(window)
