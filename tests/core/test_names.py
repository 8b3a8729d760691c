"""Finding one's name among hundreds: pinyin order, groups that fit a screen, namesakes told apart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.core.learners import LearnerRecord
from app.core.names import (
    letter_of,
    name_groups,
    name_order,
    namesakes,
    surname_order,
    surname_reading,
    tile_labels,
)
from tests.support.crowd import crowd

DAY = datetime(2026, 11, 3, 9, 30, tzinfo=UTC)


def learner(number: int, name: str, digits: str | None = None, created: datetime = DAY) -> LearnerRecord:
    return LearnerRecord(f"id-{number}", name, digits, created)


def the_crowd() -> list[LearnerRecord]:
    return [learner(i, name, digits) for i, (name, digits) in enumerate(crowd())]


def test_surnames_sort_by_pinyin_as_a_class_list_does_not_by_code_point():
    # Unicode order is 万 于 付 何 冯 刘 单 周 ...; a Chinese reader expects a, b, c ...
    surnames = list("王万于付何冯刘单周曾张赵陈李")
    assert sorted(surnames) != sorted(surnames, key=surname_order)
    ordered = "".join(sorted(surnames, key=surname_order))
    assert ordered == "陈冯付何李刘单万王于曾张赵周"


def test_surnames_read_as_surnames_not_as_their_common_word():
    assert surname_reading("单") == "shan"  # not "dan"
    assert surname_reading("曾") == "zeng"  # not "ceng"
    assert surname_reading("解") == "xie"  # not "jie"
    assert letter_of("王") == "W" and letter_of("Wong") == "W" and letter_of("曾") == "Z"


def test_latin_names_file_among_the_letters():
    people = [learner(1, "Mary Wong"), learner(2, "王秀英"), learner(3, "Ann Chan"), learner(4, "陈国平")]
    assert [p.display_name for p in sorted(people, key=name_order)] == ["Ann Chan", "陈国平", "Mary Wong", "王秀英"]


def test_few_surnames_are_one_button_each_in_pinyin_order():
    people = [learner(i, name) for i, name in enumerate(["王秀英", "万建国", "李桂兰", "王国平", "张丽华"])]
    groups = name_groups(people, most_groups=10, most_names=12)
    assert [g.surnames for g in groups] == [("李",), ("万",), ("王",), ("张",)]
    assert [g.count for g in groups] == [1, 1, 2, 1]


def test_three_hundred_learners_fall_into_groups_a_screen_can_hold():
    people = the_crowd()
    assert len(people) == 300
    surnames = {p.display_name[0] for p in people}
    assert len(surnames) > 60  # the wall of buttons the issue describes
    groups = name_groups(people, most_groups=24, most_names=16)
    assert len(groups) <= 40
    # every learner is in exactly one group, and groups come in pinyin order
    assert sum(g.count for g in groups) == 300
    for person in people:
        assert sum(g.holds(person) for g in groups) == 1
    letters = [g.letter for g in groups]
    assert letters == sorted(letters)
    # a group of several surnames never holds more than a screenful; one surname may, alone
    for group in groups:
        assert group.count <= 16 or len(group.surnames) == 1
        assert len({letter_of(s) for s in group.surnames}) == 1


def test_namesakes_are_found_whatever_spaces_were_typed():
    people = [learner(1, "王国平", "1234"), learner(2, "王 国平"), learner(3, "王国庆")]
    assert [p.id for p in namesakes(people, "王国平")] == ["id-1"]
    assert [p.id for p in namesakes(people, " 王国平 ")] == ["id-1"]


def test_namesake_tiles_always_differ():
    later = DAY + timedelta(days=5)
    people = [
        learner(1, "王国平", "1234"),
        learner(2, "王国平", "5678"),
        learner(3, "王国平", None, DAY),  # registered before the rule: no digits
        learner(4, "王国平", None, later),
        learner(5, "王国平", None, later + timedelta(hours=1)),
        learner(6, "李桂兰", None),
    ]
    labels = tile_labels(people)
    assert labels["id-1"].digits == "1234" and labels["id-1"].registered is None
    assert labels["id-6"].registered is None and labels["id-6"].number is None  # no namesake
    assert labels["id-3"].registered == DAY.date() and labels["id-3"].number is None
    assert (labels["id-4"].registered, labels["id-4"].number) == (later.date(), 1)
    assert (labels["id-5"].registered, labels["id-5"].number) == (later.date(), 2)
    tiles = {(p.display_name, labels[p.id]) for p in people}
    assert len(tiles) == len(people)


def test_every_tile_in_the_crowd_is_unique():
    people = the_crowd()
    labels = tile_labels(people)
    assert len({(p.display_name, labels[p.id]) for p in people}) == 300
