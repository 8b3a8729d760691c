"""The phone simulator on its own: every component draws, gestures become the right actions,
the number pad types, and the highlight ring follows its target and stops when cleared."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.core.course import ActionKind, Direction, Screen
from app.core.engine import Action
from app.ui.icons import IconLibrary
from app.ui.theme import Theme
from tests.ui import robot
from tests.ui.phone_samples import all_samples, saved_and_audited

pytestmark = pytest.mark.gui


def text(word: str) -> dict:
    return {"zh": f"{word}（中）", "en": word}


SAMPLES = {
    "lock": [{"type": "lock_screen", "id": "bar", "date": text("Today"), "notice": text("A message")}],
    "grid": [
        {
            "type": "app_grid",
            "apps": [
                {"id": f"app{i}", "icon": "chat", "label": text(f"App {i}"), "badge": 3 if i == 0 else None}
                for i in range(5)
            ],
        }
    ],
    "page": [
        {"type": "text", "text": text("Some words"), "size": "large"},
        {"type": "amount", "label": text("Amount"), "value": "¥25.00", "payee": text("Shop")},
        {
            "type": "list",
            "header": text("List"),
            "rows": [
                {"id": "row", "icon": "shop", "title": text("Row"), "subtitle": text("Sub"), "trailing": text("1:00")}
            ],
        },
        {"type": "text_field", "id": "field", "label": text("Amount"), "placeholder": text("Type")},
        {"type": "button", "id": "go", "label": text("Go"), "icon": "check"},
        {"type": "toast", "message": text("Saved")},
    ],
    "dialog": [
        {"type": "text", "text": text("Behind")},
        {
            "type": "dialog",
            "title": text("Sure?"),
            "message": text("Really"),
            "buttons": [{"id": "yes", "label": text("Yes")}, {"id": "no", "label": text("No"), "style": "secondary"}],
        },
    ],
    "incoming": [
        {
            "type": "incoming_call",
            "caller": text("Daughter"),
            "subtitle": text("calling"),
            "avatar": "daughter",
            "accept": "answer",
            "decline": "decline",
        }
    ],
    "video": [
        {
            "type": "video_call",
            "caller": text("Daughter"),
            "status": text("00:10"),
            "mute": "mute",
            "switch_camera": "flip",
            "hang_up": "end",
        }
    ],
    "scan": [{"type": "qr_scan", "id": "code", "prompt": text("Fit the code"), "payee": text("Shop")}],
}


def show(phone, name: str, title_bar: dict | None = None) -> Screen:
    screen = Screen.model_validate({"components": SAMPLES[name], **({"title_bar": title_bar} if title_bar else {})})
    phone.show_screen(screen)
    QTest.qWait(10)
    return screen


@pytest.mark.parametrize("scale", [1.0, 1.5])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(SAMPLES))
def test_every_component_draws_its_targets_big_enough(phone, name, lang, scale, tmp_path):
    phone.set_theme(Theme(scale))
    phone.set_lang(lang)
    screen = show(phone, name, {"title": text("App"), "back": "back"})
    assert set(phone.target_ids()) == set(screen.targets())
    for target_id in phone.target_ids():
        target = phone.target_widget(target_id)
        assert target.width() >= 60 and target.height() >= 60, target_id
        assert target.property("target") == target_id
    assert not phone.grab().isNull()


def test_tap_long_press_and_swipe(phone):
    show(phone, "lock")
    robot.swipe(phone.target_widget("bar"), Direction.UP)
    robot.long_press(phone.target_widget("bar"))
    robot.tap(phone.target_widget("bar"))
    assert phone.actions == [
        Action(ActionKind.SWIPE, "bar", direction=Direction.UP),
        Action(ActionKind.LONG_PRESS, "bar"),
        Action(ActionKind.TAP, "bar"),
    ]


def test_number_pad_types_and_done_sends_the_value(phone):
    show(phone, "page")
    robot.tap(phone.target_widget("field"))
    assert phone.actions == []  # opening the pad is not an answer
    for key in ["2", "9", "delete", "5"]:
        robot.tap(phone.key_widget(key))
    assert phone.typed_text() == "25"
    robot.tap(phone.key_widget("done"))
    assert phone.actions == [Action(ActionKind.TYPE, "field", value="25")]
    assert not phone.key_widget("done").isVisible()


def test_a_tap_on_nothing_is_reported_as_a_miss(phone):
    show(phone, "page")
    surface = phone.surface()
    QTest.mouseClick(
        surface, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, surface.height() - 5)
    )
    assert phone.actions == [Action(ActionKind.TAP, "")]


def test_highlight_rings_the_target_and_stops_when_cleared(phone):
    show(phone, "grid")
    phone.highlight("app3")
    overlay = phone._highlight
    assert overlay.isVisible() and overlay.timer.isActive()
    target = phone.target_widget("app3")
    assert overlay.ring_rect().topLeft() == target.mapTo(phone, QPoint(0, 0))
    assert phone.highlighted_target() == "app3"
    phone.clear_highlight()
    assert not overlay.isVisible() and not overlay.timer.isActive()
    assert phone.highlighted_target() is None


def test_unknown_icon_is_an_error_not_a_blank():
    icons = IconLibrary()
    with pytest.raises(KeyError, match="telephone"):
        icons.pixmap("telephone", 32)
    with pytest.raises(KeyError, match="telephone"):
        icons.require({"phone", "telephone"})


@pytest.mark.parametrize("scale", [1.0, 1.5])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_sample_screen_meets_the_numbers_and_is_saved(phone, lang, scale):
    """Realistic screens with long words (tests/ui/phone_samples.py), audited as rendered and
    saved to build/screens/phone/ to be looked at."""
    theme = Theme(scale)
    QApplication.instance().setStyleSheet(theme.stylesheet())  # as the kiosk window does
    phone.set_theme(theme)
    phone.set_lang(lang)
    failures = []
    try:
        for name, screen in all_samples().items():
            phone.show_screen(screen)
            QTest.qWait(10)
            found = saved_and_audited(phone, f"{name}-{lang}-{int(scale * 100)}.png", scale)
            if found:
                failures.append(found)
    finally:
        QApplication.instance().setStyleSheet("")
    assert not failures, "\n".join(failures)
