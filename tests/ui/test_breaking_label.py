"""A lesson's words in a column narrower than a network name in quotes (the lesson screen on
1280 x 800 at 150 %): the name breaks between its parts instead of being cut off, and nothing
narrower than the column is ever broken."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from app.ui.theme import Theme
from app.ui.widgets import ZERO_WIDTH_SPACE, BreakingLabel, break_wide_pieces, widest_word_px

pytestmark = pytest.mark.gui
SAY = "您家网络的名字写在路由器底部的标签上，这里是“WangJia”。请点“WangJia”。"


@pytest.fixture
def label(qapp):
    qapp.setStyleSheet(Theme(1.5).stylesheet())  # as the kiosk window gives it: 42 pt
    shown = BreakingLabel(SAY, "instruction")
    shown.show()  # a hidden widget hears of its new size only when shown
    yield shown
    shown.deleteLater()
    qapp.setStyleSheet("")


def lines_fit(label: BreakingLabel) -> bool:
    """Every line of the label as laid out is inside its width."""
    label.resize(label.width(), label.heightForWidth(label.width()))
    QApplication.processEvents()
    return label.minimumSizeHint().width() <= label.width()


def test_a_name_wider_than_the_column_breaks_between_its_parts(label):
    label.ensurePolished()
    name = widest_word_px("“WangJia”。", label.font())
    label.resize(round(name) - 40, 400)
    QApplication.processEvents()
    assert f"Wang{ZERO_WIDTH_SPACE}Jia" in label.text()
    assert f"“{ZERO_WIDTH_SPACE}" not in label.text() and f"{ZERO_WIDTH_SPACE}”" not in label.text()
    assert lines_fit(label)
    assert label.plain_text() == SAY  # the words as written, for the tests and the tutor


def test_in_a_column_wide_enough_nothing_is_broken(label):
    label.ensurePolished()
    label.resize(round(widest_word_px(SAY, label.font())) + 40, 400)
    QApplication.processEvents()
    assert ZERO_WIDTH_SPACE not in label.text()
    assert lines_fit(label)


def test_only_the_pieces_wider_than_the_column_are_broken(label):
    label.ensurePolished()
    font = label.font()
    text = 'Tap "Tomorrow". It is on the right.'
    width = widest_word_px('"Tomorrow".', font) - 1
    broken = break_wide_pieces(text, font, width)
    assert broken.replace(ZERO_WIDTH_SPACE, "") == text
    assert ZERO_WIDTH_SPACE in broken.split('"')[1]  # inside the one word too wide for a line
    assert ZERO_WIDTH_SPACE not in broken.split('"')[2]  # "It is on the right." untouched
