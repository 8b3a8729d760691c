"""Pages and tiles get the room their words need: a name tile on the sign-in screen keeps both
its lines however many learners there are, and a scrolled page shows its scroll bar only when
its words really run past the bottom. Rendered to build/screens/ to be looked at."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QStyle, QStyleOptionButton, QVBoxLayout, QWidget

from app.ui.learner.signin import SHOW_ALL_AT_MOST
from tests.support.a11y import audit, format_violations
from tests.ui.kiosk_helpers import click, close_kiosk, open_kiosk

pytestmark = pytest.mark.gui
SCREENS_DIR = Path(__file__).resolve().parents[2] / "build" / "screens"
NAMES = {
    "zh": ["王秀英", "李建国", "张桂兰", "陈德明", "刘淑珍", "黄志强"],
    "en": ["Mary Wong", "Li Jianguo", "Zhang Guilan", "Tom Chan", "Ada Lau", "Bill Ho"],
}


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def save(window: QWidget, name: str) -> None:
    path = SCREENS_DIR / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(path)), path


def text_box(button: QPushButton):
    """Where the style draws a button's text: inside its border and padding."""
    option = QStyleOptionButton()
    button.initStyleOption(option)
    return button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)


@pytest.mark.parametrize("scale", [1.0, 1.5])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_name_tiles_keep_both_lines_with_many_learners(qtbot, tmp_path, lang, scale):
    window = open_kiosk(tmp_path, lang=lang)
    try:
        window.state.set_scale(scale)
        for i in range(SHOW_ALL_AT_MOST):  # all shown, far more than fit: the grid is squeezed into its scroller
            window.services.kiosk.db.learners.add(NAMES[lang][i % 6], f"{1000 + i}")
        click(window.welcome.start)
        settle()
        save(window, f"sign-in-many-{lang}-{int(scale * 100)}")
        tiles = window.signin.name_tiles()
        assert len(tiles) == SHOW_ALL_AT_MOST
        for tile in tiles:
            assert "\n" in tile.text()
            assert tile.height() >= tile.sizeHint().height(), tile.text()
            assert tile.height() >= window.state.theme.px(130)
            box = text_box(tile)
            needed = tile.fontMetrics().boundingRect(box, Qt.AlignmentFlag.AlignCenter, tile.text())
            assert box.contains(needed), f"{tile.text()!r}: needs {needed}, has {box}"
        violations = audit(window, scale=scale)
        assert not violations, format_violations(violations)
    finally:
        close_kiosk(window)


def page_with(lines: int, text: str) -> tuple[QWidget, object]:
    from app.ui.scrolling import scroll_page
    from app.ui.theme import Theme
    from app.ui.widgets import TextLabel

    QApplication.instance().setStyleSheet(Theme(1.0).stylesheet())  # as the kiosk sets it at 100 %
    holder = QWidget()
    holder.setObjectName("screen")
    outer = QVBoxLayout(holder)
    outer.setContentsMargins(0, 0, 0, 0)
    body = QVBoxLayout()
    for _ in range(lines):
        body.addWidget(TextLabel(text, "body"))
    body.addStretch(1)
    area = scroll_page(body)
    outer.addWidget(area)
    holder.resize(1200, 700)
    holder.show()
    settle()
    return holder, area


def test_scroll_page_shows_its_bar_only_when_the_page_overflows(qtbot):
    words = "Practise using a smartphone here, one step at a time. Mistakes are fine. " * 3
    holder, area = page_with(4, words)  # wraps to a few lines each: fits in 700 px
    qtbot.addWidget(holder)
    bar = area.verticalScrollBar()
    assert area.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded and area.widgetResizable()
    assert not bar.isVisible() and bar.maximum() == 0
    assert area.widget().height() == area.viewport().height()  # the body fills the page, no tail

    long_holder, long_area = page_with(40, words)
    qtbot.addWidget(long_holder)
    long_bar = long_area.verticalScrollBar()
    assert long_bar.isVisible() and long_bar.maximum() > 0
    assert long_area.widget().height() > long_area.viewport().height()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_new_learner_page_at_the_largest_text_fits_without_a_scroll_bar(qtbot, tmp_path, lang):
    """It fitted, but its wrapping labels' narrowest height made it look as if it did not."""
    window = open_kiosk(tmp_path, lang=lang)
    try:
        window.state.set_scale(1.5)
        click(window.welcome.start)
        click(window.signin.new_button)
        settle()
        save(window, f"new-learner-bar-{lang}-150")
        area = window.new_learner.findChild(QWidget, "page-body").parentWidget().parentWidget()
        assert area.widget().height() <= area.viewport().height()
        assert not area.verticalScrollBar().isVisible()
        violations = audit(window, scale=1.5)
        assert not violations, format_violations(violations)
    finally:
        close_kiosk(window)
