"""A learner types their name on the on-screen keyboard, driven as a finger would: run in its
own process under a virtual X screen (the keyboard is a window of its own, which the offscreen
platform cannot show), because the input method is chosen once per process.

    python -m tests.ui.keyboard_kiosk DATA_DIR REPORT.json SCREENSHOT.png

Writes what it saw to REPORT.json for tests/ui/test_touch_keyboard.py.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.core.resources import courses_dir
from app.ui.kiosk import make_application, open_window
from app.ui.touch_keyboard import keyboard_settings


def wait_for(condition, seconds: float = 20.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        if condition():
            return True
        QTest.qWait(50)
    return False


def keyboard_window() -> QQuickWindow | None:
    for window in QGuiApplication.topLevelWindows():
        if isinstance(window, QQuickWindow) and window.isVisible():
            return window
    return None


def key_items(window: QQuickWindow) -> list[QQuickItem]:
    """Every visible item, walking the visual tree (list delegates are not QObject children)."""
    found: list[QQuickItem] = []
    waiting = [window.contentItem()]
    while waiting:
        item = waiting.pop()
        if item.isVisible():
            found.append(item)
            waiting.extend(item.childItems())
    return found


def tap_key(window: QQuickWindow, text: str) -> bool:
    """Tap the visible key (or candidate) that shows `text`."""
    for item in key_items(window):
        if item.property("text") == text and item.width() > 0 and item.property("key") is not None:
            centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
            QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
            QTest.qWait(80)
            return True
    return False


def candidates(window: QQuickWindow) -> list[str]:
    """The pinyin candidates shown above the keys, left to right."""
    shown = [
        (item.mapToScene(QPointF(0, 0)).x(), item.property("text"))
        for item in key_items(window)
        if item.property("key") is None and item.width() > 0 and isinstance(item.property("text"), str)
    ]
    return [text for _x, text in sorted(shown) if len(text) == 1 and "\u4e00" <= text <= "\u9fff"]


def tap_candidate(window: QQuickWindow, text: str) -> bool:
    """Tap a word in the list of pinyin candidates above the keys."""
    for item in key_items(window):
        if item.property("text") == text and item.property("key") is None and item.width() > 0:
            centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
            QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
            QTest.qWait(80)
            return True
    return False


def main(data_dir: Path, report_path: Path, shot_path: Path) -> int:
    app = make_application(keyboard="on")
    window = open_window(data_dir, courses_dir(), lang="zh", idle_seconds=None, closable=True)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    assert wait_for(lambda: window.services is not None), "the kiosk never finished starting"
    QTest.mouseClick(window.welcome.start, Qt.MouseButton.LeftButton)
    QTest.mouseClick(window.signin.new_button, Qt.MouseButton.LeftButton)
    field = window.new_learner.name
    report: dict[str, object] = {"input_method": QGuiApplication.platformName()}
    # With the handwriting pad offered, the keys wait for a tap in the name box (they would
    # cover the pad); without it they open with the screen.
    report["pad_offered"] = window.new_learner.writing is not None
    if report["pad_offered"]:
        QTest.qWait(300)
        QTest.mouseClick(field, Qt.MouseButton.LeftButton)
    report["opened"] = wait_for(lambda: QGuiApplication.inputMethod().isVisible(), 20)
    keys = keyboard_window()
    wait_for(lambda: keyboard_settings() is not None and keyboard_settings().property("locale") == "zh_CN", 5)
    settings = keyboard_settings()
    report["locales"] = list(settings.property("activeLocales")) if settings else None
    window.state.set_lang("en")  # the kiosk's language switch
    QApplication.processEvents()
    report["locales_in_english"] = list(settings.property("activeLocales")) if settings else None
    report["locale_in_english"] = settings.property("locale") if settings else None
    window.state.set_lang("zh")
    QApplication.processEvents()
    QTest.qWait(500)  # the keys slide in
    keys_top = int(QGuiApplication.inputMethod().keyboardRectangle().top())
    field_bottom = field.mapTo(window, QPoint(0, field.height())).y()
    report["keys_top"] = keys_top
    report["field_bottom"] = field_bottom
    report["key_height"] = next((int(i.height()) for i in key_items(keys) if i.property("text") == "w"), 0)
    typed = keys is not None and all(tap_key(keys, letter) for letter in "wang")
    report["typed_pinyin"] = typed
    wait_for(lambda: any(i.property("text") == "王" for i in key_items(keys)), 5)
    report["candidates"] = candidates(keys) if keys else []
    report["picked"] = tap_candidate(keys, "王") if keys else False
    if not report["picked"] and keys is not None:
        report["items"] = [
            (type(i).__name__, i.metaObject().className(), i.property("text"), i.property("display"), i.width())
            for i in key_items(keys)
            if i.property("text") or i.property("display")
        ][:60]
    QTest.qWait(300)
    report["name"] = field.text()
    QGuiApplication.primaryScreen().grabWindow(0).save(str(shot_path))
    QTest.mouseClick(window.new_learner.save, Qt.MouseButton.LeftButton)
    report["signed_in_as"] = window.state.learner.display_name if window.state.learner else None
    report["keys_after_save"] = wait_for(lambda: not QGuiApplication.inputMethod().isVisible(), 5)
    window.quit_for_staff()
    window.services.close()
    report_path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    app.processEvents()
    return 0


if __name__ == "__main__":
    code = main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
    sys.stdout.flush()
    # Qt Quick's keyboard window outlives Python's orderly teardown and aborts it; the report
    # is written, so leave at once.
    import os

    os._exit(code)
