"""The phone where lessons teach, placed as WeChat, Alipay and the phone's own call screen
place it: the chat bar at the bottom with '+' at its right and the panel under it, the
recording screen while hold-to-talk is held, the in-call grid, the anti-fraud banner, the
video call's picture, the six-box password, the payment success page and the gesture bar.
Touched with a finger (tests/ui/touch.py), measured, and saved to build/screens/phone/."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from app.core.course import ActionKind, Direction
from app.core.engine import Action
from app.ui.icons import IconLibrary
from app.ui.phone import PhoneWidget
from app.ui.phone.password import PasswordBoxes
from app.ui.phone.recording import RecordingOverlay
from app.ui.phone.video_picture import RemotePicture
from app.ui.theme import Theme
from tests.ui import touch
from tests.ui.phone_fidelity_samples import SAMPLES, sample
from tests.ui.phone_samples import saved_and_audited

pytestmark = pytest.mark.gui


def show(phone: PhoneWidget, name: str) -> None:
    phone.show_screen(sample(name))
    QTest.qWait(20)


def rect_in_screen(phone: PhoneWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(phone.screen, QPoint(0, 0)), widget.size())


def named(phone: PhoneWidget, name: str) -> QWidget:
    found = phone.screen.findChild(QWidget, name)
    assert found is not None and found.isVisible(), name
    return found


def test_the_chat_bar_sits_at_the_bottom_with_plus_at_its_right_end(phone):
    show(phone, "chat-typing")
    bar = rect_in_screen(phone, named(phone, "chat-bar"))
    home = rect_in_screen(phone, named(phone, "home-bar"))
    assert bar.bottom() + 1 == home.top()  # nothing under the bar but the gesture bar
    assert home.bottom() + 1 == phone.screen.height()
    box = rect_in_screen(phone, phone.target_widget("message-box"))
    plus = rect_in_screen(phone, phone.target_widget("plus"))
    assert plus.left() > box.right() and bar.right() - plus.right() < phone.screen.width() // 20
    assert plus.width() < phone.screen.width() // 5  # a round '+', not a wide "More" button


def test_voice_mode_has_the_keyboard_switch_at_the_left_and_hold_to_talk_in_the_middle(phone):
    show(phone, "chat-voice")
    keyboard = rect_in_screen(phone, phone.target_widget("keyboard"))
    talk = rect_in_screen(phone, phone.target_widget("hold-to-talk"))
    plus = rect_in_screen(phone, phone.target_widget("plus"))
    assert keyboard.right() < talk.left() and talk.right() < plus.left()
    assert talk.width() > phone.screen.width() // 2


def test_the_plus_panel_opens_beneath_the_bar_and_the_chat_stays_in_sight(phone):
    show(phone, "chat-panel")
    bar = rect_in_screen(phone, phone.target_widget("message-box"))
    for app in ("photos", "take-new", "video-call", "location"):
        assert rect_in_screen(phone, phone.target_widget(app)).top() > bar.bottom(), app
    bubbles = [
        label for label in phone.screen.findChildren(QLabel) if "红烧肉" in (label.property("source_text") or "")
    ]
    assert bubbles and not bubbles[0].visibleRegion().isEmpty()
    touch.tap(phone.target_widget("video-call"))
    assert phone.actions == [Action(ActionKind.TAP, "video-call")]


def test_holding_hold_to_talk_shows_the_recording_screen_until_the_finger_lifts(phone):
    show(phone, "chat-voice")
    talk = phone.target_widget("hold-to-talk")
    window, point = talk.window(), talk.mapTo(talk.window(), talk.rect().center())
    QTest.touchEvent(window, touch.touch_screen()).press(0, point)  # sent as the sequence goes
    QTest.qWait(100)
    overlays = [o for o in phone.findChildren(RecordingOverlay) if o.isVisible()]
    assert len(overlays) == 1
    assert overlays[0].words == ("松开 发送", "上滑 取消")
    assert overlays[0].geometry() == phone.screen.rect()  # over the whole page
    QTest.qWait(700)
    QTest.touchEvent(window, touch.touch_screen()).release(0, point)
    QApplication.processEvents()
    assert phone.actions == [Action(ActionKind.LONG_PRESS, "hold-to-talk")]
    assert not [o for o in phone.findChildren(RecordingOverlay) if o.isVisible()]


def test_the_in_call_grid_has_six_buttons_and_only_those_with_ids_are_targets(phone):
    show(phone, "in-call")
    assert set(phone.target_ids()) == {"speaker", "mute", "hang-up"}
    icons = {w.property("call_icon") for w in phone.screen.findChildren(QWidget) if w.property("call_icon")}
    assert icons == {"mic-off", "dialpad", "speaker", "add-call", "video-camera", "hang-up"}
    assert phone.target_widget("speaker").property("call_icon") == "speaker"  # a loudspeaker,
    assert "handset" not in icons  # never the green answer handset
    mute, speaker = (rect_in_screen(phone, phone.target_widget(t)) for t in ("mute", "speaker"))
    hang_up = rect_in_screen(phone, phone.target_widget("hang-up"))
    assert mute.top() == speaker.top() and mute.left() < speaker.left()
    assert hang_up.top() > speaker.bottom()
    assert abs(hang_up.center().x() - phone.screen.width() // 2) < 8  # centred below the grid
    inert = next(w for w in phone.screen.findChildren(QWidget) if w.property("call_icon") == "dialpad")
    touch.tap(inert)
    assert phone.actions == [Action(ActionKind.TAP, "")]  # drawn, but nothing to press
    touch.tap(phone.target_widget("speaker"))
    assert phone.actions[-1] == Action(ActionKind.TAP, "speaker")


def test_the_speaker_icon_is_not_the_answer_icon():
    icons = IconLibrary()
    speaker = icons.pixmap("speaker", 48, "#000000").toImage().convertToFormat(QImage.Format.Format_ARGB32)
    handset = icons.pixmap("handset", 48, "#000000").toImage().convertToFormat(QImage.Format.Format_ARGB32)
    assert speaker != handset


def test_an_incoming_call_shows_the_fraud_warning_under_the_caller(phone):
    show(phone, "incoming-warning")
    banner = rect_in_screen(phone, named(phone, "fraud-warning"))
    caller = [
        label for label in phone.screen.findChildren(QLabel) if label.property("source_text") == "+86 0571 8888 6666"
    ]
    assert banner.top() > rect_in_screen(phone, caller[0]).bottom()
    assert banner.bottom() < rect_in_screen(phone, phone.target_widget("answer")).top()
    assert banner.top() < phone.screen.height() // 2  # near the top


def test_the_video_call_picture_fills_the_screen_with_the_self_view_at_the_top_right(phone):
    show(phone, "video-call")
    pictures = [p for p in phone.screen.findChildren(RemotePicture) if p.parentWidget().objectName() == "video-call"]
    picture = rect_in_screen(phone, pictures[0])
    assert picture.width() == phone.screen.width()
    assert picture.height() > phone.screen.height() * 0.8
    me = rect_in_screen(phone, named(phone, "self-view"))
    assert me.right() > phone.screen.width() * 0.9 and me.top() < phone.screen.height() * 0.2
    mute, hang_up, flip = (rect_in_screen(phone, phone.target_widget(t)) for t in ("mute", "hang-up", "flip"))
    assert mute.center().x() < hang_up.center().x() < flip.center().x()  # hang-up in the middle
    assert hang_up.bottom() > phone.screen.height() * 0.8


def test_the_password_pad_is_up_and_the_sixth_digit_sends_it(phone):
    show(phone, "password")
    assert phone.key_widget("done") is None  # no Done, no box to tap first
    boxes = phone.screen.findChild(PasswordBoxes)
    assert boxes is not None and boxes.isVisible() and boxes.filled == 0
    for i, digit in enumerate("12345", start=1):
        touch.tap(phone.key_widget(digit))
        assert boxes.filled == i
    assert phone.actions == []
    touch.tap(phone.key_widget("6"))
    assert phone.actions == [Action(ActionKind.TYPE, "password", value="123456")]


def test_a_digit_too_many_is_never_typed_and_delete_takes_one_back(phone):
    show(phone, "password")
    for key in ["1", "2", "delete", "2"]:
        touch.tap(phone.key_widget(key))
    assert phone.typed_text() == "12"


def test_the_payment_success_page_has_the_tick_the_sum_the_payee_and_done(phone):
    show(phone, "paid")
    words = {label.property("source_text") for label in phone.screen.findChildren(QLabel)}
    assert {"支付成功", "¥86.40", "幸福超市", "完成"} <= words
    done = rect_in_screen(phone, phone.target_widget("done"))
    assert done.bottom() > phone.screen.height() * 0.75
    touch.tap(phone.target_widget("done"))
    assert phone.actions == [Action(ActionKind.TAP, "done")]


def test_swiping_up_the_gesture_bar_goes_home(phone):
    show(phone, "home-bar")
    bar = phone.target_widget("home")
    assert rect_in_screen(phone, bar).bottom() + 1 == phone.screen.height()
    centre = bar.rect().center()
    touch.drag(bar, centre, centre - QPoint(0, 160))
    assert phone.actions == [Action(ActionKind.SWIPE, "home", direction=Direction.UP)]


@pytest.mark.parametrize("scale", [1.0, 1.5])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_fidelity_sample_meets_the_numbers_and_is_saved(phone, lang, scale):
    theme = Theme(scale)
    QApplication.instance().setStyleSheet(theme.stylesheet())  # as the kiosk window does
    phone.set_theme(theme)
    phone.set_lang(lang)
    failures = []
    try:
        for name in SAMPLES:
            show(phone, name)
            found = saved_and_audited(phone, f"fidelity-{name}-{lang}-{int(scale * 100)}.png", scale)
            if found:
                failures.append(found)
    finally:
        QApplication.instance().setStyleSheet("")
    assert not failures, "\n".join(failures)
