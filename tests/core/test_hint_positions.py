"""Words of position in a hint: which are about the target, and whether they hold (no Qt)."""

from __future__ import annotations

import pytest

from app.core.hint_positions import LAST, Box, Order, Placement, claims_about_target, holds, mismatches

BOTTOM_RIGHT = Placement(Box(0.6, 0.8, 0.9, 0.95), order=Order(1, 1, 2, 2, 2, 2))
BOTTOM_LEFT = Placement(Box(0.1, 0.8, 0.4, 0.95), order=Order(1, 1, 1, 2, 1, 2))
TOP_LEFT = Placement(Box(0.0, 0.05, 0.15, 0.12))
GRID_THIRD_OF_FIRST_ROW = Placement(Box(0.7, 0.1, 0.95, 0.25), order=Order(1, 2, 3, 3, 3, 6))


def words(text: str, lang: str, names: set[str], **kwargs) -> list[str]:
    return [c.words for c in claims_about_target(text, lang, names, **kwargs)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("绿色的“接听”在右下方，红色的在左下方。", "zh", ["右下方"]),  # the second clause is the red button's
        ('The green "Answer" is at the bottom right. The red button is at the bottom left.', "en", ["bottom right"]),
        ("绿色的在右边，是接听；红色的在左边，是挂断。", "zh", []),  # two things, neither named: not judged
        ("Green, on the right, answers. Red, on the left, declines.", "en", []),
        ("“接听”是右下角的绿色按钮。", "zh", ["右下角"]),
        ("点右上角的“接听”。", "zh", ["右上角"]),  # the quote it qualifies
        ("点右上角的“设置”。", "zh", []),  # about another thing
    ],
)
def test_a_claim_is_the_targets_only_when_the_sentence_is_about_it(text, lang, expected):
    assert words(text, lang, {"接听", "Answer"}, screen_words={"设置", "Settings"}) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("“付款”是蓝色的图标，上面有一个人民币符号。", "zh"),  # on it, not where it is
        ("“10:30-11:00”下面写着还剩几个。", "zh"),  # what is written under it
        ("请点号码下面的绿色按钮。", "zh"),  # relative to the number
        ("绿色的“付款”按钮在金额的下面。", "zh"),
        ("“蔬菜”在“推荐”的右边。", "zh"),
        ('The message box is to the left of "+".', "en"),
        ("Tap the first row under your name.", "en"),  # counted in its list: judged by order, not here
        ("The back arrow points to the left.", "en"),  # a direction
        ("It has a grey switch on the right.", "en"),  # a part of it
        ('It says "5 new" on the right.', "en"),
    ],
)
def test_relative_claims_and_descriptions_are_not_judged_as_positions(text, lang):
    found = claims_about_target(text, lang, set())
    assert all(c.ordinal for c in found), found


def test_an_instruction_describes_the_screen_before_it_asks():
    say = "This is the Me page, with your name at the top. Tap the back arrow at the top left."
    assert words(say, "en", set(), instruction=True) == ["top left"]
    assert words("最上面是您的名字。请点左上角的返回箭头。", "zh", set(), instruction=True) == ["左上角"]


def test_a_quote_of_words_drawn_nowhere_is_the_texts_subject():
    text = 'Tap the "+" button at the bottom.'
    assert words(text, "en", set(), screen_words={"Photos"}) == ["at the bottom"]
    assert words(text, "en", set(), screen_words={"+"}) == []  # "+" drawn, and not the target


@pytest.mark.parametrize(
    ("text", "lang", "placement", "true"),
    [
        ("在右下方", "zh", BOTTOM_RIGHT, True),
        ("在左下方", "zh", BOTTOM_RIGHT, False),
        ("at the top right", "en", BOTTOM_RIGHT, False),
        ("at the bottom left", "en", BOTTOM_LEFT, True),
        ("返回箭头在蓝色条的最左边", "zh", TOP_LEFT, True),
        ("在第一排的第三个", "zh", GRID_THIRD_OF_FIRST_ROW, True),
        ("在第二排", "zh", GRID_THIRD_OF_FIRST_ROW, False),
        ("It is the third icon in the first row", "en", GRID_THIRD_OF_FIRST_ROW, True),
        ("It is the second icon", "en", GRID_THIRD_OF_FIRST_ROW, False),
        ("It is the last one", "en", GRID_THIRD_OF_FIRST_ROW, True),  # last of its row
    ],
)
def test_claims_are_judged_against_where_the_target_is_drawn(text, lang, placement, true):
    claims = claims_about_target(text, lang, set())
    assert claims
    assert all(holds(c, placement) for c in claims) is true


def test_the_lowest_thing_on_a_short_page_is_the_one_at_the_bottom_but_not_in_the_bottom_corner():
    middle = Placement(Box(0.05, 0.4, 0.95, 0.48), lowest=True)
    assert mismatches("“完成”是最下面的绿色按钮。", "zh", {"完成"}, {1.0: middle}) == []
    assert mismatches('"Done" is the green button at the bottom.', "en", {"Done"}, {1.0: middle}) == []
    wrong = mismatches("请点右下方的“完成”。", "zh", {"完成"}, {1.0: middle})
    assert [m.claim.words for m in wrong] == ["右下方"]


def test_a_mismatch_names_the_sizes_it_is_wrong_at():
    right_at_100 = Placement(Box(0.6, 0.8, 0.9, 0.95))
    left_at_150 = Placement(Box(0.1, 0.8, 0.4, 0.95))
    (found,) = mismatches("在右下方", "zh", set(), {1.0: right_at_100, 1.25: right_at_100, 1.5: left_at_150})
    assert found.scales == (1.5,)
    assert found.message("answer") == "says “右下方” but 'answer' is drawn at the bottom left (text size 150 %)"


def test_last_row_counts_from_the_end():
    (claim,) = claims_about_target("在最后一行", "zh", set())
    assert claim.row == LAST
    assert holds(claim, Placement(Box(0, 0.8, 1, 0.9), order=Order(4, 4, 1, 1, 4, 4)))
    assert not holds(claim, Placement(Box(0, 0.8, 1, 0.9), order=Order(3, 4, 1, 1, 3, 4)))
